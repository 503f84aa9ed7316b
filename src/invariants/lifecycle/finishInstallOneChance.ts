/**
 * FinishInstallOneChance (Windows 8 and later): finish-install actions run only when an
 * administrator asks, once, and the mark is cleared whatever the result.
 * Source: WDD overview-of-finish-install-actions.md, running-finish-install-actions.md "Windows 8 and later", WDD guidelines-for-implementing-finish-install-actions.md against dif-finishinstall-action.md (docs/lifecycle.md L3) (WDD running-finish-install-actions.md;
 * guidelines-for-implementing-finish-install-actions.md); docs/lifecycle.md choice L3.
 */
import { fails, type LifecycleInvariant } from '../types.js';
import { expectedAttempts, finishInstallFacts } from './finishInstallFacts.js';

export const finishInstallOneChance: LifecycleInvariant = {
  name: 'FinishInstallOneChance',
  sentence: 'On Windows 8 and later a marked, running device gets exactly one finish-install process, at the first "Finish installing device software" an administrator asks for, and the mark is cleared whatever it returns.',
  source: 'WDD overview-of-finish-install-actions.md, running-finish-install-actions.md; WDD guidelines-for-implementing-finish-install-actions.md against dif-finishinstall-action.md (docs/lifecycle.md L3); WDD running-finish-install-actions.md, guidelines-for-implementing-finish-install-actions.md; choice L3',
  machine: 'deviceInstall',
  check(scenario, result) {
    const facts = finishInstallFacts(scenario, result);
    if (facts.retries) return null;
    if (facts.results.length > 1) return fails(`${facts.results.length} finish-install processes ran; Windows 8 and later give one chance`);
    const expected = expectedAttempts(facts);
    if (facts.results.length !== expected.attempts) {
      return fails(expected.attempts === 1 ? 'an administrator asked to finish installing a marked, running device, but no finish-install process ran' : 'a finish-install process ran although no administrator asked for it while the device was marked and running');
    }
    if (facts.results.length === 1 && result.finishInstall.pending) return fails(`the mark stayed after the one finish-install process (${facts.results[0]})`);
    return null;
  },
};
