/**
 * The plain checks quickScenario.ts is made of, each mirroring one kind of zod schema of
 * scenarioSchema (schema.ts): objects, strict objects and records as zod reads them, strings,
 * names from a list, status and DIF codes, and any JSON value. Each is stricter than its schema,
 * never looser; a value it does not accept is left to the schema.
 */
import { parseDif, parseStatus } from '../domain/codes.js';
import { MAX_JSON_DEPTH, RESERVED_KEYS } from './jsonParse.js';

export type Obj = Record<string, unknown>;
export type Keys = ReadonlySet<string>;

export const keys = (...names: string[]): Keys => new Set(names);
export const setOf = (names: readonly string[]): Keys => new Set(names);

/**
 * The value being checked was parsed from JSON text (JSON.parse or the located parser): its objects
 * are plain `{}` with string keys and its arrays plain `[]`, so neither needs looking at for a
 * prototype or symbol keys. Set by quickScenario for the one synchronous check it runs.
 */
let fromJson = false;

/** Runs `check` with `fromJson` set as given. */
export function checking<T>(json: boolean, check: () => T): T {
  const was = fromJson;
  fromJson = json;
  try {
    return check();
  } finally {
    fromJson = was;
  }
}

/** A plain `{}` (or one without a prototype): what the schema takes for an object (it takes more; the rest is left to it). */
export function isPlainObject(v: unknown): v is Obj {
  if (typeof v !== 'object' || v === null) return false;
  if (fromJson) return !Array.isArray(v);
  const prototype: unknown = Object.getPrototypeOf(v);
  return prototype === Object.prototype || prototype === null;
}
export const isPlainArray = (v: unknown): v is unknown[] => Array.isArray(v) && (fromJson || Object.getPrototypeOf(v) === Array.prototype);

/** A strict object with only these keys (as `for…in` lists them). */
export function strict(v: unknown, allowed: Keys): v is Obj {
  if (!isPlainObject(v)) return false;
  for (const key in v) if (!allowed.has(key)) return false;
  return true;
}

/** A record (z.record(z.string(), …)): a plain object with no symbol keys and no reserved key. */
export function record(v: unknown): v is Obj {
  if (!isPlainObject(v) || (!fromJson && Object.getOwnPropertySymbols(v).length > 0)) return false;
  for (const key in v) if (RESERVED_KEYS.has(key)) return false;
  return true;
}

export const optionalString = (v: unknown): boolean => v === undefined || typeof v === 'string';
export const optionalBoolean = (v: unknown): boolean => v === undefined || typeof v === 'boolean';
export const nonEmptyString = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
export const oneOf = (v: unknown, names: Keys): boolean => typeof v === 'string' && names.has(v);

/** Codes already read, by their written form (parseStatus and parseDif are pure: the same text always gives the same answer). */
export const statusSeen = new Map<string | number, boolean>();
export const difSeen = new Map<string | number, boolean>();

export function parses(v: unknown, parse: (input: string | number) => number, seen: Map<string | number, boolean>): boolean {
  if (typeof v !== 'string' && (typeof v !== 'number' || !Number.isFinite(v))) return false;
  let ok = seen.get(v);
  if (ok === undefined) {
    try {
      parse(v);
      ok = true;
    } catch {
      ok = false;
    }
    if (seen.size < 4096) seen.set(v, ok);
  }
  return ok;
}

/** codeSchema: a status name, number or hex string that parseStatus reads. */
export const isCode = (v: unknown): boolean => parses(v, parseStatus, statusSeen);
/** difSchema. */
export const isDif = (v: unknown): boolean => parses(v, parseDif, difSeen);

/** codeOrList: a code, or a non-empty list of codes. */
export function isCodeOrList(v: unknown): boolean {
  if (!Array.isArray(v)) return isCode(v);
  if (!isPlainArray(v) || v.length === 0) return false;
  for (let i = 0; i < v.length; i++) if (!isCode(v[i])) return false;
  return true;
}

/** z.json(), nested no deeper than MAX_JSON_DEPTH (`depth`: the depth the value itself would have). */
export function isJson(v: unknown, depth: number): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v);
    case 'object': {
      if (v === null) return true;
      if (depth > MAX_JSON_DEPTH) return false;
      if (Array.isArray(v)) {
        if (!isPlainArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!isJson(v[i], depth + 1)) return false;
        return true;
      }
      if (!record(v)) return false;
      for (const key in v) if (!isJson(v[key], depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}

export function isNameList(v: unknown, names: Keys): boolean {
  if (!isPlainArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!oneOf(v[i], names)) return false;
  return true;
}
