/**
 * NullDeviceInfoNoDeviceCoInstallers: a request without a DeviceInfoData goes to the class's
 * installers only: no device co-installer, and the request is not refused.
 * Source: WDD dif-detect.md, dif-firsttimesetup.md (DIF_DETECT, DIF_FIRSTTIMESETUP always NULL) and WDD co-installer-operation.md (a device co-installer
 * always gets a DeviceInfoData; WDD co-installer-interface.md); SDK nf-setupapi-setupdicallclassinstaller.md (SDK
 * nf-setupapi-setupdicallclassinstaller.md: with a NULL DeviceInfoData the installers of the set's
 * class are called).
 */
import { describeCall, NULL_DEVICE_INFO_DIFS } from './reference.js';
import { fails, type DispatchInvariant } from '../types.js';
import type { DispatchPlan } from '../../domain/dispatchPlan.js';

/** No device in the scenario (the plan says so), or a DIF that always passes NULL. */
const noDeviceInfo = (plan: DispatchPlan): boolean => !plan.hasDeviceInfo || NULL_DEVICE_INFO_DIFS.has(plan.dif);

export const nullDeviceInfoNoDeviceCoInstallers: DispatchInvariant<null> = {
  name: 'NullDeviceInfoNoDeviceCoInstallers',
  sentence: 'A request without a DeviceInfoData (no device, or DIF_DETECT / DIF_FIRSTTIMESETUP) calls no device co-installer and is still passed to the class co-installers and the class installer, not refused.',
  source: 'WDD dif-detect.md, dif-firsttimesetup.md; WDD co-installer-operation.md; SDK nf-setupapi-setupdicallclassinstaller.md; WDD co-installer-interface.md, dif-detect.md, dif-firsttimesetup.md',
  machine: 'difDispatch',
  init: () => null,
  step(ghost, { call }, plan) {
    if (noDeviceInfo(plan) && call.who === 'deviceCoInstaller') return fails(`${describeCall(call)} was called although the request has no DeviceInfoData`);
    return ghost;
  },
  end(_ghost, _end, plan) {
    if (!noDeviceInfo(plan) || !plan.rejection) return null;
    return fails(`the request without a DeviceInfoData was refused before any installer ran (${plan.rejection.reason})`);
  },
};
