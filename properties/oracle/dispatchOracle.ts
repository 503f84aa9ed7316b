/**
 * Reference implementation ("oracle") of one SetupDiCallClassInstaller call, as plain functions.
 *
 * Written independently of the XState model: it reads the scenario document (plain JSON, as in
 * a scenario file) directly and follows the rules for three semantics profiles.
 *
 * Sources (all in shared/reference):
 * - windows: WDD co-installer-operation.md, images/dif-flow.png (order of calls), WDD co-installer-interface.md (return values), WDD co-installer-interface.md (postprocessing context),
 *   WDD images/dif-flow.png; SDK ns-setupapi-sp_devinstall_params_a.md (default handler), WDD co-installer-interface.md and the per-DIF pages (dif-*.md) (per-DIF restrictions, used for violations), WDD dif-detect.md, dif-firsttimesetup.md (DIFs whose
 *   DeviceInfoData is always NULL), WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h (DIF values and default handlers; FINISHINSTALL_ACTION only
 *   on Vista/Win7); WDD co-installer-operation.md (D1–D10) and WDD how-finish-install-actions-are-processed.md; Logs (handler table).
 * - reactos: ReactOS dll/win32/setupapi/devinst.c, misc.c (R1–R12) and WDD calling-the-default-dif-code-handlers.md; ReactOS and Wine dlls/setupapi/devinst.c (ReactOS column).
 * - wine: Wine dlls/setupapi/devinst.c (W1–W8) and WDD calling-the-default-dif-code-handlers.md; ReactOS and Wine dlls/setupapi/devinst.c (Wine column).
 *
 * Only code parsing/printing is shared with the project (`src/domain/codes.js`); every table
 * below is written out here from the reference text.
 */
import { describeStatus, hex, parseDif, parseStatus } from '../../src/domain/codes.js';

// ---------------------------------------------------------------------------------------------
// Input: a scenario document (plain JSON)

export type OracleProfile = 'windows' | 'reactos' | 'wine';
export type OracleCode = string | number;
export type OracleJson = null | boolean | number | string | OracleJson[] | { [key: string]: OracleJson };

export interface OracleCoBehaviour {
  readonly pre?: OracleCode | readonly OracleCode[];
  readonly privateData?: OracleJson;
  readonly post?: 'propagate' | OracleCode;
}

export interface OracleClassBehaviour {
  readonly returns?: OracleCode | readonly OracleCode[];
}

export interface OracleInstaller<B> {
  readonly name: string;
  readonly on?: { readonly [difOrStar: string]: B };
}

export interface OracleScenario {
  readonly device?: { readonly description?: string; readonly hardwareId?: string; readonly classGuid?: string; readonly className?: string };
  readonly profile?: OracleProfile;
  readonly os?: 'vista' | 'win7' | 'win8' | 'win10' | 'win11';
  readonly flags?: readonly string[];
  readonly flagsEx?: readonly string[];
  readonly classCoInstallers?: readonly OracleInstaller<OracleCoBehaviour>[];
  readonly deviceCoInstallers?: readonly OracleInstaller<OracleCoBehaviour>[];
  readonly classInstaller?: OracleInstaller<OracleClassBehaviour> | null;
  readonly defaultHandlers?: { readonly [dif: string]: OracleCode };
  readonly [other: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// Output: the parts of a RunResult the oracle reproduces

export type OracleWho = 'classCoInstaller' | 'deviceCoInstaller' | 'classInstaller' | 'defaultHandler';

export type OracleCall =
  | { who: 'classCoInstaller' | 'deviceCoInstaller'; index: number; name: string; phase: 'pre'; returned: string }
  | {
      who: 'classCoInstaller' | 'deviceCoInstaller';
      index: number;
      name: string;
      phase: 'post';
      installResult: string;
      privateData: OracleJson;
      returned: string;
    }
  | { who: 'classInstaller'; name: string; returned: string }
  | { who: 'defaultHandler'; function: string | null; returned: string };

export interface OracleViolation {
  rule: string;
  who: OracleWho;
  index?: number;
}

export interface OracleResult {
  dif: string;
  profile: OracleProfile;
  result: { hex: string; name: string | null; success: boolean };
  calls: OracleCall[];
  violations: OracleViolation[];
}

// ---------------------------------------------------------------------------------------------
// Constants (Wine include/winerror.h; MinGW winerror.h; Wine include/setupapi.h; SDK ns-setupapi-sp_devinstall_params_a.md)

const NO_ERROR = 0;
const ERROR_DI_DO_DEFAULT = 0xe000020e;
const ERROR_DI_POSTPROCESSING_REQUIRED = 0xe0000226;
const ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION = 0x5b3;
const ERROR_NOT_SUPPORTED = 0x32; // ReactOS: DIF outside its switch (ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller)
const ERROR_INVALID_PARAMETER = 0x57; // Wine: no DeviceInfoData (Wine dlls/setupapi/devinst.c SetupDiCallClassInstaller)
const ERROR_CALL_NOT_IMPLEMENTED = 0x78; // ReactOS REMOVE/UNREMOVE stubs (WDD calling-the-default-dif-code-handlers.md; ReactOS and Wine dlls/setupapi/devinst.c)
const EXCEPTION_ACCESS_VIOLATION = 0xc0000005; // ReactOS dereferencing a NULL DeviceInfoData (ReactOS and Wine dlls/setupapi/devinst.c)

const DI_NODI_DEFAULTACTION = 'DI_NODI_DEFAULTACTION'; // 0x00200000
const DI_FLAGSEX_CI_FAILED = 'DI_FLAGSEX_CI_FAILED'; // 0x00000004
const DI_FLAGSEX_SETFAILEDINSTALL = 'DI_FLAGSEX_SETFAILEDINSTALL'; // 0x00000080

const DIF_SELECTDEVICE = 0x01;
const DIF_INSTALLDEVICE = 0x02;
const DIF_REMOVE = 0x05;
const DIF_FIRSTTIMESETUP = 0x06;
const DIF_DESTROYPRIVATEDATA = 0x0c;
const DIF_DETECT = 0x0f;
const DIF_PROPERTYCHANGE = 0x12;
const DIF_INSTALLDEVICEFILES = 0x15;
const DIF_UNREMOVE = 0x16;
const DIF_SELECTBESTCOMPATDRV = 0x17;
const DIF_ALLOW_INSTALL = 0x18;
const DIF_REGISTERDEVICE = 0x19;
const DIF_NEWDEVICEWIZARD_PRESELECT = 0x1a;
const DIF_NEWDEVICEWIZARD_SELECT = 0x1b;
const DIF_NEWDEVICEWIZARD_PREANALYZE = 0x1c;
const DIF_NEWDEVICEWIZARD_POSTANALYZE = 0x1d;
const DIF_NEWDEVICEWIZARD_FINISHINSTALL = 0x1e;
const DIF_INSTALLINTERFACES = 0x20;
const DIF_REGISTER_COINSTALLERS = 0x22;
const DIF_ADDPROPERTYPAGE_ADVANCED = 0x23;
const DIF_TROUBLESHOOTER = 0x26;
const DIF_POWERMESSAGEWAKE = 0x27;
const DIF_ADDREMOTEPROPERTYPAGE_ADVANCED = 0x28;
const DIF_FINISHINSTALL_ACTION = 0x2a;

/** DIF names by value (WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h table). */
const DIF_NAMES: ReadonlyMap<number, string> = new Map([
  [0x01, 'DIF_SELECTDEVICE'],
  [0x02, 'DIF_INSTALLDEVICE'],
  [0x03, 'DIF_ASSIGNRESOURCES'],
  [0x04, 'DIF_PROPERTIES'],
  [0x05, 'DIF_REMOVE'],
  [0x06, 'DIF_FIRSTTIMESETUP'],
  [0x07, 'DIF_FOUNDDEVICE'],
  [0x08, 'DIF_SELECTCLASSDRIVERS'],
  [0x09, 'DIF_VALIDATECLASSDRIVERS'],
  [0x0a, 'DIF_INSTALLCLASSDRIVERS'],
  [0x0b, 'DIF_CALCDISKSPACE'],
  [0x0c, 'DIF_DESTROYPRIVATEDATA'],
  [0x0d, 'DIF_VALIDATEDRIVER'],
  [0x0e, 'DIF_MOVEDEVICE'],
  [0x0f, 'DIF_DETECT'],
  [0x10, 'DIF_INSTALLWIZARD'],
  [0x11, 'DIF_DESTROYWIZARDDATA'],
  [0x12, 'DIF_PROPERTYCHANGE'],
  [0x13, 'DIF_ENABLECLASS'],
  [0x14, 'DIF_DETECTVERIFY'],
  [0x15, 'DIF_INSTALLDEVICEFILES'],
  [0x16, 'DIF_UNREMOVE'],
  [0x17, 'DIF_SELECTBESTCOMPATDRV'],
  [0x18, 'DIF_ALLOW_INSTALL'],
  [0x19, 'DIF_REGISTERDEVICE'],
  [0x1a, 'DIF_NEWDEVICEWIZARD_PRESELECT'],
  [0x1b, 'DIF_NEWDEVICEWIZARD_SELECT'],
  [0x1c, 'DIF_NEWDEVICEWIZARD_PREANALYZE'],
  [0x1d, 'DIF_NEWDEVICEWIZARD_POSTANALYZE'],
  [0x1e, 'DIF_NEWDEVICEWIZARD_FINISHINSTALL'],
  [0x1f, 'DIF_UNUSED1'],
  [0x20, 'DIF_INSTALLINTERFACES'],
  [0x21, 'DIF_DETECTCANCEL'],
  [0x22, 'DIF_REGISTER_COINSTALLERS'],
  [0x23, 'DIF_ADDPROPERTYPAGE_ADVANCED'],
  [0x24, 'DIF_ADDPROPERTYPAGE_BASIC'],
  [0x25, 'DIF_RESERVED1'],
  [0x26, 'DIF_TROUBLESHOOTER'],
  [0x27, 'DIF_POWERMESSAGEWAKE'],
  [0x28, 'DIF_ADDREMOTEPROPERTYPAGE_ADVANCED'],
  [0x29, 'DIF_UPDATEDRIVER_UI'],
  [0x2a, 'DIF_FINISHINSTALL_ACTION'],
  [0x30, 'DIF_RESERVED2'],
]);

/** DIFs sent with a NULL DeviceInfoData always (WDD dif-detect.md, dif-firsttimesetup.md: "always NULL"). */
const NULL_DID_DIFS: ReadonlySet<number> = new Set([DIF_DETECT, DIF_FIRSTTIMESETUP]);

/** Default handlers, documented Windows (WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h list; ReactOS and Wine dlls/setupapi/devinst.c last column). */
const WINDOWS_HANDLERS: ReadonlyMap<number, string> = new Map([
  [DIF_SELECTDEVICE, 'SetupDiSelectDevice'],
  [DIF_INSTALLDEVICE, 'SetupDiInstallDevice'],
  [DIF_REMOVE, 'SetupDiRemoveDevice'],
  [DIF_PROPERTYCHANGE, 'SetupDiChangeState'],
  [DIF_INSTALLDEVICEFILES, 'SetupDiInstallDriverFiles'],
  [DIF_UNREMOVE, 'SetupDiUnremoveDevice'],
  [DIF_SELECTBESTCOMPATDRV, 'SetupDiSelectBestCompatDrv'],
  [DIF_REGISTERDEVICE, 'SetupDiRegisterDeviceInfo'],
  [DIF_INSTALLINTERFACES, 'SetupDiInstallDeviceInterfaces'],
  [DIF_REGISTER_COINSTALLERS, 'SetupDiRegisterCoDeviceInstallers'],
  // DIF_FINISHINSTALL_ACTION → SetupDiFinishInstallAction on Vista/Win7 only: see windowsHandler.
]);

/** Default handlers, ReactOS switch (ReactOS dll/win32/setupapi/devinst.c, misc.c R2, WDD calling-the-default-dif-code-handlers.md; ReactOS and Wine dlls/setupapi/devinst.c ReactOS column). */
const REACTOS_HANDLERS: ReadonlyMap<number, string> = new Map([
  [DIF_INSTALLDEVICE, 'SetupDiInstallDevice'],
  [DIF_INSTALLDEVICEFILES, 'SetupDiInstallDriverFiles'],
  [DIF_INSTALLINTERFACES, 'SetupDiInstallDeviceInterfaces'],
  [DIF_PROPERTYCHANGE, 'SetupDiChangeState'],
  [DIF_REGISTER_COINSTALLERS, 'SetupDiRegisterCoDeviceInstallers'],
  [DIF_REGISTERDEVICE, 'SetupDiRegisterDeviceInfo'],
  [DIF_REMOVE, 'SetupDiRemoveDevice'],
  [DIF_UNREMOVE, 'SetupDiUnremoveDevice'],
  [DIF_SELECTBESTCOMPATDRV, 'SetupDiSelectBestCompatDrv'],
  [DIF_SELECTDEVICE, 'SetupDiSelectDevice'],
]);

/** ReactOS default handlers that are stubs: always ERROR_CALL_NOT_IMPLEMENTED (WDD calling-the-default-dif-code-handlers.md; ReactOS and Wine dlls/setupapi/devinst.c). */
const REACTOS_STUB_HANDLERS: ReadonlySet<number> = new Set([DIF_REMOVE, DIF_UNREMOVE]);

/** Default handlers, Wine (Wine dlls/setupapi/devinst.c W6, WDD calling-the-default-dif-code-handlers.md; ReactOS and Wine dlls/setupapi/devinst.c Wine column; the FIXME'd ones have none). */
const WINE_HANDLERS: ReadonlyMap<number, string> = new Map([
  [DIF_INSTALLDEVICE, 'SetupDiInstallDevice'],
  [DIF_INSTALLDEVICEFILES, 'SetupDiInstallDriverFiles'],
  [DIF_INSTALLINTERFACES, 'SetupDiInstallDeviceInterfaces'],
  [DIF_REGISTER_COINSTALLERS, 'SetupDiRegisterCoDeviceInstallers'],
  [DIF_REGISTERDEVICE, 'SetupDiRegisterDeviceInfo'],
  [DIF_REMOVE, 'SetupDiRemoveDevice'],
  [DIF_SELECTBESTCOMPATDRV, 'SetupDiSelectBestCompatDrv'],
]);

/** ReactOS participation mask (ReactOS dll/win32/setupapi/devinst.c, misc.c R2). */
interface Mask {
  readonly cc: boolean;
  readonly dc: boolean;
  readonly ci: boolean;
}
const ALL: Mask = { cc: true, dc: true, ci: true };
const NO_DC: Mask = { cc: true, dc: false, ci: true };
const CI_ONLY: Mask = { cc: false, dc: false, ci: true };
const REACTOS_MASKS: ReadonlyMap<number, Mask> = new Map([
  [DIF_ADDPROPERTYPAGE_ADVANCED, ALL],
  [DIF_ADDREMOTEPROPERTYPAGE_ADVANCED, ALL],
  [DIF_INSTALLDEVICE, ALL],
  [DIF_INSTALLINTERFACES, ALL],
  [DIF_NEWDEVICEWIZARD_FINISHINSTALL, ALL],
  [DIF_POWERMESSAGEWAKE, ALL],
  [DIF_PROPERTYCHANGE, ALL],
  [DIF_REMOVE, ALL],
  [DIF_TROUBLESHOOTER, ALL],
  [DIF_UNREMOVE, ALL],
  [DIF_ALLOW_INSTALL, NO_DC],
  [DIF_DETECT, NO_DC],
  [DIF_INSTALLDEVICEFILES, NO_DC],
  [DIF_NEWDEVICEWIZARD_POSTANALYZE, NO_DC],
  [DIF_NEWDEVICEWIZARD_PREANALYZE, NO_DC],
  [DIF_NEWDEVICEWIZARD_PRESELECT, NO_DC],
  [DIF_NEWDEVICEWIZARD_SELECT, NO_DC],
  [DIF_REGISTER_COINSTALLERS, NO_DC],
  [DIF_REGISTERDEVICE, NO_DC],
  [DIF_SELECTBESTCOMPATDRV, NO_DC],
  [DIF_SELECTDEVICE, NO_DC],
  [DIF_DESTROYPRIVATEDATA, CI_ONLY],
]);

/** DIFs for which a co-installer should not ask for postprocessing (WDD co-installer-interface.md and the per-DIF pages (dif-*.md)). */
const NO_POSTPROCESSING_DIFS: ReadonlySet<number> = new Set([DIF_ALLOW_INSTALL, DIF_REGISTERDEVICE, DIF_ADDPROPERTYPAGE_ADVANCED]);

/** What ReactOS's shared Context.PrivateData holds before any co-installer stores something (R8). */
export const UNINITIALISED_PRIVATE_DATA = '(uninitialised stack memory)';

const DEFAULT_CO_ENTRY = 'CoDeviceInstall';
const DEFAULT_CLASS_ENTRY = 'ClassInstall';

// ---------------------------------------------------------------------------------------------
// Small helpers

const difKeyCache = new Map<string, number>();
const statusCache = new Map<OracleCode, number>();

function difOfKey(key: string): number {
  let value = difKeyCache.get(key);
  if (value === undefined) {
    value = parseDif(key);
    difKeyCache.set(key, value);
  }
  return value;
}

function status(code: OracleCode): number {
  let value = statusCache.get(code);
  if (value === undefined) {
    value = parseStatus(code);
    statusCache.set(code, value);
  }
  return value;
}

/** The entry of a DIF-keyed table for `dif`; `"*"` covers every DIF not listed. */
function lookup<T>(table: { readonly [key: string]: T } | undefined, dif: number): T | undefined {
  if (!table) return undefined;
  let star: T | undefined;
  for (const key in table) {
    if (!Object.prototype.hasOwnProperty.call(table, key)) continue;
    if (key === '*') star = table[key];
    else if (difOfKey(key) === dif) return table[key];
  }
  return star;
}

/** A code or list of codes: in one dispatch every installer is called once per phase, so item 1. */
function firstAnswer(answer: OracleCode | readonly OracleCode[] | undefined, fallback: number): number {
  if (answer === undefined) return fallback;
  if (Array.isArray(answer)) return answer.length > 0 ? status(answer[0] as OracleCode) : fallback;
  return status(answer as OracleCode);
}

type NameKind = 'co' | 'class';

/**
 * Resolves a registration string "dll[,entry]" to "dll,entry" per profile, or null when the
 * profile cannot resolve it (installer silently not called).
 * - windows (WDD registering-a-class-co-installer.md, co-installer-operation.md, WDD registering-a-class-co-installer.md, registering-a-device-specific-co-installer.md; Wine dlls/setupapi/tests/devinst.c): entry optional, default CoDeviceInstall /
 *   ClassInstall; dll and entry trimmed.
 * - reactos (R7): a comma is mandatory; white space and commas after the comma are skipped; dll trimmed.
 * - wine (W4, W5): split at the first comma, no trimming of the entry; default entry when there is
 *   no comma; an entry with surrounding white space (or empty) does not resolve.
 */
function resolveName(profile: OracleProfile, raw: string, kind: NameKind): string | null {
  const comma = raw.indexOf(',');
  const defaultEntry = kind === 'co' ? DEFAULT_CO_ENTRY : DEFAULT_CLASS_ENTRY;
  switch (profile) {
    case 'windows': {
      if (comma < 0) return `${raw.trim()},${defaultEntry}`;
      return `${raw.slice(0, comma).trim()},${raw.slice(comma + 1).trim()}`;
    }
    case 'reactos': {
      if (comma < 0) return null;
      const entry = raw.slice(comma + 1).replace(/^[\s,]+/, '');
      if (entry === '') return null;
      return `${raw.slice(0, comma).trim()},${entry}`;
    }
    case 'wine': {
      if (comma < 0) return `${raw},${defaultEntry}`;
      const entry = raw.slice(comma + 1);
      if (entry === '' || /^\s|\s$/.test(entry)) return null;
      return `${raw.slice(0, comma)},${entry}`;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Violations (WDD co-installer-interface.md and the per-DIF pages (dif-*.md); recorded in every profile for calls that happened)

interface Checks {
  readonly dif: number;
  readonly setFailedInstall: boolean; // DIF_INSTALLDEVICE with DI_FLAGSEX_SETFAILEDINSTALL
  readonly violations: OracleViolation[];
}

function coViolations(c: Checks, who: 'classCoInstaller' | 'deviceCoInstaller', index: number, phase: 'pre' | 'post', answer: number, installResult: number): void {
  const push = (rule: string) => c.violations.push({ rule, who, index });
  const passesOn = phase === 'post' && answer === installResult;
  if (answer === ERROR_DI_DO_DEFAULT && (phase === 'pre' || installResult !== ERROR_DI_DO_DEFAULT)) push('coinstaller-originated-do-default');
  if (phase === 'post' && answer === ERROR_DI_POSTPROCESSING_REQUIRED) push('postprocessing-requested-in-post');
  if (phase === 'pre' && answer === ERROR_DI_POSTPROCESSING_REQUIRED && NO_POSTPROCESSING_DIFS.has(c.dif)) push('postprocessing-not-allowed');
  if (phase === 'pre' && c.dif === DIF_DESTROYPRIVATEDATA && answer !== NO_ERROR) push('destroyprivatedata-nonzero');
  if (c.setFailedInstall && answer !== NO_ERROR && !passesOn) push('setfailedinstall-nonzero');
  if (answer === ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION && !passesOn) push('requires-interactive-windowstation');
}

function classViolations(c: Checks, answer: number): void {
  if (c.setFailedInstall && answer !== NO_ERROR && answer !== ERROR_DI_DO_DEFAULT) {
    c.violations.push({ rule: 'setfailedinstall-nonzero', who: 'classInstaller' });
  }
  if (answer === ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION) {
    c.violations.push({ rule: 'requires-interactive-windowstation', who: 'classInstaller' });
  }
}

// ---------------------------------------------------------------------------------------------
// The dispatch

interface Remembered {
  readonly who: 'classCoInstaller' | 'deviceCoInstaller';
  readonly index: number;
  readonly name: string;
  readonly privateData: OracleJson;
  readonly post: 'propagate' | OracleCode | undefined;
}

interface Run {
  readonly doc: OracleScenario;
  readonly profile: OracleProfile;
  readonly dif: number;
  readonly calls: OracleCall[];
  readonly checks: Checks;
}

function has(list: readonly string[] | undefined, name: string): boolean {
  return list !== undefined && list.includes(name);
}

function finish(run: Run, finalStatus: number): OracleResult {
  const described = describeStatus(finalStatus);
  return {
    dif: DIF_NAMES.get(run.dif) ?? hex(run.dif),
    profile: run.profile,
    result: { hex: described.hex, name: described.name ?? null, success: finalStatus === NO_ERROR },
    calls: run.calls,
    violations: run.checks.violations,
  };
}

function defaultHandlerResult(run: Run): number {
  const configured = lookup(run.doc.defaultHandlers, run.dif);
  return configured === undefined ? NO_ERROR : status(configured);
}

/** Postprocessing (D7 / R11): each remembered co-installer in the given order, InstallResult chained. */
function postprocess(run: Run, remembered: readonly Remembered[], start: number): number {
  let current = start;
  for (const r of remembered) {
    const answer = r.post === undefined || r.post === 'propagate' ? current : status(r.post);
    run.calls.push({
      who: r.who,
      index: r.index,
      name: r.name,
      phase: 'post',
      installResult: hex(current),
      privateData: r.privateData,
      returned: hex(answer),
    });
    coViolations(run.checks, r.who, r.index, 'post', answer, current);
    current = answer;
  }
  return current;
}

/** Calls the class installer if `name` resolved; returns its answer, or undefined when not called. */
function callClassInstaller(run: Run, installer: OracleInstaller<OracleClassBehaviour>, name: string): number {
  const answer = firstAnswer(lookup(installer.on, run.dif)?.returns, ERROR_DI_DO_DEFAULT);
  run.calls.push({ who: 'classInstaller', name, returned: hex(answer) });
  classViolations(run.checks, answer);
  return answer;
}

function callPre(run: Run, who: 'classCoInstaller' | 'deviceCoInstaller', index: number, name: string, behaviour: OracleCoBehaviour | undefined): number {
  const answer = firstAnswer(behaviour?.pre, NO_ERROR);
  run.calls.push({ who, index, name, phase: 'pre', returned: hex(answer) });
  coViolations(run.checks, who, index, 'pre', answer, NO_ERROR);
  return answer;
}

/** Documented Windows: WDD co-installer-operation.md, images/dif-flow.png table, WDD images/dif-flow.png; SDK ns-setupapi-sp_devinstall_params_a.md; WDD calling-the-default-dif-code-handlers.md. */
function dispatchWindows(run: Run, hasDid: boolean): number {
  const { doc, dif } = run;
  const remembered: Remembered[] = [];
  const classCo = doc.classCoInstallers ?? [];
  const deviceCo = doc.deviceCoInstallers ?? [];
  let current = NO_ERROR;
  let failed = false;

  const preLoop = (list: readonly OracleInstaller<OracleCoBehaviour>[], who: 'classCoInstaller' | 'deviceCoInstaller', base: number) => {
    for (let i = 0; i < list.length && !failed; i++) {
      const installer = list[i];
      const name = resolveName('windows', installer.name, 'co')!;
      const behaviour = lookup(installer.on, dif);
      const answer = callPre(run, who, base + i + 1, name, behaviour);
      if (answer === NO_ERROR) continue;
      if (answer === ERROR_DI_POSTPROCESSING_REQUIRED) {
        const pd = behaviour?.privateData;
        remembered.push({ who, index: base + i + 1, name, privateData: pd === undefined ? null : pd, post: behaviour?.post });
        continue;
      }
      current = answer;
      failed = true;
    }
  };

  preLoop(classCo, 'classCoInstaller', 0);
  if (hasDid) preLoop(deviceCo, 'deviceCoInstaller', classCo.length);

  if (!failed) {
    const ci = doc.classInstaller;
    current = ci ? callClassInstaller(run, ci, resolveName('windows', ci.name, 'class')!) : ERROR_DI_DO_DEFAULT;
    if (current === ERROR_DI_DO_DEFAULT && !has(doc.flags, DI_NODI_DEFAULTACTION)) {
      const os = doc.os ?? 'win10';
      const fn = dif === DIF_FINISHINSTALL_ACTION ? (os === 'vista' || os === 'win7' ? 'SetupDiFinishInstallAction' : undefined) : WINDOWS_HANDLERS.get(dif);
      if (fn !== undefined) {
        current = defaultHandlerResult(run);
        run.calls.push({ who: 'defaultHandler', function: fn, returned: hex(current) });
      } else {
        run.calls.push({ who: 'defaultHandler', function: null, returned: hex(ERROR_DI_DO_DEFAULT) });
      }
    }
  }

  remembered.reverse();
  return postprocess(run, remembered, current);
}

/** ReactOS: ReactOS dll/win32/setupapi/devinst.c, misc.c R2–R12. */
function dispatchReactos(run: Run, hasDid: boolean): number {
  const { doc, dif } = run;
  const mask = REACTOS_MASKS.get(dif);
  if (!mask) return ERROR_NOT_SUPPORTED;
  if (!hasDid) return EXCEPTION_ACCESS_VIOLATION;

  const remembered: Remembered[] = [];
  const classCo = doc.classCoInstallers ?? [];
  const deviceCo = doc.deviceCoInstallers ?? [];
  let current = NO_ERROR;
  let shared: OracleJson = UNINITIALISED_PRIVATE_DATA;

  const preLoop = (list: readonly OracleInstaller<OracleCoBehaviour>[], who: 'classCoInstaller' | 'deviceCoInstaller', base: number) => {
    for (let i = 0; i < list.length && current === NO_ERROR; i++) {
      const installer = list[i];
      const name = resolveName('reactos', installer.name, 'co');
      if (name === null) continue;
      const behaviour = lookup(installer.on, dif);
      const answer = callPre(run, who, base + i + 1, name, behaviour);
      if (behaviour?.privateData !== undefined) shared = behaviour.privateData;
      if (answer === ERROR_DI_POSTPROCESSING_REQUIRED) {
        remembered.push({ who, index: base + i + 1, name, privateData: shared, post: behaviour?.post });
        current = NO_ERROR;
      } else {
        current = answer;
      }
    }
  };

  if (mask.cc) preLoop(classCo, 'classCoInstaller', 0);
  if (mask.dc) preLoop(deviceCo, 'deviceCoInstaller', classCo.length);

  // R6/R9: the class installer is called even after a co-installer error.
  const ci = doc.classInstaller;
  const ciName = mask.ci && ci && !has(doc.flagsEx, DI_FLAGSEX_CI_FAILED) ? resolveName('reactos', ci.name, 'class') : null;
  current = ci && ciName !== null ? callClassInstaller(run, ci, ciName) : ERROR_DI_DO_DEFAULT;

  // R10: ERROR_DI_DO_DEFAULT always ends as the handler's result or NO_ERROR.
  if (current === ERROR_DI_DO_DEFAULT) {
    if (has(doc.flags, DI_NODI_DEFAULTACTION)) {
      current = NO_ERROR;
    } else {
      const fn = REACTOS_HANDLERS.get(dif);
      if (fn !== undefined) {
        current = REACTOS_STUB_HANDLERS.has(dif) ? ERROR_CALL_NOT_IMPLEMENTED : defaultHandlerResult(run);
        run.calls.push({ who: 'defaultHandler', function: fn, returned: hex(current) });
      } else {
        // ReactOS has no "default installer" step without a handler: it only sets rc = NO_ERROR.
        current = NO_ERROR;
      }
    }
  }

  // R11: forward order (class co-installers, then device co-installers).
  return postprocess(run, remembered, current);
}

/** Wine: Wine dlls/setupapi/devinst.c W1–W8. */
function dispatchWine(run: Run, hasDid: boolean): number {
  const { doc, dif } = run;
  if (!hasDid) return ERROR_INVALID_PARAMETER;
  const classCo = doc.classCoInstallers ?? [];
  const deviceCo = doc.deviceCoInstallers ?? [];

  /** call_coinstallers: the first error, or NO_ERROR (POSTPROCESSING_REQUIRED only traced). */
  const preLoop = (list: readonly OracleInstaller<OracleCoBehaviour>[], who: 'classCoInstaller' | 'deviceCoInstaller', base: number): number => {
    for (let i = 0; i < list.length; i++) {
      const installer = list[i];
      const name = resolveName('wine', installer.name, 'co');
      if (name === null) continue;
      const answer = callPre(run, who, base + i + 1, name, lookup(installer.on, dif));
      if (answer !== NO_ERROR && answer !== ERROR_DI_POSTPROCESSING_REQUIRED) return answer;
    }
    return NO_ERROR;
  };

  const classResult = preLoop(classCo, 'classCoInstaller', 0);
  if (classResult !== NO_ERROR) return classResult; // W2: return at once
  preLoop(deviceCo, 'deviceCoInstaller', classCo.length); // W3: result ignored

  const ci = doc.classInstaller;
  const ciName = ci ? resolveName('wine', ci.name, 'class') : null;
  let current = ci && ciName !== null ? callClassInstaller(run, ci, ciName) : ERROR_DI_DO_DEFAULT;

  // W6: DI_NODI_DEFAULTACTION ignored.
  if (current === ERROR_DI_DO_DEFAULT) {
    const fn = WINE_HANDLERS.get(dif);
    if (fn !== undefined) {
      current = defaultHandlerResult(run);
      run.calls.push({ who: 'defaultHandler', function: fn, returned: hex(current) });
    } else {
      run.calls.push({ who: 'defaultHandler', function: null, returned: hex(ERROR_DI_DO_DEFAULT) });
    }
  }
  return current; // W8: no postprocessing
}

/** One SetupDiCallClassInstaller call of `dif` on the scenario, per the scenario's profile. */
export function oracleDispatch(doc: OracleScenario, difInput: number | string): OracleResult {
  const dif = typeof difInput === 'number' ? difInput >>> 0 : parseDif(difInput);
  const profile: OracleProfile = doc.profile ?? 'windows';
  const hasDid = doc.device !== undefined && doc.device !== null && !NULL_DID_DIFS.has(dif);
  const run: Run = {
    doc,
    profile,
    dif,
    calls: [],
    checks: { dif, setFailedInstall: dif === DIF_INSTALLDEVICE && has(doc.flagsEx, DI_FLAGSEX_SETFAILEDINSTALL), violations: [] },
  };
  const final = profile === 'reactos' ? dispatchReactos(run, hasDid) : profile === 'wine' ? dispatchWine(run, hasDid) : dispatchWindows(run, hasDid);
  return finish(run, final);
}
