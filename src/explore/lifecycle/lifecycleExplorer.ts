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
 *   10 (one chance); nobody, a standard user or an administrator logged on when core installation ends
 *   (lifecycleSpace.ts).
 * - **Timelines**: every sequence of up to T events from a small alphabet, breadth-first (shortest
 *   timelines first, each length in the alphabet's order). Every (scenario, timeline) is one run,
 *   counted and judged on its own.
 *
 * The machine is a pure fold, so a scenario's run is computed once up to the first timeline event
 * and branched from there; and runs that reach equal states (stateTable.ts: the machine state and
 * the host's call counters, as values) have the same future, so each state met is stepped once:
 * its end (`timeline.ended`) and the state each timeline event leads to are worked out the first
 * time a run reaches it, and every later run through an equal state takes them from there. The
 * reported `transitions` still count every run's steps, as if each had been stepped (prefixes
 * shared); `states` counts the states stepped from and `stepped` the steps actually taken.
 * `distinctStates` counts distinct end states (InstallResults).
 */
import { performance } from 'node:perf_hooks';
import type { DeviceInstallEvent, Frame } from '../../../machines/deviceInstall/deviceInstall.types.js';
import { pendingOf, top } from '../../../machines/deviceInstall/dispatchFrames.js';
import { InstallPlan, scenarioForDif } from '../../domain/lifecycle/installState.js';
import type { InstallResult } from '../../domain/lifecycle/installResult.js';
import type { TimelineEvent } from '../../domain/lifecycle/types.js';
import type { ProfileName } from '../../domain/profiles.js';
import type { Scenario } from '../../domain/scenario.js';
import { answerPending, effectsOf, type CallCounters } from '../../host/answers.js';
import { installFold, quietInstallFold, type InstallEngine, type InstallFold, type InstallSnapshot } from '../../host/installFold.js';
import { LIFECYCLE_INVARIANTS, type LifecycleInvariant } from '../../invariants/index.js';
import { normalizeScenario } from '../../scenario/load.js';
import type { ScenarioDocument } from '../../scenario/schema.js';
import { lifecycleConfigs, lifecycleDocument, TIMELINE_ALPHABET, type LifecycleBounds } from './lifecycleSpace.js';
import { RecentMap } from '../../domain/recentMap.js';
import { StateTable } from './stateTable.js';

export { DEFAULT_LIFECYCLE_BOUNDS, DEFAULT_LIFECYCLE_CODES, lifecycleConfigs, lifecycleDocument, TIMELINE_ALPHABET, type LifecycleBounds, type LifecycleConfig } from './lifecycleSpace.js';

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
  const ids = new RecentMap<object, number>(64); // records and violations of the scenarios explored last
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

/** Set by a watched scenario's timeline when read (reset before each check). */
const watch = { timeline: false };

/** In a verdict list: the check read the timeline, so it is judged run by run. */
const READS_TIMELINE = Symbol('reads the timeline');

/** One run's scenario: the explored scenario with the run's timeline. */
function runScenario(base: Scenario, timeline: readonly TimelineEvent[]): Scenario {
  return { ...base, lifecycle: { ...base.lifecycle, timeline } };
}

/**
 * The scenario of one run for one check, which notes in `watch` when the check reads its timeline.
 * A check is a function of the scenario and the result, and until it first reads the timeline it
 * has seen only what every run of the scenario ending in an equal result (equal end keys) shares:
 * so the first run ending so tells, for all of them, whether the check reads the timeline at all.
 * One that does not gives that verdict to all of them; one that does is judged run by run (with
 * runScenario, unwatched). Each watched check gets a scenario object of its own, so that nothing
 * one check worked out from the timeline and left in a memo keyed by the scenario reaches another
 * unseen (memos keyed by the result must not read the timeline at all:
 * src/invariants/lifecycle/executionOrder.ts memoIgnoringTimeline).
 */
function watchedScenario(base: Scenario, timeline: readonly TimelineEvent[]): Scenario {
  // Built field by field in the lifecycle's own order, the timeline as a getter: a getter put over
  // an existing field (a spread, then `get timeline()`) leaves V8 a slower dictionary object.
  const from = base.lifecycle as unknown as Record<string, unknown>;
  const lifecycle: Record<string | symbol, unknown> = {};
  for (const key in from) {
    if (key === 'timeline') Object.defineProperty(lifecycle, key, WATCHED_TIMELINE);
    else lifecycle[key] = from[key];
  }
  Object.defineProperty(lifecycle, TIMELINE, { value: timeline });
  return { ...base, lifecycle: lifecycle as unknown as Scenario['lifecycle'] };
}

/** Where a watched lifecycle keeps its run's timeline (a symbol, not enumerable: no field of the lifecycle). */
const TIMELINE = Symbol('timeline');

const WATCHED_TIMELINE: PropertyDescriptor = {
  get(this: { [TIMELINE]: readonly TimelineEvent[] }) {
    watch.timeline = true;
    return this[TIMELINE];
  },
  enumerable: true,
  configurable: true,
};

/**
 * What is known of the checks for the runs of one explored scenario that end in equal results: each
 * check's verdict for all of them (or that it reads the timeline), and the checks still to be
 * looked at for the next such run (not those known to hold, nor those whose shortest failure is
 * found: lengths only grow within a scenario).
 */
interface Judged {
  readonly known: (Verdict | typeof READS_TIMELINE | undefined)[];
  readonly open: number[];
}

/** The end of a run from a state: its result, the steps ending it took, and what is known of the checks for every run ending so. */
interface End {
  readonly result: InstallResult;
  readonly transitions: number;
  readonly judged: Judged;
}

/** A state met in one scenario's exploration, with its end and the states the timeline events lead to (each worked out once). */
interface StateNode {
  readonly snapshot: InstallSnapshot;
  readonly counters: CallCounters;
  end: End | undefined;
  next: readonly { readonly node: StateNode; readonly transitions: number }[] | undefined;
}

/** One run being explored: its timeline so far and the state it is in. */
interface Run {
  readonly timeline: readonly TimelineEvent[];
  readonly node: StateNode;
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
  /** Machine steps of the runs (events folded), each run's own and the prefixes they share counted once. */
  readonly transitions: number;
  /** Distinct states the runs passed through (each stepped from once). */
  readonly states: number;
  /** Machine steps actually taken (each state's end and successors worked out once). */
  readonly stepped: number;
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
  const fold = typeof options.engine === 'object' ? options.engine : options.engine === 'xstate' ? installFold('xstate') : quietInstallFold();
  const invariants = options.invariants ?? LIFECYCLE_INVARIANTS;
  const configs = lifecycleConfigs(bounds);
  const found: (LifecycleFailure & { length: number; order: number })[] = invariants.map(() => null as never);
  const ends = new Set<string>();
  const endKey = distinctResults();
  let runs = 0;
  let transitions = 0;
  let states = 0;
  let stepped = 0;
  let lastProgress = started;

  configs.forEach((config, order) => {
    // The documents are valid by construction (test/explore/explore.test.ts validates them): normalised without the schema's check.
    const base = normalizeScenario(lifecycleDocument(profile, bounds.sequence, config, []));
    const table = new StateTable<StateNode>();
    const nodeOf = (snapshot: InstallSnapshot, counters: CallCounters): StateNode => table.intern(snapshot, counters, () => ({ snapshot, counters, end: undefined, next: undefined }));
    // Verdicts that did not read the timeline, per end state: the same for every run of this scenario ending there.
    const verdicts = new Map<string, Judged>();
    const endOf = (node: StateNode): End => {
      let result: InstallResult;
      let steps = 0;
      if (node.snapshot.status === 'done') result = node.snapshot.output as InstallResult;
      else {
        const end = settle(fold, fold.next(node.snapshot, { type: 'timeline.ended' }), node.counters);
        steps = end.steps + 1;
        stepped += steps;
        result = end.snapshot.output as InstallResult;
      }
      const key = endKey(result);
      ends.add(key);
      let judged = verdicts.get(key);
      if (!judged) verdicts.set(key, (judged = { known: [], open: invariants.map((_, k) => k) }));
      return { result, transitions: steps, judged };
    };
    const nextOf = (node: StateNode): StateNode['next'] =>
      TIMELINE_ALPHABET.map((event) => {
        const after = settle(fold, fold.next(node.snapshot, event), node.counters);
        stepped += after.steps + 1;
        return { node: nodeOf(after.snapshot, after.counters), transitions: after.steps + 1 };
      });

    const core = settle(fold, fold.initial(new InstallPlan(base)), new Map());
    transitions += core.steps;
    stepped += core.steps;
    // Breadth-first over timelines: shortest first, each length in the alphabet's order.
    let level: Run[] = [{ timeline: [], node: nodeOf(core.snapshot, core.counters) }];
    for (let length = 0; level.length > 0; length++) {
      const next: Run[] = [];
      for (const run of level) {
        const node = run.node;
        const end = (node.end ??= endOf(node));
        transitions += end.transitions;
        runs += 1;
        let scenario: Scenario | undefined;
        const { known, open } = end.judged;
        let kept = 0;
        for (let i = 0; i < open.length; i++) {
          const k = open[i];
          const f = found[k];
          // Keep the shortest timeline, then the smallest configuration.
          if (f && (f.length < length || (f.length === length && f.order <= order))) continue;
          let failure: Verdict;
          const verdict = known[k];
          if (verdict === READS_TIMELINE) failure = invariants[k].check((scenario ??= runScenario(base, run.timeline)), end.result);
          else if (verdict !== undefined) failure = verdict;
          else {
            watch.timeline = false;
            failure = invariants[k].check(watchedScenario(base, run.timeline), end.result);
            known[k] = watch.timeline ? READS_TIMELINE : failure;
          }
          if (failure) found[k] = { message: failure.failure, document: lifecycleDocument(profile, bounds.sequence, config, run.timeline), length, order };
          else if (known[k] === READS_TIMELINE) open[kept++] = k;
        }
        open.length = kept;
        if (length < bounds.maxTimeline && node.snapshot.status === 'active') {
          const edges = (node.next ??= nextOf(node))!;
          for (let i = 0; i < edges.length; i++) {
            transitions += edges[i].transitions;
            next.push({ timeline: [...run.timeline, TIMELINE_ALPHABET[i]], node: edges[i].node });
          }
        }
      }
      level = next;
    }
    states += table.size;
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
    states,
    stepped,
    seconds: (performance.now() - started) / 1000,
    results: invariants.map((invariant, k) => ({ invariant, failure: found[k] ? { message: found[k].message, document: found[k].document } : null })),
  };
}
