/**
 * Invariants as monitors. One definition serves the property tests (run over a whole trace), the
 * exhaustive explorer (run step by step; the monitor's small ghost state is part of the explored
 * state, as TLC keeps ghost variables), the CLI and the docs.
 *
 * A dispatch invariant watches the calls of one SetupDiCallClassInstaller as they happen. Its ghost
 * state must be small, plain JSON and canonical (equal histories that matter give equal ghosts), so
 * the explorer can deduplicate states by it.
 */
import type { DifDispatchEvent } from '../../machines/difDispatch/difDispatch.types.js';
import type { CallRecord } from '../domain/dispatchRules.js';
import type { DispatchPlan } from '../domain/dispatchPlan.js';
import type { Violation } from '../domain/violations.js';

/** What a monitor sees after each call: the call, and the dispatch right after it. */
export interface DispatchObservation {
  readonly call: CallRecord;
  /** The running status after the call's answer was applied. */
  readonly status: number;
  /** Violations the model recorded for this call. */
  readonly violations: readonly Violation[];
  /**
   * The host's answer that produced this call record (its `privateData` is what a co-installer
   * stored in Context.PrivateData in preprocessing). Absent for a record made without an answer
   * (the default-handler step of a DIF that has no handler), or when the runner does not pass it;
   * monitors that need it (PrivateDataRoundTrips) then leave that call unjudged.
   */
  readonly answer?: DifDispatchEvent;
}

/** What a monitor sees when the dispatch is over. */
export interface DispatchEnd {
  readonly status: number;
  readonly calls: readonly CallRecord[];
  readonly violations: readonly Violation[];
}

export interface DispatchInvariant<G = unknown> {
  /** PascalCase, as in docs/invariants.md. */
  readonly name: string;
  /** One sentence: what must always hold. */
  readonly sentence: string;
  /** Where the rule comes from (the public source, tags as in docs/sources.md). */
  readonly source: string;
  readonly machine: 'difDispatch';
  /** The ghost state before the first call. */
  init(plan: DispatchPlan): G;
  /** The next ghost state, or a failure: one sentence saying what went wrong. */
  step(ghost: G, observation: DispatchObservation, plan: DispatchPlan): G | InvariantFailure;
  /** Checks what can only be judged once the call has returned. */
  end(ghost: G, end: DispatchEnd, plan: DispatchPlan): InvariantFailure | null;
}

export interface InvariantFailure {
  readonly failure: string;
}

export const fails = (failure: string): InvariantFailure => ({ failure });

export function isFailure(value: unknown): value is InvariantFailure {
  return typeof value === 'object' && value !== null && 'failure' in value && Object.keys(value).length === 1;
}

/** Runs a dispatch invariant over a whole finished trace; returns the failure or null. */
export function checkDispatchTrace(
  invariant: DispatchInvariant,
  plan: DispatchPlan,
  observations: readonly DispatchObservation[],
  end: DispatchEnd,
): InvariantFailure | null {
  let ghost = invariant.init(plan);
  for (const observation of observations) {
    const next = invariant.step(ghost, observation, plan);
    if (isFailure(next)) return next;
    ghost = next;
  }
  return invariant.end(ghost, end, plan);
}

/**
 * A lifecycle invariant judges a whole installation run: the scenario (with its timeline) and the
 * InstallResult. Runs are bounded, so the explorer checks these on every end state.
 */
export interface LifecycleInvariant {
  readonly name: string;
  readonly sentence: string;
  readonly source: string;
  readonly machine: 'deviceInstall';
  check(scenario: import('../domain/scenario.js').Scenario, result: import('../domain/lifecycle/installResult.js').InstallResult): InvariantFailure | null;
}
