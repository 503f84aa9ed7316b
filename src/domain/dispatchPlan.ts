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
 * update, measured in docs/performance.md); they still serialise as plain JSON.
 */
class PlanRecord {
  constructor(parts: readonly object[]) {
    for (const part of parts) Object.assign(this, part);
    Object.freeze(this);
  }
}

/**
 * The plan from its parts, in order (as `{ ...a, ...b }` would lay them out). Not built by spreading
 * and then adding keys (`{ ...base, rejection, coInstallers, … }`): on Node 20.20 that took about
 * 17 µs per object in a micro-benchmark, against under 1 µs for Object.assign, and planDispatch went
 * from about 20 µs to 1–2 µs (docs/performance.md, lifecycle exploration).
 */
function sealed(...parts: readonly Partial<DispatchPlan>[]): DispatchPlan {
  return new PlanRecord(parts) as unknown as DispatchPlan;
}

/**
 * `semantics` overrides the profile's choices: for mutation testing (a deliberately planted bug
 * such as forward postprocessing under windows must be caught by the invariants) and for exploring
 * what-if semantics. Normal runs leave it out.
 */
export function planDispatch(scenario: Scenario, dif: number, semantics: Semantics = PROFILES[scenario.profile]): DispatchPlan {
  const info = difByValue(dif);
  const hasDeviceInfo = scenario.device !== null && info?.deviceInfoData !== 'null';
  const base = {
    dif: dif >>> 0,
    difName: difLabel(dif),
    profile: scenario.profile,
    os: scenario.os,
    semantics,
    flags: scenario.flags,
    flagsEx: scenario.flagsEx,
    hasDeviceInfo,
  };
  const nothing = { coInstallers: [], classInstaller: null, defaultHandler: null, skipped: [] };

  const mask = semantics.participation === 'reactos-mask' ? reactosMask(info?.name) : undefined;
  if (semantics.unknownDif === 'not-supported' && !mask) {
    return sealed(base, nothing, { rejection: { status: Status.ERROR_NOT_SUPPORTED, reason: `${base.difName} is not in ReactOS's DIF switch` } });
  }
  if (!hasDeviceInfo && semantics.nullDeviceInfo === 'rejected') {
    return sealed(base, nothing, { rejection: { status: Status.ERROR_INVALID_PARAMETER, reason: 'Wine rejects a NULL DeviceInfoData' } });
  }
  if (!hasDeviceInfo && semantics.nullDeviceInfo === 'crash') {
    return sealed(base, nothing, {
      rejection: { status: Status.EXCEPTION_ACCESS_VIOLATION, reason: "ReactOS dereferences the NULL DeviceInfoData to find the class's installers" },
    });
  }

  const asks = (kind: InstallerKind): boolean =>
    (mask ? mask.includes(kind) : true) && (kind !== 'deviceCoInstaller' || hasDeviceInfo);
  const skipped: SkippedInstaller[] = [];
  const coInstallers: PlannedCoInstaller[] = [];
  const lists: [CoInstallerKind, Scenario['classCoInstallers'], number][] = [
    ['classCoInstaller', scenario.classCoInstallers, 0],
    ['deviceCoInstaller', scenario.deviceCoInstallers, scenario.classCoInstallers.length],
  ];
  for (const [who, list, offset] of lists) {
    if (!asks(who)) continue;
    list.forEach((spec, position) => {
      const index = offset + position + 1;
      const resolved = resolveInstallerName(spec.declared, 'coInstaller', semantics);
      if (resolved.ok) coInstallers.push({ who, index, position, name: resolved.name });
      else skipped.push({ who, index, declared: spec.declared, reason: resolved.reason });
    });
  }

  let classInstaller: DispatchPlan['classInstaller'] = null;
  if (scenario.classInstaller && asks('classInstaller')) {
    const declared = scenario.classInstaller.declared;
    if (semantics.ciFailedFlag === 'skips-class-installer' && (scenario.flagsEx & FlagEx.DI_FLAGSEX_CI_FAILED) !== 0) {
      skipped.push({ who: 'classInstaller', declared, reason: 'DI_FLAGSEX_CI_FAILED is already set' });
    } else {
      const resolved = resolveInstallerName(declared, 'classInstaller', semantics);
      if (resolved.ok) classInstaller = { name: resolved.name };
      else skipped.push({ who: 'classInstaller', declared, reason: `${resolved.reason}; treated as no class installer` });
    }
  }

  return sealed(base, {
    rejection: null,
    coInstallers,
    classInstaller,
    defaultHandler: defaultHandlerFor(semantics, dif, info?.name, scenario.os),
    skipped,
  });
}
