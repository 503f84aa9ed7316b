/**
 * The derived executor: steps a machine by its compiled chart (compile.ts), calling the machine's
 * own guard and action implementations, with XState's macrostep semantics — the event's transition
 * (the first enabled candidate from the leaf outwards), then eventless transitions until none is
 * enabled, then the internal queue (done events of compound states), to a fixpoint. Entering a
 * final child of the root ends the machine: the output is the root's `output` mapper, then every
 * active state's exit actions run, as in XState.
 *
 * A state is (leaf number, context, status, output); nothing else is copied per step, so branching
 * from a state is free. The executor runs no intent action; it records them when asked (`intents`).
 * test/explore/refinement.test.ts checks it against XState on every state and transition the
 * default-bounds exploration visits.
 */
import type { AnyStateMachine, ContextFrom, EventObject, InputFrom, StateValue } from 'xstate';
import { compileChart, type CompiledChart, type Leaf, type Step } from './compile.js';
import type { ActionSink, AssignWatch } from './implementations.js';

export type { AssignWatch } from './implementations.js';

export { UnsupportedMachineError } from './implementations.js';

export class ExecutorState<C = unknown> {
  constructor(
    /** The active leaf, by number (see `Executor.leafId`). */
    readonly leaf: number,
    readonly context: C,
    readonly status: 'active' | 'done',
    readonly output: unknown,
  ) {}
}

export interface StepOptions {
  /** Receives every intent action of the step, with its resolved params. */
  readonly intents?: { type: string; params: unknown }[];
  /** Called after every assign, with the context before and after it (every assign then copies the context). */
  readonly onAssign?: (before: never, after: never) => void;
  /**
   * Called around every assign: `before` with the context it starts from, `after` with the context
   * it made. Unlike `onAssign` this lets a step write its own copy in place (one copy per step), so
   * the two may be the same object: `before` is where to note what `after` compares.
   */
  readonly watch?: AssignWatch;
  /**
   * `send` only: the caller hands the state over and will not use it again (a run that keeps only
   * its latest state, as dispatch() does), so the step may write the state's context in place
   * instead of copying it. States are otherwise values: branching from one is free.
   */
  readonly consume?: boolean;
}

const MAX_MICROSTEPS = 10_000;

export class Executor<M extends AnyStateMachine = AnyStateMachine, C = ContextFrom<M>> {
  readonly chart: CompiledChart;
  private readonly sink: ActionSink = { intents: undefined, onAssign: undefined, watch: undefined, owned: undefined, assigns: 0 };
  /** Whether the last `send` had a transition take its event. */
  lastTaken = false;
  // The registers a step works on (one step at a time; nothing re-enters the executor).
  private leaf = 0;
  private ctx: C = undefined as C;
  private done = false;
  private out: unknown = undefined;
  /** The internal queue of the step (done events of compound states); empty between steps. */
  private readonly queue: EventObject[] = [];

  constructor(readonly machine: M) {
    this.chart = compileChart(machine);
  }

  /** The machine's initial state for `input` (after its eventless steps). */
  initial(input: InputFrom<M>, options?: StepOptions): ExecutorState<C> {
    this.open(options);
    try {
      const event = { type: 'xstate.init', input } as EventObject;
      const contextConfig = (this.machine.config as { context?: unknown }).context;
      let context: C;
      if (typeof contextConfig === 'function') {
        const spawn = () => {
          throw new Error('spawn in the context factory is not supported by the derived executor');
        };
        // A fresh copy, as XState's assign of the factory's result makes (a spread: Object.assign into {} is several times slower).
        context = { ...contextConfig({ spawn, input, self: undefined }) } as C;
      } else context = (contextConfig ?? {}) as C;
      const queue = this.queue;
      this.leaf = 0;
      this.ctx = context;
      this.sink.owned = context; // made here: the initial assigns may write into it
      this.done = false;
      this.out = undefined;
      this.take(this.chart.initial, event, queue);
      this.settle(event, queue);
      return new ExecutorState(this.leaf, this.ctx, this.done ? 'done' : 'active', this.out);
    } finally {
      this.close();
    }
  }

  /**
   * The state after `event`: the same state object when nothing moved (no transition takes the
   * event, or the machine is done); `lastTaken` tells whether a transition took it.
   */
  send(state: ExecutorState<C>, event: EventObject, options?: StepOptions): ExecutorState<C> {
    return this.step(state, event, options, false) as ExecutorState<C>;
  }

  /**
   * `send`, when `can(state, event)` holds; undefined otherwise, and the state is left as it was
   * (with `consume` too). One selection of the event's transition serves both: what a replay that
   * checks every event before stepping it needs.
   */
  sendIfCan(state: ExecutorState<C>, event: EventObject, options?: StepOptions): ExecutorState<C> | undefined {
    return this.step(state, event, options, true);
  }

  private step(state: ExecutorState<C>, event: EventObject, options: StepOptions | undefined, ifCan: boolean): ExecutorState<C> | undefined {
    this.lastTaken = false;
    if (state.status !== 'active') return ifCan ? undefined : state;
    this.open(options);
    try {
      const step = this.select(this.chart.candidates(state.leaf, event.type), state.context, event);
      if (ifCan && (step === null || !step.effective)) return undefined;
      this.leaf = state.leaf;
      this.ctx = state.context;
      this.done = false;
      this.out = undefined;
      if (options?.consume) this.sink.owned = state.context;
      const assigns = this.sink.assigns;
      const queue = this.queue;
      if (step !== null) {
        this.lastTaken = true;
        this.take(step, event, queue);
      }
      this.settle(event, queue);
      if (!this.done && this.leaf === state.leaf && this.sink.assigns === assigns) return state;
      return new ExecutorState(this.leaf, this.ctx, this.done ? 'done' : 'active', this.out);
    } finally {
      this.close();
    }
  }

  /** Whether some transition takes the event (XState's `snapshot.can`). */
  can(state: ExecutorState<C>, event: EventObject): boolean {
    if (state.status !== 'active') return false;
    const step = this.select(this.chart.candidates(state.leaf, event.type), state.context, event);
    return step !== null && step.effective;
  }

  value(state: ExecutorState<C>): StateValue {
    return this.chart.leaves[state.leaf].value as StateValue;
  }

  tags(state: ExecutorState<C>): ReadonlySet<string> {
    return this.chart.leaves[state.leaf].tags;
  }

  /** The `#id` of a leaf. */
  leafId(leaf: number): string {
    return this.chart.leaves[leaf].node.id;
  }

  get leafCount(): number {
    return this.chart.leaves.length;
  }

  private busy = false;

  private open(options: StepOptions | undefined): void {
    if (this.busy) throw new Error(`${this.machine.id}: the executor was called again from inside a step (a guard, an action or a hook)`);
    this.busy = true;
    this.sink.intents = options?.intents;
    this.sink.onAssign = options?.onAssign as ActionSink['onAssign'];
    this.sink.watch = options?.watch as ActionSink['watch'];
    this.sink.owned = undefined;
    if (this.queue.length > 0) this.queue.length = 0;
  }

  private close(): void {
    this.busy = false;
    this.sink.intents = undefined;
    this.sink.onAssign = undefined;
    this.sink.watch = undefined;
    this.sink.owned = undefined;
    // The registers let go of the step's context and output: the executor outlives every run (one per machine), and would keep the last run's state alive.
    this.ctx = undefined as C;
    this.out = undefined;
  }

  private select(steps: readonly Step[], context: C, event: EventObject): Step | null {
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i];
      if (s.guard === null || s.guard(context, event)) return s;
    }
    return null;
  }

  /** One microstep from the registers: the step's actions, then the leaf it ends in (and the machine's end there). */
  private take(step: Step, event: EventObject, queue: EventObject[]): void {
    const actions = step.actions;
    let ctx = this.ctx;
    for (let i = 0; i < actions.length; i++) ctx = actions[i](ctx, event, this.sink);
    this.ctx = ctx;
    if (step.to < 0) return;
    this.leaf = step.to;
    const l = this.chart.leaves[step.to];
    if (l.doneOf) {
      queue.push(this.doneEvent(l, ctx, event, l.doneOf.id));
      this.sink.owned = undefined; // the done event's output may hold the context
    }
    if (!l.ends) return;
    this.out = this.outputOf(l, ctx, event);
    this.sink.owned = undefined; // so may the machine's output
    for (const exit of l.exitAll) ctx = exit(ctx, event, this.sink);
    this.ctx = ctx;
    this.done = true;
  }

  private doneEvent(l: Leaf, context: C, event: EventObject, id: string): EventObject {
    const mapper = l.node.output;
    const output = mapper === undefined ? undefined : typeof mapper === 'function' ? mapper({ context, event, self: undefined }) : mapper;
    return { type: `xstate.done.state.${id}`, output } as EventObject;
  }

  private outputOf(l: Leaf, context: C, event: EventObject): unknown {
    const mapper = (this.machine.root as { output?: unknown }).output;
    if (mapper === undefined) return undefined;
    const done = this.doneEvent(l, context, event, l.node.id);
    return typeof mapper === 'function' ? mapper({ context, event: done, self: undefined }) : mapper;
  }

  /** Eventless transitions and queued done events, until neither moves the machine (on the registers). */
  private settle(event: EventObject, queue: EventObject[]): void {
    let currentEvent = event;
    let eventless = true;
    for (let n = 0; !this.done; n++) {
      if (n > MAX_MICROSTEPS) throw new Error(`${this.machine.id}: more than ${MAX_MICROSTEPS} microsteps without reaching a stable state`);
      const leaf = this.leaf;
      const ctx = this.ctx;
      const assigns = this.sink.assigns;
      let step = eventless ? this.select(this.chart.leaves[leaf].eventless, ctx, currentEvent) : null;
      let fromQueue = false;
      if (step === null) {
        const next = queue.shift();
        if (next === undefined) break;
        currentEvent = next;
        step = this.select(this.chart.candidates(leaf, next.type), ctx, next);
        fromQueue = true;
        if (step === null) {
          eventless = true;
          continue;
        }
      }
      this.take(step, currentEvent, queue);
      // XState stops selecting eventless transitions after one that changed nothing (until a queued event).
      eventless = fromQueue || this.leaf !== leaf || this.sink.assigns !== assigns;
    }
  }
}

const executors = new WeakMap<AnyStateMachine, Executor>();

/** The executor of a machine, compiled once. */
export function executorFor<M extends AnyStateMachine>(machine: M): Executor<M> {
  let executor = executors.get(machine);
  if (!executor) executors.set(machine, (executor = new Executor(machine)));
  return executor as unknown as Executor<M>;
}
