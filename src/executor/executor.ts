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
import type { ActionSink } from './implementations.js';

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
  /** Called after every assign, with the context before and after it. */
  readonly onAssign?: (before: never, after: never) => void;
}

const MAX_MICROSTEPS = 10_000;

export class Executor<M extends AnyStateMachine = AnyStateMachine, C = ContextFrom<M>> {
  readonly chart: CompiledChart;
  private readonly sink: ActionSink = { intents: undefined, onAssign: undefined };

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
        context = Object.assign({}, contextConfig({ spawn, input, self: undefined })) as C;
      } else context = (contextConfig ?? {}) as C;
      const queue: EventObject[] = [];
      return this.settle(this.take(this.chart.initial, 0, context, event, queue), event, queue);
    } finally {
      this.close();
    }
  }

  /** The state after `event` (the same state when no transition takes it, or the machine is done). */
  send(state: ExecutorState<C>, event: EventObject, options?: StepOptions): ExecutorState<C> {
    if (state.status !== 'active') return state;
    this.open(options);
    try {
      const step = this.select(this.chart.candidates(state.leaf, event.type), state.context, event);
      const queue: EventObject[] = [];
      const next = step ? this.take(step, state.leaf, state.context, event, queue) : state;
      return this.settle(next, event, queue);
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

  private open(options: StepOptions | undefined): void {
    this.sink.intents = options?.intents;
    this.sink.onAssign = options?.onAssign as ActionSink['onAssign'];
  }

  private close(): void {
    this.sink.intents = undefined;
    this.sink.onAssign = undefined;
  }

  private select(steps: readonly Step[], context: C, event: EventObject): Step | null {
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i];
      if (s.guard === null || s.guard(context, event)) return s;
    }
    return null;
  }

  /** One microstep: the step's actions, then the leaf it ends in (and the machine's end there). */
  private take(step: Step, from: number, context: C, event: EventObject, queue: EventObject[]): ExecutorState<C> {
    const actions = step.actions;
    let ctx = context;
    for (let i = 0; i < actions.length; i++) ctx = actions[i](ctx, event, this.sink);
    const leaf = step.to < 0 ? from : step.to;
    if (step.to < 0) return new ExecutorState(leaf, ctx, 'active', undefined);
    const l = this.chart.leaves[leaf];
    if (l.doneOf) queue.push(this.doneEvent(l, ctx, event, l.doneOf.id));
    if (!l.ends) return new ExecutorState(leaf, ctx, 'active', undefined);
    const output = this.outputOf(l, ctx, event);
    for (const exit of l.exitAll) ctx = exit(ctx, event, this.sink);
    return new ExecutorState(leaf, ctx, 'done', output);
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

  /** Eventless transitions and queued done events, until neither moves the machine. */
  private settle(state: ExecutorState<C>, event: EventObject, queue: EventObject[]): ExecutorState<C> {
    let current = state;
    let currentEvent = event;
    let eventless = true;
    for (let n = 0; current.status === 'active'; n++) {
      if (n > MAX_MICROSTEPS) throw new Error(`${this.machine.id}: more than ${MAX_MICROSTEPS} microsteps without reaching a stable state`);
      let step = eventless ? this.select(this.chart.leaves[current.leaf].eventless, current.context, currentEvent) : null;
      let fromQueue = false;
      if (step === null) {
        const next = queue.shift();
        if (next === undefined) break;
        currentEvent = next;
        step = this.select(this.chart.candidates(current.leaf, next.type), current.context, next);
        fromQueue = true;
        if (step === null) {
          eventless = true;
          continue;
        }
      }
      const next = this.take(step, current.leaf, current.context, currentEvent, queue);
      // XState stops selecting eventless transitions after one that changed nothing (until a queued event).
      eventless = fromQueue || next.leaf !== current.leaf || next.context !== current.context;
      current = next;
    }
    return current;
  }
}

const executors = new WeakMap<AnyStateMachine, Executor>();

/** The executor of a machine, compiled once. */
export function executorFor<M extends AnyStateMachine>(machine: M): Executor<M> {
  let executor = executors.get(machine);
  if (!executor) executors.set(machine, (executor = new Executor(machine)));
  return executor as unknown as Executor<M>;
}
