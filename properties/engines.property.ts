/**
 * The two engines of runDif/recordDif (src/host/runDif.ts) agree: the executor derived from the
 * machine's definition, which runs when nothing observes the run, and the XState actor, which runs
 * when an inspector is attached, give identical RunResults and identical journals (recorded with
 * a fixed clock) on random scenarios of every profile. XState's pure transition functions (the
 * third way, `engine: 'xstate'` without an inspector) are compared too.
 */
import { fc, test } from '@fast-check/jest';
import type { InspectionEvent } from 'xstate';
import { recordDif, runDif } from '../src/host/runDif.js';
import { dispatchCaseArb } from './arbitraries/dispatch.js';
import { difArb, scenarioDocArb } from './arbitraries/scenario.js';

const PROFILES = ['windows', 'reactos', 'wine'] as const;
const now = () => new Date('2026-01-02T03:04:05.000Z');

/** An inspector that counts what it sees: the actor path really ran when it saw events. */
function counting(): { inspect: (event: InspectionEvent) => void; readonly seen: number } {
  const box = { seen: 0, inspect: (_: InspectionEvent) => void (box.seen += 1) };
  return box;
}

describe('runDif: the derived executor and the XState actor give the same run', () => {
  for (const profile of PROFILES) {
    const caseArb = fc.oneof(
      dispatchCaseArb(profile),
      fc.record({ doc: scenarioDocArb(profile), dif: difArb }),
    );
    test.prop([caseArb])(`${profile}: identical RunResults and journals`, ({ doc, dif }) => {
      const inspector = counting();
      const viaExecutor = recordDif(doc, dif, { now, engine: 'executor' });
      const viaActor = recordDif(doc, dif, { now, inspect: inspector.inspect });
      expect(inspector.seen).toBeGreaterThan(0);
      expect(viaExecutor.result).toStrictEqual(viaActor.result);
      expect(viaExecutor.journal).toBe(viaActor.journal);
      expect(runDif(doc, dif)).toStrictEqual(viaActor.result);
      expect(runDif(doc, dif, { engine: 'xstate' })).toStrictEqual(viaActor.result);
    });
  }
});
