/**
 * Bounded exploration of the installation lifecycle (the deviceInstall machine), kept modest: every
 * scenario up to small bounds, and every timeline up to a small length, each checked against the
 * LIFECYCLE_INVARIANTS at its end.
 *
 * - **Scenarios**: 0..N class and 0..M device co-installers, each with one behaviour from a small
 *   alphabet: its answer to the sequence's key DIF (DIF_INSTALLDEVICE; DIF_REMOVE for `remove`;
 *   DIF_ADDPROPERTYPAGE_ADVANCED for `properties`) from the code alphabet; for hardware-first and
 *   reinstall its finish-install work (none; it sets DI_FLAGSEX_FINISHINSTALL_ACTION in
 *   DIF_NEWDEVICEWIZARD_FINISHINSTALL and its DIF_FINISHINSTALL_ACTION answers NO_ERROR, fails once
 *   then succeeds, or always fails); and one effect (none; keeps a value in its DLL in the key DIF and
 *   reads it in DIF_DESTROYPRIVATEDATA; shows a dialog in the key DIF). The class installer is absent
 *   or answers the key DIF with ERROR_DI_DO_DEFAULT or an alphabet code. OS vista/7 (retries) and
 *   10 (one chance); nobody, a standard user or an administrator logged on when core installation ends.
 * - **Timelines**: every sequence of up to T events from a small alphabet. The machine is a pure
 *   fold, so a scenario's run is computed once up to the first timeline event and branched from
 *   there (breadth-first, shortest timelines first).
 * Runs are deterministic, so each (scenario, timeline) is one path; there is no deduplication beyond
 * the shared prefixes. `distinctStates` counts distinct end states (InstallResults).
 */
import { performance } from 'node:perf_hooks';
import type { DeviceInstallEvent, Frame } from '../../../machines/deviceInstall/deviceInstall.types.js';
import { pendingOf, top } from '../../../machines/deviceInstall/dispatchFrames.js';
import { InstallPlan, scenarioForDif } from '../../domain/lifecycle/installState.js';
import type { InstallResult } from '../../domain/lifecycle/installResult.js';
import type { SequenceName, TimelineEvent } from '../../domain/lifecycle/types.js';
import type { ProfileName } from '../../domain/profiles.js';
import type { Json, Scenario } from '../../domain/scenario.js';
import { Status } from '../../domain/statusCodes.js';
import { answerPending, effectsOf, type CallCounters } from '../../host/answers.js';
import { installFold, type InstallEngine, type InstallFold, type InstallSnapshot } from '../../host/installFold.js';
import { LIFECYCLE_INVARIANTS, type LifecycleInvariant } from '../../invariants/index.js';
import { normalizeScenario } from '../../scenario/load.js';
import type { ScenarioDocument } from '../../scenario/schema.js';
import { codeText, DEVICE_ELEMENT } from '../dispatch/dispatchSpace.js';

export interface LifecycleBounds {
  readonly sequence: SequenceName;
  readonly maxClassCoInstallers: number;
  readonly maxDeviceCoInstallers: number;
  readonly codes: readonly number[];
  readonly maxTimeline: number;
}

export const DEFAULT_LIFECYCLE_CODES: readonly number[] = [Status.NO_ERROR, Status.ERROR_FILE_NOT_FOUND];
export const DEFAULT_LIFECYCLE_BOUNDS: Omit<LifecycleBounds, 'sequence'> = { maxClassCoInstallers: 0, maxDeviceCoInstallers: 1, codes: DEFAULT_LIFECYCLE_CODES, maxTimeline: 3 };

export const TIMELINE_ALPHABET: readonly TimelineEvent[] = [
  { type: 'user.loggedOn', admin: true },
  { type: 'user.loggedOn', admin: false },
  { type: 'device.reenumerated' },
  { type: 'system.restarted' },
  { type: 'user.finishInstallRequested', admin: true },
];

const KEY_DIF: Record<SequenceName, string> = {
  'hardware-first': 'DIF_INSTALLDEVICE',
  reinstall: 'DIF_INSTALLDEVICE',
  remove: 'DIF_REMOVE',
  properties: 'DIF_ADDPROPERTYPAGE_ADVANCED',
};

const FINISH = ['none', 'succeeds', 'fails-once', 'fails'] as const;
const EFFECT = ['none', 'dll-state', 'dialog'] as const;

interface CoBehaviour {
  readonly answer: number;
  readonly finish: (typeof FINISH)[number];
  readonly effect: (typeof EFFECT)[number];
}

type Behaviour = Record<string, { pre?: string | string[]; effects?: Json[] }>;

function coInstallerOn(sequence: SequenceName, b: CoBehaviour): Behaviour {
  const key = KEY_DIF[sequence];
  const on: Behaviour = {};
  const add = (dif: string, part: { pre?: string | string[]; effects?: Json[] }) => {
    const was = on[dif] ?? {};
    on[dif] = { ...was, ...(part.pre !== undefined ? { pre: part.pre } : {}), ...(part.effects ? { effects: [...(was.effects ?? []), ...part.effects] } : {}) };
  };
  if (b.answer !== Status.NO_ERROR) add(key, { pre: codeText(b.answer) });
  if (b.finish !== 'none') {
    add('DIF_NEWDEVICEWIZARD_FINISHINSTALL', { effects: [{ setFlagsEx: ['DI_FLAGSEX_FINISHINSTALL_ACTION'] }] });
    add('DIF_FINISHINSTALL_ACTION', { pre: b.finish === 'succeeds' ? 'NO_ERROR' : b.finish === 'fails' ? 'ERROR_FILE_NOT_FOUND' : ['ERROR_FILE_NOT_FOUND', 'NO_ERROR'] });
  }
  if (b.effect === 'dll-state') {
    add(key, { effects: [{ keepInDll: { name: 'state', value: 1 } }] });
    add('DIF_DESTROYPRIVATEDATA', { effects: [{ readFromDll: 'state' }] });
  }
  if (b.effect === 'dialog') add(key, { effects: ['showDialog'] });
  return on;
}

/** One scenario of the space, without its timeline. */
export interface LifecycleConfig {
  readonly os: 'win7' | 'win10';
  readonly session: { readonly admin: boolean } | null;
  readonly classCoInstallers: readonly CoBehaviour[];
  readonly deviceCoInstallers: readonly CoBehaviour[];
  /** The class installer's answer to the key DIF, or null: no class installer. */
  readonly classInstaller: number | null;
}

export function lifecycleDocument(profile: ProfileName, sequence: SequenceName, c: LifecycleConfig, timeline: readonly TimelineEvent[]): ScenarioDocument {
  const co = (prefix: string, entry: string, list: readonly CoBehaviour[]) =>
    list.map((b, i) => {
      const on = coInstallerOn(sequence, b);
      return Object.keys(on).length > 0 ? { name: `${prefix}${i + 1}.dll,${entry}`, on } : { name: `${prefix}${i + 1}.dll,${entry}` };
    });
  return {
    profile,
    os: c.os,
    sequence,
    device: { ...DEVICE_ELEMENT },
    ...(c.session ? { session: { ...c.session } } : {}),
    ...(c.classCoInstallers.length > 0 ? { classCoInstallers: co('cc', 'ClassCoInstall', c.classCoInstallers) } : {}),
    ...(c.deviceCoInstallers.length > 0 ? { deviceCoInstallers: co('dc', 'DeviceCoInstall', c.deviceCoInstallers) } : {}),
    ...(c.classInstaller !== null ? { classInstaller: { name: 'ci.dll,ClassInstall', on: { [KEY_DIF[sequence]]: { returns: codeText(c.classInstaller) } } } } : {}),
    ...(timeline.length > 0 ? { timeline: timeline.map((e) => ({ ...e })) } : {}),
  } as ScenarioDocument;
}

function* lists<T>(alphabet: readonly T[], max: number): Generator<T[]> {
  for (let length = 0; length <= max; length++) {
    const at = new Array<number>(length).fill(0);
    for (;;) {
      yield at.map((i) => alphabet[i]);
      let i = length - 1;
      while (i >= 0 && at[i] === alphabet.length - 1) at[i--] = 0;
      if (i < 0) break;
      at[i] += 1;
    }
  }
}

/** Every configuration, smallest first. */
export function lifecycleConfigs(bounds: LifecycleBounds): LifecycleConfig[] {
  const finishes = bounds.sequence === 'hardware-first' || bounds.sequence === 'reinstall' ? FINISH : (['none'] as const);
  const behaviours: CoBehaviour[] = [];
  for (const answer of bounds.codes) for (const finish of finishes) for (const effect of EFFECT) behaviours.push({ answer, finish, effect });
  const classAnswers = [null, ...new Set([Status.ERROR_DI_DO_DEFAULT, ...bounds.codes])];
  const out: LifecycleConfig[] = [];
  for (const deviceCoInstallers of lists(behaviours, bounds.maxDeviceCoInstallers)) {
    for (const classCoInstallers of lists(behaviours, bounds.maxClassCoInstallers)) {
      for (const classInstaller of classAnswers) {
        for (const os of ['win10', 'win7'] as const) {
          for (const session of [null, { admin: false }, { admin: true }]) out.push({ os, session, classCoInstallers, deviceCoInstallers, classInstaller });
        }
      }
    }
  }
  const size = (c: LifecycleConfig) => c.classCoInstallers.length + c.deviceCoInstallers.length + (c.classInstaller === null ? 0 : 1);
  return out.map((c, i) => ({ c, i })).sort((a, b) => size(a.c) - size(b.c) || a.i - b.i).map((x) => x.c);
}

/**
 * Answers every installer call (and fires the watchdog of a hung run) until the run waits for the
 * environment or ends. `shared` (how often each installer has been called) may be shared with
 * other branches: it is copied before the first answer changes it, and the counters the run ends
 * with are returned.
 */
function settle<S extends InstallSnapshot>(fold: InstallFold<S>, snapshot: S, shared: CallCounters): { snapshot: S; steps: number; counters: CallCounters } {
  let steps = 0;
  let counters = shared;
  while (snapshot.status === 'active') {
    let event: DeviceInstallEvent;
    if (snapshot.value === 'hung') event = { type: 'watchdog.expired' };
    else {
      const stack: readonly Frame[] = snapshot.context.frames.value;
      const pending = pendingOf(stack);
      if (!pending) break;
      const dif = top(stack)!.dif;
      const seen = scenarioForDif(snapshot.context.install);
      if (counters === shared) counters = new Map(shared);
      const answer = answerPending(seen, dif, pending, counters);
      const effects = effectsOf(seen, dif, pending);
      event = effects.length > 0 && answer.type !== 'defaultHandler.returned' ? Object.assign({}, answer, { effects: [...effects] }) : answer;
    }
    snapshot = fold.next(snapshot, event);
    steps += 1;
  }
  return { snapshot, steps, counters };
}

/**
 * A key per InstallResult, equal exactly when the results' JSON texts are: the DIF records and the
 * violations as the numbers of their JSON texts, the notes as the numbers of their texts, and the
 * rest as JSON. Runs branched from one state share their earlier records and violations (the same
 * objects), so each of those is serialised once.
 */
function distinctResults(): (result: InstallResult) => string {
  const ids = new WeakMap<object, number>();
  const texts = new Map<string, number>();
  const textId = (text: string): number => {
    let id = texts.get(text);
    if (id === undefined) texts.set(text, (id = texts.size));
    return id;
  };
  const idOf = (item: object): number => {
    let id = ids.get(item);
    if (id === undefined) ids.set(item, (id = textId(JSON.stringify(item))));
    return id;
  };
  const list = (items: readonly object[]): string => {
    let out = '';
    for (let i = 0; i < items.length; i++) out += `${idOf(items[i])},`;
    return out;
  };
  const notes = (items: readonly string[]): string => {
    let out = '';
    for (let i = 0; i < items.length; i++) out += `${textId(items[i])},`;
    return out;
  };
  return (result) => {
    const { difs, violations, notes: n, ...rest } = result;
    return `${list(difs)}|${list(violations)}|${notes(n)}|${JSON.stringify(rest)}`;
  };
}

type Verdict = ReturnType<LifecycleInvariant['check']>;

/**
 * The scenario of one run: the explored scenario with this run's timeline, which notes in `reads`
 * when a check reads the timeline. A check is a function of the scenario and the result, so one
 * that did not read the timeline gives the same verdict for every run of the scenario that ends in
 * an equal result (equal end keys), whatever its timeline.
 */
function watchedScenario(base: Scenario, timeline: readonly TimelineEvent[], reads: { timeline: boolean }): Scenario {
  const lifecycle = { ...base.lifecycle };
  Object.defineProperty(lifecycle, 'timeline', {
    get: () => {
      reads.timeline = true;
      return timeline;
    },
    enumerable: true,
    configurable: true,
  });
  return { ...base, lifecycle };
}

export interface LifecycleFailure {
  readonly message: string;
  /** The scenario document (with its timeline) of a shortest failing run found. */
  readonly document: ScenarioDocument;
}

export interface LifecycleExploration {
  readonly profile: ProfileName;
  readonly bounds: LifecycleBounds;
  readonly configurations: number;
  readonly runs: number;
  /** Distinct end states (InstallResults). */
  readonly distinctStates: number;
  /** Machine steps taken (events folded). */
  readonly transitions: number;
  readonly seconds: number;
  readonly results: readonly { readonly invariant: LifecycleInvariant; readonly failure: LifecycleFailure | null }[];
}

export interface LifecycleExploreOptions {
  readonly profile: ProfileName;
  readonly bounds: LifecycleBounds;
  readonly invariants?: readonly LifecycleInvariant[];
  readonly onProgress?: (p: { runs: number; distinct: number; seconds: number }) => void;
  readonly progressEveryMs?: number;
  /**
   * How the machine is stepped: the derived executor (default) or XState's own transition (to
   * compare the two, bench/lifecycle.ts), or any fold over deviceInstall snapshots (the refinement
   * test steps both side by side).
   */
  readonly engine?: InstallEngine | InstallFold;
}

export function exploreLifecycle(options: LifecycleExploreOptions): LifecycleExploration {
  const started = performance.now();
  const { profile, bounds } = options;
  const fold = typeof options.engine === 'object' ? options.engine : installFold(options.engine);
  const invariants = options.invariants ?? LIFECYCLE_INVARIANTS;
  const configs = lifecycleConfigs(bounds);
  const found: (LifecycleFailure & { length: number; order: number })[] = invariants.map(() => null as never);
  const ends = new Set<string>();
  const endKey = distinctResults();
  let runs = 0;
  let transitions = 0;
  let lastProgress = started;

  configs.forEach((config, order) => {
    // The documents are valid by construction (test/explore/explore.test.ts validates them): normalised without the schema's check.
    const base = normalizeScenario(lifecycleDocument(profile, bounds.sequence, config, []));
    const core = settle(fold, fold.initial(new InstallPlan(base)), new Map());
    transitions += core.steps;
    // Breadth-first over timelines: shortest first.
    let level = [{ snapshot: core.snapshot, counters: core.counters, timeline: [] as TimelineEvent[] }];
    // Verdicts that did not read the timeline, per end state: the same for every run of this scenario ending there.
    const verdicts = new Map<string, (Verdict | undefined)[]>();
    const reads = { timeline: false };
    for (let length = 0; level.length > 0; length++) {
      const next: typeof level = [];
      for (const node of level) {
        const scenario = watchedScenario(base, node.timeline, reads);
        let result: InstallResult;
        if (node.snapshot.status === 'done') result = node.snapshot.output as InstallResult;
        else {
          const end = settle(fold, fold.next(node.snapshot, { type: 'timeline.ended' }), node.counters);
          transitions += end.steps + 1;
          result = end.snapshot.output as InstallResult;
        }
        runs += 1;
        const key = endKey(result);
        ends.add(key);
        let known = verdicts.get(key);
        if (!known) verdicts.set(key, (known = []));
        invariants.forEach((invariant, k) => {
          const f = found[k];
          // Keep the shortest timeline, then the smallest configuration.
          if (f && (f.length < node.timeline.length || (f.length === node.timeline.length && f.order <= order))) return;
          let failure = known[k];
          if (failure === undefined) {
            reads.timeline = false;
            failure = invariant.check(scenario, result);
            if (!reads.timeline) known[k] = failure;
          }
          if (failure) found[k] = { message: failure.failure, document: lifecycleDocument(profile, bounds.sequence, config, node.timeline), length: node.timeline.length, order };
        });
        if (length < bounds.maxTimeline && node.snapshot.status === 'active') {
          for (const event of TIMELINE_ALPHABET) {
            const timeline = [...node.timeline, event];
            const stepped = settle(fold, fold.next(node.snapshot, event), node.counters);
            transitions += stepped.steps + 1;
            next.push({ snapshot: stepped.snapshot, counters: stepped.counters, timeline });
          }
        }
      }
      level = next;
    }
    if (options.onProgress) {
      const now = performance.now();
      if (now - lastProgress >= (options.progressEveryMs ?? 1000)) {
        lastProgress = now;
        options.onProgress({ runs, distinct: ends.size, seconds: (now - started) / 1000 });
      }
    }
  });

  return {
    profile,
    bounds,
    configurations: configs.length,
    runs,
    distinctStates: ends.size,
    transitions,
    seconds: (performance.now() - started) / 1000,
    results: invariants.map((invariant, k) => ({ invariant, failure: found[k] ? { message: found[k].message, document: found[k].document } : null })),
  };
}
