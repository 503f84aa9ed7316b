/**
 * Installations for devinst's own properties: the shipped arbitrary (src/testing/arbitraries/lifecycle.ts,
 * one copy) without the inputs that reach a known, reported model bug (support/knownModelBugs.ts).
 */
import type fc from 'fast-check';
import { lifecycleDocArb as shipped, type LifecycleDoc } from '../../src/testing/arbitraries/lifecycle.js';
import { reachesKnownModelBug } from '../support/knownModelBugs.js';

export type { LifecycleDoc } from '../../src/testing/arbitraries/lifecycle.js';

export function lifecycleDocArb(profile: 'windows' | 'reactos' | 'wine'): fc.Arbitrary<LifecycleDoc> {
  return shipped(profile, { exclude: reachesKnownModelBug });
}
