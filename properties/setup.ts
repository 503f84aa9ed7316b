/**
 * Property project setup (jest.config.ts `setupFilesAfterEnv`): run counts and seed for every
 * fast-check property (support/runs.ts), and a Jest timeout long enough for many runs
 * (`@fast-check/jest` passes the Jest timeout on as fast-check's time limit, which would otherwise
 * cut long runs short without failing them).
 */
import fc from 'fast-check';
import { RUNS, SEED } from './support/runs.js';

fc.configureGlobal({ numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) });
jest.setTimeout(Math.max(60_000, RUNS * 200));
