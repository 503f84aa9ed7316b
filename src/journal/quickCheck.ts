/**
 * The hot path of reading a journal: `JSON.parse` and a few comparisons per line, accepting a line
 * only when the located parser (src/scenario/jsonParse.ts) and the zod schemas would accept it and
 * give the same value. Anything else — a duplicate or reserved key, nesting too deep, an escape, an
 * unexpected shape, malformed JSON — returns undefined, and the caller runs the full check, which
 * accepts it after all or writes the one-line, located message.
 *
 * Duplicate keys are what `JSON.parse` cannot see (it keeps the last). They are counted instead:
 * every key in JSON text is followed by exactly one `:`, so a line holds at least as many colons
 * outside strings as its parsed value has keys, and more exactly when a key was given twice.
 * For entry lines (no `\`, so a string's text is its value) the colons inside strings are known
 * from the parsed values; for other lines a scan skips the strings.
 */
import { RESERVED_KEYS } from '../scenario/jsonParse.js';

const HEX_CODE = /^0x[0-9A-F]{8}$/;
const isCode = (code: unknown): boolean => typeof code === 'string' && code.length === 10 && HEX_CODE.test(code);

function colonsIn(text: string): number {
  let n = 0;
  for (let at = text.indexOf(':'); at >= 0; at = text.indexOf(':', at + 1)) n += 1;
  return n;
}

type EventColons = (event: Record<string, unknown>) => number;

/** privateData when it is a JSON primitive: its colon count (+1 for its key); -1 for anything else. */
function privateDataColons(value: unknown): number {
  if (value === undefined) return 0;
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'number') return Number.isFinite(value) ? 1 : -1;
  if (typeof value === 'string') return 1 + colonsIn(value);
  return -1;
}

/**
 * The answer events (difDispatchEventSchema, machines/difDispatch/difDispatch.types.ts): the colons
 * an event accounts for in its line (one per key, plus those inside its strings), or -1 when it is
 * not plainly one of them (the schema then decides). test/journal/quickCheck.test.ts checks that
 * whatever this accepts, the schema accepts too.
 */
function answerColons(e: Record<string, unknown>): number {
  switch (e.type) {
    case 'coInstaller.returned': {
      if ((e.who !== 'classCoInstaller' && e.who !== 'deviceCoInstaller') || (e.phase !== 'pre' && e.phase !== 'post') || !isCode(e.code)) return -1;
      const index = e.index;
      if (typeof index !== 'number' || !Number.isSafeInteger(index) || index <= 0) return -1;
      const p = privateDataColons(e.privateData);
      return p < 0 ? -1 : 5 + p;
    }
    case 'classInstaller.returned':
    case 'defaultHandler.returned':
      return isCode(e.code) ? 2 : -1;
    default:
      return -1;
  }
}

/** deviceInstallEventSchema: the answers without effects, and the timeline events (effects go to the schema). */
function installColons(e: Record<string, unknown>): number {
  switch (e.type) {
    case 'user.loggedOn':
    case 'user.finishInstallRequested':
      return typeof e.admin === 'boolean' ? 2 : -1;
    case 'user.loggedOff':
    case 'device.reenumerated':
    case 'device.reattached':
    case 'system.restarted':
    case 'watchdog.expired':
    case 'timeline.ended':
      return 1;
    default:
      return e.effects === undefined ? answerColons(e) : -1;
  }
}

export const QUICK_EVENTS: Readonly<Record<string, EventColons>> = { difDispatch: answerColons, deviceInstall: installColons };

/**
 * An entry line with sequence number `seq` of `machine` `version`, when it passes the quick check:
 * the parsed entry, its event valid for the machine. Undefined otherwise.
 */
export function quickEntry(line: string, seq: number, machine: string, version: number, eventColons: EventColons): { event: { type: string } } | undefined {
  if (line.indexOf('\\') >= 0) return undefined;
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null || v.seq !== seq || v.machine !== machine || v.version !== version) return undefined;
  const at = v.at;
  const event = v.event as Record<string, unknown>;
  if (typeof at !== 'string' || typeof event !== 'object' || event === null) return undefined;
  const n = eventColons(event);
  if (n < 0 || colonsIn(line) !== 5 + n + colonsIn(at)) return undefined;
  return v as { event: { type: string } };
}

/** Colons outside strings: one per key in valid JSON text. */
function keySeparators(text: string): number {
  let n = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x3a) n += 1;
  }
  return n;
}

/** What walk() counted: keys, and colons inside keys and strings. */
let walkKeys = 0;
let walkColons = 0;

/**
 * Walks a parsed value, counting its keys and the colons inside its keys and string values; false
 * when it holds a reserved key or nests deeper than `maxDepth` (`depth`: the value's own depth).
 */
function walk(v: unknown, depth: number, maxDepth: number): boolean {
  if (typeof v === 'string') {
    if (v.indexOf(':') >= 0) walkColons += colonsIn(v);
    return true;
  }
  if (typeof v !== 'object' || v === null) return true;
  if (depth > maxDepth) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!walk(v[i], depth + 1, maxDepth)) return false;
    return true;
  }
  // for…in: a parsed object's own keys (an enumerable key inherited from a changed Object.prototype
  // would be counted too, the counts would not match, and the line would go to the located parser)
  for (const key in v) {
    if (key.length >= 9 && RESERVED_KEYS.has(key)) return false;
    walkKeys += 1;
    if (key.indexOf(':') >= 0) walkColons += colonsIn(key);
    if (!walk((v as Record<string, unknown>)[key], depth + 1, maxDepth)) return false;
  }
  return true;
}

/**
 * Any line (the header, the closing line): its value when `JSON.parse` gives what the located
 * parser would — no key twice, no reserved key (RESERVED_KEYS of jsonParse.ts), nesting at most
 * `maxDepth` — else undefined. Without a `\u` escape (the only way to write a colon without one)
 * every colon of the text is a key's or one inside a key or string, so the text holds as many as
 * the value counts exactly when no key was given twice; with one, the text's colons outside
 * strings are counted instead.
 */
export function quickParse(text: string, maxDepth: number): unknown {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return undefined;
  }
  walkKeys = 0;
  walkColons = 0;
  if (!walk(root, 1, maxDepth)) return undefined;
  const same = text.indexOf('\\u') < 0 ? colonsIn(text) === walkKeys + walkColons : keySeparators(text) === walkKeys;
  return same ? root : undefined;
}

const optionalString = (value: unknown): boolean => value === undefined || typeof value === 'string';

/**
 * A parsed header that journalHeaderSchema (format.ts) plainly accepts — its `format` and
 * `formatVersion` already checked by the reader — so the schema need not run; false leaves it to
 * the schema.
 */
export function quickHeader(h: Record<string, unknown>): boolean {
  const run = h.run as Record<string, unknown> | null;
  return (
    typeof h.machine === 'string' &&
    typeof h.machineVersion === 'number' &&
    Number.isFinite(h.machineVersion) &&
    h.scenario !== undefined &&
    optionalString(h.scenarioFile) &&
    optionalString(h.createdAt) &&
    typeof run === 'object' &&
    run !== null &&
    !Array.isArray(run) &&
    typeof run.kind === 'string' &&
    optionalString(run.dif)
  );
}

/** A parsed closing line journalEndSchema plainly accepts: its `end`, else undefined (the schema decides). */
export function quickEnd(value: unknown): { entries: number; result: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const end = (value as { end?: unknown }).end as Record<string, unknown> | undefined;
  if (typeof end !== 'object' || end === null || Object.keys(value).length !== 1 || Object.keys(end).length !== 2) return undefined;
  const entries = end.entries;
  return typeof entries === 'number' && Number.isSafeInteger(entries) && entries >= 0 && typeof end.result === 'string' ? (end as { entries: number; result: string }) : undefined;
}
