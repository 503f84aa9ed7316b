/**
 * Runs the REAL difDispatch machine (machines/difDispatch/) over a list of events, microstep by
 * microstep, and reports what an invariant monitor sees: each recorded call with the status right
 * after it and the violations it caused, and the end of the dispatch, with XState itself (the machine given,
 * default: difDispatch). Counterexamples found by the explorer (which steps the derived executor) are
 * confirmed here.
 */
import { getInitialMicrosteps, getMicrosteps, type SnapshotFrom } from 'xstate';
import { difDispatchMachine } from '../../../machines/difDispatch/difDispatch.machine.js';
import type { DifDispatchEvent } from '../../../machines/difDispatch/difDispatch.types.js';
import type { DispatchPlan } from '../../domain/dispatchPlan.js';
import type { DispatchState } from '../../domain/dispatchRules.js';
import type { RunResult } from '../../domain/runResult.js';
import { checkDispatchTrace, type DispatchEnd, type DispatchInvariant, type DispatchObservation, type InvariantFailure } from '../../invariants/index.js';

type Snapshot = SnapshotFrom<typeof difDispatchMachine>;

export interface MachineTrace {
  readonly observations: readonly DispatchObservation[];
  /** Undefined while the machine still waits for an event. */
  readonly end: DispatchEnd | undefined;
  readonly output: RunResult | undefined;
  /** The snapshot after the last event. */
  readonly snapshot: Snapshot;
  /** Events the machine did not accept (their guard failed), by position in `events`. */
  readonly ignored: readonly number[];
}

/**
 * What changed between two contexts, one microstep apart: one observation per call recorded in
 * between (at most one), with the status right after it. The answer goes with the first call an
 * event records.
 */
function observe(before: DispatchState | undefined, after: DispatchState, into: DispatchObservation[], answer: { event?: DifDispatchEvent }): void {
  const calls = before ? before.calls.length : 0;
  const violations = before ? before.violations.length : 0;
  for (let i = calls; i < after.calls.length; i++) {
    const newViolations = after.violations.toArray().slice(violations);
    into.push({ call: after.calls.at(i)!, status: after.status, violations: i === calls ? newViolations : [], ...(answer.event ? { answer: answer.event } : {}) });
    answer.event = undefined;
  }
}

export function machineTrace(plan: DispatchPlan, events: readonly DifDispatchEvent[], machine: typeof difDispatchMachine = difDispatchMachine): MachineTrace {
  const observations: DispatchObservation[] = [];
  const ignored: number[] = [];
  let previous: DispatchState | undefined;
  let snapshot: Snapshot | undefined;
  for (const [next] of getInitialMicrosteps(machine, plan)) {
    observe(previous, next.context, observations, {});
    previous = next.context;
    snapshot = next as Snapshot;
  }
  events.forEach((event, i) => {
    const steps = snapshot!.status === 'active' ? getMicrosteps(machine, snapshot!, event) : [];
    if (steps.length === 0) ignored.push(i);
    const answer = { event };
    for (const [next] of steps) {
      observe(previous, next.context, observations, answer);
      previous = next.context;
      snapshot = next as Snapshot;
    }
  });
  const final = snapshot!;
  const isDone = final.status === 'done';
  const ds = final.context;
  return {
    observations,
    end: isDone ? { status: ds.status, calls: ds.calls.toArray(), violations: ds.violations.toArray() } : undefined,
    output: isDone ? (final.output as RunResult) : undefined,
    snapshot: final,
    ignored,
  };
}

/** Checks one invariant over a machine trace: the failure, or null when it holds. */
export function checkMachineTrace(invariant: DispatchInvariant, plan: DispatchPlan, trace: MachineTrace): InvariantFailure | null {
  if (!trace.end) throw new Error('the dispatch did not finish');
  return checkDispatchTrace(invariant, plan, trace.observations, trace.end);
}
