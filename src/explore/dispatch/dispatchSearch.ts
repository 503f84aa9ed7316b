/** The breadth-first search of one DIF dispatch: what dispatchExplorer.ts describes, implemented. */
import { performance } from 'node:perf_hooks';
import type { DispatchPlan } from '../../domain/dispatchPlan.js';
import type { PendingCall } from '../../domain/dispatchRules.js';
import type { Json } from '../../domain/scenario.js';
import { PROFILES } from '../../domain/profiles.js';
import type { Violation } from '../../domain/violations.js';
import { DISPATCH_INVARIANTS } from '../../invariants/index.js';
import { MonitorBank, type MonitorFailure } from './monitorBank.js';
import { ObservationTable, type AnswerSource } from './observationTable.js';
import { dispatchSteps, type CallHook, type StepperState } from './dispatchSteps.js';
import { configurations, planOf } from './dispatchSpace.js';
import { finalState } from './finalState.js';
import { PlanProbe } from '../engine/planProbe.js';
import { ShapeTable } from './shapes.js';
import { sharePlanParts } from './sharedPlans.js';
import { StateSet } from '../engine/stateSet.js';
import { TupleSet } from '../engine/tupleSet.js';
import { maxDepth, StateTable } from '../engine/stateTable.js';
import { ViewGraph } from './viewGraph.js';
import { GhostSteps } from './ghostSteps.js';

import type { DispatchExploration, DispatchExploreOptions, DispatchSearch, TraceAnswer } from './explorationTypes.js';
import { SearchControl, type SliceOutcome } from '../engine/searchControl.js';

const NO_VIOLATIONS: readonly Violation[] = Object.freeze([]);

/** Where a failure was seen: after state `id`, optionally on one more answer. */
interface FailureSite {
  readonly message: string;
  readonly at: 'step' | 'end';
  readonly id: number;
  readonly extra?: TraceAnswer;
}


/** The exploration of dispatchExplorer.ts, set up (its initial states stepped), to run a slice at a time; `around` wraps each slice. */
export function startSearch(options: DispatchExploreOptions, around: <T>(f: () => T) => T): DispatchSearch {
  const started = performance.now();
  const control = new SearchControl(options);
  const { profile, dif, bounds } = options;
  const semantics = options.semantics ?? PROFILES[profile];
  const invariants = options.invariants ?? DISPATCH_INVARIANTS;
  const view = options.view ?? 'abstract';
  const steps = dispatchSteps(options.machine);
  const onTransition = options.onTransition;
  const n = invariants.length;
  /** Only a caller that watches the transitions needs the number of a state seen again (stateSet.ts). */
  const onTransitionNumbers = options.onTransition !== undefined;
  const configs = configurations(bounds);
  const plans = sharePlanParts(configs.map((c) => planOf(profile, dif, c, semantics)));
  const only = options.only === undefined ? undefined : new Set(options.only);
  const codes = [...new Set(bounds.codes.map((c) => c >>> 0))];
  const storeChoices = bounds.privateData === 'both' ? [false, true] : bounds.privateData === 'index' ? [true] : [false];

  const observations = new ObservationTable();
  const monitors = new MonitorBank(invariants, observations);
  const shapes = new ShapeTable(view, observations.values, semantics.privateData === 'shared-context', plans);
  const views = new ViewGraph(configs.length, shapes);
  /** Watches the plan while the executor steps a shape (shapes.ts). */
  const planProbe = new PlanProbe();
  /**
   * The explored states, keyed by their view id and the ids of the two halves of their monitors'
   * ghost ids (`ghostSets`, tupleSet.ts); numbered as `table`. Far fewer halves than states occur
   * (at 4 + 4 co-installers and six codes 7,724 and 85,293 for 1,210,072 states), so a state's key
   * is three ints instead of one per monitor and the view.
   */
  const visited = new StateSet(3, onTransitionNumbers);
  const ghostSets = new TupleSet(n);
  const ghostSteps = new GhostSteps(monitors, ghostSets);
  const table = new StateTable();
  const sites: (FailureSite | null)[] = invariants.map(() => null);
  let transitions = 0;
  let finalStates = 0;

  // The hook numbers the observation of each recorded call (observationTable.ts) into `observed`.
  /** The answer being given, until its call is recorded (later calls of the same step have none). */
  let answer: AnswerSource | undefined;
  /** The one AnswerSource object, refilled for each answer (the bank does not keep it). */
  const source: { pending: PendingCall; privateData: Json | undefined } = { pending: undefined as never, privateData: undefined };
  const observed: number[] = [];
  let observedCount = 0;
  const hook: CallHook | undefined = n === 0 ? undefined : (ds, i, v) => {
    let violations = NO_VIOLATIONS;
    if (v < ds.violations.length) {
      const list: Violation[] = [];
      for (let j = v; j < ds.violations.length; j++) list.push(ds.violations.at(j)!);
      violations = list;
    }
    observed[observedCount++] = observations.id(ds.calls.at(i)!, ds.status, violations, answer);
    answer = undefined;
  };

  // Scratch: the key of the state being expanded, as `visited` holds it (view id, ghost half ids);
  // the key of the state reached; the ghosts of an initial state, which the monitors step in place
  // (transitions' ghosts are ghostSteps').
  const from = new Int32Array(3);
  const key = new Int32Array(3);
  const ghosts = new Int32Array(n);
  const failedNow: MonitorFailure[] = [];

  /** The state (view `next`, the ghosts in `ghosts`) reached: its number if it was seen, else -1 - its new number. */
  const intern = (next: number): number => {
    key[0] = next;
    key[1] = ghostSets.internLow(ghosts);
    key[2] = ghostSets.internHigh(ghosts);
    return visited.intern(key);
  };

  /** The view of a state of configuration `config`, numbered. */
  const viewOf = (config: number, state: StepperState): number => views.intern(config, shapes.intern(config, state));

  /** Whether invariant k has failed already (its `end` need not run again). */
  const failedBefore = (k: number) => sites[k] !== null;

  const noteFailures = (id: number, extra: TraceAnswer | undefined) => {
    for (const { k, message } of failedNow) if (sites[k] === null) sites[k] = { message, at: 'step', id, ...(extra ? { extra } : {}) };
    failedNow.length = 0;
  };

  /** Runs the monitors' `end` on final state `id` (of final view `v`, whose ghosts are `ids`). */
  const checkEnd = (id: number, v: number, plan: DispatchPlan, ids: Int32Array) => {
    finalStates += 1;
    const end = finalState(shapes.finalStatus(views.shape(v)), () => steps.replay(plan, table.path(id).answers).context);
    monitors.end(ids, plan, end, failedNow, failedBefore);
    for (const { k, message } of failedNow) if (sites[k] === null) sites[k] = { message, at: 'end', id };
    failedNow.length = 0;
  };

  // Initial states.
  configs.forEach((_, c) => {
    if (only !== undefined && !only.has(c)) return;
    const plan = plans[c];
    monitors.initial(plan, ghosts);
    answer = undefined;
    observedCount = 0;
    const state = steps.start(plan, hook);
    for (let i = 0; i < observedCount; i++) monitors.step(ghosts, observed[i], c, plan, failedNow);
    const v = viewOf(c, state);
    if (intern(v) >= 0) throw new Error('two configurations share an initial state');
    const id = table.add(-1 - c, 0, false);
    options.onInitial?.(id, c);
    noteFailures(id, undefined);
    if (state.status === 'done') checkEnd(id, v, plan, ghosts);
  });

  const plainAnswers: TraceAnswer[] = codes.map((code) => ({ code, storesPrivateData: false }));
  const preAnswers: TraceAnswer[] = codes.flatMap((code) => storeChoices.map((stores) => ({ code, storesPrivateData: stores })));
  /**
   * Records a shape's successors under configuration `config`'s plan (watched, see shapes.ts): the
   * executor answers the shape's first state with every answer of the alphabet. Returns where the
   * record starts in `shapes.successors`. (`id`: the state being expanded, for the deadlock report.)
   */
  const stepShape = (shape: number, config: number, id: number): number => {
    const state = shapes.state(shape, planProbe.begin(config, plans[config]));
    const pending = state.context.pending;
    // TLC's deadlock check: a state that is not final must wait for some call.
    if (pending === null) throw new Error(`deadlock: the dispatch waits in ${steps.where(state)} with no pending call (${JSON.stringify(table.path(id))})`);
    let answers: TraceAnswer[];
    if (pending.who === 'defaultHandler') answers = pending.stubResult !== undefined ? [{ code: pending.stubResult >>> 0, storesPrivateData: false }] : plainAnswers;
    else if (pending.phase === 'pre') answers = preAnswers;
    else if (pending.phase === 'post') {
      // "propagate" returns InstallResult: one more answer when that is not in the alphabet
      answers = codes.includes(pending.installResult! >>> 0) ? plainAnswers : [...plainAnswers, { code: pending.installResult! >>> 0, storesPrivateData: false }];
    } else answers = plainAnswers;
    const at = shapes.successors.begin(answers.length);
    for (const a of answers) {
      source.pending = pending;
      source.privateData = a.storesPrivateData ? pending.index! : undefined;
      answer = n === 0 ? undefined : source;
      observedCount = 0;
      const next = steps.answer(state, a.code, source.privateData, hook);
      shapes.successors.add(table.answerId(a.code, a.storesPrivateData), shapes.intern(config, next), observed, 0, observedCount);
    }
    shapes.file(shape, config, planProbe, at);
    return at;
  };

  /** Finds the successors of view `v` (of state `id`): its shape's record under its configuration's plan class, stepped if there is none. */
  const expand = (v: number, config: number, id: number): void => {
    const shape = views.shape(v);
    const at = shapes.find(shape, config);
    views.setSuccessors(v, at >= 0 ? at : stepShape(shape, config, id));
  };

  // Breadth-first: states are numbered in the order they are found, so expanding them in that order
  // goes level by level; `levelEnd` is where the next level starts. The loop runs a slice at a
  // time (searchControl.ts); between slices its place is kept in `cursor`.
  const everyMs = options.progressEveryMs ?? 1000;
  const guard = control.guard;
  const maxStates = control.maxStates;
  let lastProgress = performance.now();
  let depth = 0;
  let levelEnd = table.size;
  let expanded = 0;
  let open = table.size - finalStates;
  let cursor = 0;

  /** Expands states until `deadline` (ms) or a bound. */
  const slice = (deadline: number): SliceOutcome => {
    let id = cursor;
    try {
      if (table.size >= maxStates && id < table.size) return 'max-states';
      for (; id < table.size; id++) {
        if (id === levelEnd) {
          depth += 1;
          levelEnd = table.size;
        }
        visited.read(id, from);
        const v = from[0];
        if (views.isFinal(v)) continue;
        ghostSteps.start(from[1], from[2]);
        const config = views.config(v);
        const plan = plans[config];
        if (views.successorsOf(v) < 0) expand(v, config, id);
        const arena = shapes.successors.data;
        let at = views.successorsOf(v);
        const count = arena[at++];
        for (let j = 0; j < count; j++) {
          const answer = arena[at] >>> 16;
          const observations = arena[at] & 0xffff;
          const next = views.intern(config, arena[at + 1]);
          at += 2;
          // The monitors start from the expanded state's ghosts and step along the recorded observations.
          key[0] = next;
          ghostSteps.step(arena, at, observations, config, plan, key, failedNow);
          at += observations;
          transitions += 1;
          if (failedNow.length > 0) noteFailures(id, { ...table.answerOf(answer) });
          const seen = visited.intern(key);
          if (onTransition) onTransition(id, { ...table.answerOf(answer) }, seen >= 0 ? seen : -1 - seen, seen < 0);
          if (seen >= 0) continue;
          const added = table.addNumbered(id, answer);
          if (views.isFinal(next)) checkEnd(added, next, plan, ghostSteps.whole());
          else open += 1;
          // Stops at exactly maxStates distinct states, within the expansion of `id`.
          if (table.size >= maxStates) return 'max-states';
        }
        expanded += 1;
        if ((expanded & 255) === 0) {
          const now = performance.now();
          if (options.onProgress && now - lastProgress >= everyMs) {
            lastProgress = now;
            options.onProgress({ generated: transitions, distinct: table.size, queue: open - expanded, depth, seconds: (now - started) / 1000 });
          }
          if ((expanded & 1023) === 0 && !guard.measure()) {
            id += 1;
            return 'memory';
          }
          if (now >= deadline) {
            id += 1;
            return 'more';
          }
        }
      }
      return 'done';
    } finally {
      cursor = id;
    }
  };

  const finish = (): DispatchExploration => {
    const results = invariants.map((invariant, k) => {
      const site = sites[k];
      if (!site) return { invariant, failure: null };
      const { config: c, answers: path } = table.path(site.id);
      if (site.extra) path.push(site.extra);
      return { invariant, failure: { message: site.message, at: site.at, trace: { config: configs[c], plan: plans[c], answers: path } } };
    });
    return {
      profile,
      dif,
      bounds,
      semantics,
      view,
      configurations: only === undefined ? configs.length : configs.filter((_, c) => only.has(c)).length,
      distinctStates: table.size,
      transitions,
      finalStates,
      depth: maxDepth(table),
      seconds: (performance.now() - started) / 1000,
      monitorSteps: monitors.steps,
      results,
      stopped: control.stopped,
      tableBytes: visited.bytes() + ghostSets.bytes() + ghostSteps.bytes() + table.bytes() + views.bytes() + shapes.bytes() + monitors.bytes(),
      peakMemory: guard.peak,
    };
  };

  return control.search(slice, () => cursor, finish, around);
}
