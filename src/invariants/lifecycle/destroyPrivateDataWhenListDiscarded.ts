/**
 * DestroyPrivateDataWhenListDiscarded: the sequence always ends with DIF_DESTROYPRIVATEDATA, and a
 * default handler sends a nested one to the old installer list exactly when it throws that list
 * away: DIF_REGISTER_COINSTALLERS when it registers device co-installers, DIF_SELECTBESTCOMPATDRV
 * when the selected driver changes the device's class while installers are loaded.
 * Source: WDD dif-destroyprivatedata.md (sent when the set or the installer list is discarded);
 * real logs: pbatard/libwdi issue #76 (nested after `[USB_Install.CoInstallers]` registered two),
 * issue #310 (qport: none registered, none sent), log2timeline/plaso test_data/setupapi.dev.log
 * (VirtualBox installs: none; the WPD device: one inside DIF_REGISTER_COINSTALLERS and one inside
 * "Select Best Driver" after "Class GUID of device changed to"); Logs pbatard/libwdi #200,
 * xcp-ng/win-pv-drivers #10 (the final one, also after a failed step); docs/lifecycle.md choices L5, L7.
 */
import { fails, type LifecycleInvariant } from '../types.js';
import { sequenceRecords } from './executionOrder.js';

export const destroyPrivateDataWhenListDiscarded: LifecycleInvariant = {
  name: 'DestroyPrivateDataWhenListDiscarded',
  sentence:
    "Unless an installer hung it, every installation sequence ends with DIF_DESTROYPRIVATEDATA, also after a failed step; a nested DIF_DESTROYPRIVATEDATA is sent to the old installer list exactly when a default handler throws it away: DIF_REGISTER_COINSTALLERS's when it registers device co-installers, DIF_SELECTBESTCOMPATDRV's when the selected driver changes the device's class while installers are loaded.",
  source: 'WDD dif-destroyprivatedata.md, dif-register-coinstallers.md; Logs pbatard/libwdi #76, #200, #310, xcp-ng/win-pv-drivers #10, log2timeline/plaso test_data/setupapi.dev.log; docs/lifecycle.md',
  machine: 'deviceInstall',
  check(scenario, result) {
    if (typeof scenario.lifecycle.sequence !== 'string') return null;
    let registered = scenario.lifecycle.sequence !== 'hardware-first' && scenario.deviceCoInstallers.length > 0;
    for (let i = 0; i < result.difs.length; i++) {
      const record = result.difs[i];
      if (record.nestedIn !== undefined) continue;
      const handler = record.calls.find((c) => c.who === 'defaultHandler' && c.function);
      const after = result.difs[i + 1];
      const nested = after?.dif === 'DIF_DESTROYPRIVATEDATA' && after.nestedIn === record.dif;
      let due = false;
      if (record.dif === 'DIF_REGISTER_COINSTALLERS') {
        const succeeded = handler !== undefined && Number.parseInt(handler.returned, 16) === 0;
        due = handler !== undefined && succeeded && scenario.deviceCoInstallers.length > 0;
        if (succeeded) registered = scenario.deviceCoInstallers.length > 0;
      } else if (record.dif === 'DIF_SELECTBESTCOMPATDRV') {
        const loaded = scenario.classInstaller !== null || scenario.classCoInstallers.length > 0 || registered;
        due = handler !== undefined && scenario.lifecycle.selectChangesClass === true && loaded;
      }
      if (due && !nested) return fails(`${record.dif}'s default handler threw the installer list away without the nested DIF_DESTROYPRIVATEDATA`);
      if (!due && nested) return fails(`a nested DIF_DESTROYPRIVATEDATA was sent inside ${record.dif} although its default handler kept the installer list`);
    }
    if (result.outcome === 'hung') return null;
    const steps = sequenceRecords(result);
    if (steps.at(-1)?.dif !== 'DIF_DESTROYPRIVATEDATA') return fails(`the sequence ended with ${steps.at(-1)?.dif ?? 'nothing'}, not DIF_DESTROYPRIVATEDATA`);
    return null;
  },
};
