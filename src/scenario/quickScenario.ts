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
import { OS_VERSIONS } from '../domain/difCodes.js';
import { DI_FLAGS, DI_FLAGSEX } from '../domain/flags.js';
import { ARCHITECTURES, SEQUENCE_NAMES, TIMELINE_EVENT_TYPES } from '../domain/lifecycle/types.js';
import { PROFILE_NAMES } from '../domain/profiles.js';
import { CLASS_GUID, INSTALLER_NAME } from './schema.js';
import {
  checking,
  isCode,
  isCodeOrList,
  isDif,
  isJson,
  isNameList,
  isPlainArray,
  isPlainObject,
  keys,
  nonEmptyString,
  oneOf,
  optionalBoolean,
  optionalString,
  record,
  setOf,
  strict,
} from './quickValues.js';

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

/**
 * INSTALLER_NAME's test, done without the regular expression for names that start with a printable
 * ASCII character other than a comma (so no white space before the DLL name): they match unless a
 * line end follows their first comma (`.` does not match one).
 */
function isInstallerName(name: string): boolean {
  const first = name.charCodeAt(0);
  if (!(first > 0x20 && first < 0x7f && first !== 0x2c)) return INSTALLER_NAME.test(name);
  const comma = name.indexOf(',');
  return comma < 0 || (name.indexOf('\n', comma) < 0 && name.indexOf('\r', comma) < 0 && name.indexOf('\u2028', comma) < 0 && name.indexOf('\u2029', comma) < 0);
}

/** installerSchema: a registration string and an optional `on` table; `depth`: the installer's. */
function isInstaller(v: unknown, behaviour: Behaviour, depth: number): boolean {
  if (!strict(v, INSTALLER_KEYS) || typeof v.name !== 'string' || !isInstallerName(v.name)) return false;
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

/** A scenario document's keys, each read once: every document gets this one shape, so the normaliser's reads of it are monomorphic. */
class ScenarioFields {
  $schema: unknown = undefined;
  name: unknown = undefined;
  description: unknown = undefined;
  dif: unknown = undefined;
  device: unknown = undefined;
  profile: unknown = undefined;
  os: unknown = undefined;
  flags: unknown = undefined;
  flagsEx: unknown = undefined;
  classCoInstallers: unknown = undefined;
  deviceCoInstallers: unknown = undefined;
  classInstaller: unknown = undefined;
  defaultHandlers: unknown = undefined;
  sequence: unknown = undefined;
  timeline: unknown = undefined;
  session: unknown = undefined;
  arch: unknown = undefined;
  registerCoInstallers: unknown = undefined;
  selectedDriverChangesClass: unknown = undefined;
}

/** One key of the scenario and its value: whether the schema plainly accepts it (false too for an unknown key). */
function isScenarioField(f: ScenarioFields, key: string, x: unknown): boolean {
  switch (key) {
    case '$schema':
      return optionalString((f.$schema = x));
    case 'name':
      return optionalString((f.name = x));
    case 'description':
      return optionalString((f.description = x));
    case 'dif':
      return (f.dif = x) === undefined || isDif(x);
    case 'device':
      return isDevice((f.device = x));
    case 'profile':
      return (f.profile = x) === undefined || oneOf(x, PROFILES);
    case 'os':
      return (f.os = x) === undefined || oneOf(x, OSES);
    case 'flags':
      return (f.flags = x) === undefined || isNameList(x, FLAG_NAMES);
    case 'flagsEx':
      return (f.flagsEx = x) === undefined || isNameList(x, FLAGEX_NAMES);
    case 'classCoInstallers':
      return isCoInstallers((f.classCoInstallers = x), 2);
    case 'deviceCoInstallers':
      return isCoInstallers((f.deviceCoInstallers = x), 2);
    case 'classInstaller':
      return isClassInstaller((f.classInstaller = x), 2);
    case 'defaultHandlers':
      return isDefaultHandlers((f.defaultHandlers = x));
    case 'sequence':
      return isSequence((f.sequence = x));
    case 'timeline':
      return isTimeline((f.timeline = x));
    case 'session':
      return isSession((f.session = x));
    case 'arch':
      return (f.arch = x) === undefined || oneOf(x, ARCHES);
    case 'registerCoInstallers':
      return (f.registerCoInstallers = x) === undefined || isCode(x);
    case 'selectedDriverChangesClass':
      return isChangesClass((f.selectedDriverChangesClass = x));
    default:
      return false;
  }
}

/**
 * The document's keys and values when scenarioSchema plainly accepts `value` (`json`: it was
 * parsed from JSON text) — nested no deeper
 * than MAX_JSON_DEPTH and without reserved keys, as validateScenario requires of values that are
 * not parsed text — so that it can be normalised without the schema (a missing key reads as
 * undefined, as the normaliser reads it); undefined leaves the value to the schema.
 */
export function quickScenario(value: unknown, json = false): ScenarioFields | undefined {
  return checking(json, () => {
    if (!isPlainObject(value)) return undefined;
    const fields = new ScenarioFields();
    for (const key in value) if (!isScenarioField(fields, key, value[key])) return undefined;
    return fields;
  });
}

/** Whether scenarioSchema plainly accepts `value` (quickScenario). */
export const plainlyValidScenario = (value: unknown): boolean => quickScenario(value) !== undefined;
