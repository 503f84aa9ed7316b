/**
 * The quick path of scenario validation: plain-code checks that mirror scenarioSchema (schema.ts)
 * key for key, so a document they accept is one the schema accepts too, and the zod schema need
 * not run. They answer only yes or "not plainly": anything unusual — an unknown or reserved key,
 * a code that does not parse, a value of another type, nesting deeper than MAX_JSON_DEPTH, an
 * object that is not a plain `{}` or an array that is not a plain `[]` — is left to the schema,
 * which accepts it after all or writes the one-line, located message (load.ts). They are stricter
 * than the schema, never looser: test/scenario/quickScenario.test.ts checks on random and mutated
 * documents that whatever they accept, the schema accepts, with the same normalised Scenario.
 *
 * Zod's rules followed here: a strict object's keys are those `for…in` yields, and an optional
 * key may be present with the value undefined; a record is a plain object whose own keys are
 * strings; numbers are finite; an array is checked item by item up to its length (a hole is an
 * undefined item).
 */
import { parseDif, parseStatus } from '../domain/codes.js';
import { OS_VERSIONS } from '../domain/difCodes.js';
import { DI_FLAGS, DI_FLAGSEX } from '../domain/flags.js';
import { ARCHITECTURES, SEQUENCE_NAMES, TIMELINE_EVENT_TYPES } from '../domain/lifecycle/types.js';
import { PROFILE_NAMES } from '../domain/profiles.js';
import { MAX_JSON_DEPTH, RESERVED_KEYS } from './jsonParse.js';
import { CLASS_GUID, INSTALLER_NAME } from './schema.js';

type Obj = Record<string, unknown>;
type Keys = ReadonlySet<string>;

const keys = (...names: string[]): Keys => new Set(names);
const setOf = (names: readonly string[]): Keys => new Set(names);

const SCENARIO_KEYS = keys(
  '$schema', 'name', 'description', 'dif', 'device', 'profile', 'os', 'flags', 'flagsEx', 'classCoInstallers',
  'deviceCoInstallers', 'classInstaller', 'defaultHandlers', 'sequence', 'timeline', 'session', 'arch', 'registerCoInstallers', 'selectedDriverChangesClass',
);
const DEVICE_KEYS = keys('description', 'hardwareId', 'classGuid', 'className');
const INSTALLER_KEYS = keys('name', 'on');
const CO_BEHAVIOUR_KEYS = keys('pre', 'privateData', 'post', 'effects');
const CLASS_BEHAVIOUR_KEYS = keys('returns', 'effects');
const PROPERTY_KEYS = keys('name', 'value');
const START_PROCESS_KEYS = keys('image', 'wait', 'signed');
const LOAD_LIBRARY_KEYS = keys('dll', 'signed');
const FINISH_WORK_KEYS = keys('succeeds');
const SESSION_KEYS = keys('admin');
const TYPE_KEYS = keys('type');
const TYPE_ADMIN_KEYS = keys('type', 'admin');
const CHANGES_CLASS_KEYS = keys('previousClass');
const PREVIOUS_CLASS_KEYS = keys('classInstaller', 'classCoInstallers');

const FLAG_NAMES = setOf(DI_FLAGS.map((f) => f.name));
const FLAGEX_NAMES = setOf(DI_FLAGSEX.map((f) => f.name));
const PROFILES = setOf(PROFILE_NAMES);
const OSES = setOf(OS_VERSIONS);
const ARCHES = setOf(ARCHITECTURES);
const SEQUENCES = setOf(SEQUENCE_NAMES);
const TIMELINE_TYPES = setOf(TIMELINE_EVENT_TYPES);

/** A plain `{}` (or one without a prototype): what the schema takes for an object (it takes more; the rest is left to it). */
function isPlainObject(v: unknown): v is Obj {
  if (typeof v !== 'object' || v === null) return false;
  const prototype: unknown = Object.getPrototypeOf(v);
  return prototype === Object.prototype || prototype === null;
}
const isPlainArray = (v: unknown): v is unknown[] => Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype;

/** A strict object with only these keys (as `for…in` lists them). */
function strict(v: unknown, allowed: Keys): v is Obj {
  if (!isPlainObject(v)) return false;
  for (const key in v) if (!allowed.has(key)) return false;
  return true;
}

/** A record (z.record(z.string(), …)): a plain object with no symbol keys and no reserved key. */
function record(v: unknown): v is Obj {
  if (!isPlainObject(v) || Object.getOwnPropertySymbols(v).length > 0) return false;
  for (const key in v) if (RESERVED_KEYS.has(key)) return false;
  return true;
}

const optionalString = (v: unknown): boolean => v === undefined || typeof v === 'string';
const optionalBoolean = (v: unknown): boolean => v === undefined || typeof v === 'boolean';
const nonEmptyString = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
const oneOf = (v: unknown, names: Keys): boolean => typeof v === 'string' && names.has(v);

/** Codes already read, by their written form (parseStatus and parseDif are pure: the same text always gives the same answer). */
const statusSeen = new Map<string | number, boolean>();
const difSeen = new Map<string | number, boolean>();

function parses(v: unknown, parse: (input: string | number) => number, seen: Map<string | number, boolean>): boolean {
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
const isCode = (v: unknown): boolean => parses(v, parseStatus, statusSeen);
/** difSchema. */
const isDif = (v: unknown): boolean => parses(v, parseDif, difSeen);

/** codeOrList: a code, or a non-empty list of codes. */
function isCodeOrList(v: unknown): boolean {
  if (!Array.isArray(v)) return isCode(v);
  if (!isPlainArray(v) || v.length === 0) return false;
  for (let i = 0; i < v.length; i++) if (!isCode(v[i])) return false;
  return true;
}

/** z.json(), nested no deeper than MAX_JSON_DEPTH (`depth`: the depth the value itself would have). */
function isJson(v: unknown, depth: number): boolean {
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

function isNameList(v: unknown, names: Keys): boolean {
  if (!isPlainArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!oneOf(v[i], names)) return false;
  return true;
}

/** An effect key's value (EFFECT_OBJECTS of schema.ts); `depth` is the depth of the effect object. */
function isEffectValue(key: string, v: unknown, depth: number): boolean {
  switch (key) {
    case 'setFlags':
    case 'clearFlags':
      return isNameList(v, FLAG_NAMES);
    case 'setFlagsEx':
    case 'clearFlagsEx':
      return isNameList(v, FLAGEX_NAMES);
    case 'writeProperty':
    case 'keepInDll':
      return strict(v, PROPERTY_KEYS) && nonEmptyString(v.name) && v.value !== undefined && isJson(v.value, depth + 2);
    case 'readProperty':
    case 'readFromDll':
      return nonEmptyString(v);
    case 'showDialog':
    case 'callDefaultHandler':
      return v === true;
    case 'startProcess':
      return strict(v, START_PROCESS_KEYS) && nonEmptyString(v.image) && optionalBoolean(v.wait) && optionalBoolean(v.signed);
    case 'loadLibrary':
      return strict(v, LOAD_LIBRARY_KEYS) && nonEmptyString(v.dll) && optionalBoolean(v.signed);
    case 'addPropertyPages':
      return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
    case 'finishInstallWork':
      return strict(v, FINISH_WORK_KEYS) && typeof v.succeeds === 'boolean';
    default:
      return false;
  }
}

/** effectSchema: a shorthand string, or an object with exactly one effect key and an optional phase. */
function isEffect(v: unknown, depth: number): boolean {
  if (typeof v === 'string') return v === 'showDialog' || v === 'callDefaultHandler';
  if (!isPlainObject(v)) return false;
  let effect: string | undefined;
  for (const key in v) {
    if (key === 'phase') continue;
    if (effect !== undefined) return false;
    effect = key;
  }
  if (effect === undefined) return false;
  const phase = v.phase;
  return (phase === undefined || phase === 'pre' || phase === 'post') && isEffectValue(effect, v[effect], depth);
}

/** effectsSchema (optional); `depth`: the depth of the list. */
function isEffects(v: unknown, depth: number): boolean {
  if (v === undefined) return true;
  if (!isPlainArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!isEffect(v[i], depth + 1)) return false;
  return true;
}

type Behaviour = (v: unknown, depth: number) => boolean;

/** coInstallerBehaviourSchema; `depth`: the depth of the behaviour object. */
const isCoBehaviour: Behaviour = (v, depth) =>
  strict(v, CO_BEHAVIOUR_KEYS) &&
  (v.pre === undefined || isCodeOrList(v.pre)) &&
  (v.privateData === undefined || isJson(v.privateData, depth + 1)) &&
  (v.post === undefined || v.post === 'propagate' || isCode(v.post)) &&
  isEffects(v.effects, depth + 1);

/** classInstallerBehaviourSchema. */
const isClassBehaviour: Behaviour = (v, depth) => strict(v, CLASS_BEHAVIOUR_KEYS) && (v.returns === undefined || isCodeOrList(v.returns)) && isEffects(v.effects, depth + 1);

/** An `on` table's or defaultHandlers' key: "*" or a DIF (onKeys of schema.ts). */
const isOnKey = (key: string): boolean => key === '*' || isDif(key);

/** installerSchema: a registration string and an optional `on` table; `depth`: the installer's. */
function isInstaller(v: unknown, behaviour: Behaviour, depth: number): boolean {
  if (!strict(v, INSTALLER_KEYS) || typeof v.name !== 'string' || !INSTALLER_NAME.test(v.name)) return false;
  const on = v.on;
  if (on === undefined) return true;
  if (!record(on)) return false;
  for (const key in on) if (!isOnKey(key) || !behaviour(on[key], depth + 2)) return false;
  return true;
}

/** An optional list of co-installers; `depth`: the list's. */
function isCoInstallers(v: unknown, depth: number): boolean {
  if (v === undefined) return true;
  if (!isPlainArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!isInstaller(v[i], isCoBehaviour, depth + 1)) return false;
  return true;
}

const isClassInstaller = (v: unknown, depth: number): boolean => v === undefined || v === null || isInstaller(v, isClassBehaviour, depth);

function isDevice(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (!strict(v, DEVICE_KEYS) || !optionalString(v.description) || !optionalString(v.hardwareId) || !optionalString(v.className)) return false;
  const guid = v.classGuid;
  return guid === undefined || (typeof guid === 'string' && CLASS_GUID.test(guid));
}

function isDefaultHandlers(v: unknown): boolean {
  if (v === undefined) return true;
  if (!record(v)) return false;
  for (const key in v) if (!isOnKey(key) || !isCode(v[key])) return false;
  return true;
}

function isSequence(v: unknown): boolean {
  if (v === undefined || typeof v === 'string') return v === undefined || SEQUENCES.has(v);
  if (!isPlainArray(v) || v.length === 0) return false;
  for (let i = 0; i < v.length; i++) if (!isDif(v[i])) return false;
  return true;
}

function isTimelineEvent(v: unknown): boolean {
  if (!isPlainObject(v) || !oneOf(v.type, TIMELINE_TYPES)) return false;
  return v.type === 'user.loggedOn' || v.type === 'user.finishInstallRequested' ? strict(v, TYPE_ADMIN_KEYS) && typeof v.admin === 'boolean' : strict(v, TYPE_KEYS);
}

function isTimeline(v: unknown): boolean {
  if (v === undefined) return true;
  if (!isPlainArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!isTimelineEvent(v[i])) return false;
  return true;
}

const isSession = (v: unknown): boolean => v === undefined || v === null || (strict(v, SESSION_KEYS) && typeof v.admin === 'boolean');

function isChangesClass(v: unknown): boolean {
  if (v === undefined || typeof v === 'boolean') return true;
  if (!strict(v, CHANGES_CLASS_KEYS)) return false;
  const previous = v.previousClass;
  return strict(previous, PREVIOUS_CLASS_KEYS) && isClassInstaller(previous.classInstaller, 4) && isCoInstallers(previous.classCoInstallers, 4);
}

/**
 * Whether scenarioSchema plainly accepts `value` — nested no deeper than MAX_JSON_DEPTH and
 * without reserved keys, as validateScenario requires of values that are not parsed text — so
 * that its normalisation can follow without the schema; false leaves the value to the schema.
 */
export function plainlyValidScenario(value: unknown): boolean {
  if (!strict(value, SCENARIO_KEYS)) return false;
  const v = value;
  return (
    optionalString(v.$schema) &&
    optionalString(v.name) &&
    optionalString(v.description) &&
    (v.dif === undefined || isDif(v.dif)) &&
    isDevice(v.device) &&
    (v.profile === undefined || oneOf(v.profile, PROFILES)) &&
    (v.os === undefined || oneOf(v.os, OSES)) &&
    (v.flags === undefined || isNameList(v.flags, FLAG_NAMES)) &&
    (v.flagsEx === undefined || isNameList(v.flagsEx, FLAGEX_NAMES)) &&
    isCoInstallers(v.classCoInstallers, 2) &&
    isCoInstallers(v.deviceCoInstallers, 2) &&
    isClassInstaller(v.classInstaller, 2) &&
    isDefaultHandlers(v.defaultHandlers) &&
    isSequence(v.sequence) &&
    isTimeline(v.timeline) &&
    isSession(v.session) &&
    (v.arch === undefined || oneOf(v.arch, ARCHES)) &&
    (v.registerCoInstallers === undefined || isCode(v.registerCoInstallers)) &&
    isChangesClass(v.selectedDriverChangesClass)
  );
}
