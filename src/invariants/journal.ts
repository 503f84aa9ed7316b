/**
 * Journal invariants: laws about a recorded run and its journal, for both machines. They are
 * checked by the property tests (properties/journal.property.ts) on every generated run; the
 * explorer does not step them (a journal is a whole run).
 * Source: docs/journal.md (the journal is the run's source of truth; replay and the transition
 * log); statelyai/docs persistence.mdx; stately.ai/docs/packages/agent/event-log (replay = fold of the logged inputs; the transition log is derived from
 * microsteps).
 */
import { isDeepStrictEqual } from 'node:util';
import type { InstallResult } from '../domain/lifecycle/installResult.js';
import type { RunResult } from '../domain/runResult.js';
import { readJournal } from '../journal/read.js';
import { replayJournal, transitionLog } from '../journal/replay.js';
import { fails, type InvariantFailure } from './types.js';

/** A live run and the journal it wrote (recordDif / recordInstall). */
export interface RecordedRun {
  readonly live: RunResult | InstallResult;
  readonly journal: string;
}

export interface JournalInvariant {
  readonly name: string;
  readonly sentence: string;
  readonly source: string;
  readonly machine: 'difDispatch and deviceInstall';
  check(run: RecordedRun): InvariantFailure | null;
}

/** The final state names of the two machines. */
const FINAL_STATES = new Set(['done', 'failed', 'removed']);

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

export const replayEqualsLive: JournalInvariant = {
  name: 'ReplayEqualsLive',
  sentence: 'Replaying a journal through the machine, with no installer behaviour run, gives exactly the result of the live run that wrote it.',
  source: 'docs/journal.md "Replay"; statelyai/docs persistence.mdx; stately.ai/docs/packages/agent/event-log',
  machine: 'difDispatch and deviceInstall',
  check({ live, journal }) {
    const replayed = replayJournal(journal);
    return isDeepStrictEqual(plain(replayed), plain(live)) ? null : fails('the replayed result differs from the live one');
  },
};

export const journalRoundTrips: JournalInvariant = {
  name: 'JournalRoundTrips',
  sentence: 'A journal read back (every line checked) and written out again is the identical text: header, one entry per input numbered 1…n, closing line.',
  source: 'docs/journal.md "Format (version 1)"',
  machine: 'difDispatch and deviceInstall',
  check({ journal }) {
    const read = readJournal(journal);
    const text = [read.header, ...read.entries, { end: read.end }].map((line) => JSON.stringify(line)).join('\n') + '\n';
    if (text === journal) return null;
    const a = journal.split('\n');
    const b = text.split('\n');
    const line = a.findIndex((l, i) => l !== b[i]);
    return fails(`line ${line + 1} changes when read and written again`);
  },
};

export const transitionLogComplete: JournalInvariant = {
  name: 'TransitionLogComplete',
  sentence: 'The transition log derived from a journal is one unbroken path from the initial state to a final state, every journal entry causes at least one step, and every installer answer answers a call the machine announced (requestCall).',
  source: 'docs/journal.md "transition log"; statelyai/docs persistence.mdx; stately.ai/docs/packages/agent/event-log ("every transition logged" by a derived trace)',
  machine: 'difDispatch and deviceInstall',
  check({ journal }) {
    const log = transitionLog(journal);
    const entries = readJournal(journal).entries;
    if (log.length === 0 || log[0].from !== null) return fails('the log does not start at the initial state');
    for (let i = 1; i < log.length; i++) {
      if (log[i].from !== log[i - 1].to) return fails(`step ${i + 1} starts in ${log[i].from} but step ${i} ended in ${log[i - 1].to}`);
    }
    const last = log[log.length - 1].to;
    if (!FINAL_STATES.has(last)) return fails(`the log ends in ${last}, not in a final state`);
    const seqs = new Set(log.map((r) => r.seq));
    const missing = entries.find((e) => !seqs.has(e.seq));
    if (missing) return fails(`journal entry ${missing.seq} (${missing.event.type}) caused no step`);
    const requested = log.reduce((n, r) => n + r.actions.filter((a) => a === 'requestCall').length, 0);
    const answers = entries.filter((e) => e.event.type.endsWith('.returned')).length;
    if (requested !== answers) return fails(`the machine announced ${requested} calls but the journal answers ${answers}`);
    return null;
  },
};

export const JOURNAL_INVARIANTS: readonly JournalInvariant[] = [replayEqualsLive, journalRoundTrips, transitionLogComplete];
