/**
 * NullDeviceInfoNoDeviceCoInstallers: a request without a DeviceInfoData goes to the class's
 * installers only: no device co-installer, and the request is not refused.
 * Source: spec.md §2.3 (DIF_DETECT, DIF_FIRSTTIMESETUP always NULL) and §1.6 (a device co-installer
 * always gets a DeviceInfoData; WDD co-installer-interface.md); spec.md §1.8 (SDK
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
  source: 'spec.md §2.3, §1.6, §1.8; WDD co-installer-interface.md, dif-detect.md, dif-firsttimesetup.md; SDK nf-setupapi-setupdicallclassinstaller.md',
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
