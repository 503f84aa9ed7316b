/**
 * What the lifecycle monitors reconstruct from a finished run: the installer calls in the order they
 * happened, each with the effects the scenario gives it, and where each DIF ended.
 *
 * InstallResult.difs lists DIFs in the order they were sent; the nested DIF_DESTROYPRIVATEDATA that
 * SetupDiRegisterCoDeviceInstallers sends (docs/lifecycle.md; WDD co-installer-operation.md, Logs xcp-ng/xcp #83)
 * comes right after the DIF_REGISTER_COINSTALLERS it ran in, and ran when that DIF's default handler
 * was called: after the preprocessing calls and the class installer, before the handler's answer
 * and the postprocessing callbacks. A DIF that hung never finished, so its calls are not in the
 * result (DIFs that finished inside it are, at the end).
 */
import { parseDif } from '../../domain/codes.js';
import type { CallRecord } from '../../domain/dispatchRules.js';
import type { DifRecord } from '../../domain/lifecycle/installState.js';
import type { InstallResult } from '../../domain/lifecycle/installResult.js';
import type { Effect } from '../../domain/lifecycle/types.js';
import { RecentMap } from '../../domain/recentMap.js';
import { behaviourFor, DEFAULT_CLASS_BEHAVIOUR, DEFAULT_CO_BEHAVIOUR, type Scenario } from '../../domain/scenario.js';

/** How many results and records the memos below keep (a run's, or all the runs' of one explored scenario). */
const RECENT_RESULTS = 16;
const RECENT_RECORDS = 64;

export type Happening =
  | { readonly kind: 'call'; readonly record: DifRecord; readonly dif: number; readonly call: CallRecord; readonly effects: readonly Effect[] }
  | { readonly kind: 'difEnd'; readonly record: DifRecord; readonly dif: number };

/**
 * The effects the scenario gives an installer call: a co-installer's for that phase, a class
 * installer's all. The installers are those of the list the DIF was sent to: the old class's
 * (`previousClass`, `inOldClass`) until a DIF_SELECTBESTCOMPATDRV has selected a driver, and a
 * device co-installer's number counts the class co-installers that DIF called before it (a class
 * co-installer a device co-installer repeats is left out of the list: docs/lifecycle.md choice L11).
 */
export function effectsOfCall(scenario: Scenario, dif: number, call: CallRecord, record?: DifRecord, inOldClass = false): readonly Effect[] {
  const cls = inOldClass && scenario.previousClass ? scenario.previousClass : scenario;
  if (call.who === 'classInstaller') return cls.classInstaller ? behaviourFor(cls.classInstaller, dif, DEFAULT_CLASS_BEHAVIOUR).effects : [];
  if (call.who === 'defaultHandler') return [];
  const classCount = record ? classCoInstallersCalled(record) : cls.classCoInstallers.length;
  const spec = call.who === 'classCoInstaller' ? cls.classCoInstallers[call.index! - 1] : scenario.deviceCoInstallers[call.index! - classCount - 1];
  if (!spec) return [];
  return behaviourFor(spec, dif, DEFAULT_CO_BEHAVIOUR).effects.filter((e) => e.phase === call.phase);
}

/**
 * Memo of the last (scenario, result) pair per result object: the lifecycle invariants judge one run
 * one after the other, and several of them start from its finish-install facts. Results are plain
 * immutable data, so the same objects give the same answer.
 */
export function memoPerRun<T>(compute: (scenario: Scenario, result: InstallResult) => T): (scenario: Scenario, result: InstallResult) => T {
  const memo = new RecentMap<InstallResult, { readonly scenario: Scenario; readonly value: T }>(RECENT_RESULTS);
  return (scenario, result) => {
    const hit = memo.get(result);
    if (hit !== undefined && hit.scenario === scenario) return hit.value;
    const value = compute(scenario, result);
    memo.set(result, { scenario, value });
    return value;
  };
}

/**
 * Memo per result object of a computation that does not read the scenario's timeline, shared by
 * every scenario that equals the first one but for its timeline (the runs of one explored scenario
 * ending in the same result: src/explore/lifecycle/). The computation gets the scenario with a
 * timeline that throws when read, so a computation that starts reading it fails at once instead of
 * sharing a value that depends on one run's timeline.
 */
export function memoIgnoringTimeline<T>(compute: (scenario: Scenario, result: InstallResult) => T): (scenario: Scenario, result: InstallResult) => T {
  const memo = new RecentMap<InstallResult, { scenario: Scenario; readonly value: T }>(RECENT_RESULTS);
  return (scenario, result) => {
    const hit = memo.get(result);
    if (hit !== undefined) {
      if (hit.scenario === scenario) return hit.value;
      if (sameButTimeline(hit.scenario, scenario)) {
        hit.scenario = scenario; // equal but for the timeline: the next call with this one is an identity check
        return hit.value;
      }
    }
    const value = compute(withoutTimeline(scenario), result);
    memo.set(result, { scenario, value });
    return value;
  };
}

/** Every field of the scenario and of its lifecycle identical, the timeline aside (not read). */
function sameButTimeline(a: Scenario, b: Scenario): boolean {
  return sameFields(a, b, 'lifecycle') && (a.lifecycle === b.lifecycle || sameFields(a.lifecycle, b.lifecycle, 'timeline'));
}

/** The same own enumerable fields, identical but `except` (present in both or neither, not read). */
function sameFields(a: object, b: object, except: string): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const key in x) {
    if (!Object.hasOwn(x, key)) continue;
    n += 1;
    if (key === except) {
      if (!Object.hasOwn(y, key)) return false;
    } else if (!Object.hasOwn(y, key) || x[key] !== y[key]) return false;
  }
  for (const key in y) if (Object.hasOwn(y, key)) n -= 1;
  return n === 0;
}

const NO_TIMELINE = {
  get(): never {
    throw new Error('memoIgnoringTimeline: the computation read the timeline; it must not be memoised across timelines');
  },
  enumerable: true,
};

/** The scenario with a timeline that throws when read (the other fields copied without reading it). */
function withoutTimeline(scenario: Scenario): Scenario {
  const lifecycle: Record<string, unknown> = {};
  for (const key of Object.keys(scenario.lifecycle)) if (key !== 'timeline') lifecycle[key] = (scenario.lifecycle as unknown as Record<string, unknown>)[key];
  Object.defineProperty(lifecycle, 'timeline', NO_TIMELINE);
  return { ...scenario, lifecycle: lifecycle as unknown as Scenario['lifecycle'] };
}

const classCounts = new RecentMap<DifRecord, number>(RECENT_RECORDS);

/** How many class co-installers the DIF called (records are immutable: counted once per record). */
function classCoInstallersCalled(record: DifRecord): number {
  let n = classCounts.get(record);
  if (n === undefined) classCounts.set(record, (n = new Set(record.calls.filter((c) => c.who === 'classCoInstaller').map((c) => c.index)).size));
  return n;
}

/** A record's calls and its end as happenings, for the installers one scenario gives them. */
interface RecordHappenings {
  readonly previousClass: unknown;
  readonly classInstaller: unknown;
  readonly classCoInstallers: unknown;
  readonly deviceCoInstallers: unknown;
  readonly oldClass: boolean;
  readonly calls: readonly Happening[];
  readonly end: Happening;
}

const recordHappenings = new RecentMap<DifRecord, RecordHappenings>(RECENT_RECORDS);

/**
 * The happenings of one DIF record, built once per record and the scenario parts effectsOfCall
 * reads (runs branched from one state share their earlier records, and their scenarios these
 * parts); happenings are read-only, so runs may share them.
 */
function happeningsOf(scenario: Scenario, record: DifRecord, oldClass: boolean): RecordHappenings {
  const hit = recordHappenings.get(record);
  if (
    hit !== undefined &&
    hit.oldClass === oldClass &&
    hit.previousClass === scenario.previousClass &&
    hit.classInstaller === scenario.classInstaller &&
    hit.classCoInstallers === scenario.classCoInstallers &&
    hit.deviceCoInstallers === scenario.deviceCoInstallers
  ) {
    return hit;
  }
  const dif = parseDif(record.dif);
  const built: RecordHappenings = {
    previousClass: scenario.previousClass,
    classInstaller: scenario.classInstaller,
    classCoInstallers: scenario.classCoInstallers,
    deviceCoInstallers: scenario.deviceCoInstallers,
    oldClass,
    calls: record.calls.map((call): Happening => ({ kind: 'call', record, dif, call, effects: effectsOfCall(scenario, dif, call, record, oldClass) })),
    end: { kind: 'difEnd', record, dif },
  };
  recordHappenings.set(record, built);
  return built;
}

/** Every call and DIF end of the run, in the order they happened (the timeline is not read: shared by the runs of a scenario that end alike). */
export const executionOrder: (scenario: Scenario, result: InstallResult) => readonly Happening[] = memoIgnoringTimeline(computeExecutionOrder);

function computeExecutionOrder(scenario: Scenario, result: InstallResult): Happening[] {
  const out: Happening[] = [];
  // The old class lasts until a DIF_SELECTBESTCOMPATDRV of the sequence selects a driver (docs/lifecycle.md L12).
  let oldClass = scenario.lifecycle.selectChangesClass === true && scenario.previousClass !== undefined;
  const calls = (record: DifRecord, from: number, to: number) => {
    const happenings = happeningsOf(scenario, record, oldClass).calls;
    for (let i = from; i < to; i++) out.push(happenings[i]);
  };
  const ended = (record: DifRecord) => {
    if (record.nestedIn === undefined && record.dif === 'DIF_SELECTBESTCOMPATDRV' && Number.parseInt(record.result.hex, 16) === 0) oldClass = false;
  };
  const whole = (record: DifRecord) => {
    calls(record, 0, record.calls.length);
    out.push(happeningsOf(scenario, record, oldClass).end);
    ended(record);
  };
  const difs = result.difs;
  for (let i = 0; i < difs.length; i++) {
    const record = difs[i];
    const inside: DifRecord[] = [];
    while (difs[i + 1]?.nestedIn !== undefined && difs[i + 1].nestedIn === record.dif && record.nestedIn === undefined) inside.push(difs[++i]);
    if (inside.length === 0) {
      whole(record); // also a nested DIF whose outer DIF hung: its calls came after calls we cannot see
      continue;
    }
    const handlerAt = record.calls.findIndex((c) => c.who === 'defaultHandler');
    const split = handlerAt === -1 ? record.calls.length : handlerAt;
    calls(record, 0, split);
    inside.forEach(whole);
    calls(record, split, record.calls.length);
    out.push(happeningsOf(scenario, record, oldClass).end);
    ended(record);
  }
  return out;
}

/** Wine include/winerror.h; MinGW winerror.h / docs/lifecycle.md: a step objects unless it ends NO_ERROR or ERROR_DI_DO_DEFAULT. */
export function isNoObjection(hexText: string): boolean {
  const value = Number.parseInt(hexText, 16) >>> 0;
  return value === 0 || value === 0xe000020e;
}

/** The DIFs of the sequence itself (not nested, not finish-install attempts), in order. */
export function sequenceRecords(result: InstallResult): DifRecord[] {
  return result.difs.filter((d) => d.nestedIn === undefined && !isFinishInstallAttempt(d));
}

/** A finish-install process's DIF_FINISHINSTALL_ACTION (client side, after the sequence). */
export function isFinishInstallAttempt(record: DifRecord): boolean {
  return record.dif === 'DIF_FINISHINSTALL_ACTION' && record.context === 'client';
}

export function attemptRecords(result: InstallResult): DifRecord[] {
  return result.difs.filter(isFinishInstallAttempt);
}
