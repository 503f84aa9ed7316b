/**
 * What one SetupDiCallClassInstaller(dif, set, did) call will ask, worked out before the first
 * installer runs: which co-installers (in preprocessing order), which class installer, which
 * default handler, or whether the implementation refuses the call outright.
 *
 * Call order: class co-installers in list order, then device co-installers in list order, then
 * the class installer, then the default handler (MicrosoftDocs/windows-driver-docs
 * `windows-driver-docs-pr/install/co-installer-operation.md`; `images/dif-flow.png`; WDD co-installer-operation.md, images/dif-flow.png).
 * Device co-installers need a DeviceInfoData: none for DIF_DETECT and DIF_FIRSTTIMESETUP, which
 * always pass NULL (`co-installer-interface.md`; WDD dif-detect.md, dif-firsttimesetup.md), nor when there is no device.
 */
import { difLabel } from './codes.js';
import { difByValue, type InstallerKind, type OsVersion } from './difCodes.js';
import { FlagEx } from './flags.js';
import { resolveInstallerName } from './installerNames.js';
import { defaultHandlerFor, PROFILES, reactosMask, type DefaultHandler, type ProfileName, type Semantics } from './profiles.js';
import type { Scenario } from './scenario.js';
import { Status } from './statusCodes.js';

export type CoInstallerKind = 'classCoInstaller' | 'deviceCoInstaller';

export interface PlannedCoInstaller {
  readonly who: CoInstallerKind;
  /** 1-based position in the combined list, class co-installers first (setupapi.dev.log numbering). */
  readonly index: number;
  /** Position in the scenario's own list for this kind (0-based). */
  readonly position: number;
  /** The resolved `dll,Entry`. */
  readonly name: string;
}

export interface SkippedInstaller {
  readonly who: InstallerKind;
  readonly index?: number;
  readonly declared: string;
  readonly reason: string;
}

export interface DispatchPlan {
  readonly dif: number;
  /** The DIF name, or its hex form for an unknown value. */
  readonly difName: string;
  readonly profile: ProfileName;
  readonly os: OsVersion;
  readonly semantics: Semantics;
  readonly flags: number;
  readonly flagsEx: number;
  readonly hasDeviceInfo: boolean;
  /** Set when the implementation refuses the call before calling anyone. */
  readonly rejection: { readonly status: number; readonly reason: string } | null;
  readonly coInstallers: readonly PlannedCoInstaller[];
  readonly classInstaller: { readonly name: string } | null;
  readonly defaultHandler: DefaultHandler | null;
  readonly skipped: readonly SkippedInstaller[];
}

/**
 * Plans are read-only records. As instances of a class they are not "draftable" for immer, so the
 * machine's context updates read them directly instead of through proxies (about 3x cheaper per
 * update, measured in docs/performance.md); they still serialise as plain JSON. The constructor
 * assigns every field in one fixed order (one hidden class for every plan: planning is on the
 * path of every dispatch).
 */
class PlanRecord implements DispatchPlan {
  readonly dif: number;
  readonly difName: string;
  readonly profile: ProfileName;
  readonly os: OsVersion;
  readonly semantics: Semantics;
  readonly flags: number;
  readonly flagsEx: number;
  readonly hasDeviceInfo: boolean;
  readonly rejection: DispatchPlan['rejection'];
  readonly coInstallers: readonly PlannedCoInstaller[];
  readonly classInstaller: DispatchPlan['classInstaller'];
  readonly defaultHandler: DefaultHandler | null;
  readonly skipped: readonly SkippedInstaller[];

  constructor(fields: DispatchPlan) {
    this.dif = fields.dif;
    this.difName = fields.difName;
    this.profile = fields.profile;
    this.os = fields.os;
    this.semantics = fields.semantics;
    this.flags = fields.flags;
    this.flagsEx = fields.flagsEx;
    this.hasDeviceInfo = fields.hasDeviceInfo;
    this.rejection = fields.rejection;
    this.coInstallers = fields.coInstallers;
    this.classInstaller = fields.classInstaller;
    this.defaultHandler = fields.defaultHandler;
    this.skipped = fields.skipped;
    Object.freeze(this);
  }
}

const NOTHING: readonly never[] = Object.freeze([]);

/** The plan's record (one function, no closures per plan: planning is on every dispatch's path). */
function record(
  scenario: Scenario,
  dif: number,
  difName: string,
  semantics: Semantics,
  hasDeviceInfo: boolean,
  rejection: DispatchPlan['rejection'],
  coInstallers: readonly PlannedCoInstaller[],
  classInstaller: DispatchPlan['classInstaller'],
  defaultHandler: DefaultHandler | null,
  skipped: readonly SkippedInstaller[],
): DispatchPlan {
  return new PlanRecord({
    dif: dif >>> 0,
    difName,
    profile: scenario.profile,
    os: scenario.os,
    semantics,
    flags: scenario.flags,
    flagsEx: scenario.flagsEx,
    hasDeviceInfo,
    rejection,
    coInstallers,
    classInstaller,
    defaultHandler,
    skipped,
  });
}

/** The plan of a call the implementation refuses before calling anyone. */
function rejectedPlan(scenario: Scenario, dif: number, difName: string, semantics: Semantics, hasDeviceInfo: boolean, status: number, reason: string): DispatchPlan {
  return record(scenario, dif, difName, semantics, hasDeviceInfo, { status, reason }, NOTHING, null, null, NOTHING);
}

/** Whether the implementation asks this kind of installer (ReactOS's participation mask; device co-installers need a device). */
function asks(kind: InstallerKind, mask: readonly InstallerKind[] | undefined, hasDeviceInfo: boolean): boolean {
  return (mask ? mask.includes(kind) : true) && (kind !== 'deviceCoInstaller' || hasDeviceInfo);
}

/** Resolves one co-installer list into `into`; returns `skipped` with the ones that cannot be called added (created when needed). */
function planCoInstallers(
  who: CoInstallerKind,
  list: Scenario['classCoInstallers'],
  offset: number,
  semantics: Semantics,
  into: PlannedCoInstaller[],
  skipped: SkippedInstaller[] | undefined,
): SkippedInstaller[] | undefined {
  for (let position = 0; position < list.length; position++) {
    const spec = list[position];
    const index = offset + position + 1;
    const resolved = resolveInstallerName(spec.declared, 'coInstaller', semantics);
    if (resolved.ok) into.push({ who, index, position, name: resolved.name });
    else (skipped ??= []).push({ who, index, declared: spec.declared, reason: resolved.reason });
  }
  return skipped;
}

/**
 * `semantics` overrides the profile's choices: for mutation testing (a deliberately planted bug
 * such as forward postprocessing under windows must be caught by the invariants) and for exploring
 * what-if semantics. Normal runs leave it out.
 */
export function planDispatch(scenario: Scenario, dif: number, semantics: Semantics = PROFILES[scenario.profile]): DispatchPlan {
  const info = difByValue(dif);
  const hasDeviceInfo = scenario.device !== null && info?.deviceInfoData !== 'null';
  const difName = difLabel(dif);

  const mask = semantics.participation === 'reactos-mask' ? reactosMask(info?.name) : undefined;
  if (semantics.unknownDif === 'not-supported' && !mask) return rejectedPlan(scenario, dif, difName, semantics, hasDeviceInfo, Status.ERROR_NOT_SUPPORTED, `${difName} is not in ReactOS's DIF switch`);
  if (!hasDeviceInfo && semantics.nullDeviceInfo === 'rejected') return rejectedPlan(scenario, dif, difName, semantics, hasDeviceInfo, Status.ERROR_INVALID_PARAMETER, 'Wine rejects a NULL DeviceInfoData');
  if (!hasDeviceInfo && semantics.nullDeviceInfo === 'crash') {
    return rejectedPlan(scenario, dif, difName, semantics, hasDeviceInfo, Status.EXCEPTION_ACCESS_VIOLATION, "ReactOS dereferences the NULL DeviceInfoData to find the class's installers");
  }

  let skipped: SkippedInstaller[] | undefined;
  const coInstallers: PlannedCoInstaller[] = [];
  const { classCoInstallers, deviceCoInstallers } = scenario;
  if (classCoInstallers.length > 0 && asks('classCoInstaller', mask, hasDeviceInfo)) {
    skipped = planCoInstallers('classCoInstaller', classCoInstallers, 0, semantics, coInstallers, skipped);
  }
  if (deviceCoInstallers.length > 0 && asks('deviceCoInstaller', mask, hasDeviceInfo)) {
    skipped = planCoInstallers('deviceCoInstaller', deviceCoInstallers, classCoInstallers.length, semantics, coInstallers, skipped);
  }

  let classInstaller: DispatchPlan['classInstaller'] = null;
  if (scenario.classInstaller && asks('classInstaller', mask, hasDeviceInfo)) {
    const declared = scenario.classInstaller.declared;
    if (semantics.ciFailedFlag === 'skips-class-installer' && (scenario.flagsEx & FlagEx.DI_FLAGSEX_CI_FAILED) !== 0) {
      (skipped ??= []).push({ who: 'classInstaller', declared, reason: 'DI_FLAGSEX_CI_FAILED is already set' });
    } else {
      const resolved = resolveInstallerName(declared, 'classInstaller', semantics);
      if (resolved.ok) classInstaller = { name: resolved.name };
      else (skipped ??= []).push({ who: 'classInstaller', declared, reason: `${resolved.reason}; treated as no class installer` });
    }
  }

  const defaultHandler = defaultHandlerFor(semantics, dif, info?.name, scenario.os);
  return record(scenario, dif, difName, semantics, hasDeviceInfo, null, coInstallers, classInstaller, defaultHandler, skipped ?? NOTHING);
}
