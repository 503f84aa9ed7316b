/**
 * Running the real machines for the invariant monitors: the difDispatch machine stepped by XState
 * itself, with the pure fold of src/host/fold.ts (runDif's XState engine; without an inspector
 * runDif steps the derived executor, which gives the same run: properties/engines.property.ts),
 * answered by the same host (src/host/answers.ts),
 * with one DispatchObservation per new call record; and whole installations through `install`.
 *
 * Observations are cut at the host's events: after each answer the machine takes its eventless
 * steps, so `status` is the status once those are taken (e.g. the ERROR_DI_DO_DEFAULT assumed for a
 * missing class installer is already in it). No monitor in the catalogue reads `status`; each
 * re-derives the status from the calls (dispatch/reference.ts).
 */
import { difDispatchMachine } from '../../machines/difDispatch/difDispatch.machine.js';
import type { DifDispatchEvent } from '../../machines/difDispatch/difDispatch.types.js';
import { parseDif, type CodeInput } from '../domain/codes.js';
import { planDispatch, type DispatchPlan } from '../domain/dispatchPlan.js';
import type { CallRecord, DispatchState } from '../domain/dispatchRules.js';
import type { InstallResult } from '../domain/lifecycle/installResult.js';
import type { Semantics } from '../domain/profiles.js';
import type { RunResult } from '../domain/runResult.js';
import type { Scenario } from '../domain/scenario.js';
import type { Violation } from '../domain/violations.js';
import { answerPending, type CallCounters } from '../host/answers.js';
import { createFold } from '../host/fold.js';
import { install } from '../host/runInstall.js';
import { validateScenario } from '../scenario/load.js';
import type { ScenarioDocument } from '../scenario/schema.js';
import {
  checkDispatchTrace,
  type DispatchEnd,
  type DispatchInvariant,
  type DispatchObservation,
  type InvariantFailure,
  type LifecycleInvariant,
} from './types.js';

export interface ObserveOptions {
  /** Overrides the profile's semantics (mutation testing: a planted bug must be caught). */
  readonly semantics?: Semantics;
  /** The machine to run (default: difDispatch; explore passes the machine it explored). */
  readonly machine?: typeof difDispatchMachine;
}

/** One observed dispatch: what the monitors judge, and the machine's own output. */
export interface DispatchRun {
  readonly scenario: Scenario;
  readonly plan: DispatchPlan;
  readonly observations: readonly DispatchObservation[];
  readonly end: DispatchEnd;
  readonly result: RunResult;
}

/** A failing invariant of a run, by name. */
export interface InvariantBreach {
  readonly name: string;
  readonly failure: string;
}

const folds = new WeakMap<typeof difDispatchMachine, ReturnType<typeof createFold<typeof difDispatchMachine>>>();
function foldOf(machine: typeof difDispatchMachine) {
  let fold = folds.get(machine);
  if (!fold) folds.set(machine, (fold = createFold(machine)));
  return fold;
}

/** A scenario document (as in a file) or an already normalised Scenario. */
export function asScenario(input: ScenarioDocument | Scenario | unknown): Scenario {
  const normalised = typeof input === 'object' && input !== null && (input as Scenario).defaultHandlers instanceof Map;
  return normalised ? (input as Scenario) : validateScenario(input).scenario;
}

/**
 * The observations for the call records a step added (`before`: the state before the host's
 * answer, null for the machine's start). A step records the answered call and, right after a
 * class installer's answer, possibly the default-handler step of a DIF without a handler. Each
 * new violation goes to the call it names. Exported for other runners (e.g. the explorer).
 */
export function observationsOf(before: DispatchState | null, after: DispatchState, answer?: DifDispatchEvent): DispatchObservation[] {
  const from = before?.calls.length ?? 0;
  if (after.calls.length === from) return [];
  const calls: CallRecord[] = [];
  for (let i = from; i < after.calls.length; i++) calls.push(after.calls.at(i)!);
  const perCall: Violation[][] = calls.map(() => []);
  for (let i = before?.violations.length ?? 0; i < after.violations.length; i++) {
    const v = after.violations.at(i)!;
    const at = calls.findIndex((c) => c.who === v.who && c.index === v.index && c.phase === v.phase);
    perCall[at === -1 ? 0 : at].push(v);
  }
  return calls.map((call, i) => ({
    call,
    status: after.status,
    violations: perCall[i],
    ...(i === 0 && answer ? { answer } : {}),
  }));
}

/** Runs one DIF through the real machine, answered as the scenario says, and collects the observations. */
export function observeDispatch(input: ScenarioDocument | Scenario | unknown, dif: CodeInput, options: ObserveOptions = {}): DispatchRun {
  const scenario = asScenario(input);
  const plan = planDispatch(scenario, parseDif(dif), options.semantics);
  const counters: CallCounters = new Map();
  const fold = foldOf(options.machine ?? difDispatchMachine);
  let snapshot = fold.initial(plan);
  const observations: DispatchObservation[] = observationsOf(null, snapshot.context);
  while (snapshot.status === 'active') {
    const pending = snapshot.context.pending;
    if (!pending) throw new Error(`difDispatch waits in ${JSON.stringify(snapshot.value)} with no pending call`);
    const answer = answerPending(scenario, plan.dif, pending, counters);
    const before = snapshot.context;
    snapshot = fold.next(snapshot, answer);
    observations.push(...observationsOf(before, snapshot.context, answer));
  }
  if (snapshot.status !== 'done') throw new Error(`difDispatch stopped with status ${snapshot.status}`);
  const context = snapshot.context;
  const end: DispatchEnd = { status: context.status, calls: context.calls.toArray(), violations: context.violations.toArray() };
  return { scenario, plan, observations, end, result: snapshot.output! };
}

/** Every invariant the run breaks (an empty list: all hold). */
export function checkDispatch(invariants: readonly DispatchInvariant[], run: Pick<DispatchRun, 'plan' | 'observations' | 'end'>): InvariantBreach[] {
  const breaches: InvariantBreach[] = [];
  for (const invariant of invariants) {
    const failure = checkDispatchTrace(invariant, run.plan, run.observations, run.end);
    if (failure) breaches.push({ name: invariant.name, failure: failure.failure });
  }
  return breaches;
}

/** One observed installation: the scenario (with its timeline) and the InstallResult. */
export interface InstallRun {
  readonly scenario: Scenario;
  readonly result: InstallResult;
}

/** Runs the scenario's whole installation through the deviceInstall machine (as `runInstall`). */
export function observeInstall(input: ScenarioDocument | Scenario | unknown): InstallRun {
  const scenario = asScenario(input);
  return { scenario, result: install(scenario) };
}

/** Every lifecycle invariant the run breaks. */
export function checkInstall(invariants: readonly LifecycleInvariant[], run: InstallRun): InvariantBreach[] {
  const breaches: InvariantBreach[] = [];
  for (const invariant of invariants) {
    const failure: InvariantFailure | null = invariant.check(run.scenario, run.result);
    if (failure) breaches.push({ name: invariant.name, failure: failure.failure });
  }
  return breaches;
}
