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
  /** Offset in the text of each character of `text` (for positions of findings). */
  readonly offsets: readonly number[];
  /** Offset where the field starts. */
  readonly offset: number;
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

interface Char {
  c: string;
  off: number;
  quoted: boolean;
  /** An unquoted `,` or `=`: a separator candidate. */
  sep: boolean;
  /** For the first character of a quoted run: where its opening quote is (a field starts at its quote). */
  start?: number;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function makeToken(chars: readonly Char[], fallbackOffset: number): Token {
  let start = 0;
  let end = chars.length;
  while (start < end && !chars[start].quoted && isBlank(chars[start].c.charCodeAt(0))) start++;
  while (end > start && !chars[end - 1].quoted && isBlank(chars[end - 1].c.charCodeAt(0))) end--;
  const kept = chars.slice(start, end);
  return { text: kept.map((c) => c.c).join(''), offsets: kept.map((c) => c.off), offset: kept[0]?.start ?? kept[0]?.off ?? chars[0]?.off ?? fallbackOffset };
}

function splitLine(chars: readonly Char[], offset: number): InfLine {
  let keyEnd = -1;
  for (let i = 0; i < chars.length; i++) {
    if (!chars[i].sep) continue;
    if (chars[i].c === '=') keyEnd = i;
    break;
  }
  const key = keyEnd >= 0 ? makeToken(chars.slice(0, keyEnd), offset) : undefined;
  const fields: Token[] = [];
  let current: Char[] = [];
  let fieldStart = keyEnd >= 0 ? (chars[keyEnd].off + 1) : offset;
  for (let i = keyEnd + 1; i < chars.length; i++) {
    const ch = chars[i];
    if (ch.sep && ch.c === ',') {
      fields.push(makeToken(current, fieldStart));
      current = [];
      fieldStart = ch.off + 1;
    } else current.push(ch);
  }
  fields.push(makeToken(current, fieldStart));
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
  let pending: Char[] | undefined; // a logical line continued from the previous physical line
  let pendingOffset = 0;

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
    const chars: Char[] = pending ?? [];
    const lineBegin = chars.length;
    if (pending === undefined) pendingOffset = p;
    let inQuote = false;
    let quoteStart = -1;
    // Leading blanks are skipped on every line, so a continuation line's are dropped too.
    let q = p;
    for (; q < eol; q++) {
      const c = text[q];
      if (inQuote) {
        const start = q === quoteStart + 1 ? quoteStart : undefined;
        if (c === '"') {
          if (text[q + 1] === '"' && q + 1 < eol) {
            chars.push({ c: '"', off: q, quoted: true, sep: false, start });
            q++;
          } else inQuote = false;
        } else chars.push({ c, off: q, quoted: true, sep: false, start });
        continue;
      }
      if (c === ';') break;
      if (c === '"') {
        inQuote = true;
        quoteStart = q;
        continue;
      }
      chars.push({ c, off: q, quoted: false, sep: c === ',' || c === '=' });
    }
    let continued = false;
    if (inQuote) {
      const where = at(quoteStart);
      sink.add(file, where.line, where.column, 'unterminated-quote', 'quoted string has no closing \'"\': it ends at the end of the line');
    } else {
      // Trailing run of blanks and backslashes with at least one backslash: a continuation.
      let k = chars.length;
      let backslash = false;
      while (k > lineBegin && !chars[k - 1].quoted && (chars[k - 1].c === '\\' || isBlank(chars[k - 1].c.charCodeAt(0)))) {
        if (chars[k - 1].c === '\\') backslash = true;
        k--;
      }
      if (backslash) {
        chars.length = k;
        continued = true;
      }
    }

    if (continued && eol < n) {
      pending = chars;
      i = eol + 1;
      continue;
    }
    pending = undefined;
    const hasContent = chars.some((ch) => ch.quoted || !isBlank(ch.c.charCodeAt(0))) || text.slice(p, q).includes('"');
    if (hasContent) {
      if (!section) {
        outside++;
        if (firstOutside < 0) firstOutside = pendingOffset;
      } else {
        const line = splitLine(chars, pendingOffset);
        section.lines.push(line);
        for (const token of [line.key, ...line.fields]) if (token) notePseudoComment(token, file, sink, at);
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
  const match = /\s(\/\/|\\\\)/.exec(token.text);
  if (!match) return;
  const where = at(token.offsets[match.index + 1] ?? token.offset);
  sink.add(file, where.line, where.column, 'pseudo-comment', `"${match[1]}" does not start a comment in an INF (only ";" does): "${token.text.slice(match.index + 1, match.index + 31)}" is part of the value`);
}
