/**
 * %strkey% substitution from [Strings] and localised [Strings.LLLL]
 * (learn.microsoft.com .../install/inf-strings-section, .../install/creating-international-inf-files).
 *
 * Facts from wine-mirror/wine dlls/setupapi/tests/parser.c (verified on Windows): `%%` is one `%`;
 * keys are matched after quote removal and case-insensitively; a substituted value is not
 * substituted again; a `%` with no closing `%` is literal; an unknown key stays as written.
 * A numeric key with no string is a DIRID (`%11%`, `%12%`), left for the installer to expand.
 *
 * Locale: the [Strings.LLLL] whose LANGID equals --locale, else the one with the same primary
 * language and SUBLANG_NEUTRAL (LLLL & 0x3FF), else [Strings]; strings missing from the localised
 * section come from [Strings]. Default locale 0409 (an en-US Windows). A documented choice.
 */
import { charOffset, type LexedInf, type Token } from './lexer.js';
import { FindingSink } from './findings.js';

export const DEFAULT_LOCALE = 0x0409;

export interface StringTable {
  readonly values: ReadonlyMap<string, string>;
  /** The sections used, most specific first (for messages). */
  readonly sections: readonly string[];
}

function readSection(inf: LexedInf, name: string, into: Map<string, string>): boolean {
  const section = inf.sections.get(name.toLowerCase());
  if (!section) return false;
  for (const line of section.lines) {
    if (!line.key) continue;
    const key = line.key.text.toLowerCase();
    // The value is the line's first field: a string with a comma must be quoted (the way
    // wine-mirror/wine dlls/setupapi/parser.c substitutes; a documented choice).
    if (!into.has(key)) into.set(key, line.fields[0]?.text ?? '');
  }
  return true;
}

/** Parses "0407", "0x0407" or "407"; undefined when it is not a LANGID. */
export function parseLocale(text: string): number | undefined {
  const m = /^(?:0x)?([0-9a-f]{1,4})$/i.exec(text.trim());
  return m ? Number.parseInt(m[1], 16) : undefined;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

export function buildStrings(inf: LexedInf, locale: number = DEFAULT_LOCALE): StringTable {
  const values = new Map<string, string>();
  const used: string[] = [];
  const exact = `Strings.${hex4(locale)}`;
  const neutral = `Strings.${hex4(locale & 0x3ff)}`;
  if (readSection(inf, exact, values)) used.push(exact);
  else if (readSection(inf, neutral, values)) used.push(neutral);
  if (readSection(inf, 'Strings', values)) used.push('Strings');
  return { values, sections: used };
}

/** The field's value with %strkey% substituted; unknown keys are findings. */
export function substitute(token: Token | undefined, inf: LexedInf, strings: StringTable, sink: FindingSink | undefined): string {
  if (!token) return '';
  const text = token.text;
  if (!text.includes('%')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    const close = text.indexOf('%', i + 1);
    if (close < 0) {
      out += text.slice(i);
      break;
    }
    if (close === i + 1) {
      out += '%';
      i += 2;
      continue;
    }
    const key = text.slice(i + 1, close);
    const value = strings.values.get(key.toLowerCase());
    if (value !== undefined) out += value;
    else {
      out += `%${key}%`;
      if (!/^\d+$/.test(key) && sink) {
        const where = inf.position(charOffset(token, i));
        sink.add(inf.file, where.line, where.column, 'unresolved-string', `%${key}% is not defined in ${strings.sections.length ? strings.sections.map((s) => `[${s}]`).join(' or ') : 'any [Strings] section'}; it stays as written`);
      }
    }
    i = close + 1;
  }
  return out;
}
