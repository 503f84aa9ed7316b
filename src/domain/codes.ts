/**
 * The one place that parses and prints codes.
 *
 * In: a name (`"ERROR_DI_DO_DEFAULT"`), a number (`3758096910`, or its signed 32-bit form
 * `-536870386`), or a hex string (`"0xE000020E"`). Out: `0x` + 8 upper-case hex digits, and
 * the name where one is known. Unknown names are an error; unknown numbers are allowed
 * (any Win32 error, any DIF value, as SetupDiCallClassInstaller passes unknown DIFs on).
 */
import { difByName, difByValue, DIF_CODES } from './difCodes.js';
import { statusByName, statusByValue, STATUS_CODES } from './statusCodes.js';

export type CodeInput = string | number;

/** A code that could not be read; `message` is one line, ready for the user. */
export class CodeError extends Error {
  override name = 'CodeError';
}

export interface CodeText {
  readonly hex: string;
  readonly name?: string;
}

const hexCache = new Map<number, string>();
/** The inverse of hexCache: canonical `0x` + 8 upper-case hex digits → the value. */
const hexValues = new Map<string, number>();

/** `0x` + 8 upper-case hex digits of the unsigned 32-bit value (memoised: the explorer formats the same few codes millions of times). */
export function hex(value: number): string {
  const unsigned = value >>> 0;
  let text = hexCache.get(unsigned);
  if (text === undefined) {
    text = '0x' + unsigned.toString(16).toUpperCase().padStart(8, '0');
    if (hexCache.size < 4096) {
      hexCache.set(unsigned, text);
      hexValues.set(text, unsigned);
    }
  }
  return text;
}

/** Reads a number, hex string or decimal string; undefined when the text is not numeric. */
function numeric(input: CodeInput): number | undefined {
  if (typeof input === 'number') {
    if (!Number.isInteger(input) || input < -0x80000000 || input > 0xffffffff) {
      throw new CodeError(`${input} is not a 32-bit code`);
    }
    return input >>> 0;
  }
  const text = input.trim();
  if (/^0x[0-9a-f]+$/i.test(text)) {
    if (text.length > 10) throw new CodeError(`"${input}" has more than 8 hex digits`);
    return Number.parseInt(text.slice(2), 16) >>> 0;
  }
  if (/^-?\d+$/.test(text)) return numeric(Number(text));
  return undefined;
}

function suggestion(name: string, candidates: readonly string[]): string {
  const upper = name.toUpperCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(upper, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best && bestDistance <= Math.max(3, Math.floor(upper.length / 4)) ? ` (did you mean ${best}?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * Texts already read, with their values (parsing is pure: a text always gives the same value).
 * Scenarios name the same few codes over and over; the caches stop growing at 4096 texts.
 */
const statusTexts = new Map<string, number>();
const difTexts = new Map<string, number>();

function remember(cache: Map<string, number>, text: string, value: number): number {
  if (cache.size < 4096) cache.set(text, value);
  return value;
}

/** Parses a status code (what installers and handlers return). */
export function parseStatus(input: CodeInput): number {
  if (typeof input === 'string') {
    // The canonical text hex() made (as every answer event carries it) reads back without parsing.
    const known = hexValues.get(input) ?? statusTexts.get(input);
    if (known !== undefined) return known;
    return remember(statusTexts, input, readStatus(input));
  }
  return readStatus(input);
}

function readStatus(input: CodeInput): number {
  const value = numeric(input);
  if (value !== undefined) return value;
  const text = String(input).trim();
  const info = statusByName(text) ?? statusByName(text.toUpperCase());
  if (!info) {
    throw new CodeError(`unknown status code name "${text}"${suggestion(text, STATUS_CODES.map((c) => c.name))}`);
  }
  return info.value;
}

/** Parses a DIF code: a DIF name, or any number (unknown values are passed on, as Windows does). */
export function parseDif(input: CodeInput): number {
  if (typeof input === 'string') {
    const known = difTexts.get(input);
    if (known !== undefined) return known;
    return remember(difTexts, input, readDif(input));
  }
  return readDif(input);
}

function readDif(input: CodeInput): number {
  const value = numeric(input);
  if (value !== undefined) return value;
  const text = String(input).trim();
  const info = difByName(text) ?? difByName(text.toUpperCase());
  if (!info) throw new CodeError(`unknown DIF code name "${text}"${suggestion(text, DIF_CODES.map((d) => d.name))}`);
  return info.value;
}

/** A status code for output: hex plus the name where known. */
export function describeStatus(value: number): CodeText {
  const info = statusByValue(value);
  return info ? { hex: hex(value), name: info.name } : { hex: hex(value) };
}

/** A status code as one short label: `ERROR_DI_DO_DEFAULT (0xE000020E)` or `0x0000ABCD`. */
export function statusLabel(value: number): string {
  const info = statusByValue(value);
  return info ? `${info.name} (${hex(value)})` : hex(value);
}

/** A DIF code's name, or its hex form when the value is not a known DIF code. */
export function difLabel(value: number): string {
  return difByValue(value)?.name ?? hex(value);
}
