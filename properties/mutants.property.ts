/**
 * Planted bugs must be caught (mutation testing, docs/invariants.md "How to plant a bug"): the
 * windows semantics with one choice changed, run through the real machine (`planDispatch` takes a
 * semantics override), must break the invariant that guards that choice. The explorer plants the
 * same bugs with `devinst explore --mutant NAME`.
 *
 * - forward-postprocessing → PostIsReverseOfPre (callbacks in request order, as ReactOS does)
 * - no-postprocessing → EveryPostRequestHonoured (nobody called back, as Wine does)
 * - class-installer-after-failure → FailureStopsChain
 * - shared-context → PrivateDataRoundTrips
 * - unhandled-do-default-succeeds → ResultIsLastStatus
 * - ignore-no-default-action → DefaultHandlerIffDoDefault
 */
import { fc, test } from '@fast-check/jest';
import { PROFILES, type Semantics } from '../src/domain/profiles.js';
import { DISPATCH_INVARIANTS } from '../src/invariants/index.js';
import { dispatchCaseArb } from './arbitraries/dispatch.js';
import { assertDispatchInvariant, dispatchBreach } from './laws/invariants.js';
import { reportingDispatch } from './support/counterexamples.js';
import { SEARCH_RUNS } from './support/runs.js';

const windows = PROFILES.windows;

const MUTANTS: readonly { readonly mutant: string; readonly semantics: Semantics; readonly caughtBy: string }[] = [
  { mutant: 'forward-postprocessing', semantics: { ...windows, postprocessing: 'forward' }, caughtBy: 'PostIsReverseOfPre' },
  { mutant: 'no-postprocessing', semantics: { ...windows, postprocessing: 'never' }, caughtBy: 'EveryPostRequestHonoured' },
  {
    mutant: 'class-installer-after-failure',
    semantics: { ...windows, onPreFailure: { classCoInstaller: 'class-installer', deviceCoInstaller: 'class-installer' } },
    caughtBy: 'FailureStopsChain',
  },
  { mutant: 'shared-context', semantics: { ...windows, privateData: 'shared-context' }, caughtBy: 'PrivateDataRoundTrips' },
  { mutant: 'unhandled-do-default-succeeds', semantics: { ...windows, unhandledDoDefault: 'success' }, caughtBy: 'ResultIsLastStatus' },
  { mutant: 'ignore-no-default-action', semantics: { ...windows, noDefaultActionFlag: 'ignored' }, caughtBy: 'DefaultHandlerIffDoDefault' },
];

const invariant = (name: string) => DISPATCH_INVARIANTS.find((i) => i.name === name)!;

describe('planted bugs are caught', () => {
  test.each(MUTANTS)('$mutant is caught by $caughtBy', ({ semantics, caughtBy }) => {
    // Arrange
    const guard = invariant(caughtBy);
    // Act: search for a dispatch the mutant gets wrong
    const details = fc.check(fc.property(dispatchCaseArb('windows'), (c) => dispatchBreach(guard, c, semantics) === null), { numRuns: SEARCH_RUNS });
    // Assert
    expect(details.failed).toBe(true);
  });

  // The planted bug (forward postprocessing), as the property itself: with forward postprocessing under windows,
  // PostIsReverseOfPre must fail, and its shrunk counterexample is two co-installers asking for postprocessing.
  test('forward-postprocessing: the PostIsReverseOfPre property fails with a two-requester counterexample', () => {
    const forward = MUTANTS[0].semantics;
    let thrown: unknown;
    try {
      fc.assert(
        fc.property(dispatchCaseArb('windows'), (c) => assertDispatchInvariant(invariant('PostIsReverseOfPre'), c, forward)),
        { numRuns: SEARCH_RUNS, ...reportingDispatch({ invariant: 'PostIsReverseOfPre', profile: 'windows', mutant: 'forward-postprocessing' }) },
      );
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    const message = (thrown as Error).message;
    expect(message).toMatch(/PostIsReverseOfPre: .* was called back before co-installer \d+, which asked for postprocessing after it/);
    expect(message).toMatch(/seed: -?\d+, path: "[\d:]+"/);
    expect(message.match(/ERROR_DI_POSTPROCESSING_REQUIRED/g)?.length).toBeGreaterThanOrEqual(2);
  });
});
