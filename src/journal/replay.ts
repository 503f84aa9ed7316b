/**
 * Replay: fold the journal's events through the machine's pure transition function, from the
 * initial snapshot the header's scenario gives. No installer behaviour runs. The result must be
 * the one the live run had; anything else is refused.
 *
 * The transition log ("every transition logged") is derived the same way, from microsteps, so
 * eventless steps show too; it can always be regenerated from the journal.
 */
import { getInitialMicrosteps, getMicrosteps, type SnapshotFrom } from 'xstate';
import { difDispatchMachine } from '../../machines/difDispatch/difDispatch.machine.js';
import { difDispatchEventSchema, type DifDispatchEvent } from '../../machines/difDispatch/difDispatch.types.js';
import { CodeError, parseDif } from '../domain/codes.js';
import { planDispatch } from '../domain/dispatchPlan.js';
import type { PendingCall } from '../domain/dispatchRules.js';
import type { RunResult } from '../domain/runResult.js';
import { InputError } from '../errors.js';
import { createFold } from '../host/fold.js';
import { formatPath } from '../scenario/jsonText.js';
import { validateScenario } from '../scenario/load.js';
import { readJournal, type JournalInput, type ReadJournal } from './read.js';

type DispatchSnapshot = SnapshotFrom<typeof difDispatchMachine>;

const fold = createFold(difDispatchMachine);

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
  if (!pending) return 'nothing';
  if (pending.who === 'defaultHandler') return `the default handler ${pending.function}`;
  if (pending.who === 'classInstaller') return `the class installer ${pending.name}`;
  return `${pending.who} ${pending.index} (${pending.name}) in ${pending.phase}processing`;
}

function fail(journal: ReadJournal, entryIndex: number | undefined, message: string): never {
  const line = entryIndex === undefined ? '' : `:${journal.lineOf(entryIndex)}`;
  throw new InputError(`${journal.file}${line}: ${message}`);
}

function startDispatch(journal: ReadJournal) {
  const scenario = validateScenario(journal.header.scenario, { file: `${journal.file}:1 (header scenario)` }).scenario;
  let dif: number;
  try {
    dif = parseDif(journal.header.run.dif ?? '');
  } catch (error) {
    if (error instanceof CodeError) fail(journal, undefined, `header run.dif: ${error.message}`);
    throw error;
  }
  return planDispatch(scenario, dif);
}

function checkedEvent(journal: ReadJournal, i: number, snapshot: DispatchSnapshot): DifDispatchEvent {
  const entry = journal.entries[i];
  const parsed = difDispatchEventSchema.safeParse(entry.event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(journal, i, `seq ${entry.seq}: bad event: ${formatPath(['event', ...issue.path])}: ${issue.message}`);
  }
  const event = parsed.data as DifDispatchEvent;
  if (snapshot.status !== 'active') fail(journal, i, `seq ${entry.seq}: the dispatch had already finished`);
  if (!snapshot.can(event)) {
    fail(journal, i, `seq ${entry.seq}: ${event.type} does not answer the call the dispatch waits for (${describePending(snapshot.context.pending)}): the journal is reordered or edited`);
  }
  return event;
}

function finish(journal: ReadJournal, snapshot: DispatchSnapshot): RunResult {
  if (snapshot.status !== 'done') {
    fail(journal, journal.entries.length, `the journal ends while the dispatch still waits for ${describePending(snapshot.context.pending)}: it is truncated`);
  }
  const result = snapshot.output!;
  if (result.result.hex !== journal.end.result) {
    fail(journal, journal.entries.length, `replay gives ${result.result.hex} but the journal recorded ${journal.end.result}: it was edited, or the machine changed without a version bump`);
  }
  return result;
}

/** Replays a journal to the RunResult of the run that wrote it. */
export function replayJournal(input: JournalInput, options: ReplayOptions = {}): RunResult {
  const journal = readJournal(input, options.file);
  const plan = startDispatch(journal);
  let snapshot = fold.initial(plan);
  journal.entries.forEach((_, i) => {
    snapshot = fold.next(snapshot, checkedEvent(journal, i, snapshot));
  });
  return finish(journal, snapshot);
}

/** Every microstep the journal's run took, eventless ones included. */
export function transitionLog(input: JournalInput, options: ReplayOptions = {}): TransitionRecord[] {
  const journal = readJournal(input, options.file);
  const plan = startDispatch(journal);
  const log: TransitionRecord[] = [];
  const actionTypes = (actions: readonly { type: string }[]) => actions.map((a) => a.type).filter((t) => !t.startsWith('xstate.'));
  let previous: string | null = null;
  let snapshot = fold.initial(plan);
  for (const [next, actions] of getInitialMicrosteps(difDispatchMachine, plan)) {
    log.push({ seq: 0, event: 'xstate.init', from: previous, to: stateName(next), actions: actionTypes(actions) });
    previous = stateName(next);
  }
  journal.entries.forEach((entry, i) => {
    const event = checkedEvent(journal, i, snapshot);
    for (const [next, actions] of getMicrosteps(difDispatchMachine, snapshot, event)) {
      log.push({ seq: entry.seq, event: event.type, from: previous, to: stateName(next), actions: actionTypes(actions) });
      previous = stateName(next);
    }
    snapshot = fold.next(snapshot, event);
  });
  finish(journal, snapshot);
  return log;
}
