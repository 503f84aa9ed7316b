/**
 * Reading a journal back: every line checked, in order, before anything is replayed.
 * Refused with a one-line, located message: malformed lines, another format or format version,
 * an unknown machine or a machine version this devinst does not replay, entries out of order or missing (seq), a
 * missing closing line (truncated), and a count that does not match.
 */
import type { z } from 'zod';
import { MACHINES, type MachineId } from '../../machines/index.js';
import { InputError } from '../errors.js';
import { formatPath } from '../scenario/jsonText.js';
import { MAX_JSON_DEPTH, parseJsonValue } from '../scenario/jsonParse.js';
import {
  JOURNAL_FORMAT,
  JOURNAL_FORMAT_VERSION,
  journalEndSchema,
  journalEntrySchema,
  journalHeaderSchema,
  type JournalEnd,
  type JournalEntry,
  type JournalHeader,
} from './format.js';

/** JSON Lines text, or the lines already parsed (header first, closing line last). */
export type JournalInput = string | readonly unknown[];

export interface ReadJournal {
  readonly file: string;
  readonly header: JournalHeader;
  readonly machineId: MachineId;
  readonly entries: readonly JournalEntry[];
  readonly end: JournalEnd['end'];
  /** The 1-based line number of entry i (0-based), for messages; `entries.length` gives the closing line. */
  lineOf(entryIndex: number): number;
}

function fail(file: string, line: number | undefined, message: string): never {
  throw new InputError(`${file}${line !== undefined ? `:${line}` : ''}: ${message}`);
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = formatPath(issue.path);
  const message = issue.code === 'unrecognized_keys' ? `unknown key "${issue.keys[0]}"` : issue.message;
  return path ? `${path}: ${message}` : message;
}

/** A whole-file JSON object that is not a journal header: a scenario given to replay. */
function looksLikeScenario(text: string): boolean {
  const first = text.trimStart();
  if (!first.startsWith('{') || first.startsWith('{"format"')) return false;
  try {
    const value = parseJsonValue('', text, { jsonc: true });
    return typeof value === 'object' && value !== null && !Array.isArray(value) && !('format' in value);
  } catch {
    return false;
  }
}

function toObjects(input: JournalInput, file: string): unknown[] {
  if (typeof input !== 'string') return [...input];
  const lines = input.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) fail(file, undefined, 'the journal is empty');
  if (looksLikeScenario(input)) fail(file, undefined, 'this is a scenario, not a journal; use devinst run (or devinst install) on it');
  return lines.map((line, i) => {
    if (line.trim() === '') fail(file, i + 1, 'blank line inside the journal');
    try {
      return parseJsonValue(file, line, { jsonc: false, line: i + 1, maxDepth: MAX_JSON_DEPTH + 8 });
    } catch (error) {
      if (error instanceof InputError && i === lines.length - 1 && lines.length > 1 && error.message.includes('malformed JSON')) fail(file, i + 1, 'malformed JSON: the journal is truncated');
      throw error;
    }
  });
}

export function readJournal(input: JournalInput, file = 'journal'): ReadJournal {
  const lines = toObjects(input, file);

  const first = lines[0] as { format?: unknown; formatVersion?: unknown } | null;
  if (typeof first !== 'object' || first === null || first.format !== JOURNAL_FORMAT) {
    fail(file, 1, `not a devinst journal: the first line must be a header with "format": "${JOURNAL_FORMAT}"`);
  }
  if (first.formatVersion !== JOURNAL_FORMAT_VERSION) {
    fail(file, 1, `journal format version ${String(first.formatVersion)} is not supported (this devinst reads version ${JOURNAL_FORMAT_VERSION})`);
  }
  const header = journalHeaderSchema.safeParse(first);
  if (!header.success) fail(file, 1, `bad header: ${issueText(header.error)}`);
  const machineId = header.data.machine;
  if (!Object.hasOwn(MACHINES, machineId)) {
    fail(file, 1, `unknown machine "${machineId}" (known: ${Object.keys(MACHINES).join(', ')})`);
  }
  const known = MACHINES[machineId as MachineId];
  const version = header.data.machineVersion;
  if (!known.replays.includes(version)) {
    const replays = known.replays.length === 1 ? `version ${known.replays[0]}` : `versions ${known.replays.join(', ')}`;
    fail(file, 1, `written by ${machineId} version ${version}, but this devinst (version ${known.version}) replays only ${replays}; it cannot replay it`);
  }

  const last = lines[lines.length - 1];
  const end = lines.length > 1 ? journalEndSchema.safeParse(last) : undefined;
  if (!end?.success) fail(file, lines.length, 'the closing line is missing: the journal is truncated');

  const entries: JournalEntry[] = [];
  for (let i = 1; i < lines.length - 1; i++) {
    const parsed = journalEntrySchema.safeParse(lines[i]);
    if (!parsed.success) {
      if (journalEndSchema.safeParse(lines[i]).success) fail(file, i + 1, 'a closing line before the end of the journal');
      fail(file, i + 1, `bad entry: ${issueText(parsed.error)}`);
    }
    const entry = parsed.data;
    if (entry.seq !== i) {
      fail(file, i + 1, `seq ${entry.seq} where ${i} was expected: the journal is reordered or has entries missing`);
    }
    if (entry.machine !== machineId || entry.version !== version) {
      fail(file, i + 1, `entry for ${entry.machine} version ${entry.version} in a journal of ${machineId} version ${version}`);
    }
    entries.push(entry);
  }
  if (end.data.end.entries !== entries.length) {
    fail(file, lines.length, `the closing line counts ${end.data.end.entries} entries but the journal has ${entries.length}`);
  }
  return {
    file,
    header: header.data as JournalHeader,
    machineId: machineId as MachineId,
    entries,
    end: end.data.end,
    lineOf: (entryIndex) => entryIndex + 2,
  };
}
