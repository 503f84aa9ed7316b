/**
 * DestroyPrivateDataWhenListDiscarded: the sequence ends with DIF_DESTROYPRIVATEDATA when an
 * installer list is loaded (and without one when none is: nothing to send it to), and a
 * default handler sends a nested one to the old installer list exactly when it throws that list
 * away: DIF_REGISTER_COINSTALLERS when it registers device co-installers, DIF_SELECTBESTCOMPATDRV
 * when the selected driver changes the device's class while installers are loaded.
 * Source: WDD dif-destroyprivatedata.md (sent when the set or the installer list is discarded);
 * real logs: pbatard/libwdi issue #76 (nested after `[USB_Install.CoInstallers]` registered two),
 * pbatard/libwdi issue #310 (qport: none registered, none sent), log2timeline/plaso test_data/setupapi.dev.log
 * (VirtualBox installs: none; the WPD device: one inside DIF_REGISTER_COINSTALLERS and one inside
 * "Select Best Driver" after "Class GUID of device changed to"); Logs pbatard/libwdi #200,
 * xcp-ng/win-pv-drivers #10 (the final one, also after a failed step); plaso's VirtualBox device
 * PCI\VEN_80EE&DEV_CAFE (no installer loaded, no DIF_DESTROYPRIVATEDATA); docs/lifecycle.md choices L5, L7, L10.
 */
import { fails, type LifecycleInvariant } from '../types.js';
import { sequenceRecords } from './executionOrder.js';

export const destroyPrivateDataWhenListDiscarded: LifecycleInvariant = {
  name: 'DestroyPrivateDataWhenListDiscarded',
  sentence:
    "Unless an installer hung it, every installation sequence whose device has an installer list ends with DIF_DESTROYPRIVATEDATA, also after a failed step, and one whose device has none ends without; a nested DIF_DESTROYPRIVATEDATA is sent to the old installer list exactly when a default handler throws it away: DIF_REGISTER_COINSTALLERS's when it registers device co-installers, DIF_SELECTBESTCOMPATDRV's when the selected driver changes the device's class while installers are loaded.",
  source: 'WDD dif-destroyprivatedata.md, dif-register-coinstallers.md; Logs pbatard/libwdi #76, #200, #310, xcp-ng/win-pv-drivers #10, log2timeline/plaso test_data/setupapi.dev.log; docs/lifecycle.md',
  machine: 'deviceInstall',
  check(scenario, result) {
    if (typeof scenario.lifecycle.sequence !== 'string') return null;
    const changes = scenario.lifecycle.selectChangesClass === true;
    let registered = scenario.lifecycle.sequence !== 'hardware-first' && scenario.deviceCoInstallers.length > 0;
    let previous = changes && scenario.previousClass !== undefined;
    const loaded = () => {
      const cls = previous ? scenario.previousClass! : scenario;
      return cls.classInstaller !== null || cls.classCoInstallers.length > 0 || registered;
    };
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
        due = handler !== undefined && changes && loaded();
        if (Number.parseInt(record.result.hex, 16) === 0) previous = false;
      }
      if (due && !nested) return fails(`${record.dif}'s default handler threw the installer list away without the nested DIF_DESTROYPRIVATEDATA`);
      if (!due && nested) return fails(`a nested DIF_DESTROYPRIVATEDATA was sent inside ${record.dif} although its default handler kept the installer list`);
    }
    if (result.outcome === 'hung') return null;
    const steps = sequenceRecords(result);
    const last = steps.at(-1)?.dif;
    if (loaded() && last !== 'DIF_DESTROYPRIVATEDATA') return fails(`the sequence ended with ${last ?? 'nothing'}, not DIF_DESTROYPRIVATEDATA`);
    if (!loaded() && last === 'DIF_DESTROYPRIVATEDATA') return fails('the sequence ended with DIF_DESTROYPRIVATEDATA although no installer list was loaded to send it to');
    return null;
  },
};
