/**
 * Running one DIF dispatch: the machine decides, the host answers, the journal records the answers.
 *
 * By default the machine is stepped with the pure `initialTransition`/`transition` functions. With
 * an `inspect` observer a live actor is used instead, so the Stately inspector (or any inspection
 * observer) sees the run; both produce the same events, journal and result.
 */
import { createActor, type InspectionEvent, type Observer, type SnapshotFrom } from 'xstate';
import { difDispatchMachine } from '../../machines/difDispatch/difDispatch.machine.js';
import { DIF_DISPATCH_VERSION, type DifDispatchEvent } from '../../machines/difDispatch/difDispatch.types.js';
import { difLabel, parseDif, type CodeInput } from '../domain/codes.js';
import { planDispatch, type DispatchPlan } from '../domain/dispatchPlan.js';
import type { RunResult } from '../domain/runResult.js';
import type { Scenario } from '../domain/scenario.js';
import { JournalRecorder } from '../journal/format.js';
import { validateScenario } from '../scenario/load.js';
import type { ScenarioDocument } from '../scenario/schema.js';
import { answerPending, type CallCounters } from './answers.js';
import { createFold } from './fold.js';

export const DEFAULT_DIF = 'DIF_INSTALLDEVICE';

export interface RunOptions {
  /** Observe the run through XState's inspection API (runs a live actor). */
  readonly inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void);
  /** Clock for the journal's `at` fields (default: the wall clock). */
  readonly now?: () => Date;
  /** Recorded in the journal header. */
  readonly scenarioFile?: string;
}

type DispatchSnapshot = SnapshotFrom<typeof difDispatchMachine>;

/** Steps a machine either purely or as a live actor; the host loop does not care which. */
interface Stepper {
  snapshot(): DispatchSnapshot;
  send(event: DifDispatchEvent): void;
}

const dispatchFold = createFold(difDispatchMachine);

function pureStepper(input: DispatchPlan): Stepper {
  let snapshot = dispatchFold.initial(input);
  return {
    snapshot: () => snapshot,
    send: (event) => {
      snapshot = dispatchFold.next(snapshot, event);
    },
  };
}

function actorStepper(input: DispatchPlan, inspect: NonNullable<RunOptions['inspect']>): Stepper {
  const actor = createActor(difDispatchMachine, { input, inspect });
  actor.start();
  return { snapshot: () => actor.getSnapshot(), send: (event) => actor.send(event) };
}

/** Accepts a scenario document (as in a file) or an already validated Scenario. */
function asScenario(scenario: ScenarioDocument | Scenario | unknown): { document: ScenarioDocument | undefined; scenario: Scenario } {
  if (isNormalized(scenario)) return { document: undefined, scenario };
  return validateScenario(scenario);
}

function isNormalized(value: unknown): value is Scenario {
  return typeof value === 'object' && value !== null && (value as Scenario).defaultHandlers instanceof Map;
}

function resolveDif(scenario: Scenario, dif: CodeInput | undefined): number {
  return dif !== undefined ? parseDif(dif) : (scenario.dif ?? parseDif(DEFAULT_DIF));
}

/**
 * Dispatches one DIF through the scenario's installers, answering each call as the scenario says.
 * Shared by runDif and recordDif; `counters` carries answer-list positions across calls.
 */
export function dispatch(
  scenario: Scenario,
  dif: number,
  options: RunOptions & { readonly counters?: CallCounters; readonly onEvent?: (event: DifDispatchEvent) => void } = {},
): RunResult {
  const plan = planDispatch(scenario, dif);
  const stepper = options.inspect ? actorStepper(plan, options.inspect) : pureStepper(plan);
  const counters = options.counters ?? new Map();
  for (let snapshot = stepper.snapshot(); snapshot.status === 'active'; snapshot = stepper.snapshot()) {
    const pending = snapshot.context.pending;
    if (!pending) throw new Error(`difDispatch is waiting in ${JSON.stringify(snapshot.value)} with no pending call`);
    const event = answerPending(scenario, plan.dif, pending, counters);
    options.onEvent?.(event);
    stepper.send(event);
  }
  const final = stepper.snapshot();
  if (final.status !== 'done') throw new Error(`difDispatch stopped with status ${final.status}`);
  return final.output!;
}

/** Runs `dif` (a name or number; default: the scenario's `dif`, else DIF_INSTALLDEVICE). */
export function runDif(scenario: ScenarioDocument | Scenario | unknown, dif?: CodeInput, options: RunOptions = {}): RunResult {
  const { scenario: valid } = asScenario(scenario);
  return dispatch(valid, resolveDif(valid, dif), options);
}

/** Runs like runDif and also returns the journal (JSON Lines text) that replays to the same result. */
export function recordDif(
  scenarioDocument: ScenarioDocument | unknown,
  dif?: CodeInput,
  options: RunOptions = {},
): { result: RunResult; journal: string } {
  const { document, scenario } = asScenario(scenarioDocument);
  if (!document) throw new TypeError('recordDif needs the scenario document (as written in the file), not a normalised Scenario');
  const difValue = resolveDif(scenario, dif);
  const recorder = new JournalRecorder(
    {
      machine: difDispatchMachine.id,
      machineVersion: DIF_DISPATCH_VERSION,
      run: { kind: 'dispatch', dif: difLabel(difValue) },
      scenario: document,
      ...(options.scenarioFile ? { scenarioFile: options.scenarioFile } : {}),
      createdAt: (options.now ?? (() => new Date()))().toISOString(),
    },
    options.now,
  );
  const result = dispatch(scenario, difValue, {
    ...options,
    onEvent: (event) => recorder.append(difDispatchMachine.id, DIF_DISPATCH_VERSION, event),
  });
  return { result, journal: recorder.close(result.result.hex) };
}
