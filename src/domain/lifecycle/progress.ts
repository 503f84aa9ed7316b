/**
 * How the installation moves on after each DIF and each timeline event: failures, registration of
 * device co-installers, the finish-install mark, and when a finish-install process runs.
 */
import { Boxed } from '../appendLog.js';
import { difLabel, hex } from '../codes.js';
import { Flag, FlagEx } from '../flags.js';
import { Status } from '../statusCodes.js';
import { applyUnloadDlls, type EffectCall } from './effects.js';
import { listLoaded, scenarioForDif, type DifRecord, type InstallState } from './installState.js';
import { DIF, type Step } from './sequences.js';
import type { TimelineEvent } from './types.js';

/**
 * A step fails when its result is neither NO_ERROR nor ERROR_DI_DO_DEFAULT: Windows' own callers
 * take ERROR_DI_DO_DEFAULT as "no objection" (WDD dif-allow-install.md; wine-mirror/wine
 * dlls/ntoskrnl.exe/pnp.c; WDD using-device-installation-functions.md).
 */
export function isNoObjection(code: number): boolean {
  return code === Status.NO_ERROR || code === Status.ERROR_DI_DO_DEFAULT;
}

/** Records a finished sequence step (not a nested call, not a finish-install attempt). */
/** A finished DIF joins the record, its dispatch-rule violations join the run's, and the DLLs unload. */
function applyDifRecorded(s: InstallState, record: DifRecord): void {
  s.difs = s.difs.append(record);
  s.violations = s.violations.append(...record.violations);
  applyUnloadDlls(s);
}

/** Records a finished sequence step, then the DIFs that ran inside it (the order DIFs were sent). */
export function applyStepFinished(s: InstallState, step: Step, record: DifRecord, status: number, nested: readonly DifRecord[] = []): void {
  applyDifRecorded(s, record);
  s.difs = s.difs.append(...nested);
  applyUnloadDlls(s);
  const ok = isNoObjection(status);
  if (!ok && !step.cleanup && !s.failure) s.failure = { dif: record.dif, hex: hex(status) };
  if (step.dif === DIF.SELECTBESTCOMPATDRV && s.inPreviousClass && driverSelected(record)) {
    // The selected driver's class is the device's class from now on: its installers take part from
    // the next DIF (plaso log, the WPD device: "Class GUID of device changed to", line 10550, then
    // "Class installer ==" and "CoInstaller 1 ==" reloaded in DIF_ALLOW_INSTALL, lines 10566–10571).
    s.inPreviousClass = false;
  }
  if (step.dif === DIF.INSTALLDEVICE && ok) {
    // SetupDiInstallDevice does not start the device when a restart is needed or
    // DI_DONOTCALLCONFIGMG is set (SDK nf-setupapi-setupdiinstalldevice.md; WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h). Flags set
    // in postprocessing come after it ran ("in postprocessing the device is running"): it saw the
    // flags as they were when postprocessing began.
    const blocked = Flag.DI_NEEDREBOOT | Flag.DI_NEEDRESTART | DONOTCALLCONFIGMG;
    s.deviceStarted = ((s.flagsBeforePost ?? s.flags) & blocked) === 0;
    if (!s.deviceStarted) s.notes = s.notes.append('the device was not started: a restart is needed or DI_DONOTCALLCONFIGMG is set');
  }
  if (step.dif === DIF.NEWDEVICEWIZARD_FINISHINSTALL && ok && (s.flagsEx & FlagEx.DI_FLAGSEX_FINISHINSTALL_ACTION) !== 0) {
    // Set once all installers have handled the request: the device is marked
    // (WDD how-finish-install-actions-are-processed.md; CONFIGFLAG_FINISHINSTALL_ACTION, WDD setting-the-configflag-finishinstall-action-device-configuration-flag.md; docs/lifecycle.md L2).
    s.marked = true;
    s.everMarked = true;
    s.flagsEx = (s.flagsEx & ~FlagEx.DI_FLAGSEX_FINISHINSTALL_ACTION) >>> 0;
  }
}

const DONOTCALLCONFIGMG = 0x00020000;

/** DIF_SELECTBESTCOMPATDRV selected a driver: its default handler ran and succeeded, or the class installer did the work and succeeded. */
function driverSelected(record: DifRecord): boolean {
  return Number.parseInt(record.result.hex, 16) === Status.NO_ERROR;
}

/** The call never returns: DrvInst waits on a dialog nobody sees (WDD writing-class-installers-and-co-installers.md "UI"). */
export function applyHung(s: InstallState, call: EffectCall, finishedInside: readonly DifRecord[] = []): void {
  s.hung = true;
  s.difs = s.difs.append(...finishedInside);
  const who = call.index !== undefined ? `co-installer ${call.index} (${call.name}) ${call.phase}processing` : `class installer ${call.name}`;
  s.notes = s.notes.append(`${difLabel(call.dif)} hung in ${who}: the dialog waits for a user in a non-interactive session`);
}

/**
 * A nested call ended (DIF_DESTROYPRIVATEDATA inside SetupDiRegisterCoDeviceInstallers): its
 * violations count now; its record is listed after the DIF it ran in, once that ends. The DLLs stay
 * loaded: the outer DIF is not over (docs/lifecycle.md: DLL state lives until the end of the DIF).
 */
export function applyNestedFinished(s: InstallState, record: DifRecord): void {
  s.violations = s.violations.append(...record.violations);
}

/**
 * SetupDiRegisterCoDeviceInstallers returned: on success the device co-installers are written to
 * the driver key's CoInstallers32 and take part from the next DIF on (SDK
 * nf-setupapi-setupdiregistercodeviceinstallers.md; WDD registering-a-device-specific-co-installer.md).
 */
export function applyRegistration(s: InstallState, code: number): void {
  if (code !== Status.NO_ERROR) return;
  const names = s.plan.scenario.deviceCoInstallers.map((c) => c.declared);
  s.registered = names.length > 0;
  const { CoInstallers32: _old, ...rest } = s.driverKey.value;
  s.driverKey = new Boxed(names.length > 0 ? { ...rest, CoInstallers32: names } : rest);
}

/**
 * Whether this DIF's default handler throws the installer list away, so that the old list gets a
 * nested DIF_DESTROYPRIVATEDATA first (docs/lifecycle.md, choice L5):
 * - DIF_REGISTER_COINSTALLERS, when it registers device co-installers (the `[DDInstall.CoInstallers]`
 *   section lists some and SetupDiRegisterCoDeviceInstallers succeeds). With none registered there is
 *   none: pbatard/libwdi issue #310 (qport), log2timeline/plaso test_data/setupapi.dev.log (VirtualBox
 *   installs); with one registered there is: pbatard/libwdi issue #76, plaso's WPD device.
 * - DIF_SELECTBESTCOMPATDRV, when selecting the driver changes the device's class and an installer
 *   list is loaded ("Class GUID of device changed to", then the nested DIF inside "Select Best Driver":
 *   plaso's WPD device; the VirtualBox device, with no installers loaded, gets none).
 */
export function defaultHandlerDestroysOldList(s: InstallState, dif: number): boolean {
  const scenario = s.plan.scenario;
  if (dif === DIF.REGISTER_COINSTALLERS) return scenario.deviceCoInstallers.length > 0 && s.plan.registerCoInstallers === Status.NO_ERROR;
  if (dif === DIF.SELECTBESTCOMPATDRV) return scenario.lifecycle.selectChangesClass === true && listLoaded(scenarioForDif(s));
  return false;
}

export type FinishInstallTrigger = { readonly type: 'core.finished' } | TimelineEvent;

/**
 * Whether a finish-install process starts now (WDD overview-of-finish-install-actions.md, running-finish-install-actions.md): only for a marked, started device, in
 * the context of an administrator. Vista/Windows 7: right after core installation if an
 * administrator is logged on, else at the next administrator log-on, and again each time the device
 * is enumerated in an administrator context (log-on, re-attach, scan for hardware changes) while the
 * mark stays. Windows 8 and later: only when an administrator chooses "Finish installing device
 * software" (WDD running-finish-install-actions.md; finish-install-actions--windows-vista-and-later-.md).
 */
export function finishInstallDue(s: InstallState, trigger: FinishInstallTrigger): boolean {
  if (!s.marked || !s.deviceStarted || s.failure || s.hung) return false;
  if (s.plan.retriesFinishInstall) {
    switch (trigger.type) {
      case 'core.finished':
        return s.session?.admin === true;
      case 'user.loggedOn':
        return trigger.admin;
      case 'device.reenumerated':
      case 'device.reattached':
        return s.session?.admin === true;
      default:
        return false;
    }
  }
  return trigger.type === 'user.finishInstallRequested' && trigger.admin;
}

/** The environment changes (who is logged on, whether the device runs). */
export function applyTimelineEvent(s: InstallState, event: TimelineEvent): void {
  switch (event.type) {
    case 'user.loggedOn':
      s.session = { admin: event.admin };
      break;
    case 'user.loggedOff':
      s.session = null;
      break;
    case 'system.restarted':
      s.session = null;
      if (!s.failure) s.deviceStarted = true;
      break;
    case 'user.finishInstallRequested':
      if (s.plan.retriesFinishInstall) s.notes = s.notes.append('"Finish installing device software" exists from Windows 8 on; ignored');
      else if (s.marked && !event.admin) s.notes = s.notes.append('finishing device software needs administrator credentials; not run');
      break;
    case 'device.reenumerated':
    case 'device.reattached':
      break;
    default: {
      const never: never = event;
      throw new Error(`unknown timeline event ${JSON.stringify(never)}`);
    }
  }
}

/**
 * A finish-install attempt ended. Vista/Windows 7: NO_ERROR or ERROR_DI_DO_DEFAULT clears the mark,
 * a Win32 error keeps it for a retry. Windows 8 and later: the mark is cleared whatever the result
 * (WDD dif-finishinstall-action.md; guidelines-for-implementing-finish-install-actions.md; WDD dif-finishinstall-action.md, implementing-finish-install-actions.md; WDD guidelines-for-implementing-finish-install-actions.md against dif-finishinstall-action.md (docs/lifecycle.md L3)).
 */
export function applyFinishInstallAttempt(s: InstallState, record: DifRecord, status: number): void {
  applyDifRecorded(s, record);
  s.attempts = s.attempts.append(hex(status));
  if (isNoObjection(status) || !s.plan.retriesFinishInstall) s.marked = false;
}

export type Outcome = 'installed' | 'failed' | 'hung' | 'removed' | 'finish-install-pending';

export function outcomeOf(s: InstallState): Outcome {
  if (s.hung) return 'hung';
  if (s.failure) return 'failed';
  if (s.plan.sequence.name === 'remove') return 'removed';
  if (s.marked) return 'finish-install-pending';
  return 'installed';
}
