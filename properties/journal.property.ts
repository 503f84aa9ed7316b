/**
 * Journal laws (docs/journal.md; predicates in src/invariants/journal.ts), on recorded runs of both
 * machines under every profile: single dispatches (properties/arbitraries/dispatch.ts) and whole
 * installations (properties/arbitraries/lifecycle.ts).
 *
 * - ReplayEqualsLive: replaying the journal gives the live run's result exactly.
 * - JournalRoundTrips: a journal read back and written again is the identical text.
 * - TransitionLogComplete: the derived transition log is one unbroken path, every entry steps, every answer was announced.
 */
import { fc, test } from '@fast-check/jest';
import { JOURNAL_INVARIANTS } from '../src/invariants/journal.js';
import { dispatchCaseArb } from './arbitraries/dispatch.js';
import { lifecycleDocArb } from './arbitraries/lifecycle.js';
import { assertJournalInvariant } from './laws/invariants.js';
import type { JournalCase } from './support/observed.js';
import { RUNS } from './support/runs.js';

const PROFILES = ['windows', 'reactos', 'wine'] as const;

/** Dispatch journals two times in three (they are cheap), installation journals otherwise; all profiles. */
const journalCaseArb: fc.Arbitrary<JournalCase> = fc.oneof(
  { weight: 2, arbitrary: fc.oneof(...PROFILES.map((p) => dispatchCaseArb(p))).map((c): JournalCase => ({ kind: 'dispatch', doc: c.doc, dif: c.dif })) },
  { weight: 1, arbitrary: fc.oneof(...PROFILES.map((p) => lifecycleDocArb(p))).map((doc): JournalCase => ({ kind: 'install', doc })) },
);

describe(`journal laws (${RUNS} runs each)`, () => {
  describe.each(JOURNAL_INVARIANTS.map((invariant) => [invariant.name, invariant] as const))('%s', (name, invariant) => {
    test.prop([journalCaseArb])(`${name}: ${invariant.sentence}`, (c) => {
      // Arrange / Act / Assert: record the run, apply the law to its journal
      assertJournalInvariant(invariant, c);
    });
  });
});
