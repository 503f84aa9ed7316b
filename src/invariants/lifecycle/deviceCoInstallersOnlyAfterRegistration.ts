/**
 * DeviceCoInstallersOnlyAfterRegistration: a new device's co-installers take part only after
 * SetupDiRegisterCoDeviceInstallers registered them.
 * Source: WDD co-installer-operation.md, images/dif-flow.png step 2 and WDD co-installer-operation.md (SDK nf-setupapi-setupdiregistercodeviceinstallers.md;
 * WDD dif-register-coinstallers.md; WDD co-installer-operation.md), WDD how-finish-install-actions-are-processed.md; Logs pbatard/libwdi #200, #228, #310, xcp-ng/xcp #83 step 5 (Logs xcp-ng/xcp #83,
 * pbatard/libwdi #76).
 */
import { fails, type LifecycleInvariant } from '../types.js';
import { executionOrder } from './executionOrder.js';

const DIF_REGISTER_COINSTALLERS = 0x22;

export const deviceCoInstallersOnlyAfterRegistration: LifecycleInvariant = {
  name: 'DeviceCoInstallersOnlyAfterRegistration',
  sentence: "In a hardware-first installation no device co-installer is called before DIF_REGISTER_COINSTALLERS's default handler (SetupDiRegisterCoDeviceInstallers) has returned NO_ERROR.",
  source: 'WDD co-installer-operation.md, images/dif-flow.png step 2, WDD co-installer-operation.md, WDD how-finish-install-actions-are-processed.md; Logs pbatard/libwdi #200, #228, #310, xcp-ng/xcp #83; SDK nf-setupapi-setupdiregistercodeviceinstallers.md; WDD dif-register-coinstallers.md, co-installer-operation.md; Logs xcp-ng/xcp #83',
  machine: 'deviceInstall',
  check(scenario, result) {
    if (scenario.lifecycle.sequence !== 'hardware-first') return null;
    let registered = false;
    for (const h of executionOrder(scenario, result)) {
      if (h.kind !== 'call') continue;
      if (h.call.who === 'deviceCoInstaller' && !registered) {
        return fails(`device co-installer ${h.call.index} (${h.call.name}) was called in ${h.record.dif}${h.record.nestedIn ? ` (nested in ${h.record.nestedIn})` : ''} before it was registered`);
      }
      if (h.dif === DIF_REGISTER_COINSTALLERS && h.record.nestedIn === undefined && h.call.who === 'defaultHandler' && h.call.function && Number.parseInt(h.call.returned, 16) === 0) {
        registered = true;
      }
    }
    return null;
  },
};
