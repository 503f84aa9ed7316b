/**
 * FailedStepAbortsInstall: a step that objects ends the installation; only DIF_DESTROYPRIVATEDATA follows.
 * Source: WDD co-installer-interface.md ("A Win32 error … makes Windows abandon the installation"; WDD
 * dif-installdevice.md, dif-allow-install.md, dif-installdevicefiles.md), WDD using-device-installation-functions.md (ERROR_DI_DO_DEFAULT is
 * "no objection": WDD dif-allow-install.md; Wine dlls/ntoskrnl.exe/pnp.c), Logs xcp-ng/win-pv-drivers
 * #10 (DIF_DESTROYPRIVATEDATA after a failed DIF_INSTALLDEVICE).
 */
import { fails, type LifecycleInvariant } from '../types.js';
import { attemptRecords, isNoObjection, sequenceRecords } from './executionOrder.js';

export const failedStepAbortsInstall: LifecycleInvariant = {
  name: 'FailedStepAbortsInstall',
  sentence: 'After a step of the sequence ends with neither NO_ERROR nor ERROR_DI_DO_DEFAULT, only DIF_DESTROYPRIVATEDATA is still sent, no finish-install process runs, and the installation fails with that DIF and code.',
  source: 'WDD co-installer-interface.md; WDD using-device-installation-functions.md; WDD how-finish-install-actions-are-processed.md; Logs pbatard/libwdi #200, #228, #310, xcp-ng/xcp #83; WDD dif-installdevice.md, dif-allow-install.md; Wine dlls/ntoskrnl.exe/pnp.c; Logs xcp-ng/win-pv-drivers #10',
  machine: 'deviceInstall',
  check(_scenario, result) {
    const steps = sequenceRecords(result);
    const failedAt = steps.findIndex((r) => r.dif !== 'DIF_DESTROYPRIVATEDATA' && !isNoObjection(r.result.hex));
    if (failedAt === -1) {
      return result.failure === null && result.outcome !== 'failed' ? null : fails(`the installation failed (${JSON.stringify(result.failure)}) although every step ended with no objection`);
    }
    const failed = steps[failedAt];
    const later = steps.slice(failedAt + 1).find((r) => r.dif !== 'DIF_DESTROYPRIVATEDATA');
    if (later) return fails(`${later.dif} was sent after ${failed.dif} failed with ${failed.result.hex}`);
    if (attemptRecords(result).length > 0) return fails(`a finish-install process ran after ${failed.dif} failed`);
    if (result.outcome !== 'failed' && result.outcome !== 'hung') return fails(`the outcome is ${result.outcome} although ${failed.dif} failed with ${failed.result.hex}`);
    if (result.failure?.dif !== failed.dif || result.failure?.hex !== failed.result.hex) {
      return fails(`the failure is reported as ${JSON.stringify(result.failure)} but ${failed.dif} failed with ${failed.result.hex}`);
    }
    return null;
  },
};
