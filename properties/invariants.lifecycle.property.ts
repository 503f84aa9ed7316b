/**
 * deviceInstall invariants (docs/invariants.md; predicates in src/invariants/lifecycle/), checked on
 * generated installations (properties/arbitraries/lifecycle.ts: sequences, effects, sessions,
 * timelines) through the real machine:
 *
 * - DeviceCoInstallersOnlyAfterRegistration: a new device's co-installers only after SetupDiRegisterCoDeviceInstallers.
 * - FailedStepAbortsInstall: after a failed step only DIF_DESTROYPRIVATEDATA; the installation fails.
 * - DestroyPrivateDataWhenListDiscarded: the sequence ends with DIF_DESTROYPRIVATEDATA; a default handler that throws the installer list away nests one.
 * - DllStateNeverSurvivesADif: DLL state is gone at the next DIF, and reading it is reported.
 * - DriverKeyStatePersists: driver-key properties and CoInstallers32 stay.
 * - NoUiInServerContext: a server-side dialog hangs the installation and is reported.
 * - FinishInstallOnlyIfMarked: marked exactly when flagged in DIF_NEWDEVICEWIZARD_FINISHINSTALL; actions only while marked.
 * - FinishInstallOnlyInInteractiveAdminContext: finish-install processes client side, in administrator contexts only.
 * - FinishInstallRetriesUntilSuccess: Vista/7 retry at every administrator context until success.
 * - FinishInstallOneChance: Windows 8+ run once, when an administrator asks; the mark is cleared.
 *
 * Each invariant: one `test.prop` (title "Name: sentence") under windows, then one row per other
 * profile from src/invariants/expectations.ts (the lifecycle is Windows' own in every profile,
 * docs/lifecycle.md L5, so all hold).
 */
import { fc, test } from '@fast-check/jest';
import { expectationOf } from '../src/invariants/expectations.js';
import { LIFECYCLE_INVARIANTS } from '../src/invariants/index.js';
import { lifecycleDocArb, type LifecycleDoc } from './arbitraries/lifecycle.js';
import { assertLifecycleInvariant, lifecycleBreach } from './laws/invariants.js';
import { reportingInstall } from './support/counterexamples.js';
import { RUNS, SEARCH_RUNS, SHARED_SEED } from './support/runs.js';

const OTHER_PROFILES = ['reactos', 'wine'] as const;

describe(`deviceInstall invariants (${RUNS} runs each)`, () => {
  describe.each(LIFECYCLE_INVARIANTS.map((invariant) => [invariant.name, invariant] as const))('%s', (name, invariant) => {
    test.prop([lifecycleDocArb('windows')], reportingInstall<LifecycleDoc>({ invariant: name, profile: 'windows' }))(`${name}: ${invariant.sentence}`, (doc) => {
      // Arrange / Act / Assert: run the installation, judge the result
      assertLifecycleInvariant(invariant, doc);
    });

    test.each(OTHER_PROFILES.map((profile) => ({ profile, ...expectationOf(name, profile) })))('$expectation under $profile', ({ profile, expectation }) => {
      const arb = lifecycleDocArb(profile);
      if (expectation === 'holds') {
        fc.assert(fc.property(arb, (doc) => assertLifecycleInvariant(invariant, doc)), { ...reportingInstall<LifecycleDoc>({ invariant: name, profile }), seed: SHARED_SEED });
        return;
      }
      const details = fc.check(fc.property(arb, (doc) => lifecycleBreach(invariant, doc) === null), { numRuns: SEARCH_RUNS });
      expect({ profile, breaks: details.failed }).toEqual({ profile, breaks: true });
    });
  });
});
