/**
 * The Fold of fold.ts, stepped by the executor derived from the machine's definition
 * (src/executor/) instead of XState's `transition`: the same initial snapshot and next snapshot
 * (state value, context, status, output; test/explore/refinement.test.ts compares them), at a
 * fraction of the cost. Its snapshots carry what replay reads of XState's: `value`, `context`,
 * `status`, `output`, `tags` and `can(event)`. Intent actions are collected as in fold.ts.
 */
import type { AnyStateMachine, EventObject, InputFrom, StateValue } from 'xstate';
import { executorFor, type Executor, type ExecutorState } from '../executor/index.js';

export interface ExecutorSnapshot<C> {
  readonly value: StateValue;
  readonly context: C;
  readonly status: 'active' | 'done';
  readonly output: unknown;
  readonly tags: ReadonlySet<string>;
  can(event: EventObject): boolean;
  /** The executor's state, to step from. */
  readonly state: ExecutorState<C>;
}

export interface ExecutorFold<M extends AnyStateMachine, C> {
  initial(input: InputFrom<M>): ExecutorSnapshot<C>;
  next(snapshot: ExecutorSnapshot<C>, event: EventObject): ExecutorSnapshot<C>;
  /** Intent actions of the last step, by type and resolved params (none when the fold was made without them). */
  readonly actions: { type: string; params: unknown }[];
}

class Snapshot<C> implements ExecutorSnapshot<C> {
  constructor(
    private readonly executor: Executor,
    readonly state: ExecutorState<C>,
  ) {}
  get value(): StateValue {
    return this.executor.value(this.state as ExecutorState);
  }
  get context(): C {
    return this.state.context;
  }
  get status(): 'active' | 'done' {
    return this.state.status;
  }
  get output(): unknown {
    return this.state.output;
  }
  get tags(): ReadonlySet<string> {
    return this.executor.tags(this.state as ExecutorState);
  }
  can(event: EventObject): boolean {
    return this.executor.can(this.state as ExecutorState, event);
  }
}

export function createExecutorFold<M extends AnyStateMachine, C = M extends { config: { context?: infer X } } ? X : unknown>(machine: M, recordIntents = true): ExecutorFold<M, C> {
  const executor = executorFor(machine) as unknown as Executor;
  const actions: { type: string; params: unknown }[] = [];
  const options = recordIntents ? { intents: actions } : {};
  return {
    actions,
    initial(input) {
      actions.length = 0;
      return new Snapshot<C>(executor, executor.initial(input as never, options) as ExecutorState<C>);
    },
    next(snapshot, event) {
      actions.length = 0;
      return new Snapshot<C>(executor, executor.send(snapshot.state as ExecutorState, event, options) as ExecutorState<C>);
    },
  };
}
