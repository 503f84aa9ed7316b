/**
 * The dispatch part of the explored states (the VIEW without the monitors' ghosts, see
 * dispatchExplorer.ts), numbered, with each one's successors memoised.
 *
 * The VIEW keeps exactly what a later step reads, so from two states with the same view every answer
 * leads to the same next view through the same calls: the same observations for the monitors. States
 * that differ only in their ghosts (2.9 per view at 3 + 3 co-installers and six codes) thus share one
 * run of the stepper per answer: the explorer runs it on the view's first state, records each answer's
 * next view and observation ids here, and every other state with that view only steps its monitors
 * (table look-ups) along the recorded observations.
 *
 * Successors live back to back in one Int32Array: per view, the answer count, then per answer
 *   code, storesPrivateData (0/1), next view, observation count, observation ids...
 */
import { AppendLog } from '../domain/appendLog.js';
import type { CallRecord, DispatchState, PostRequest } from '../domain/dispatchRules.js';
import type { Violation } from '../domain/violations.js';
import { markGrowable } from './growable.js';
import { IntKeySet } from './intKeySet.js';
import type { Interner } from './observationTable.js';
import { copyState, type StepperState } from './dispatchStepper.js';

export type View = 'abstract' | 'full';

/** The waiting state as a number. */
function node(name: StepperState['node']): number {
  switch (name) {
    case 'preprocessing.calling':
      return 0;
    case 'classInstaller.calling':
      return 1;
    case 'defaultHandler.calling':
      return 2;
    case 'postprocessing.calling':
      return 3;
    case 'done':
      return 4;
  }
}

function pushRequests(key: IntKeySet, values: Interner, log: AppendLog<PostRequest>, from: number): void {
  key.push(log.length - from);
  for (let i = from; i < log.length; i++) {
    const r = log.at(i)!;
    key.push(r.index).push(values.data(r.privateData));
  }
}

/** Writes the VIEW of a state (see dispatchExplorer.ts), without the ghosts, into `key`. */
function pushAbstractKey(key: IntKeySet, values: Interner, config: number, state: StepperState, sharedMatters: boolean): void {
  const ds = state.ds;
  key.push(node(state.node)).push(config);
  switch (state.node) {
    case 'preprocessing.calling':
      key.push(ds.cursor);
      pushRequests(key, values, ds.requested, 0);
      if (sharedMatters) key.push(values.data(ds.shared.value));
      return;
    case 'classInstaller.calling':
    case 'defaultHandler.calling':
      pushRequests(key, values, ds.requested, 0);
      return;
    case 'postprocessing.calling':
      key.push(ds.status);
      pushRequests(key, values, ds.postQueue, ds.cursor);
      return;
    case 'done':
      key.push(ds.status);
  }
}

/** The full view: the whole dispatch state but its plan (which the configuration gives). */
function pushFullKey(key: IntKeySet, values: Interner, config: number, state: StepperState): void {
  const { plan: _plan, ...rest }: DispatchState = state.ds;
  key.push(node(state.node)).push(config).push(values.text(JSON.stringify(rest)));
}

/**
 * A state without its accumulated calls, violations and notes: nothing reads them again (they are
 * not in the abstract VIEW), and appending to short logs keeps branching cheap. The logs of a final
 * state, which `end` is given, are rebuilt from its trace.
 */
const NO_CALLS = AppendLog.empty<CallRecord>();
const NO_VIOLATIONS_LOG = AppendLog.empty<Violation>();
const NO_NOTES = AppendLog.empty<string>();
function light(state: StepperState): StepperState {
  const ds = copyState(state.ds);
  ds.calls = NO_CALLS;
  ds.violations = NO_VIOLATIONS_LOG;
  ds.notes = NO_NOTES;
  return { node: state.node, ds };
}

export class ViewGraph {
  private readonly ids = new IntKeySet();
  // Small at first, so that they grow while the code is warming up (see intKeySet.ts).
  private configs = new Int32Array(16);
  private final = new Uint8Array(16);
  /** Per view: where its successors start in `arena`, or -1 until they are recorded. */
  private starts = new Int32Array(16).fill(-1);
  /** Per view, until its successors are recorded: the first state met with it. */
  private states: (StepperState | undefined)[] = [];
  /** The status of each final view. */
  private readonly statuses = new Map<number, number>();
  arena = new Int32Array(64);
  private used = 0;

  constructor(
    private readonly view: View,
    private readonly values: Interner,
    private readonly sharedMatters: boolean,
  ) {
    markGrowable(this, 'configs', 'final', 'starts', 'arena');
  }

  /** The view of a state in configuration `config`, numbered (a new view keeps the state). */
  intern(config: number, state: StepperState): number {
    const key = this.ids.begin();
    if (this.view === 'full') pushFullKey(key, this.values, config, state);
    else pushAbstractKey(key, this.values, config, state, this.sharedMatters);
    const seen = key.intern();
    if (seen >= 0) return seen;
    const id = -1 - seen;
    if (id === this.configs.length) this.grow();
    this.configs[id] = config;
    this.final[id] = state.node === 'done' ? 1 : 0;
    if (state.node === 'done') this.statuses.set(id, state.ds.status);
    // The full view keys on the logs, so it keeps them; a final state has no successors to compute.
    this.states.push(state.node === 'done' ? undefined : this.view === 'full' ? state : light(state));
    return id;
  }

  private grow(): void {
    const n = this.configs.length * 2;
    const configs = new Int32Array(n);
    configs.set(this.configs);
    const final = new Uint8Array(n);
    final.set(this.final);
    const starts = new Int32Array(n).fill(-1);
    starts.set(this.starts);
    [this.configs, this.final, this.starts] = [configs, final, starts];
  }

  config(view: number): number {
    return this.configs[view];
  }

  isFinal(view: number): boolean {
    return this.final[view] === 1;
  }

  /** The final status of a final view. */
  finalStatus(view: number): number {
    return this.statuses.get(view)!;
  }

  /** Where the view's successors start in `arena` (the answer count), or -1 if not recorded yet. */
  successors(view: number): number {
    return this.starts[view];
  }

  /** The state to compute a view's successors from. */
  state(view: number): StepperState {
    return this.states[view]!;
  }

  /** Starts recording a view's successors (read its state first: it is let go). */
  begin(view: number, answers: number): void {
    this.starts[view] = this.used;
    this.states[view] = undefined;
    this.write(answers);
  }

  /** Records the next successor of the view being recorded. */
  add(code: number, stores: boolean, next: number, observations: readonly number[], count: number): void {
    this.write(code);
    this.write(stores ? 1 : 0);
    this.write(next);
    this.write(count);
    for (let i = 0; i < count; i++) this.write(observations[i]);
  }

  private write(value: number): void {
    if (this.used === this.arena.length) {
      const bigger = new Int32Array(this.arena.length * 2);
      bigger.set(this.arena);
      this.arena = bigger;
    }
    this.arena[this.used++] = value;
  }
}
