/**
 * FinishInstallOnlyIfMarked: the device is marked exactly when an installer left
 * DI_FLAGSEX_FINISHINSTALL_ACTION set during a successful DIF_NEWDEVICEWIZARD_FINISHINSTALL, and
 * DIF_FINISHINSTALL_ACTION is sent only while the mark stays.
 * Source: WDD setting-the-configflag-finishinstall-action-device-configuration-flag.md (WDD how-finish-install-actions-are-processed.md;
 * setting-the-configflag-finishinstall-action-device-configuration-flag.md), WDD overview-of-finish-install-actions.md, running-finish-install-actions.md, WDD dif-finishinstall-action.md, implementing-finish-install-actions.md.
 */
import { fails, type LifecycleInvariant } from '../types.js';
import { isNoObjection } from './executionOrder.js';
import { finishInstallFacts } from './finishInstallFacts.js';

export const finishInstallOnlyIfMarked: LifecycleInvariant = {
  name: 'FinishInstallOnlyIfMarked',
  sentence: 'A device is marked for finish-install actions exactly when DI_FLAGSEX_FINISHINSTALL_ACTION is set once all installers have handled a successful DIF_NEWDEVICEWIZARD_FINISHINSTALL, and DIF_FINISHINSTALL_ACTION is sent only while the mark stays.',
  source: 'WDD setting-the-configflag-finishinstall-action-device-configuration-flag.md; WDD overview-of-finish-install-actions.md, running-finish-install-actions.md; WDD dif-finishinstall-action.md, implementing-finish-install-actions.md; WDD how-finish-install-actions-are-processed.md, setting-the-configflag-finishinstall-action-device-configuration-flag.md',
  machine: 'deviceInstall',
  check(scenario, result) {
    const facts = finishInstallFacts(scenario, result);
    if (result.finishInstall.marked !== facts.marked) {
      return fails(facts.marked ? 'an installer left DI_FLAGSEX_FINISHINSTALL_ACTION set in a successful DIF_NEWDEVICEWIZARD_FINISHINSTALL, but the device was not marked' : 'the device was marked although no installer left DI_FLAGSEX_FINISHINSTALL_ACTION set in a successful DIF_NEWDEVICEWIZARD_FINISHINSTALL');
    }
    if (!facts.marked && facts.results.length > 0) return fails(`DIF_FINISHINSTALL_ACTION was sent ${facts.results.length} time(s) to a device that was never marked`);
    const clearedAt = facts.results.findIndex((r) => !facts.retries || isNoObjection(r));
    if (clearedAt !== -1 && clearedAt < facts.results.length - 1) {
      return fails(`DIF_FINISHINSTALL_ACTION was sent again after attempt ${clearedAt + 1} (${facts.results[clearedAt]}) had cleared the mark`);
    }
    return null;
  },
};
