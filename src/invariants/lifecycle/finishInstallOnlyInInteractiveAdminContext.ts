/**
 * FinishInstallOnlyInInteractiveAdminContext: finish-install processes run client side, only in an
 * administrator's context, for a running device.
 * Source: WDD overview-of-finish-install-actions.md, running-finish-install-actions.md (WDD overview-of-finish-install-actions.md; running-finish-install-actions.md;
 * finish-install-actions--windows-vista-and-later-.md), WDD how-finish-install-actions-are-processed.md (WDD dif-finishinstall-action.md).
 */
import { fails, type LifecycleInvariant } from '../types.js';
import { attemptRecords } from './executionOrder.js';
import { finishInstallFacts } from './finishInstallFacts.js';

export const finishInstallOnlyInInteractiveAdminContext: LifecycleInvariant = {
  name: 'FinishInstallOnlyInInteractiveAdminContext',
  sentence: "Every DIF_FINISHINSTALL_ACTION runs client side (interactively), and there are never more finish-install processes than moments an administrator's context met a running device.",
  source: 'WDD overview-of-finish-install-actions.md, running-finish-install-actions.md; WDD how-finish-install-actions-are-processed.md; WDD overview-of-finish-install-actions.md, running-finish-install-actions.md, dif-finishinstall-action.md',
  machine: 'deviceInstall',
  check(scenario, result) {
    // A named sequence never sends DIF_FINISHINSTALL_ACTION itself; an explicit DIF list may (server side, choice L6).
    const named = typeof scenario.lifecycle.sequence === 'string';
    if (named && result.difs.some((d) => d.dif === 'DIF_FINISHINSTALL_ACTION' && d.context !== 'client')) {
      return fails('DIF_FINISHINSTALL_ACTION ran in the non-interactive server context');
    }
    const facts = finishInstallFacts(scenario, result);
    const adminMoments = facts.stopped ? 0 : facts.chances.filter((c) => c.admin && c.started).length;
    const attempts = attemptRecords(result).length;
    if (attempts > adminMoments) {
      return fails(`${attempts} finish-install process(es) ran, but an administrator's context met the running device only ${adminMoments} time(s)`);
    }
    return null;
  },
};
