/**
 * FinishInstallRetriesUntilSuccess (Vista and Windows 7): a failed finish-install action keeps the
 * mark, and every later enumeration in an administrator's context runs it again, until it succeeds.
 * Source: WDD overview-of-finish-install-actions.md, running-finish-install-actions.md "Before Windows 8" and WDD dif-finishinstall-action.md, implementing-finish-install-actions.md (WDD running-finish-install-actions.md;
 * dif-finishinstall-action.md; implementing-finish-install-actions.md); docs/lifecycle.md choice L4.
 */
import { fails, type LifecycleInvariant } from '../types.js';
import { expectedAttempts, finishInstallFacts } from './finishInstallFacts.js';

export const finishInstallRetriesUntilSuccess: LifecycleInvariant = {
  name: 'FinishInstallRetriesUntilSuccess',
  sentence: 'On Vista and Windows 7 a marked, running device gets a finish-install process at every administrator context (end of core installation, log-on, re-enumeration, re-attach) until one returns NO_ERROR or ERROR_DI_DO_DEFAULT, which clears the mark; a Win32 error keeps it.',
  source: 'WDD overview-of-finish-install-actions.md, running-finish-install-actions.md; WDD dif-finishinstall-action.md, implementing-finish-install-actions.md; WDD running-finish-install-actions.md, dif-finishinstall-action.md, implementing-finish-install-actions.md; choice L4',
  machine: 'deviceInstall',
  check(scenario, result) {
    const facts = finishInstallFacts(scenario, result);
    if (!facts.retries) return null;
    const expected = expectedAttempts(facts);
    if (facts.results.length !== expected.attempts) {
      return fails(`${facts.results.length} finish-install process(es) ran where the administrator contexts and results call for ${expected.attempts}`);
    }
    if (result.finishInstall.pending !== expected.pending) {
      return fails(`the mark ${result.finishInstall.pending ? 'stayed' : 'was cleared'} although the last result (${facts.results.at(-1) ?? 'no attempt'}) ${expected.pending ? 'keeps' : 'clears'} it`);
    }
    return null;
  },
};
