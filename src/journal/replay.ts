/**
 * Replay: fold the journal's events through the machine's pure transition function, from the
 * initial snapshot the header's scenario gives. No installer behaviour runs. The result must be
 * the one the live run had; anything else is refused.
 *
 * The transition log ("every transition logged") is derived the same way, from microsteps, so
 * eventless steps show too; it can always be regenerated from the journal.
 */
import { getInitialMicrosteps, getMicrosteps, type AnyStateMachine, type SnapshotFrom } from 'xstate';
import { deviceInstallMachine } from '../../machines/deviceInstall/deviceInstall.machine.js';
import { deviceInstallEventSchema, type Frame } from '../../machines/deviceInstall/deviceInstall.types.js';
import { pendingOf } from '../../machines/deviceInstall/dispatchFrames.js';
import { difDispatchMachine } from '../../machines/difDispatch/difDispatch.machine.js';
import { difDispatchEventSchema } from '../../machines/difDispatch/difDispatch.types.js';
import { CodeError, difLabel as difLabelOf, parseDif } from '../domain/codes.js';
import { planDispatch } from '../domain/dispatchPlan.js';
import type { PendingCall } from '../domain/dispatchRules.js';
import { InstallPlan } from '../domain/lifecycle/installState.js';
import type { InstallResult } from '../domain/lifecycle/installResult.js';
import type { RunResult } from '../domain/runResult.js';
import { InputError } from '../errors.js';
import { createExecutorFold } from '../host/executorFold.js';
import { createFold, type Fold } from '../host/fold.js';
import { formatPath } from '../scenario/jsonText.js';
import { validateScenario } from '../scenario/load.js';
import { readJournal, type JournalInput, type ReadJournal } from './read.js';

export interface TransitionRecord {
  /** The journal entry that caused it; 0 for the steps taken at start. */
  readonly seq: number;
  readonly event: string;
  readonly from: string | null;
  readonly to: string;
  /** Actions the step hands to the host (intent actions), by type. */
  readonly actions: readonly string[];
}

export interface ReplayOptions {
  /** Names the journal in error messages (default "journal"). */
  readonly file?: string;
}

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

function fail(journal: ReadJournal, entryIndex: number | undefined, message: string): never {
  const line = entryIndex === undefined ? '' : `:${journal.lineOf(entryIndex)}`;
  throw new InputError(`${journal.file}${line}: ${message}`);
}

/** How each kind of journal is replayed: its machine, its input, what it waits for, its result. */
interface Replayer<M extends AnyStateMachine> {
  readonly machine: M;
  readonly fold: Fold<M>;
  /**
   * What `replayJournal` steps, when it is not `fold`: the executor derived from the machine's
   * definition (src/host/executorFold.ts), whose snapshots replay reads as it reads XState's. The
   * transition log needs XState's microsteps, so it always steps `fold`.
   */
  readonly replayFold?: Fold<M>;
  readonly eventSchema: { safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } };
  input(journal: ReadJournal): unknown;
  waitingFor(snapshot: SnapshotFrom<M>): string;
  /** What the closing line records. */
  resultKey(output: unknown): string;
}

const scenarioOf = (journal: ReadJournal) => validateScenario(journal.header.scenario, { file: `${journal.file}:1 (header scenario)` }).scenario;

const dispatchReplayer: Replayer<typeof difDispatchMachine> = {
  machine: difDispatchMachine,
  fold: createFold(difDispatchMachine),
  replayFold: createExecutorFold(difDispatchMachine) as unknown as Fold<typeof difDispatchMachine>,
  eventSchema: difDispatchEventSchema,
  input(journal) {
    let dif: number;
    try {
      dif = parseDif(journal.header.run.dif ?? '');
    } catch (error) {
      if (error instanceof CodeError) fail(journal, undefined, `header run.dif: ${error.message}`);
      throw error;
    }
    return planDispatch(scenarioOf(journal), dif);
  },
  waitingFor: (snapshot) => describePending(snapshot.context.pending),
  resultKey: (output) => (output as RunResult).result.hex,
};

const installReplayer: Replayer<typeof deviceInstallMachine> = {
  machine: deviceInstallMachine,
  fold: createFold(deviceInstallMachine),
  eventSchema: deviceInstallEventSchema,
  input: (journal) => new InstallPlan(scenarioOf(journal)),
  waitingFor: (snapshot) => {
    const pending = pendingOf(snapshot.context.frames.value as readonly Frame[]);
    return pending ? describePending(pending) : `an environment event in ${stateName(snapshot)}`;
  },
  resultKey: (output) => (output as InstallResult).outcome,
};

const REPLAYERS: Record<ReadJournal['machineId'], Replayer<AnyStateMachine>> = {
  difDispatch: dispatchReplayer as unknown as Replayer<AnyStateMachine>,
  deviceInstall: installReplayer as unknown as Replayer<AnyStateMachine>,
};

function checkedEvent(replayer: Replayer<AnyStateMachine>, journal: ReadJournal, i: number, snapshot: SnapshotFrom<AnyStateMachine>) {
  const entry = journal.entries[i];
  const parsed = replayer.eventSchema.safeParse(entry.event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(journal, i, `seq ${entry.seq}: bad event: ${formatPath(['event', ...issue.path])}: ${issue.message}`);
  }
  const event = parsed.data as { type: string };
  if (snapshot.status !== 'active') fail(journal, i, `seq ${entry.seq}: the run had already finished`);
  if (!snapshot.can(event)) {
    fail(journal, i, `seq ${entry.seq}: ${event.type} does not answer what the run waits for (${replayer.waitingFor(snapshot)}): the journal is reordered or edited`);
  }
  return event;
}

function finish(replayer: Replayer<AnyStateMachine>, journal: ReadJournal, snapshot: SnapshotFrom<AnyStateMachine>): unknown {
  if (snapshot.status !== 'done') {
    fail(journal, journal.entries.length, `the journal ends while the run still waits for ${replayer.waitingFor(snapshot)}: it is truncated`);
  }
  const result = snapshot.output;
  const key = replayer.resultKey(result);
  if (key !== journal.end.result) {
    fail(journal, journal.entries.length, `replay gives ${key} but the journal recorded ${journal.end.result}: it was edited, or the machine changed without a version bump`);
  }
  return result;
}

/** Replays a journal to the result of the run that wrote it: a RunResult, or an InstallResult for install journals. */
export function replayJournal(input: JournalInput, options: ReplayOptions = {}): RunResult | InstallResult {
  const journal = readJournal(input, options.file);
  const replayer = REPLAYERS[journal.machineId];
  const fold = replayer.replayFold ?? replayer.fold;
  let snapshot = fold.initial(replayer.input(journal));
  journal.entries.forEach((_, i) => {
    snapshot = fold.next(snapshot, checkedEvent(replayer, journal, i, snapshot) as never);
  });
  return finish(replayer, journal, snapshot) as RunResult | InstallResult;
}

/** Every microstep the journal's run took, eventless ones included. */
export function transitionLog(input: JournalInput, options: ReplayOptions = {}): TransitionRecord[] {
  const journal = readJournal(input, options.file);
  const replayer = REPLAYERS[journal.machineId];
  const machine = replayer.machine;
  const start = replayer.input(journal);
  const log: TransitionRecord[] = [];
  const actionTypes = (actions: readonly { type: string }[]) => actions.map((a) => a.type).filter((t) => !t.startsWith('xstate.'));
  let previous: string | null = null;
  let snapshot = replayer.fold.initial(start);
  for (const [next, actions] of getInitialMicrosteps(machine, start)) {
    log.push({ seq: 0, event: 'xstate.init', from: previous, to: stateName(next), actions: actionTypes(actions) });
    previous = stateName(next);
  }
  journal.entries.forEach((entry, i) => {
    const event = checkedEvent(replayer, journal, i, snapshot);
    for (const [next, actions] of getMicrosteps(machine, snapshot, event)) {
      log.push({ seq: entry.seq, event: event.type, from: previous, to: stateName(next), actions: actionTypes(actions) });
      previous = stateName(next);
    }
    snapshot = replayer.fold.next(snapshot, event as never);
  });
  finish(replayer, journal, snapshot);
  return log;
}

/** Where a run is, for viewers: the call it waits for (in words) and the DIF it is in. */
export interface RunPlace {
  readonly waitingFor: string;
  /** The innermost DIF running, and the DIF it is nested in. */
  readonly dif?: string;
  readonly nestedIn?: string;
}

/**
 * What a viewer needs to re-run a journal as a live actor: the machine, its input, the checked
 * events, and a probe saying where each snapshot stands (the same words replay's errors use).
 */
export function journalRun(input: JournalInput, options: ReplayOptions = {}) {
  const journal = readJournal(input, options.file);
  const replayer = REPLAYERS[journal.machineId];
  const start = replayer.input(journal);
  const events: { type: string }[] = [];
  let snapshot = replayer.fold.initial(start);
  const places: RunPlace[] = [];
  const placeOf = (s: SnapshotFrom<AnyStateMachine>): RunPlace => {
    if (s.status !== 'active') return { waitingFor: 'nothing (the run is over)' };
    if (journal.machineId === 'difDispatch') return { waitingFor: replayer.waitingFor(s), dif: journal.header.run.dif ?? '' };
    const stack = (s.context as { frames: { value: readonly Frame[] } }).frames.value;
    const frame = stack[stack.length - 1];
    return {
      waitingFor: replayer.waitingFor(s),
      ...(frame ? { dif: difLabelOf(frame.dif) } : {}),
      ...(frame?.nestedIn ? { nestedIn: frame.nestedIn } : {}),
    };
  };
  journal.entries.forEach((_, i) => {
    const event = checkedEvent(replayer, journal, i, snapshot);
    places.push(placeOf(snapshot));
    events.push(event);
    snapshot = replayer.fold.next(snapshot, event as never);
  });
  const result = finish(replayer, journal, snapshot) as RunResult | InstallResult;
  return { journal, machine: replayer.machine, start, events, places, result };
}
