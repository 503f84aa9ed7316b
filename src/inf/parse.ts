/**
 * One INF file read whole: decoded, lexed, its string table built, template placeholders found.
 */
import { decodeInf, type InfEncoding } from './decode.js';
import { FindingSink } from './findings.js';
import { charOffset, lexInf, type InfLine, type InfSection, type LexedInf, type Token } from './lexer.js';
import { buildStrings, substitute, type StringTable } from './strings.js';

export interface ParsedInf {
  readonly file: string;
  readonly encoding: InfEncoding;
  readonly lexed: LexedInf;
  readonly strings: StringTable;
  readonly sink: FindingSink;
  section(name: string): InfSection | undefined;
  /** A field's value with strings substituted (findings for unknown keys). */
  value(token: Token | undefined): string;
  /** Values of every line `key = a, b` with this key (case-insensitive), in order, with their tokens. */
  directive(section: InfSection, key: string): { value: string; token: Token }[];
  where(offset: number): { line: number; column: number };
}

/**
 * Placeholders that .inx templates leave for a build step: `$ARCH$`, `$KMDFCOINSTALLERVERSION$`
 * (stampinf), `@MAJOR_VERSION@`, `#INF_FILENAME#`. Upper case only, so `$Windows NT$` is not one;
 * the signature `$CHICAGO$` is excluded.
 */
const PLACEHOLDER = /\$[A-Z][A-Z0-9_]+\$|@[A-Z][A-Z0-9_]+@|#[A-Z][A-Z0-9_]+#/g;
const NOT_PLACEHOLDERS = new Set(['$CHICAGO$', '$WINDOWS NT$', '$WINDOWS 95$']);

function notePlaceholders(token: Token, inf: LexedInf, sink: FindingSink): void {
  if (/[$@#]/.test(token.text)) notePlaceholderText(token.text, (i) => charOffset(token, i), inf, sink);
}

function notePlaceholderText(text: string, offsetOf: (i: number) => number, inf: LexedInf, sink: FindingSink): void {
  if (!/[$@#]/.test(text)) return;
  // One finding per field, at its first placeholder, naming them all.
  const found = [...text.matchAll(PLACEHOLDER)].filter((m) => !NOT_PLACEHOLDERS.has(m[0]));
  if (found.length === 0) return;
  const where = inf.position(offsetOf(found[0].index));
  const names = [...new Set(found.map((m) => m[0]))];
  sink.add(
    inf.file,
    where.line,
    where.column,
    'template-placeholder',
    `template placeholder${names.length === 1 ? '' : 's'} ${names.join(', ')} never replaced: this is an .inx template (stampinf or a build script fills ${names.length === 1 ? 'it' : 'them'} in), not a finished INF`,
  );
}

export function parseInf(bytes: Uint8Array, file: string, options: { locale?: number; sink?: FindingSink } = {}): ParsedInf {
  const sink = options.sink ?? new FindingSink();
  const decoded = decodeInf(bytes, file, sink);
  const lexed = lexInf(decoded.text, file, sink);
  const strings = buildStrings(lexed, options.locale);
  for (const section of lexed.sections.values()) {
    notePlaceholderText(section.name, (i) => section.offset + 1 + i, lexed, sink);
    for (const line of section.lines as InfLine[]) {
      if (line.key) notePlaceholders(line.key, lexed, sink);
      for (const token of line.fields) notePlaceholders(token, lexed, sink);
    }
  }
  // Windows substitutes strings when it loads the file, so every line's unknown %key% is a finding;
  // each token is substituted once and remembered.
  const directives = new Map<InfSection, Map<string, { value: string; token: Token }[]>>();
  const value = (token: Token | undefined) => {
    if (!token) return '';
    return (token.substituted ??= substitute(token, lexed, strings, sink));
  };
  for (const section of lexed.sections.values()) {
    const lower = section.name.toLowerCase();
    if (lower === 'strings' || lower.startsWith('strings.')) continue;
    for (const line of section.lines) {
      value(line.key);
      for (const token of line.fields) value(token);
    }
  }
  return {
    file,
    encoding: decoded.encoding,
    lexed,
    strings,
    sink,
    section: (name) => lexed.sections.get(name.toLowerCase()),
    value,
    directive(section, key) {
      // Every directive of a section is indexed on first use, so repeated look-ups stay linear.
      let index = directives.get(section);
      if (!index) {
        index = new Map();
        for (const line of section.lines) {
          if (!line.key) continue;
          const name = value(line.key).toLowerCase();
          let list = index.get(name);
          if (!list) index.set(name, (list = []));
          for (const token of line.fields) {
            const v = value(token);
            if (v !== '') list.push({ value: v, token });
          }
        }
        directives.set(section, index);
      }
      return index.get(key.toLowerCase()) ?? [];
    },
    where: (offset) => lexed.position(offset),
  };
}
