/**
 * Running one DIF dispatch: the machine decides, the host answers, the journal records the answers.
 *
 * Two engines step the same machine (machines/difDispatch/):
 *  - when nothing observes the run (no `inspect`), the executor derived from the machine's
 *    definition (src/executor/, docs/executor.md): the machine's own guards and actions over its
 *    compiled chart, without XState's snapshots or immer drafts;
 *  - with an `inspect` observer, a live XState actor, so the Stately inspector (or any inspection
 *    observer) sees every event, microstep and snapshot.
 * Both give the same answers, journal and RunResult (properties/engines.property.ts checks it on
 * random scenarios of every profile).
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
import { executorFor, type Executor } from '../executor/index.js';
import { withEffects } from './difEffects.js';
import { checkOptions, type RunOptions } from './options.js';
import type { SequenceName } from '../domain/lifecycle/types.js';

export const DEFAULT_DIF = 'DIF_INSTALLDEVICE';

export { checkOptions, type RunOptions } from './options.js';

type DispatchSnapshot = SnapshotFrom<typeof difDispatchMachine>;

/** Steps a machine through XState, purely or as a live actor; the host loop does not care which. */
interface Stepper {
  snapshot(): DispatchSnapshot;
  send(event: DifDispatchEvent): void;
}

/**
 * Which engine dispatch() steps the machine with. `executor` (the default without `inspect`): the
 * derived executor; `xstate` (the default with `inspect`): an XState actor when `inspect` is
 * given, else XState's pure transition functions (src/host/fold.ts). Internal: tests and the
 * benchmark force one to compare them; the public API chooses by `inspect`.
 */
export type DispatchEngine = 'executor' | 'xstate';

/** RunOptions plus the internal engine choice (not part of the public API). */
export type EngineOptions = RunOptions & { readonly engine?: DispatchEngine };

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

/** The derived executor of difDispatch (compiled on first use). */
let dispatchExecutor: Executor<typeof difDispatchMachine> | undefined;

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
  options: EngineOptions & { readonly counters?: CallCounters; readonly onEvent?: (event: DifDispatchEvent) => void } = {},
): RunResult {
  const plan = planDispatch(scenario, dif);
  const counters = options.counters ?? new Map();
  if ((options.engine ?? (options.inspect ? 'xstate' : 'executor')) === 'executor') {
    if (options.inspect) throw new TypeError('dispatch: the executor engine cannot be inspected; leave out engine or inspect');
    return executorDispatch(scenario, plan, counters, options);
  }
  const stepper = options.inspect ? actorStepper(plan, options.inspect) : pureStepper(plan);
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

/** dispatch() on the derived executor: its states are stepped directly, no snapshot objects. */
function executorDispatch(
  scenario: Scenario,
  plan: DispatchPlan,
  counters: CallCounters,
  options: { readonly onEvent?: (event: DifDispatchEvent) => void; readonly onInput?: RunOptions['onInput'] },
): RunResult {
  const executor = (dispatchExecutor ??= executorFor(difDispatchMachine));
  const { onEvent, onInput } = options;
  let state = executor.initial(plan);
  const consume = { consume: true } as const; // only the latest state is kept
  while (state.status === 'active') {
    const pending = state.context.pending;
    if (!pending) throw new Error(`difDispatch is waiting in ${JSON.stringify(executor.value(state))} with no pending call`);
    const event = answerPending(scenario, plan.dif, pending, counters);
    if (onEvent) onEvent(event);
    if (onInput) onInput(event);
    const next = executor.send(state, event, consume);
    if (!executor.lastTaken) throw new Error(`difDispatch did not take ${event.type} in ${JSON.stringify(executor.value(state))}`);
    state = next;
  }
  return state.output as RunResult;
}

/**
 * Runs `dif` (a name or number; default: the scenario's `dif`, else DIF_INSTALLDEVICE).
 *
 * Without `options.inspect` the machine is stepped by the executor derived from its definition
 * (src/executor/; several tens of times cheaper per dispatch than XState); with it, by a live XState
 * actor that the observer watches. The two give the same RunResult (and recordDif the same
 * journal): properties/engines.property.ts. `engine` forces one (internal: tests, benchmark).
 */
export function runDif(scenario: ScenarioDocument | Scenario | unknown, dif?: CodeInput, options: EngineOptions = {}): RunResult {
  checkOptions('runDif', options);
  const { scenario: valid } = asScenario(scenario);
  const difValue = resolveDif(valid, dif);
  return withEffects(valid, difValue, dispatch(valid, difValue, options));
}

/** Runs like runDif and also returns the journal (JSON Lines text) that replays to the same result. */
export function recordDif(
  scenarioDocument: ScenarioDocument | unknown,
  dif?: CodeInput,
  options: EngineOptions = {},
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
