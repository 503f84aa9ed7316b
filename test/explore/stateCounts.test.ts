/**
 * The distinct-state counts recorded in docs/invariants.md (between the STATES markers) are the
 * ones `devinst explore` reaches at its default bounds, per profile. A change to the model, the
 * explorer or the invariant catalogue that changes them fails here until the section is
 * regenerated: `npm run bench -- --only states --write`.
 */
import path from 'node:path';
import { recordedStatesSection, statesSection } from '../../src/explore/dispatch/stateCounts.js';
import { ROOT } from '../support/scenarios.js';

describe('recorded state counts', () => {
  it('should match what explore reaches at the default bounds, per profile', () => {
    const recorded = recordedStatesSection(path.join(ROOT, 'docs', 'invariants.md'));
    expect(recorded).not.toBeNull();
    expect(recorded).toBe(statesSection());
  });
});
