/**
 * The fastest path of reading a journal: an answer entry written exactly as devinst writes it
 * (JournalRecorder's JSON.stringify of `{seq, at, machine, version, event}`, the answer event's
 * keys in the order the host makes them: src/host/answers.ts) is read by comparing its text with
 * that form, piece by piece, without JSON.parse. The form has every key once, no white space and no
 * escape, so the value read is the one JSON.parse gives, and one the quick check (quickCheck.ts)
 * and the full check accept. Anything else — another key order, white space, an escape, a number
 * not written as a plain integer, PrivateData that is not a primitive, a timeline event — returns
 * undefined, and the line takes the quick path. test/journal/entryText.test.ts checks on recorded
 * and edited lines that whatever this reads, JSON.parse reads the same and the quick check accepts.
 */

/** What an entry line of one journal must say besides its own parts. */
export interface EntryForm {
  readonly machine: string;
  readonly version: number;
}

type Answer =
  | { type: 'coInstaller.returned'; who: string; index: number; phase: string; code: string; privateData?: string | number | boolean | null }
  | { type: 'classInstaller.returned' | 'defaultHandler.returned'; code: string };

export interface EntryRead {
  seq: number;
  at: string;
  machine: string;
  version: number;
  event: Answer;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The value of the integer integerEnd last read. */
let integerValue = 0;

/** The end of the digits of a non-negative integer at `from` written plainly (no leading zero, at most 15 digits), or -1; its value in integerValue. */
function integerEnd(text: string, from: number): number {
  let at = from;
  let value = 0;
  while (at < text.length) {
    const c = text.charCodeAt(at);
    if (c < 0x30 || c > 0x39) break;
    value = value * 10 + (c - 0x30);
    at += 1;
  }
  if (at === from || at - from > 15 || (text.charCodeAt(from) === 0x30 && at - from > 1)) return -1;
  integerValue = value;
  return at;
}

/** The end (the closing quote) of a string at `from` (after its opening quote) that needs no escape, or -1. */
function plainStringEnd(text: string, from: number): number {
  for (let at = from; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c === QUOTE) return at;
    if (c < 0x20 || c === BACKSLASH) return -1;
  }
  return -1;
}

/** `0x` + 8 upper-case hex digits at `from` (difDispatch.types.ts hexCode), then a quote. */
function isCodeAt(text: string, from: number): boolean {
  if (text.charCodeAt(from) !== 0x30 || text.charCodeAt(from + 1) !== 0x78 || text.charCodeAt(from + 10) !== QUOTE) return false;
  for (let at = from + 2; at < from + 10; at++) {
    const c = text.charCodeAt(at);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46))) return false;
  }
  return true;
}

const NO_PRIVATE_DATA = Symbol('none');

/** PrivateData written as a JSON primitive at `from`, ending the line with `}}`: its value, or NO_PRIVATE_DATA when it is anything else. */
function primitiveAt(text: string, from: number): string | number | boolean | null | typeof NO_PRIVATE_DATA {
  const end = text.length - 2;
  const c = text.charCodeAt(from);
  if (c === QUOTE) return plainStringEnd(text, from + 1) === end - 1 ? text.slice(from + 1, end - 1) : NO_PRIVATE_DATA;
  const word = text.slice(from, end);
  if (word === 'null') return null;
  if (word === 'true') return true;
  if (word === 'false') return false;
  const digits = c === 0x2d ? from + 1 : from;
  return integerEnd(text, digits) === end ? Number(word) : NO_PRIVATE_DATA;
}

/**
 * Whether `text` has `part` at `at`. (indexOf rather than startsWith: measured about five times
 * faster on these lines; a miss costs at most a search of the rest of the line.)
 */
const has = (text: string, part: string, at: number): boolean => text.indexOf(part, at) === at;

/** True when the line ends at `at` with the two closing braces. */
const endsAt = (line: string, at: number): boolean => at + 2 === line.length && line.charCodeAt(at) === 0x7d && line.charCodeAt(at + 1) === 0x7d;

const HEAD = '{"seq":';
const AT = ',"at":"';
const CO_WHO = ['coInstaller.returned","who":"classCoInstaller","index":', 'coInstaller.returned","who":"deviceCoInstaller","index":'] as const;
const WHO = ['classCoInstaller', 'deviceCoInstaller'] as const;
const PHASE_CODE = [',"phase":"pre","code":"', ',"phase":"post","code":"'] as const;
const PHASE = ['pre', 'post'] as const;
const PRIVATE_DATA = ',"privateData":';
const SINGLE_CODE = ['classInstaller.returned","code":"', 'defaultHandler.returned","code":"'] as const;
const SINGLE = ['classInstaller.returned', 'defaultHandler.returned'] as const;

/** The answer event at `from` (just after `"type":"`) to the line's end, or undefined. */
function answerAt(line: string, from: number): Answer | undefined {
  const w: 0 | 1 | -1 = has(line, CO_WHO[0], from) ? 0 : has(line, CO_WHO[1], from) ? 1 : -1;
  if (w === -1) {
    const k: 0 | 1 | -1 = has(line, SINGLE_CODE[0], from) ? 0 : has(line, SINGLE_CODE[1], from) ? 1 : -1;
    if (k === -1) return undefined;
    const p = from + SINGLE_CODE[k].length;
    return isCodeAt(line, p) && endsAt(line, p + 11) ? { type: SINGLE[k], code: line.slice(p, p + 10) } : undefined;
  }
  let p = from + CO_WHO[w].length;
  const indexEnd = integerEnd(line, p);
  if (indexEnd < 0 || integerValue === 0) return undefined;
  const index = integerValue;
  const f: 0 | 1 | -1 = has(line, PHASE_CODE[0], indexEnd) ? 0 : has(line, PHASE_CODE[1], indexEnd) ? 1 : -1;
  if (f === -1) return undefined;
  p = indexEnd + PHASE_CODE[f].length;
  if (!isCodeAt(line, p)) return undefined;
  const code = line.slice(p, p + 10);
  p += 11;
  if (endsAt(line, p)) return { type: 'coInstaller.returned', who: WHO[w], index, phase: PHASE[f], code };
  if (!has(line, PRIVATE_DATA, p) || !endsAt(line, line.length - 2)) return undefined;
  const privateData = primitiveAt(line, p + PRIVATE_DATA.length);
  return privateData === NO_PRIVATE_DATA ? undefined : { type: 'coInstaller.returned', who: WHO[w], index, phase: PHASE[f], code, privateData };
}

/** What follows an entry's `at`, up to its event's type, in one journal: `","machine":"…","version":…,"event":{"type":"`. */
export function entryMiddle(form: EntryForm): string {
  return `","machine":"${form.machine}","version":${String(form.version)},"event":{"type":"`;
}

/** Entry `seq` of the journal, when its line is an answer written exactly as devinst writes it; else undefined. `middle`: entryMiddle(form). */
export function readEntryLine(line: string, seq: number, form: EntryForm, middle: string): EntryRead | undefined {
  if (!has(line, HEAD, 0)) return undefined;
  const seqEnd = integerEnd(line, HEAD.length);
  if (seqEnd < 0 || integerValue !== seq || !has(line, AT, seqEnd)) return undefined;
  const p = seqEnd + AT.length;
  const atEnd = plainStringEnd(line, p);
  if (atEnd < 0 || !has(line, middle, atEnd)) return undefined;
  const event = answerAt(line, atEnd + middle.length);
  return event === undefined ? undefined : { seq, at: line.slice(p, atEnd), machine: form.machine, version: form.version, event };
}
