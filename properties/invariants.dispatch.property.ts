/**
 * difDispatch invariants (docs/invariants.md; monitors in src/invariants/dispatch/), checked on
 * generated dispatches (properties/arbitraries/dispatch.ts) through the real machine:
 *
 * - CallOrder: class co-installers, device co-installers, class installer, default handler, postprocessing.
 * - PostIsReverseOfPre: callbacks in the exact reverse order of the requests.
 * - EveryPostRequestHonoured: every requester is called back exactly once, also after a failure.
 * - NoPostWithoutRequest: only requesters are called back.
 * - FailureStopsChain: a failing preprocessing answer skips the rest, the class installer and the default handler.
 * - DefaultHandlerIffDoDefault: the default-handler step is reached iff no failure, DO_DEFAULT or no class installer, flag clear.
 * - InstallResultChains: each callback gets the current status as InstallResult.
 * - PrivateDataRoundTrips: each callback gets back its own PrivateData.
 * - ResultIsLastStatus: the request ends with the reference algorithm's status.
 * - CoInstallersNeverOriginateDoDefault: every origination of ERROR_DI_DO_DEFAULT is reported.
 * - ClassInstallerAtMostOnce: the class installer is called at most once, never back.
 * - UnknownDifPassesThrough: undocumented DIF values reach the installers, with no default handler.
 * - NullDeviceInfoNoDeviceCoInstallers: no DeviceInfoData, no device co-installer, no refusal.
 *
 * Each invariant: one `test.prop` (title "Name: sentence") under the windows profile, which keeps
 * every one; then one row per other profile from src/invariants/expectations.ts: a `holds` row is
 * checked the same way, a `breaks` row must yield a counterexample (fc.check).
 */
import { fc, test } from '@fast-check/jest';
import { expectationOf } from '../src/invariants/expectations.js';
import { DISPATCH_INVARIANTS } from '../src/invariants/index.js';
import { dispatchCaseArb } from './arbitraries/dispatch.js';
import { assertDispatchInvariant, dispatchBreach } from './laws/invariants.js';
import { reportingDispatch } from './support/counterexamples.js';
import { RUNS, SEARCH_RUNS, SHARED_SEED } from './support/runs.js';

const OTHER_PROFILES = ['reactos', 'wine'] as const;

describe(`difDispatch invariants (${RUNS} runs each)`, () => {
  describe.each(DISPATCH_INVARIANTS.map((invariant) => [invariant.name, invariant] as const))('%s', (name, invariant) => {
    test.prop([dispatchCaseArb('windows')], reportingDispatch({ invariant: name, profile: 'windows' }))(`${name}: ${invariant.sentence}`, (c) => {
      // Arrange / Act / Assert: run the dispatch, judge it with the monitor
      assertDispatchInvariant(invariant, c);
    });

    test.each(OTHER_PROFILES.map((profile) => ({ profile, ...expectationOf(name, profile) })))('$expectation under $profile', ({ profile, expectation }) => {
      const arb = dispatchCaseArb(profile);
      if (expectation === 'holds') {
        fc.assert(fc.property(arb, (c) => assertDispatchInvariant(invariant, c)), { ...reportingDispatch({ invariant: name, profile }), seed: SHARED_SEED });
        return;
      }
      const details = fc.check(fc.property(arb, (c) => dispatchBreach(invariant, c) === null), { numRuns: SEARCH_RUNS });
      expect({ profile, breaks: details.failed }).toEqual({ profile, breaks: true });
    });
  });
});
