/**
 * Scenario files: read, validate against the schema, and normalise into the domain's Scenario.
 */
import type { z } from 'zod';
import { parseDif, parseStatus } from '../domain/codes.js';
import { combineFlags } from '../domain/flags.js';
import {
  DEFAULT_CLASS_BEHAVIOUR,
  DEFAULT_CO_BEHAVIOUR,
  DEFAULT_LIFECYCLE,
  type ClassInstallerBehaviour,
  type CoInstallerBehaviour,
  type InstallerSpec,
  type Json,
  type Scenario,
} from '../domain/scenario.js';
import type { Effect, EffectType, LifecycleSpec, TimelineEvent } from '../domain/lifecycle/types.js';
import { InputError, place } from '../errors.js';
import { formatPath, locate, parseJsonText, readTextFile, STDIN_NAME } from './jsonText.js';
import { depthOf, MAX_JSON_DEPTH, reservedKeyPath } from './jsonParse.js';
import { quickScenario } from './quickScenario.js';
import { scenarioSchema, type EffectDocument, type ScenarioDocument } from './schema.js';

export interface LoadedScenario {
  /** The document as written (after JSON parsing): what journals record. */
  readonly document: ScenarioDocument;
  readonly scenario: Scenario;
  readonly file: string;
  /** Valid but probably not what the author meant, each `file[:line:col]: …` (the CLI prints them to stderr). */
  readonly warnings: readonly string[];
}

/** Reads and validates a scenario file. Throws InputError with a one-line, located message. */
export function loadScenarioFile(file: string): LoadedScenario {
  const name = file === '-' ? STDIN_NAME : file;
  const raw = readTextFile(file);
  if (/^\s*\{\s*"format"\s*:\s*"devinst-journal"/.test(raw)) throw new InputError(`${name}: this is a journal, not a scenario; use devinst replay on it`);
  const { text, value } = parseJsonText(name, raw);
  return { ...validateScenario(value, { file: name, text }), file: name };
}

/**
 * Validates a scenario document. `origin` names where it came from, so errors can point at
 * `file:line:col`; without it they name the JSON path only. A document the quick check
 * (quickScenario.ts) accepts skips the schema; anything else gets the full check.
 */
export function validateScenario(value: unknown, origin: { file: string; text?: string } = { file: 'scenario' }): Omit<LoadedScenario, 'file'> {
  return validateScenarioOf(value, origin, origin.text !== undefined);
}

/** validateScenario; `json`: the value was parsed from JSON text (a journal's header), which lets the quick check skip looking for what JSON cannot hold. */
export function validateScenarioOf(value: unknown, origin: { file: string; text?: string }, json: boolean): Omit<LoadedScenario, 'file'> {
  const fields = quickScenario(value, json) as ScenarioDocument | undefined;
  if (fields === undefined) return checkedScenario(value, origin);
  return { document: value as ScenarioDocument, scenario: normalizeScenario(fields), warnings: scenarioWarnings(fields, origin) };
}

/** validateScenario without the quick check: depth, reserved keys and the zod schema, whose first issue is the message. */
export function checkedScenario(value: unknown, origin: { file: string; text?: string }): Omit<LoadedScenario, 'file'> {
  // A value that did not come through parseJsonText (a library caller's object, a journal header).
  if (origin.text === undefined) {
    if (depthOf(value) > MAX_JSON_DEPTH) throw new InputError(`${origin.file}: nested more than ${MAX_JSON_DEPTH} levels deep`);
    const reserved = reservedKeyPath(value);
    if (reserved) throw new InputError(`${origin.file}: ${formatPath(reserved)}: the key "${String(reserved[reserved.length - 1])}" is not allowed (it names a JavaScript object's prototype machinery)`);
  }
  // reportInput: an issue keeps the value it is about, so a missing key (no value) can be told apart.
  const parsed = scenarioSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw new InputError(describeIssues(parsed.error.issues, origin));
  const document = value as ScenarioDocument;
  return { document, scenario: normalizeScenario(document), warnings: scenarioWarnings(document, origin) };
}

const POSTPROCESSING_REQUIRED = 0xe0000226;

/**
 * Valid documents that probably say something other than what was meant: `privateData` or `post`
 * for a DIF whose `pre` never asks for postprocessing (they are never used: WDD
 * co-installer-interface.md, only a co-installer that returned ERROR_DI_POSTPROCESSING_REQUIRED is
 * called back), and DIF_REGISTER_COINSTALLERS's handler result given twice.
 */
export function scenarioWarnings(doc: ScenarioDocument, origin: { file: string; text?: string }): string[] {
  const out: string[] = [];
  const at = (path: (string | number)[], message: string) => {
    const where = origin.text !== undefined ? locate(origin.text, path) : undefined;
    out.push(`${place(origin.file, where?.line, where?.column)}${formatPath(path)}: ${message}`);
  };
  for (const list of ['classCoInstallers', 'deviceCoInstallers'] as const) {
    const installers = doc[list] ?? [];
    for (let i = 0; i < installers.length; i++) {
      const on = installers[i].on;
      if (on === undefined) continue;
      for (const key of Object.keys(on)) {
        const b = on[key];
        if (b.privateData === undefined && b.post === undefined) continue; // nothing that could go unused
        const pre = b.pre === undefined ? [] : Array.isArray(b.pre) ? b.pre : [b.pre];
        if (pre.some((code) => parseStatus(code) === POSTPROCESSING_REQUIRED)) continue;
        for (const field of ['privateData', 'post'] as const) {
          if (b[field] !== undefined) at([list, i, 'on', key, field], `"${field}" is never used: "pre" does not ask for postprocessing (ERROR_DI_POSTPROCESSING_REQUIRED)`);
        }
      }
    }
  }
  if (doc.registerCoInstallers !== undefined && doc.defaultHandlers?.DIF_REGISTER_COINSTALLERS !== undefined) {
    at(['defaultHandlers', 'DIF_REGISTER_COINSTALLERS'], 'DIF_REGISTER_COINSTALLERS\'s handler result is also given as "registerCoInstallers"; that one is used unless it is NO_ERROR');
  }
  return out;
}

function describeIssues(issues: readonly z.core.$ZodIssue[], origin: { file: string; text?: string }): string {
  const first = issues[0];
  const path = [...first.path];
  let message = first.message;
  if (first.code === 'unrecognized_keys') {
    path.push(first.keys[0]);
    message = `unknown key "${first.keys[0]}"`;
  } else if ((first.code === 'invalid_type' || first.code === 'invalid_union') && first.input === undefined && typeof path[path.length - 1] === 'string') {
    message = `missing required key "${String(path[path.length - 1])}"`;
  }
  const at = origin.text !== undefined ? locate(origin.text, path as (string | number)[]) : undefined;
  const where = formatPath(path);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `${place(origin.file, at?.line, at?.column)}${where ? `${where}: ` : ''}${message}${more}`;
}

type CodeOrList = string | number | readonly (string | number)[];

function codes(value: CodeOrList | undefined, fallback: readonly number[]): readonly number[] {
  if (value === undefined) return fallback;
  return Array.isArray(value) ? value.map(parseStatus) : [parseStatus(value as string | number)];
}

function onMap<D, B>(on: Record<string, D> | undefined, normalise: (doc: D) => B): ReadonlyMap<number | '*', B> {
  const map = new Map<number | '*', B>();
  for (const [key, doc] of Object.entries(on ?? {})) map.set(key === '*' ? '*' : parseDif(key), normalise(doc));
  return map;
}

type CoDoc = NonNullable<ScenarioDocument['classCoInstallers']>[number];
type ClassDoc = NonNullable<ScenarioDocument['classInstaller']>;

/** A value whose normalised form follows from it alone: a JSON primitive, or a list of them (compared with Object.is, so -0 is not 0). */
function samePlain(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return typeof a !== 'object' || a === null;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i]) || (typeof a[i] === 'object' && a[i] !== null)) return false;
  return true;
}

/** Two `on` tables written alike: the same DIF keys in the same order, behaviours of the same keys with the same plain values. */
function sameTable(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const keys = Object.keys(a);
  const others = Object.keys(b);
  if (keys.length !== others.length) return false;
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] !== others[i]) return false;
    const x = a[keys[i]];
    const y = b[keys[i]];
    if (typeof x !== 'object' || x === null || typeof y !== 'object' || y === null) return false;
    const fields = Object.keys(x);
    const theirs = Object.keys(y);
    if (fields.length !== theirs.length) return false;
    for (let j = 0; j < fields.length; j++) if (fields[j] !== theirs[j] || !samePlain((x as Record<string, unknown>)[fields[j]], (y as Record<string, unknown>)[fields[j]])) return false;
  }
  return true;
}

/**
 * The normaliser of one list's co-installers. An installer whose `on` table is written like the
 * one before it shares that one's normalised table (equal in every part; nothing changes a
 * Scenario once made), so a long list of alike installers holds one table, not one each.
 */
function coInstallers(): (doc: CoDoc) => InstallerSpec<CoInstallerBehaviour> {
  let previous: CoDoc | undefined;
  let previousOn: InstallerSpec<CoInstallerBehaviour>['on'] | undefined;
  return (doc) => {
    const on = previous !== undefined && sameTable(previous.on, doc.on) ? previousOn! : coInstaller(doc).on;
    previous = doc;
    previousOn = on;
    return { declared: doc.name, on };
  };
}

function coInstaller(doc: CoDoc): InstallerSpec<CoInstallerBehaviour> {
  return {
    declared: doc.name,
    on: onMap(doc.on, (b) => ({
      pre: codes(b.pre, DEFAULT_CO_BEHAVIOUR.pre),
      privateData: b.privateData as Json | undefined,
      post: b.post === undefined || b.post === 'propagate' ? 'propagate' : parseStatus(b.post),
      effects: (b.effects ?? []).map(effect),
    })),
  };
}

function classInstaller(doc: ClassDoc): InstallerSpec<ClassInstallerBehaviour> {
  return { declared: doc.name, on: onMap(doc.on, (b) => ({ returns: codes(b.returns, DEFAULT_CLASS_BEHAVIOUR.returns), effects: (b.effects ?? []).map(effect) })) };
}

type Phase = Effect['phase'];
type EffectValue<K extends EffectType> = Extract<EffectDocument, Record<K, unknown>>[K];

/** Each effect key's value, normalised (defaults filled in). */
const EFFECTS: { readonly [K in EffectType]: (value: EffectValue<K>, phase: Phase) => Effect } = {
  setFlags: (flags, phase) => ({ type: 'setFlags', flags: [...flags], phase }),
  clearFlags: (flags, phase) => ({ type: 'clearFlags', flags: [...flags], phase }),
  setFlagsEx: (flags, phase) => ({ type: 'setFlagsEx', flags: [...flags], phase }),
  clearFlagsEx: (flags, phase) => ({ type: 'clearFlagsEx', flags: [...flags], phase }),
  writeProperty: ({ name, value }, phase) => ({ type: 'writeProperty', name, value: value as Json, phase }),
  readProperty: (name, phase) => ({ type: 'readProperty', name, phase }),
  keepInDll: ({ name, value }, phase) => ({ type: 'keepInDll', name, value: value as Json, phase }),
  readFromDll: (name, phase) => ({ type: 'readFromDll', name, phase }),
  showDialog: (_, phase) => ({ type: 'showDialog', phase }),
  startProcess: ({ image, wait, signed }, phase) => ({ type: 'startProcess', image, wait: wait ?? true, signed: signed ?? true, phase }),
  loadLibrary: ({ dll, signed }, phase) => ({ type: 'loadLibrary', dll, signed: signed ?? true, phase }),
  addPropertyPages: (count, phase) => ({ type: 'addPropertyPages', count, phase }),
  callDefaultHandler: (_, phase) => ({ type: 'callDefaultHandler', phase }),
  finishInstallWork: ({ succeeds }, phase) => ({ type: 'finishInstallWork', succeeds, phase }),
};

/** An effect as written (one effect key and an optional phase, or a shorthand string), normalised. */
function effect(doc: EffectDocument): Effect {
  if (typeof doc === 'string') return { type: doc, phase: 'pre' };
  // The schema admits exactly one key besides phase, and it is an effect key.
  const type = Object.keys(doc).find((key) => key !== 'phase') as EffectType;
  const normalise = EFFECTS[type] as (value: unknown, phase: Phase) => Effect;
  return normalise((doc as Record<string, unknown>)[type], doc.phase ?? 'pre');
}

function timelineEvent(doc: NonNullable<ScenarioDocument['timeline']>[number]): TimelineEvent {
  return doc.type === 'user.loggedOn' || doc.type === 'user.finishInstallRequested' ? { type: doc.type, admin: doc.admin } : { type: doc.type };
}

function lifecycle(doc: ScenarioDocument): LifecycleSpec {
  return {
    sequence: doc.sequence === undefined ? DEFAULT_LIFECYCLE.sequence : Array.isArray(doc.sequence) ? doc.sequence.map(parseDif) : doc.sequence,
    timeline: (doc.timeline ?? []).map(timelineEvent),
    session: doc.session ? { admin: doc.session.admin } : null,
    arch: doc.arch ?? DEFAULT_LIFECYCLE.arch,
    registerCoInstallers: doc.registerCoInstallers === undefined ? DEFAULT_LIFECYCLE.registerCoInstallers : parseStatus(doc.registerCoInstallers),
    ...(doc.selectedDriverChangesClass ? { selectChangesClass: true } : {}),
  };
}

/** Applies the documented defaults to a document that passed the schema. */
export function normalizeScenario(doc: ScenarioDocument): Scenario {
  const handlers = new Map<number | '*', number>();
  for (const [key, code] of Object.entries(doc.defaultHandlers ?? {})) handlers.set(key === '*' ? '*' : parseDif(key), parseStatus(code));
  return {
    ...(doc.name !== undefined ? { name: doc.name } : {}),
    ...(doc.description !== undefined ? { description: doc.description } : {}),
    ...(doc.dif !== undefined ? { dif: parseDif(doc.dif) } : {}),
    device: doc.device ?? null,
    profile: doc.profile ?? 'windows',
    os: doc.os ?? 'win10',
    flags: combineFlags('flags', doc.flags ?? []),
    flagsEx: combineFlags('flagsEx', doc.flagsEx ?? []),
    classCoInstallers: (doc.classCoInstallers ?? []).map(coInstallers()),
    deviceCoInstallers: (doc.deviceCoInstallers ?? []).map(coInstallers()),
    classInstaller: doc.classInstaller ? classInstaller(doc.classInstaller) : null,
    defaultHandlers: handlers,
    lifecycle: lifecycle(doc),
    ...(typeof doc.selectedDriverChangesClass === 'object'
      ? {
          previousClass: {
            classInstaller: doc.selectedDriverChangesClass.previousClass.classInstaller ? classInstaller(doc.selectedDriverChangesClass.previousClass.classInstaller) : null,
            classCoInstallers: (doc.selectedDriverChangesClass.previousClass.classCoInstallers ?? []).map(coInstallers()),
          },
        }
      : {}),
  };
}
