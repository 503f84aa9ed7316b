/**
 * Reading a journal back, line by line: each line is checked as it arrives and handed on, so a
 * journal of any length is read holding one line at a time (src/journal/lines.ts gives the lines).
 * Refused with a one-line, located message (the first bad line in file order): malformed lines,
 * another format or format version, an unknown machine or a machine version this devinst does not
 * replay, entries out of order or missing (seq), a missing closing line (truncated), and a count
 * that does not match.
 *
 * Each line takes the quick path first (quickCheck.ts: `JSON.parse` and plain comparisons); a
 * line it does not accept goes through the located parser and the zod schemas, which accept it
 * after all or say what is wrong with it.
 */
import { MACHINES, type MachineId } from '../../machines/index.js';
import { InputError } from '../errors.js';
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
import { entryMiddle, readEntryLine } from './entryText.js';
import { forEachTextLine } from './lines.js';
import { QUICK_EVENTS, quickEnd, quickEntry, quickHeader, quickParse } from './quickCheck.js';
import { collectGarbage, LONG_HEADER } from './heap.js';
import { fail, isHeaderLike, issueText, looksLikeScenario, mayBeScenario, parsedHeaders } from './readChecks.js';

export { fail, parsedFromText } from './readChecks.js';

/** JSON Lines text, or the lines already parsed (header first, closing line last). */
export type JournalInput = string | readonly unknown[];

/** What line 1 says: the journal's machine and its header. */
export interface JournalStart {
  readonly file: string;
  readonly header: JournalHeader;
  readonly machineId: MachineId;
}

export interface ReadJournal extends JournalStart {
  readonly entries: readonly JournalEntry[];
  readonly end: JournalEnd['end'];
  /** The 1-based line number of entry i (0-based), for messages; `entries.length` gives the closing line. */
  lineOf(entryIndex: number): number;
}

/** What a reader hands on, in order: the header, each entry, the closing line. */
export interface JournalSink {
  start(start: JournalStart): void;
  /** Entry `index` (0-based, on line index + 2); `eventChecked` when its event is known valid for the machine. */
  entry(entry: JournalEntry, index: number, eventChecked: boolean): void;
  end(end: JournalEnd['end']): void;
}

const LINE_DEPTH = MAX_JSON_DEPTH + 8;

/**
 * Checks a journal line by line (`line` for text, `value` for lines already parsed, then `finish`)
 * and hands each part to the sink as soon as it is known good. A line is taken when the next one
 * arrives, so the last line is known to be last.
 */
export class JournalReader {
  private lines = 0;
  private pending: unknown;
  private hasPending = false;
  private machineId = '';
  private machineVersion = 0;
  private entries = 0;
  private quick: ((line: string) => JournalEntry | undefined) | undefined;
  /** Line 1 is no header: every line is kept, to tell a scenario given by mistake from a broken journal. */
  private doubt: string[] | undefined;
  private doubtBlank = false;
  /** Line 1's value, parsed when it came. */
  private first: unknown;
  /** Line 1's length: a long header is followed by one full collection (heap.ts). */
  private firstLength = 0;

  constructor(
    readonly file: string,
    private readonly sink: JournalSink,
    private readonly text = true,
    /** Read as it streams (a file, an async iterable): memory is bounded, so a long header is collected after (heap.ts). */
    private readonly streamed = false,
  ) {}

  /** One line of JSON Lines text (without its line end). */
  line(line: string): void {
    if (this.doubt) {
      this.doubt.push(line);
      // Only blank lines so far: the first other one tells whether the text can be a scenario.
      if (this.doubtBlank && line.trim() !== '') {
        this.doubtBlank = false;
        if (!mayBeScenario(line)) this.undoubt();
      }
      return;
    }
    if (this.lines === 0) {
      const value = quickParse(line, LINE_DEPTH);
      if (!isHeaderLike(value)) {
        // Line 1 is no header: a scenario given by mistake, or a broken journal? The whole text tells.
        this.doubt = [line];
        this.doubtBlank = line.trim() === '';
        if (!this.doubtBlank && !mayBeScenario(line)) this.undoubt();
        return;
      }
      this.first = value;
      this.firstLength = line.length;
      // Only its value is used from now on: the line itself (it can be long) is not kept.
      this.push('');
      return;
    }
    this.push(line);
  }

  /** Back from doubt: the kept lines are read as journal lines. */
  private undoubt(): void {
    const lines = this.doubt!;
    this.doubt = undefined;
    for (const line of lines) this.push(line);
  }

  /** One line already parsed. */
  value(value: unknown): void {
    this.push(value);
  }

  finish(): void {
    if (this.doubt) {
      if (looksLikeScenario(this.doubt.join('\n'))) fail(this.file, undefined, 'this is a scenario, not a journal; use devinst run (or devinst install) on it');
      this.undoubt();
    }
    if (this.lines === 0) {
      if (this.text) fail(this.file, undefined, 'the journal is empty');
      this.take(undefined, 1, true);
    }
    if (this.hasPending) {
      const last = this.pending;
      this.pending = undefined;
      this.hasPending = false;
      this.take(last, this.lines, true);
    }
  }

  private push(item: unknown): void {
    if (this.hasPending) {
      const previous = this.pending;
      this.pending = undefined;
      this.take(previous, this.lines, false);
    }
    this.pending = item;
    this.hasPending = true;
    this.lines += 1;
  }

  /** The parsed value of a text line; quick when the quick check accepts it. */
  private parse(line: string, n: number, last: boolean): unknown {
    const quick = quickParse(line, LINE_DEPTH);
    if (quick !== undefined) return quick;
    if (line.trim() === '') fail(this.file, n, 'blank line inside the journal');
    try {
      return parseJsonValue(this.file, line, { jsonc: false, line: n, maxDepth: LINE_DEPTH });
    } catch (error) {
      if (error instanceof InputError && last && n > 1 && error.message.includes('malformed JSON')) fail(this.file, n, 'malformed JSON: the journal is truncated');
      throw error;
    }
  }

  private take(item: unknown, n: number, last: boolean): void {
    if (n === 1) {
      let value = this.first;
      this.first = undefined;
      if (value === undefined) value = this.text ? this.parse(item as string, 1, last) : item;
      if (this.text && typeof value === 'object' && value !== null) parsedHeaders.add(value);
      item = undefined; // the header line can be long: let it go before the header is used
      this.header(value);
      value = undefined;
      if (this.streamed && this.firstLength >= LONG_HEADER) collectGarbage(); // the parsed header is garbage now
      if (!last) return;
    } else if (!last) {
      this.entry(item, n);
      return;
    }
    const file = this.file;
    const value = this.text && n > 1 ? this.parse(item as string, n, true) : item;
    let end: JournalEnd['end'] | undefined = n > 1 ? quickEnd(value) : undefined;
    if (end === undefined && n > 1) {
      const parsed = journalEndSchema.safeParse(value);
      if (parsed.success) end = parsed.data.end;
    }
    if (end === undefined) fail(file, n, 'the closing line is missing: the journal is truncated');
    if (end.entries !== this.entries) {
      fail(file, n, `the closing line counts ${end.entries} entries but the journal has ${this.entries}`);
    }
    this.sink.end(end);
  }

  private header(first: unknown): void {
    const file = this.file;
    const h = first as { format?: unknown; formatVersion?: unknown } | null;
    if (typeof h !== 'object' || h === null || h.format !== JOURNAL_FORMAT) {
      fail(file, 1, `not a devinst journal: the first line must be a header with "format": "${JOURNAL_FORMAT}"`);
    }
    if (h.formatVersion !== JOURNAL_FORMAT_VERSION) {
      fail(file, 1, `journal format version ${String(h.formatVersion)} is not supported (this devinst reads version ${JOURNAL_FORMAT_VERSION})`);
    }
    const header = quickHeader(h as Record<string, unknown>) ? { success: true as const, data: h as JournalHeader } : journalHeaderSchema.safeParse(h);
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
    const events = QUICK_EVENTS[machineId];
    if (events) {
      // an answer written as devinst writes it is read without JSON.parse (entryText.ts); any other line takes the quick path
      const form = { machine: machineId, version };
      const middle = entryMiddle(form);
      this.quick = (line) => (readEntryLine(line, this.entries + 1, form, middle) ?? quickEntry(line, this.entries + 1, machineId, version, events)) as JournalEntry | undefined;
    }
    this.machineId = machineId;
    this.machineVersion = version;
    this.sink.start({ file, header: header.data as JournalHeader, machineId: machineId as MachineId });
  }

  private entry(item: unknown, n: number): void {
    if (this.text && this.quick) {
      const quick = this.quick(item as string);
      if (quick) {
        this.sink.entry(quick, this.entries++, true);
        return;
      }
    }
    const file = this.file;
    const value = this.text ? this.parse(item as string, n, false) : item;
    const parsed = journalEntrySchema.safeParse(value);
    if (!parsed.success) {
      if (journalEndSchema.safeParse(value).success) fail(file, n, 'a closing line before the end of the journal');
      fail(file, n, `bad entry: ${issueText(parsed.error)}`);
    }
    const entry = parsed.data;
    const i = this.entries + 1;
    if (entry.seq !== i) {
      fail(file, n, `seq ${entry.seq} where ${i} was expected: the journal is reordered or has entries missing`);
    }
    const { machineId, machineVersion } = this;
    if (entry.machine !== machineId || entry.version !== machineVersion) {
      fail(file, n, `entry for ${entry.machine} version ${entry.version} in a journal of ${machineId} version ${machineVersion}`);
    }
    this.sink.entry(entry, this.entries++, false);
  }
}

/** Feeds a whole input (text or parsed lines) through a reader. */
export function readInto(input: JournalInput, file: string, sink: JournalSink): void {
  if (typeof input === 'string') {
    const reader = new JournalReader(file, sink, true);
    forEachTextLine(input, (line) => reader.line(line));
    reader.finish();
  } else {
    const reader = new JournalReader(file, sink, false);
    for (const value of input) reader.value(value);
    reader.finish();
  }
}

/** A sink that keeps every entry: what `readJournal` returns. */
export function collectingSink(file: string): JournalSink & { result(): ReadJournal } {
  let start: JournalStart | undefined;
  let end: JournalEnd['end'] | undefined;
  const entries: JournalEntry[] = [];
  return {
    start: (s) => void (start = s),
    entry: (entry) => void entries.push(entry),
    end: (e) => void (end = e),
    result: () => ({ ...start!, file, entries, end: end!, lineOf: (entryIndex: number) => entryIndex + 2 }),
  };
}

/** Checks every line of a journal and returns its parts. */
export function readJournal(input: JournalInput, file = 'journal'): ReadJournal {
  const sink = collectingSink(file);
  readInto(input, file, sink);
  return sink.result();
}
