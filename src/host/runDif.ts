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
import { withEffects } from './difEffects.js';
import { checkOptions, type RunOptions } from './options.js';
import type { SequenceName } from '../domain/lifecycle/types.js';

export const DEFAULT_DIF = 'DIF_INSTALLDEVICE';

export { checkOptions, type RunOptions } from './options.js';

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

/**
 * Options given from JavaScript are checked, so a mistake is a clear TypeError at the call, not a
 * failure deep inside XState: `inspect` must be an inspection observer (a function, or an object
 * with a `next` method, as @statelyai/inspect's `inspector.inspect` is).
 */
/** Accepts a scenario document (as in a file) or an already validated Scenario. */
function asScenario(scenario: ScenarioDocument | Scenario | unknown): { document: ScenarioDocument | undefined; scenario: Scenario } {
  if (isNormalized(scenario)) return { document: undefined, scenario };
  return validateScenario(scenario);
}

function isNormalized(value: unknown): value is Scenario {
  return typeof value === 'object' && value !== null && (value as Scenario).defaultHandlers instanceof Map;
}

/** The main DIF of each named sequence: what `run` dispatches when the scenario names a sequence but no `dif`. */
export const SEQUENCE_MAIN_DIF: Readonly<Record<SequenceName, string>> = {
  'hardware-first': 'DIF_INSTALLDEVICE',
  reinstall: 'DIF_INSTALLDEVICE',
  remove: 'DIF_REMOVE',
  properties: 'DIF_ADDPROPERTYPAGE_ADVANCED',
};

/**
 * The DIF `run` dispatches and why: the one asked for, else the scenario's `"dif"`, else the main
 * DIF of the scenario's `"sequence"` (the first DIF of an explicit list), else DIF_INSTALLDEVICE.
 */
export function chooseDif(scenario: Scenario, dif: CodeInput | undefined): { readonly dif: number; readonly why: string } {
  if (dif !== undefined) return { dif: parseDif(dif), why: 'as asked' };
  if (scenario.dif !== undefined) return { dif: scenario.dif, why: 'the scenario\'s "dif"' };
  const sequence = scenario.lifecycle.sequence;
  if (typeof sequence !== 'string') {
    if (sequence.length > 0) return { dif: sequence[0], why: 'the first DIF of the scenario\'s "sequence"' };
  } else if (sequence !== 'hardware-first') {
    return { dif: parseDif(SEQUENCE_MAIN_DIF[sequence]), why: `the main DIF of the scenario's sequence ${sequence}` };
  }
  return { dif: parseDif(DEFAULT_DIF), why: 'the default' };
}

function resolveDif(scenario: Scenario, dif: CodeInput | undefined): number {
  return chooseDif(scenario, dif).dif;
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
    options.onInput?.(event);
    stepper.send(event);
  }
  const final = stepper.snapshot();
  if (final.status !== 'done') throw new Error(`difDispatch stopped with status ${final.status}`);
  return final.output!;
}

/** Runs `dif` (a name or number; default: the scenario's `dif`, else DIF_INSTALLDEVICE). */
export function runDif(scenario: ScenarioDocument | Scenario | unknown, dif?: CodeInput, options: RunOptions = {}): RunResult {
  checkOptions('runDif', options);
  const { scenario: valid } = asScenario(scenario);
  const difValue = resolveDif(valid, dif);
  return withEffects(valid, difValue, dispatch(valid, difValue, options));
}

/** Runs like runDif and also returns the journal (JSON Lines text) that replays to the same result. */
export function recordDif(
  scenarioDocument: ScenarioDocument | unknown,
  dif?: CodeInput,
  options: RunOptions = {},
): { result: RunResult; journal: string } {
  checkOptions('recordDif', options);
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
  return { result: withEffects(scenario, difValue, result), journal: recorder.close(result.result.hex) };
}
