/**
 * Every invariant holds on every bundled example (examples/, examples/violations/) under the
 * windows profile, and the monitors' ghost states are plain JSON all the way through.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { DISPATCH_INVARIANTS, LIFECYCLE_INVARIANTS, checkDispatch, checkInstall, isFailure, observeDispatch, observeInstall } from '../../src/invariants/index.js';

const files = ['examples', 'examples/violations'].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(dir, f)),
);

describe.each(files)('%s', (file) => {
  const { document, scenario } = loadScenarioFile(file);

  it('should keep every dispatch invariant for its DIF', () => {
    const run = observeDispatch(scenario, scenario.dif ?? 'DIF_INSTALLDEVICE');
    expect(checkDispatch(DISPATCH_INVARIANTS, run)).toEqual([]);
  });

  it('should keep every lifecycle invariant for its installation', () => {
    expect(checkInstall(LIFECYCLE_INVARIANTS, observeInstall(document))).toEqual([]);
  });

  it('should keep every ghost state plain JSON', () => {
    const run = observeDispatch(scenario, scenario.dif ?? 'DIF_INSTALLDEVICE');
    for (const invariant of DISPATCH_INVARIANTS) {
      let ghost = invariant.init(run.plan);
      expect(JSON.parse(JSON.stringify(ghost))).toEqual(ghost);
      for (const observation of run.observations) {
        const next = invariant.step(ghost, observation, run.plan);
        if (isFailure(next)) break;
        ghost = next;
        expect(JSON.parse(JSON.stringify(ghost))).toEqual(ghost);
      }
    }
  });
});
