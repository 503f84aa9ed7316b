/**
 * The viewer's model of one run, built in Node from a journal: the journal is re-run as a live
 * actor under XState inspection (src/view/adapter.ts), so the steps are exactly what an inspector
 * sees; the domain's own record of the run (RunResult or InstallResult) adds what a driver
 * engineer reads: the installer called at each step and its answer, each DIF's calls as swim
 * lanes, finish-install attempts and violations with their guideline and source.
 */
import { createActor } from 'xstate';
import { MACHINES } from '../../machines/index.js';
import { describeStatus, parseStatus } from '../domain/codes.js';
import type { CallRecord } from '../domain/dispatchRules.js';
import type { InstallResult } from '../domain/lifecycle/installResult.js';
import type { RunResult } from '../domain/runResult.js';
import { journalRun } from '../journal/replay.js';
import { fromWire, wireObserver, type WireMessage } from './adapter.js';
import { chartOf, type Chart } from './chart.js';
import { activeIds } from './chart.js';
import { configKey, defaultExpanded, mountsOf, visibleChart } from './collapse.js';
import { layoutChart, type LaidOutChart } from './layout.js';
import { buildSteps, type Step } from './trace.js';

export interface ChartView {
  readonly machine: string;
  /** The statechart as data; the page lays it out (elkjs) for each collapsed configuration. */
  readonly chart: Chart;
  /** Compound states whose subtree is another machine's whole chart, with that machine's id. */
  readonly mounts: Readonly<Record<string, string>>;
  /** State node ids of the chart, to tell which snapshot ids it can highlight. */
  readonly ids: readonly string[];
  /**
   * Layouts laid out ahead (in Node) for the configurations the run's steps show by default, by
   * configuration key; the page lays out any other one itself.
   */
  readonly layouts?: Readonly<Record<string, LaidOutChart>>;
}

export interface StepCall {
  /** The call the event answered, in words ("deviceCoInstaller 1 (x.dll) in preprocessing"). */
  readonly called: string;
  readonly answer?: { readonly hex: string; readonly name?: string };
  /** Key of the DIF occurrence (into ViewModel.difs) the call belongs to. */
  readonly dif?: string;
}

export interface CallView extends CallRecord {
  /** The step whose event answered the call (calls nobody answers take the next step's). */
  readonly step: number;
  readonly returnedName?: string;
}

export interface DifView {
  readonly key: string;
  readonly dif: string;
  readonly nestedIn?: string;
  /** Key of the DIF this one ran inside. */
  readonly parent?: string;
  readonly context?: string;
  readonly result: { readonly hex: string; readonly name: string | null };
  readonly calls: readonly CallView[];
  readonly firstStep: number;
  readonly lastStep: number;
  /** A setupapi.dev.log's block: its line, and `devinst log check`'s verdict on it. */
  readonly line?: number;
  readonly endLine?: number;
  readonly check?: { readonly verdict: 'conforms' | 'violates' | 'incomplete'; readonly reason: string; readonly profiles: Readonly<Record<string, boolean>> };
}

export interface ViolationView {
  readonly rule: string;
  readonly message: string;
  readonly source: string;
  readonly dif: string;
  readonly who: string;
  readonly name: string;
  readonly phase?: string;
  readonly step: number;
}

export interface ViewModel {
  readonly title: string;
  readonly file?: string;
  readonly kind: string;
  readonly machine: string;
  readonly profile: string;
  readonly summary: string;
  readonly charts: readonly ChartView[];
  readonly steps: readonly Step[];
  readonly stepCalls: readonly (StepCall | null)[];
  readonly difs: readonly DifView[];
  readonly violations: readonly ViolationView[];
  readonly finishInstall?: { readonly marked: boolean; readonly attempts: number; readonly pending: boolean; readonly results: readonly string[] };
  readonly notes: readonly string[];
  /** A setupapi.dev.log's sections (the log viewed is a real one), each with the step of its first DIF block. */
  readonly sections?: readonly { readonly index: number; readonly title: string; readonly line: number; readonly start: string | null; readonly end: string | null; readonly exitStatus: string | null; readonly difBlocks: number; readonly firstStep: number }[];
  /** A setupapi.dev.log's text for the run, when there is one (a log reader fills it in). */
  readonly log?: { readonly name: string; readonly text: string };
}

const chartCache = new Map<string, ChartView>();

/** Every machine's chart, read once per process. */
export function machineCharts(): Chart[] {
  return Object.values(MACHINES as Record<string, { machine: Parameters<typeof chartOf>[0] }>).map((entry) => chartOf(entry.machine));
}

/** The chart of a machine by id, with the mounts of other machines' charts in it. */
export function chartView(machineId: string): Promise<ChartView> {
  let cached = chartCache.get(machineId);
  if (!cached) {
    const entry = (MACHINES as Record<string, { machine: Parameters<typeof chartOf>[0] } | undefined>)[machineId];
    if (!entry) throw new Error(`no machine ${machineId}`);
    const chart = chartOf(entry.machine);
    cached = { machine: machineId, chart, mounts: mountsOf(chart, machineCharts()), ids: Object.keys(chart.nodes) };
    chartCache.set(machineId, cached);
  }
  return Promise.resolve(cached);
}

const layoutCache = new Map<string, Promise<LaidOutChart>>();

/** A chart with the layouts its steps need by default (each configuration laid out once per process). */
async function withLayouts(view: ChartView, steps: readonly Step[]): Promise<ChartView> {
  const layouts: Record<string, LaidOutChart> = {};
  for (const s of steps) {
    const actors = Object.values(s.actors).filter((a) => a.machine === view.machine);
    const actor = [...actors].reverse().find((a) => a.status === 'active') ?? actors[0];
    if (!actor) continue;
    const expanded = defaultExpanded(view.chart, activeIds(view.chart, actor.value));
    const key = configKey(view.chart, expanded);
    if (key in layouts) continue;
    const cacheKey = `${view.machine}|${key}`;
    let laid = layoutCache.get(cacheKey);
    if (!laid) layoutCache.set(cacheKey, (laid = layoutChart(visibleChart(view.chart, expanded, view.mounts))));
    layouts[key] = await laid;
  }
  return { ...view, layouts };
}

export async function chartsFor(machineIds: Iterable<string>): Promise<ChartView[]> {
  const known = [...new Set(machineIds)].filter((id) => id in MACHINES);
  return Promise.all(known.map(chartView));
}

const isInstall = (r: RunResult | InstallResult): r is InstallResult => 'outcome' in r;

const statusName = (hex: string): string | undefined => {
  try {
    return describeStatus(parseStatus(hex)).name;
  } catch {
    return undefined;
  }
};

/** Re-runs a journal under inspection; `messages` receives every wire message in order. */
export function inspectJournal(text: string, file: string, messages: WireMessage[] = []) {
  const run = journalRun(text, { file });
  const actor = createActor(run.machine, { input: run.start, inspect: wireObserver((m) => messages.push(m)) });
  actor.start();
  for (const event of run.events) actor.send(event);
  actor.stop();
  return { run, messages };
}

export async function buildModel(text: string, file: string, extra: { log?: ViewModel['log'] } = {}): Promise<ViewModel> {
  const { run } = inspectJournal(text, file, []);
  const messages: WireMessage[] = [];
  inspectJournal(text, file, messages);
  const steps = buildSteps(messages.map(fromWire).filter((e) => e !== null));
  const result = run.result;
  const records: { dif: string; nestedIn?: string; context?: string; result: { hex: string; name: string | null }; calls: readonly CallRecord[] }[] = isInstall(result)
    ? result.difs.map((d) => ({ dif: d.dif, ...(d.nestedIn ? { nestedIn: d.nestedIn } : {}), context: d.context, result: d.result, calls: d.calls }))
    : [{ dif: result.dif, result: result.result, calls: result.calls }];

  // Each answered step belongs to one DIF occurrence: (dif, nestedIn, nth time it started). A DIF
  // stays open while its own calls or those of a DIF nested in it go on.
  const seen = new Map<string, number>();
  let open = new Map<string, string>();
  const stepCalls: (StepCall | null)[] = steps.map(() => null);
  const occurrences: string[] = [];
  run.events.forEach((event, i) => {
    const place = run.places[i];
    const stepIndex = i + 1;
    const code = (event as { code?: unknown }).code;
    const name = typeof code === 'string' ? statusName(code) : undefined;
    const answer = typeof code === 'string' ? { hex: code, ...(name ? { name } : {}) } : undefined;
    if (!place.dif || !answer) {
      stepCalls[stepIndex] = { called: place.waitingFor, ...(answer ? { answer } : {}) };
      open = new Map();
      return;
    }
    const base = `${place.dif}|${place.nestedIn ?? ''}`;
    let key = open.get(base);
    if (!key) {
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      key = `${base}#${n}`;
      occurrences.push(key);
    }
    const parentBase = place.nestedIn ? `${place.nestedIn}|` : undefined;
    const next = new Map<string, string>([[base, key]]);
    if (parentBase && open.has(parentBase)) next.set(parentBase, open.get(parentBase)!);
    open = next;
    stepCalls[stepIndex] = { called: place.waitingFor, answer, dif: key };
  });

  // Records come in the order DIFs finished; key them the same way. A DIF nobody answered (every
  // call synthetic) happened right after the record before it.
  const recordSeen = new Map<string, number>();
  const order = new Map<string, number>();
  let previousLast = 0;
  const difs: DifView[] = records.map((r, i) => {
    const base = `${r.dif}|${r.nestedIn ?? ''}`;
    const n = (recordSeen.get(base) ?? 0) + 1;
    recordSeen.set(base, n);
    const key = `${base}#${n}`;
    const eventCalls = stepCalls.map((c, s) => (c?.dif === key ? s : -1)).filter((s) => s >= 0);
    const firstStep = eventCalls[0] ?? previousLast;
    const lastStep = eventCalls[eventCalls.length - 1] ?? firstStep;
    order.set(key, eventCalls.length ? firstStep : previousLast + 0.5 + i / 1000);
    previousLast = lastStep;
    let cursor = firstStep;
    const calls = r.calls.map((call) => {
      // A call that was answered by an event takes that event's step; others (no default
      // handler, nobody asked) happen right after the previous one.
      if (call.function !== null && eventCalls.length > 0) cursor = eventCalls.shift()!;
      const name = statusName(call.returned);
      return { ...call, step: cursor, ...(name ? { returnedName: name } : {}) };
    });
    // The parent is the nearest record of the DIF it names (recorded just before or after it).
    const parent = r.nestedIn ? (records.slice(0, i).reverse().find((p) => p.dif === r.nestedIn && !p.nestedIn) ?? records.slice(i + 1).find((p) => p.dif === r.nestedIn)) : undefined;
    return {
      key,
      dif: r.dif,
      ...(r.nestedIn ? { nestedIn: r.nestedIn } : {}),
      ...(parent ? { parentIndex: records.indexOf(parent) } : {}),
      ...(r.context ? { context: r.context } : {}),
      result: r.result,
      calls,
      firstStep,
      lastStep,
    };
  });
  // The parent of a nested DIF, by key (records are keyed above in the same order).
  const keyed = difs.map((d) => {
    const { parentIndex, ...rest } = d as DifView & { parentIndex?: number };
    return parentIndex !== undefined ? { ...rest, parent: difs[parentIndex].key } : rest;
  });
  difs.splice(0, difs.length, ...keyed);
  // Show DIFs in the order they started.
  difs.sort((a, b) => order.get(a.key)! - order.get(b.key)!);

  const violations: ViolationView[] = result.violations.map((v) => {
    const candidates = difs.filter((d) => d.dif === v.dif);
    const call = candidates.flatMap((d) => d.calls).find((c) => c.who === v.who && (v.index === undefined || c.index === v.index) && (v.phase === undefined || c.phase === v.phase));
    const step = call?.step ?? candidates[0]?.lastStep ?? steps.length - 1;
    return { rule: v.rule, message: v.message, source: v.source, dif: v.dif, who: v.who, name: v.name, ...(v.phase ? { phase: v.phase } : {}), step };
  });

  const header = run.journal.header;
  const scenario = header.scenario as { name?: string } | undefined;
  const summary = isInstall(result)
    ? `${result.sequence} · ${result.os} · ${result.profile} → ${result.outcome}`
    : `${result.dif} · ${result.profile} → ${result.result.name ?? result.result.hex}`;
  return {
    title: scenario?.name ?? header.scenarioFile ?? file,
    file,
    kind: header.run.kind,
    machine: header.machine,
    profile: result.profile,
    summary,
    charts: await Promise.all((await chartsFor(Object.values(steps[steps.length - 1]?.actors ?? {}).map((a) => a.machine).concat(header.machine))).map((c) => withLayouts(c, steps))),
    steps,
    stepCalls,
    difs,
    violations,
    ...(isInstall(result) ? { finishInstall: result.finishInstall } : {}),
    notes: result.notes,
    ...(extra.log ? { log: extra.log } : {}),
  };
}
