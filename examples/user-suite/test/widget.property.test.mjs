// For every way the USB class's own installers answer, in each DIF the widget handles, quiet or
// not: no invariant and no Microsoft guideline breaks. fast-check shrinks a failure to the case
// closest to the class's scenario as written.
import { expect, test } from '@jest/globals';
import fc from 'fast-check';
import { scenarioVariations, runScenario } from 'devinst/testing';
import { classScenario, scenarioFor } from '../src/widget.mjs';

const DIFS = ['DIF_INSTALLDEVICE', 'DIF_REMOVE', 'DIF_PROPERTYCHANGE'];

const testCase = fc.record({
  quiet: fc.boolean(),
  around: fc.constantFrom(...DIFS).chain((dif) => scenarioVariations(classScenario, { dif, vary: ['answers', 'flags'] })),
});

test('WidgetCoInstaller keeps every invariant and guideline, whatever the class installers answer', () => {
  fc.assert(
    fc.property(testCase, (c) => {
      expect(runScenario(scenarioFor(c))).toSatisfyInvariants();
    }),
    { seed: Number(process.env.FC_SEED ?? 42), numRuns: 200 },
  );
});
