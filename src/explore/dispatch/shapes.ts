/**
 * Shapes: the dispatch part of the explored states (the VIEW of dispatchExplorer.ts without the
 * monitors' ghosts), with the configuration left out, numbered; and each one's successors, recorded
 * once per class of plans.
 *
 * The VIEW keeps what a later step reads of the dispatch state, so from two states of one shape each
 * answer leads to the same next shape through the same calls: the same observations for the
 * monitors, as long as the steps read the same of the plan, which is what the configuration adds.
 * The explorer runs the stepper on a shape's first state with the plan of the configuration at hand
 * watched (planProbe.ts), records each answer's next shape and observation ids here, under the values
 * of the plan fields the steps read; any configuration that agrees on those reuses the record. Most
 * shapes in postprocessing read only the DIF and FlagsEx of the plan, so they are stepped once for
 * all configurations (at 3 + 3 co-installers and six codes: 6,396 postprocessing shapes for 33,420
 * postprocessing views). The shape holds the pending call and the installers' names, which a view
 * could leave to the configuration.
 */
import { AppendLog } from '../../domain/appendLog.js';
import type { DispatchPlan } from '../../domain/dispatchPlan.js';
import type { CallRecord, DispatchState, PendingCall, PostRequest } from '../../domain/dispatchRules.js';
import type { Violation } from '../../domain/violations.js';
import { ExecutorState, type StepperState } from './dispatchSteps.js';
import { KeptStates } from './keptStates.js';
import { markGrowable } from '../engine/growable.js';
import { IntKeySet } from '../engine/intKeySet.js';
import { PHASE, who, type Interner } from './observationTable.js';
import type { PlanProbe } from '../engine/planProbe.js';
import { SuccessorArena } from '../engine/successorArena.js';

export type View = 'abstract' | 'full';

/** The call the dispatch waits on, every field. */
function pushPending(key: IntKeySet, values: Interner, p: PendingCall | null): void {
  if (p === null) {
    key.push(-1);
    return;
  }
  key.push(who(p.who)).push(p.index ?? -1).push(PHASE(p.phase)).push(values.optional(p.name)).push(values.optional(p.function));
  key.push(p.installResult === undefined ? 0 : 1).push(p.installResult ?? 0);
  key.push('privateData' in p ? 1 : 0).push(values.data(p.privateData));
  key.push(p.stubResult === undefined ? 0 : 1).push(p.stubResult ?? 0);
}

function pushRequests(key: IntKeySet, values: Interner, log: AppendLog<PostRequest>, from: number): void {
  key.push(log.length - from);
  for (let i = from; i < log.length; i++) {
    const r = log.at(i)!;
    // Caller, index and name in one int when they fit (non-negative), else a negative marker and
    // the three: either way one key per request list (the key's length tells the lists apart).
    const w = who(r.who);
    const name = values.text(r.name);
    if (r.index >= 0 && r.index < 256 && name < 1 << 20) key.push((name << 10) | (r.index << 2) | w);
    else key.push(-1).push(w).push(r.index).push(name);
    key.push(values.data(r.privateData));
  }
}

/**
 * Writes the shape of a state into `key`: its VIEW (see dispatchExplorer.ts) but the configuration.
 * The leaf (the machine's state, by the executor's number) comes first; which fields of the
 * dispatch follow depends on the call the machine waits for, not on the chart's state names. A
 * state that is neither done nor waiting for a call (the explorer reports it as a deadlock) keeps
 * its whole dispatch state.
 */
function pushAbstractKey(key: IntKeySet, values: Interner, state: StepperState, sharedMatters: boolean): void {
  const ds = state.context;
  key.push(state.leaf);
  if (state.status === 'done') {
    key.push(-2).push(ds.status);
    return;
  }
  const p = ds.pending;
  pushPending(key, values, p);
  if (p === null) {
    const { plan: _plan, ...rest }: DispatchState = ds;
    key.push(values.text(JSON.stringify(rest)));
  } else if (p.phase === 'pre') {
    // a co-installer's preprocessing
    key.push(ds.cursor);
    pushRequests(key, values, ds.requested, 0);
    if (sharedMatters) key.push(values.data(ds.shared.value));
  } else if (p.phase === 'post') {
    key.push(ds.status);
    pushRequests(key, values, ds.postQueue, ds.cursor);
  } else {
    // the class installer or the default handler
    pushRequests(key, values, ds.requested, 0);
  }
}

/** The full view: the whole dispatch state but its plan, and the configuration (no sharing). */
function pushFullKey(key: IntKeySet, values: Interner, config: number, state: StepperState): void {
  const { plan: _plan, ...rest }: DispatchState = state.context;
  key.push(state.leaf).push(state.status === 'done' ? 1 : 0).push(config).push(values.text(JSON.stringify(rest)));
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
  // Spread, then fields it already has: the copy keeps the context's hidden class (as the
  // executor's copies do), so the rules' property reads stay monomorphic.
  const ds: DispatchState = { ...state.context, calls: NO_CALLS, violations: NO_VIOLATIONS_LOG, notes: NO_NOTES };
  return new ExecutorState(state.leaf, ds, state.status, undefined);
}

export class ShapeTable {
  private readonly ids = new IntKeySet();
  // Small at first, so that it grows while the code is warming up (see intKeySet.ts).
  private final = new Uint8Array(16);
  /** The status of each final shape. */
  private readonly statuses = new Map<number, number>();
  /** Per shape that is not final: its first state, to step from (the full view: as it is; else without its logs, as integers). */
  private readonly states: (StepperState | undefined)[] = [];
  private readonly kept = new KeptStates();
  /**
   * Per shape: the plan fields its steps have read, as a list number (-1: not stepped yet, see
   * `lists`), and whether they used the plan as a whole.
   */
  private fieldsRead = new Int32Array(16);
  private whole = new Uint8Array(16);
  /** Lists of field names, numbered. */
  private readonly lists: PropertyKey[][] = [];
  private readonly listIds = new Map<string, number>();
  /** Plan classes: a field list and the values of those fields (or a configuration), numbered (see `classOf`). */
  private readonly classes = new IntKeySet();
  /** (shape, class) → where the record starts in `successors` (by entry number of `records`). */
  private readonly records = new IntKeySet();
  private readonly starts: number[] = [];
  private readonly objects = new Map<unknown, number>();
  /** Per field list: configuration → its class + 1 (0: not known yet). */
  private readonly classByList: Int32Array[] = [];
  readonly successors = new SuccessorArena();

  constructor(
    private readonly view: View,
    private readonly values: Interner,
    private readonly sharedMatters: boolean,
    private readonly plans: readonly DispatchPlan[],
  ) {
    markGrowable(this, 'final', 'fieldsRead', 'whole');
  }

  /** The shape of a state of configuration `config` (which only the full view keys on), numbered. */
  intern(config: number, state: StepperState): number {
    const key = this.ids.begin();
    if (this.view === 'full') pushFullKey(key, this.values, config, state);
    else pushAbstractKey(key, this.values, state, this.sharedMatters);
    const seen = key.intern();
    if (seen >= 0) return seen;
    const id = -1 - seen;
    if (id === this.final.length) this.grow();
    const done = state.status === 'done';
    this.final[id] = done ? 1 : 0;
    this.fieldsRead[id] = -1;
    if (done) this.statuses.set(id, state.context.status);
    // The full view keys on the logs, so it keeps them; a final state has no successors to compute.
    if (this.view === 'full') this.states.push(done ? undefined : state);
    else this.kept.keep(id, done ? undefined : light(state));
    return id;
  }

  private grow(): void {
    const n = this.final.length * 2;
    const final = new Uint8Array(n);
    final.set(this.final);
    const fieldsRead = new Int32Array(n);
    fieldsRead.set(this.fieldsRead);
    const whole = new Uint8Array(n);
    whole.set(this.whole);
    [this.final, this.fieldsRead, this.whole] = [final, fieldsRead, whole];
  }

  /** Bytes held by the typed tables (shape keys, plan classes, records and successors). */
  bytes(): number {
    return (
      this.ids.bytes() +
      this.classes.bytes() +
      this.records.bytes() +
      this.final.byteLength +
      this.fieldsRead.byteLength +
      this.whole.byteLength +
      this.successors.bytes() +
      this.kept.bytes()
    );
  }

  isFinal(shape: number): boolean {
    return this.final[shape] === 1;
  }

  /** The final status of a final shape. */
  finalStatus(shape: number): number {
    return this.statuses.get(shape)!;
  }

  /** A state of the shape, to step from, with the plan of the configuration at hand put in. */
  state(shape: number, plan: DispatchPlan): StepperState {
    if (this.view !== 'full') return this.kept.state(shape, plan);
    const kept = this.states[shape]!;
    return new ExecutorState(kept.leaf, { ...kept.context, plan }, 'active', undefined);
  }

  /** Where the shape's successors under configuration `config`'s plan start in `successors`, or -1. */
  find(shape: number, config: number): number {
    const list = this.fieldsRead[shape];
    if (list < 0) return -1;
    const entry = this.records.begin().push(shape).push(this.classOf(list, this.whole[shape] === 1, config)).find();
    return entry < 0 ? -1 : this.starts[entry];
  }

  /** Files the record at `at` of the shape's successors, stepped with configuration `config`'s plan watched by `probe`. */
  file(shape: number, config: number, probe: PlanProbe, at: number): void {
    // The fields read so far from this shape, and now: classes by more fields leave the records
    // filed under fewer out of reach (their class keys differ), as they must.
    let list = this.fieldsRead[shape];
    const before = list < 0 ? [] : this.lists[list];
    let more = list < 0;
    for (let i = 0; i < probe.fields.length && !more; i++) more = !before.includes(probe.fields[i]);
    if (more) {
      const fields = [...before, ...probe.fields.filter((f) => !before.includes(f))];
      const text = fields.map((f) => (typeof f === 'symbol' ? `@${String(f)}` : `.${f}`)).join('\n');
      const known = this.listIds.get(text);
      if (known === undefined) {
        this.listIds.set(text, (list = this.lists.length));
        this.lists.push(fields);
      } else list = known;
      this.fieldsRead[shape] = list;
    }
    if (probe.whole) this.whole[shape] = 1;
    const entry = this.records.begin().push(shape).push(this.classOf(list, this.whole[shape] === 1, config)).intern();
    if (entry < 0) this.starts.push(at);
    else this.starts[entry] = at;
  }

  /**
   * Configuration `config`'s class under field list `list`: the list and its plan's values there (or
   * the configuration itself, when `whole`). Plans never change, so it is memoised per (list, config).
   */
  private classOf(list: number, whole: boolean, config: number): number {
    const known = whole ? undefined : (this.classByList[list] ??= new Int32Array(this.plans.length));
    if (known !== undefined && known[config] !== 0) return known[config] - 1;
    const key = this.classes.begin();
    if (whole) key.push(-1).push(config);
    else {
      const plan = this.plans[config] as unknown as Record<PropertyKey, unknown>;
      key.push(list);
      for (const field of this.lists[list]) key.push(field in plan ? this.valueId(plan[field]) : -1);
    }
    let id = key.intern();
    if (id < 0) id = -1 - id;
    if (known !== undefined) known[config] = id + 1;
    return id;
  }

  /** Equal ids: the same primitive value, or the very same object. */
  private valueId(value: unknown): number {
    if ((typeof value === 'object' && value !== null) || typeof value === 'function' || typeof value === 'symbol') {
      let id = this.objects.get(value);
      if (id === undefined) this.objects.set(value, (id = this.objects.size));
      return 2 * id;
    }
    const text = typeof value === 'number' && Object.is(value, -0) ? 'number:-0' : `${typeof value}:${String(value)}`;
    return 2 * this.values.text(text) + 1;
  }
}
