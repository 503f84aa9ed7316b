/**
 * The INF lexer: text to sections of lines, each line an optional key and its fields.
 *
 * Syntax as Microsoft documents it (learn.microsoft.com .../install/general-syntax-rules-for-inf-files)
 * with the edge cases Wine's parser tests check against Windows (wine-mirror/wine
 * dlls/setupapi/tests/parser.c), taken as facts:
 * - a section starts at a line whose first non-blank character is `[`; its name runs to the first
 *   `]` (no quote or comment processing inside); text after the `]` is ignored; names are
 *   case-insensitive; sections of the same name are merged;
 * - `;` outside quotes starts a comment; `"` opens and closes a quoted run, in which `""` is one
 *   `"`; an unterminated quote ends at the end of its line;
 * - a backslash that is the last thing on a line outside quotes (blanks, more backslashes and a
 *   comment may follow) continues the line; the blanks around it and at the start of the next line
 *   are dropped; anywhere else a backslash is literal;
 * - `=` before any `,` separates the key; fields are separated by `,`; blanks around a field are
 *   dropped unless quoted; empty fields are kept.
 * Linear in the size of the text.
 */
import { FindingSink } from './findings.js';

export interface Token {
  /** The text after quote processing, before %strkey% substitution. */
  readonly text: string;
  /**
   * Offset in the text of each character of `text`; absent when the characters are contiguous
   * from `first` (the common case, kept cheap). Use charOffset().
   */
  readonly offsets?: readonly number[];
  /** Offset of the first character of `text`. */
  readonly first: number;
  /** Offset where the field starts (its opening quote, when quoted). */
  readonly offset: number;
  /** The value after %strkey% substitution, once computed (src/inf/parse.ts). */
  substituted?: string;
}

/** Where the i-th character of a token's text is in the file text. */
export function charOffset(token: Token, i: number): number {
  return token.offsets ? (token.offsets[i] ?? token.offset) : token.first + i;
}

export interface InfLine {
  readonly key: Token | undefined;
  readonly fields: readonly Token[];
  readonly offset: number;
}

export interface InfSection {
  /** The name as first written. */
  readonly name: string;
  readonly offset: number;
  readonly lines: InfLine[];
}

export interface LexedInf {
  readonly file: string;
  readonly text: string;
  /** By lower-case name; same-name sections merged in file order. */
  readonly sections: ReadonlyMap<string, InfSection>;
  position(offset: number): { line: number; column: number };
}

const isBlank = (c: number) => c === 32 || c === 9 || c === 13 || c === 11 || c === 12;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

const QUOTED = 1;
const SEPARATOR = 2;

/** One logical line being read: parallel arrays, one entry per character (few allocations). */
class LineBuffer {
  codes: number[] = [];
  offs: number[] = [];
  flags: number[] = [];
  /** For the first character of a quoted run: its opening quote's offset (a field starts there); else -1. */
  quoteAt: number[] = [];
  get length(): number {
    return this.codes.length;
  }
  push(code: number, off: number, flags: number, quoteAt: number): void {
    this.codes.push(code);
    this.offs.push(off);
    this.flags.push(flags);
    this.quoteAt.push(quoteAt);
  }
  truncate(n: number): void {
    this.codes.length = n;
    this.offs.length = n;
    this.flags.length = n;
    this.quoteAt.length = n;
  }
  blankAt(i: number): boolean {
    return (this.flags[i] & QUOTED) === 0 && isBlank(this.codes[i]);
  }
}

function makeToken(b: LineBuffer, from: number, to: number, fallbackOffset: number): Token {
  let start = from;
  let end = to;
  while (start < end && b.blankAt(start)) start++;
  while (end > start && b.blankAt(end - 1)) end--;
  let text = '';
  let contiguous = true;
  for (let k = start; k < end; k += 4096) text += String.fromCharCode(...b.codes.slice(k, Math.min(end, k + 4096)));
  for (let k = start + 1; k < end && contiguous; k++) if (b.offs[k] !== b.offs[k - 1] + 1) contiguous = false;
  const first = start < end ? b.offs[start] : from < to ? b.offs[from] : fallbackOffset;
  const offset = start < end ? (b.quoteAt[start] >= 0 ? b.quoteAt[start] : b.offs[start]) : first;
  return contiguous ? { text, first, offset } : { text, first, offset, offsets: b.offs.slice(start, end) };
}

function splitLine(b: LineBuffer, offset: number): InfLine {
  let keyEnd = -1;
  for (let i = 0; i < b.length; i++) {
    if ((b.flags[i] & SEPARATOR) === 0) continue;
    if (b.codes[i] === 61 /* = */) keyEnd = i;
    break;
  }
  const key = keyEnd >= 0 ? makeToken(b, 0, keyEnd, offset) : undefined;
  const fields: Token[] = [];
  let fieldFrom = keyEnd + 1;
  let fieldStart = keyEnd >= 0 ? b.offs[keyEnd] + 1 : offset;
  for (let i = keyEnd + 1; i < b.length; i++) {
    if ((b.flags[i] & SEPARATOR) !== 0 && b.codes[i] === 44 /* , */) {
      fields.push(makeToken(b, fieldFrom, i, fieldStart));
      fieldFrom = i + 1;
      fieldStart = b.offs[i] + 1;
    }
  }
  fields.push(makeToken(b, fieldFrom, b.length, fieldStart));
  return { key, fields, offset };
}

export function lexInf(text: string, file: string, sink: FindingSink): LexedInf {
  const starts = lineStarts(text);
  const position = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
  const at = (offset: number) => position(offset);
  const sections = new Map<string, InfSection>();
  let section: InfSection | undefined;
  let outside = 0;
  let firstOutside = -1;
  let pending: LineBuffer | undefined; // a logical line continued from the previous physical line
  let pendingOffset = 0;
  let pendingQuote = false; // a quote was seen on an earlier physical line of the pending logical line
  const buffer = new LineBuffer();

  const n = text.length;
  let i = 0;
  while (i <= n) {
    let eol = text.indexOf('\n', i);
    if (eol < 0) eol = n;
    let p = i;
    while (p < eol && isBlank(text.charCodeAt(p))) p++;

    if (pending === undefined && p < eol && text[p] === '[') {
      // Only this line is searched, so a file of unclosed "[" lines stays linear.
      const within = text.slice(p + 1, eol).indexOf(']');
      const close = within < 0 ? -1 : p + 1 + within;
      let name: string;
      if (close < 0) {
        name = text.slice(p + 1, eol).replace(/[\s]+$/, '');
        const where = at(p);
        sink.add(file, where.line, where.column, 'unterminated-section-name', `section name "[${name}" has no closing "]" (Windows refuses to open the file)`);
      } else {
        name = text.slice(p + 1, close);
        const rest = text.slice(close + 1, eol).trim();
        if (rest !== '' && !rest.startsWith(';')) {
          const where = at(close + 1 + text.slice(close + 1, eol).search(/\S/));
          sink.add(file, where.line, where.column, 'text-after-section-name', `text after "[${name}]" is ignored: "${rest.length > 40 ? `${rest.slice(0, 40)}…` : rest}"`);
        }
      }
      if (name.length > 255) {
        const where = at(p);
        sink.add(file, where.line, where.column, 'section-name-too-long', `section name is ${name.length} characters; Windows allows 255`);
      }
      const lower = name.toLowerCase();
      section = sections.get(lower);
      if (!section) {
        section = { name, offset: p, lines: [] };
        sections.set(lower, section);
      }
      i = eol + 1;
      continue;
    }

    // Scan one physical line of content.
    // One buffer serves every logical line: tokens copy their text out of it.
    const chars = pending ?? buffer;
    if (pending === undefined) buffer.truncate(0);
    const lineBegin = chars.length;
    if (pending === undefined) pendingOffset = p;
    let inQuote = false;
    let quoteStart = -1;
    let sawQuote = false;
    // Leading blanks are skipped on every line, so a continuation line's are dropped too.
    let q = p;
    for (; q < eol; q++) {
      const c = text.charCodeAt(q);
      if (inQuote) {
        const at = q === quoteStart + 1 ? quoteStart : -1;
        if (c === 34 /* " */) {
          if (q + 1 < eol && text.charCodeAt(q + 1) === 34) {
            chars.push(34, q, QUOTED, at);
            q++;
          } else inQuote = false;
        } else chars.push(c, q, QUOTED, at);
        continue;
      }
      if (c === 59 /* ; */) break;
      if (c === 34) {
        inQuote = true;
        sawQuote = true;
        quoteStart = q;
        continue;
      }
      chars.push(c, q, c === 44 || c === 61 ? SEPARATOR : 0, -1);
    }
    let continued = false;
    if (inQuote) {
      const where = at(quoteStart);
      sink.add(file, where.line, where.column, 'unterminated-quote', 'quoted string has no closing \'"\': it ends at the end of the line');
    } else {
      // Trailing run of blanks and backslashes with at least one backslash: a continuation.
      let k = chars.length;
      let backslash = false;
      while (k > lineBegin && (chars.flags[k - 1] & QUOTED) === 0 && (chars.codes[k - 1] === 92 || isBlank(chars.codes[k - 1]))) {
        if (chars.codes[k - 1] === 92) backslash = true;
        k--;
      }
      if (backslash) {
        chars.truncate(k);
        continued = true;
      }
    }

    if (continued && eol < n) {
      pending = chars;
      pendingQuote ||= sawQuote;
      i = eol + 1;
      continue;
    }
    pending = undefined;
    pendingQuote ||= sawQuote;
    let hasContent = pendingQuote;
    for (let k = 0; k < chars.length && !hasContent; k++) if (!chars.blankAt(k)) hasContent = true;
    pendingQuote = false;
    if (hasContent) {
      if (!section) {
        outside++;
        if (firstOutside < 0) firstOutside = pendingOffset;
      } else {
        const line = splitLine(chars, pendingOffset);
        section.lines.push(line);
        if (line.key) notePseudoComment(line.key, file, sink, at);
        for (const token of line.fields) notePseudoComment(token, file, sink, at);
      }
    }
    i = eol + 1;
  }
  if (outside > 0) {
    const where = at(firstOutside);
    sink.add(file, where.line, where.column, 'line-outside-section', `${outside} line${outside === 1 ? '' : 's'} before the first section: ignored here; SetupAPI can refuse such a file (ERROR_EXPECTED_SECTION_NAME)`);
  }
  return { file, text, sections, position };
}

/** `//` or `\\` after a blank inside a value: a comment in C, not in an INF. */
function notePseudoComment(token: Token, file: string, sink: FindingSink, at: (offset: number) => { line: number; column: number }): void {
  if (!token.text.includes('//') && !token.text.includes('\\\\')) return;
  const match = /\s(\/\/|\\\\)/.exec(token.text);
  if (!match) return;
  const where = at(charOffset(token, match.index + 1));
  sink.add(file, where.line, where.column, 'pseudo-comment', `"${match[1]}" does not start a comment in an INF (only ";" does): "${token.text.slice(match.index + 1, match.index + 31)}" is part of the value`);
}
