/**
 * How each kind of journal is replayed: its machine, its input (from the header's scenario), what
 * it waits for, its result; and the per-entry and final checks replay, the transition log and the
 * viewer share. Each refusal is one InputError naming the journal's file and line.
 */
import type { AnyStateMachine, SnapshotFrom } from 'xstate';
import { deviceInstallMachine } from '../../machines/deviceInstall/deviceInstall.machine.js';
import { deviceInstallEventSchema, type Frame } from '../../machines/deviceInstall/deviceInstall.types.js';
import { pendingOf } from '../../machines/deviceInstall/dispatchFrames.js';
import { difDispatchMachine } from '../../machines/difDispatch/difDispatch.machine.js';
import { difDispatchEventSchema } from '../../machines/difDispatch/difDispatch.types.js';
import { CodeError, parseDif } from '../domain/codes.js';
import { planDispatch } from '../domain/dispatchPlan.js';
import type { PendingCall } from '../domain/dispatchRules.js';
import { InstallPlan } from '../domain/lifecycle/installState.js';
import type { InstallResult } from '../domain/lifecycle/installResult.js';
import type { RunResult } from '../domain/runResult.js';
import type { Scenario } from '../domain/scenario.js';
import { createExecutorFold } from '../host/executorFold.js';
import { createFold, type Fold } from '../host/fold.js';
import { formatPath } from '../scenario/jsonText.js';
import { validateScenarioOf } from '../scenario/load.js';
import type { JournalEntry } from './format.js';
import { fail, parsedFromText, type JournalStart } from './read.js';

export function stateName(snapshot: { value: unknown }): string {
  const walk = (value: unknown): string =>
    typeof value === 'string' ? value : Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}.${walk(v)}`).join(',');
  return walk(snapshot.value);
}

function describePending(pending: PendingCall | null): string {
  if (!pending) return 'no installer call';
  if (pending.who === 'defaultHandler') return `the default handler ${pending.function}`;
  if (pending.who === 'classInstaller') return `the class installer ${pending.name}`;
  return `${pending.who} ${pending.index} (${pending.name}) in ${pending.phase}processing`;
}

/** How each kind of journal is replayed: its machine, its input, what it waits for, its result. */
export interface Replayer<M extends AnyStateMachine> {
  readonly machine: M;
  readonly fold: Fold<M>;
  /**
   * What `replayJournal` steps, when it is not `fold`: the executor derived from the machine's
   * definition (src/host/executorFold.ts), whose snapshots replay reads as it reads XState's. The
   * transition log needs XState's microsteps, so it always steps `fold`.
   */
  readonly replayFold?: Fold<M> & { nextIfCan(snapshot: SnapshotFrom<M>, event: { type: string }): SnapshotFrom<M> | undefined };
  readonly eventSchema: { safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } };
  /** The machine's input from the header's scenario (validated). */
  input(journal: JournalStart, scenario: Scenario): unknown;
  waitingFor(snapshot: SnapshotFrom<M>): string;
  /** What the closing line records. */
  resultKey(output: unknown): string;
}

/** The header's scenario, validated (once per replay). */
export const scenarioOf = (journal: JournalStart): Scenario =>
  validateScenarioOf(journal.header.scenario, { file: `${journal.file}:1 (header scenario)` }, parsedFromText(journal.header)).scenario;

const dispatchReplayer: Replayer<typeof difDispatchMachine> = {
  machine: difDispatchMachine,
  fold: createFold(difDispatchMachine),
  // replay keeps only the latest snapshot and reads no intent actions
  replayFold: createExecutorFold(difDispatchMachine, { consume: true, intents: false }) as unknown as Replayer<typeof difDispatchMachine>['replayFold'],
  eventSchema: difDispatchEventSchema,
  input(journal, scenario) {
    return planDispatch(scenario, difOf(journal));
  },
  waitingFor: (snapshot) => describePending(snapshot.context.pending),
  resultKey: (output) => (output as RunResult).result.hex,
};

/** The DIF a dispatch journal ran; refuses mutant journals (checked before the scenario). */
export function difOf(journal: JournalStart): number {
  const mutant = (journal.header.run as { mutant?: unknown }).mutant;
  if (mutant !== undefined) {
    fail(
      journal.file,
      undefined,
      `this journal was written under the mutant "${String(mutant)}" (a bug devinst explore --mutant plants on purpose), not under the ${String((journal.header.scenario as { profile?: unknown } | null)?.profile ?? 'windows')} profile: devinst replay replays unmutated runs only; devinst explore --mutant ${String(mutant)} shows the run again`,
    );
  }
  try {
    return parseDif(journal.header.run.dif ?? '');
  } catch (error) {
    if (error instanceof CodeError) fail(journal.file, undefined, `header run.dif: ${error.message}`);
    throw error;
  }
}

const installReplayer: Replayer<typeof deviceInstallMachine> = {
  machine: deviceInstallMachine,
  fold: createFold(deviceInstallMachine),
  eventSchema: deviceInstallEventSchema,
  input: (_, scenario) => new InstallPlan(scenario),
  waitingFor: (snapshot) => {
    const pending = pendingOf(snapshot.context.frames.value as readonly Frame[]);
    return pending ? describePending(pending) : `an environment event in ${stateName(snapshot)}`;
  },
  resultKey: (output) => (output as InstallResult).outcome,
};

export const REPLAYERS: Record<JournalStart['machineId'], Replayer<AnyStateMachine>> = {
  difDispatch: dispatchReplayer as unknown as Replayer<AnyStateMachine>,
  deviceInstall: installReplayer as unknown as Replayer<AnyStateMachine>,
};

/** The machine's input for a journal: the mutant and DIF checks first, then the scenario, as replay has always done. */
export function inputOf(journal: JournalStart): { scenario: Scenario; start: unknown } {
  if (journal.machineId === 'difDispatch') difOf(journal);
  const scenario = scenarioOf(journal);
  return { scenario, start: REPLAYERS[journal.machineId].input(journal, scenario) };
}

/** Entry `i`'s event, checked against the schema (unless the reader already did). */
export function eventOf(replayer: Replayer<AnyStateMachine>, file: string, entry: JournalEntry, i: number, eventChecked: boolean): { type: string } {
  if (eventChecked) return entry.event;
  const parsed = replayer.eventSchema.safeParse(entry.event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(file, i + 2, `seq ${entry.seq}: bad event: ${formatPath(['event', ...issue.path])}: ${issue.message}`);
  }
  return parsed.data as JournalEntry['event'];
}

/** Why the run cannot take entry `i`'s event (`snapshot.can(event)` is false). */
export function refuseEvent(replayer: Replayer<AnyStateMachine>, file: string, entry: JournalEntry, i: number, event: { type: string }, snapshot: SnapshotFrom<AnyStateMachine>): never {
  if (snapshot.status !== 'active') fail(file, i + 2, `seq ${entry.seq}: the run had already finished`);
  fail(file, i + 2, `seq ${entry.seq}: ${event.type} does not answer what the run waits for (${replayer.waitingFor(snapshot)}): the journal is reordered or edited`);
}

/** Entry `i`'s event, checked against the schema (unless the reader already did) and against what the run waits for. */
export function checkedEvent(replayer: Replayer<AnyStateMachine>, file: string, entry: JournalEntry, i: number, eventChecked: boolean, snapshot: SnapshotFrom<AnyStateMachine>): { type: string } {
  const event = eventOf(replayer, file, entry, i, eventChecked);
  if (snapshot.status !== 'active' || !snapshot.can(event)) refuseEvent(replayer, file, entry, i, event, snapshot);
  return event;
}

/** The run's result once every entry is folded; `entries` is the count, `recorded` what the closing line says. */
export function finish(replayer: Replayer<AnyStateMachine>, file: string, entries: number, recorded: string, snapshot: SnapshotFrom<AnyStateMachine>): unknown {
  const line = entries + 2;
  if (snapshot.status !== 'done') {
    fail(file, line, `the journal ends while the run still waits for ${replayer.waitingFor(snapshot)}: it is truncated`);
  }
  const result = snapshot.output;
  const key = replayer.resultKey(result);
  if (key !== recorded) {
    fail(file, line, `replay gives ${key} but the journal recorded ${recorded}: it was edited, or the machine changed without a version bump`);
  }
  return result;
}
