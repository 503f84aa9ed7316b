/**
 * The difDispatch machine's steps as the explorer takes them: through the executor derived from the
 * machine's definition (src/executor/), so every guard, action and target is the machine's own. The
 * machine to step is a parameter (default: the real difDispatch machine), so that a changed machine
 * — a planted bug, or a new chart — is what gets explored.
 *
 * Nothing here names a state of the chart: a state where the machine waits is any stable state
 * that is not final, and what it waits for is `context.pending` (the call the machine announced
 * with its `requestCall` intent). An answer is the machine's own event for that call.
 */
import { difDispatchMachine } from '../../../machines/difDispatch/difDispatch.machine.js';
import type { DifDispatchEvent } from '../../../machines/difDispatch/difDispatch.types.js';
import { hex } from '../../domain/codes.js';
import type { DispatchPlan } from '../../domain/dispatchPlan.js';
import type { DispatchState, PendingCall } from '../../domain/dispatchRules.js';
import type { RunResult } from '../../domain/runResult.js';
import type { Json } from '../../domain/scenario.js';
import { executorFor, type Executor, ExecutorState } from '../../executor/index.js';
import type { TraceAnswer } from '../engine/stateTable.js';

/** A dispatch machine: difDispatch, or a machine built from it (provide(), a changed config). */
export type DispatchMachine = typeof difDispatchMachine;

/** The explorer's state of a dispatch: the executor's (leaf, context, status, output). */
export type StepperState = ExecutorState<DispatchState>;

/**
 * Called right after a context update that recorded a call: the state as that update left it, the
 * position of the new call in `ds.calls`, and where this update's violations start in
 * `ds.violations`.
 */
export type CallHook = (ds: DispatchState, callIndex: number, violationsFrom: number) => void;

/** The machine's event answering `pending` with `code` (and, in preprocessing, the PrivateData stored). */
export function answerEvent(pending: PendingCall, code: number, privateData?: Json): DifDispatchEvent {
  switch (pending.who) {
    case 'classInstaller':
      return { type: 'classInstaller.returned', code: hex(code) };
    case 'defaultHandler':
      return { type: 'defaultHandler.returned', code: hex(code) };
    default:
      // Two literals rather than a conditional spread (an object spread is far slower than a literal).
      return privateData !== undefined && pending.phase === 'pre'
        ? { type: 'coInstaller.returned', who: pending.who, index: pending.index!, phase: pending.phase, code: hex(code), privateData }
        : { type: 'coInstaller.returned', who: pending.who, index: pending.index!, phase: pending.phase!, code: hex(code) };
  }
}

export class DispatchSteps {
  readonly executor: Executor<DispatchMachine>;
  private hook: CallHook | undefined;
  /** The lengths of the logs before the assign being watched (the assign may write in place). */
  private callsBefore = 0;
  private violationsBefore = 0;
  private readonly options = {
    watch: {
      before: (before: DispatchState) => {
        this.callsBefore = before.calls.length;
        this.violationsBefore = before.violations.length;
      },
      after: (after: DispatchState) => {
        const hook = this.hook;
        if (hook !== undefined) for (let i = this.callsBefore; i < after.calls.length; i++) hook(after, i, this.violationsBefore);
      },
    },
  };

  constructor(readonly machine: DispatchMachine = difDispatchMachine) {
    this.executor = executorFor(machine);
  }

  /** The machine's initial state for a plan: every eventless step up to its first call. */
  start(plan: DispatchPlan, hook?: CallHook): StepperState {
    this.hook = hook;
    return this.executor.initial(plan, this.options as never);
  }

  /** Sends a machine event (an event no transition takes leaves the state as it is, as in XState). */
  send(state: StepperState, event: DifDispatchEvent, hook?: CallHook): StepperState {
    this.hook = hook;
    return this.executor.send(state, event, this.options as never);
  }

  /** Answers the pending call with `code`; the machine must take the answer. */
  answer(state: StepperState, code: number, privateData?: Json, hook?: CallHook): StepperState {
    const pending = state.context.pending;
    if (state.status !== 'active' || pending === null) throw new Error(`the dispatch waits in ${this.where(state)} for no call: nothing to answer`);
    const next = this.send(state, answerEvent(pending, code, privateData), hook);
    if (!this.executor.lastTaken) throw new Error(`the machine does not take the answer to its pending call in ${this.where(state)}`);
    return next;
  }

  /** The state a trace of answers leads to, with every call, violation and note. */
  replay(plan: DispatchPlan, answers: readonly TraceAnswer[], hook?: CallHook): StepperState {
    let state = this.start(plan, hook);
    for (const a of answers) {
      if (state.status === 'done') throw new Error('the trace goes on after the dispatch is over');
      state = this.answer(state, a.code, a.storesPrivateData ? state.context.pending!.index : undefined, hook);
    }
    return state;
  }

  /** The state's leaf, as `#id`. */
  where(state: StepperState): string {
    return `#${this.executor.leafId(state.leaf)}`;
  }

  /** The machine's output once it is done. */
  result(state: StepperState): RunResult {
    if (state.status !== 'done') throw new Error(`the dispatch is not over (${this.where(state)})`);
    return state.output as RunResult;
  }
}

const steppers = new WeakMap<DispatchMachine, DispatchSteps>();

/** The steps of a machine (one per machine). */
export function dispatchSteps(machine: DispatchMachine = difDispatchMachine): DispatchSteps {
  let steps = steppers.get(machine);
  if (!steps) steppers.set(machine, (steps = new DispatchSteps(machine)));
  return steps;
}

export { ExecutorState };
