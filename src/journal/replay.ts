/**
 * Replay: fold the journal's events through the machine's pure transition function, from the
 * initial snapshot the header's scenario gives. No installer behaviour runs. The result must be
 * the one the live run had; anything else is refused.
 *
 * `replayJournal` streams: each entry is checked and folded as its line is read (read.ts), and
 * nothing is kept but the snapshot, so a file or an async iterable of lines of any length replays
 * in bounded memory (the result aside).
 *
 * The transition log ("every transition logged") is derived the same way, from microsteps, so
 * eventless steps show too; it can always be regenerated from the journal.
 */
import { fileURLToPath } from 'node:url';
import { getInitialMicrosteps, getMicrosteps, type AnyStateMachine, type SnapshotFrom } from 'xstate';
import type { Frame } from '../../machines/deviceInstall/deviceInstall.types.js';
import { difLabel as difLabelOf } from '../domain/codes.js';
import type { DispatchPlan } from '../domain/dispatchPlan.js';
import type { InstallResult } from '../domain/lifecycle/installResult.js';
import type { RunResult } from '../domain/runResult.js';
import type { Scenario } from '../domain/scenario.js';
import { listsEffects, withEffects } from '../host/difEffects.js';
import type { Fold } from '../host/fold.js';
import { forEachAsyncLine, forEachFileLine, type JournalFile } from './lines.js';
import { JournalReader, readInto, readJournal, type JournalInput, type JournalSink, type JournalStart } from './read.js';
import { checkedEvent, eventOf, finish, inputOf, refuseEvent, REPLAYERS, stateName, type Replayer } from './replayers.js';

export { stateName };
export type { JournalFile };

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
  /** Names the journal in error messages (default "journal"; for a file, its path). */
  readonly file?: string;
}

/** Inputs read as they come (replayJournal returns a Promise for them): a file (`-` for standard input), a `file:` URL, or an async iterable of lines. */
export type JournalStream = JournalFile | URL | AsyncIterable<string>;

export type ReplayResult = RunResult | InstallResult;

/** A replay's result, with what the CLI renders its timeline from. */
export interface Replayed {
  readonly result: ReplayResult;
  readonly machineId: JournalStart['machineId'];
  /** The header's scenario (validated) and the DIF run, when asked for (`replayDetailed`). */
  readonly scenario?: Scenario;
  readonly dif?: number;
}

/**
 * The sink that folds each entry as it is read. It keeps the snapshot and, only when the result
 * needs it (effects to apply) or the caller asks, the header's scenario; never the header itself.
 */
function replaySink(file: string, keepScenario: boolean): JournalSink & { replayed(): Replayed } {
  type Snapshot = SnapshotFrom<AnyStateMachine>;
  let replayer: Replayer<AnyStateMachine> | undefined;
  let fold: Fold<AnyStateMachine> | undefined;
  /** Checks and steps an event in one (the executor's replay fold), when there is one. */
  let nextIfCan: ((snapshot: Snapshot, event: { type: string }) => Snapshot | undefined) | undefined;
  let machineId: JournalStart['machineId'] = 'difDispatch';
  let scenario: Scenario | undefined;
  let dif: number | undefined;
  let effects = false;
  let snapshot: Snapshot | undefined;
  let entries = 0;
  let replayed: Replayed | undefined;
  return {
    start(s) {
      machineId = s.machineId;
      replayer = REPLAYERS[machineId];
      fold = replayer.replayFold ?? replayer.fold;
      nextIfCan = replayer.replayFold ? (from, event) => replayer!.replayFold!.nextIfCan(from, event) : undefined;
      const input = inputOf(s);
      if (machineId === 'difDispatch') {
        dif = (input.start as DispatchPlan).dif;
        effects = listsEffects(input.scenario, dif);
      }
      if (effects || keepScenario) scenario = input.scenario;
      snapshot = fold.initial(input.start);
    },
    entry(entry, i, eventChecked) {
      if (nextIfCan) {
        const event = eventOf(replayer!, file, entry, i, eventChecked);
        const next = nextIfCan(snapshot!, event);
        if (next === undefined) refuseEvent(replayer!, file, entry, i, event, snapshot!);
        snapshot = next;
      } else {
        const event = checkedEvent(replayer!, file, entry, i, eventChecked, snapshot!);
        snapshot = fold!.next(snapshot!, event as never);
      }
      entries = i + 1;
    },
    end(end) {
      let result = finish(replayer!, file, entries, end.result, snapshot!) as ReplayResult;
      snapshot = undefined;
      // A run's effects, as `devinst run` reported them (derived from the header scenario, like the run).
      if (effects) result = withEffects(scenario!, dif!, result as RunResult);
      replayed = { result, machineId, ...(keepScenario ? { scenario, dif } : {}) };
    },
    replayed: () => replayed!,
  };
}

const isStream = (input: unknown): input is JournalStream =>
  input instanceof URL || (typeof input === 'object' && input !== null && !Array.isArray(input) && (Symbol.asyncIterator in input || 'path' in input));

/** Streams a journal through a sink: a file in chunks, or an async iterable's lines. */
export async function readStream(input: JournalStream, options: ReplayOptions, sink: (file: string) => JournalSink): Promise<void> {
  if (input instanceof URL || !(Symbol.asyncIterator in input)) {
    const path = input instanceof URL ? fileURLToPath(input) : input.path;
    const file = options.file ?? (path === '-' ? '<stdin>' : path);
    const reader = new JournalReader(file, sink(file), true, true);
    await forEachFileLine(path, file, (line) => reader.line(line));
    reader.finish();
    return;
  }
  const file = options.file ?? 'journal';
  const reader = new JournalReader(file, sink(file), true, true);
  await forEachAsyncLine(input, (line) => reader.line(line));
  reader.finish();
}

/** replayJournal, with the machine, and (`keepScenario`) the scenario and DIF it replayed from. */
export function replayDetailed(input: JournalInput, options?: ReplayOptions, keepScenario?: boolean): Replayed;
export function replayDetailed(input: JournalStream, options?: ReplayOptions, keepScenario?: boolean): Promise<Replayed>;
export function replayDetailed(input: JournalInput | JournalStream, options: ReplayOptions = {}, keepScenario = false): Replayed | Promise<Replayed> {
  if (isStream(input)) {
    let sink: ReturnType<typeof replaySink> | undefined;
    return readStream(input, options, (file) => (sink = replaySink(file, keepScenario))).then(() => sink!.replayed());
  }
  const file = options.file ?? 'journal';
  const sink = replaySink(file, keepScenario);
  readInto(input, file, sink);
  return sink.replayed();
}

/**
 * Replays a journal to the result of the run that wrote it: a RunResult, or an InstallResult for
 * install journals. Text or parsed lines replay at once; a file (`{ path }`, or a `file:` URL) or
 * an async iterable of lines is read as it streams, and a Promise of the result is returned.
 */
export function replayJournal(input: JournalInput, options?: ReplayOptions): ReplayResult;
export function replayJournal(input: JournalStream, options?: ReplayOptions): Promise<ReplayResult>;
export function replayJournal(input: JournalInput | JournalStream, options: ReplayOptions = {}): ReplayResult | Promise<ReplayResult> {
  if (isStream(input)) return replayDetailed(input, options).then((r) => r.result);
  return replayDetailed(input, options).result;
}

/** Every microstep the journal's run took, eventless ones included. */
export function transitionLog(input: JournalInput, options: ReplayOptions = {}): TransitionRecord[] {
  const journal = readJournal(input, options.file);
  const replayer = REPLAYERS[journal.machineId];
  const machine = replayer.machine;
  const { start } = inputOf(journal);
  const log: TransitionRecord[] = [];
  const actionTypes = (actions: readonly { type: string }[]) => actions.map((a) => a.type).filter((t) => !t.startsWith('xstate.'));
  let previous: string | null = null;
  let snapshot = replayer.fold.initial(start);
  for (const [next, actions] of getInitialMicrosteps(machine, start)) {
    log.push({ seq: 0, event: 'xstate.init', from: previous, to: stateName(next), actions: actionTypes(actions) });
    previous = stateName(next);
  }
  journal.entries.forEach((entry, i) => {
    const event = checkedEvent(replayer, journal.file, entry, i, false, snapshot);
    for (const [next, actions] of getMicrosteps(machine, snapshot, event)) {
      log.push({ seq: entry.seq, event: event.type, from: previous, to: stateName(next), actions: actionTypes(actions) });
      previous = stateName(next);
    }
    snapshot = replayer.fold.next(snapshot, event as never);
  });
  finish(replayer, journal.file, journal.entries.length, journal.end.result, snapshot);
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
  const { start } = inputOf(journal);
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
  journal.entries.forEach((entry, i) => {
    const event = checkedEvent(replayer, journal.file, entry, i, false, snapshot);
    places.push(placeOf(snapshot));
    events.push(event);
    snapshot = replayer.fold.next(snapshot, event as never);
  });
  const result = finish(replayer, journal.file, journal.entries.length, journal.end.result, snapshot) as ReplayResult;
  return { journal, machine: replayer.machine, start, events, places, result };
}
