/**
 * How many runs each property gets: DEVINST_RUNS (set by `npm run properties -- --runs N`), else
 * 100 in CI (CI=true) and 200 otherwise. Searches for a counterexample that must exist (a profile's
 * expected break, a planted bug) get at least SEARCH_RUNS; they stop at the first one found.
 * DEVINST_SEED pins the seed of every property (fast-check prints the seed of a failure).
 */
function positiveInt(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`expected a positive integer, got ${JSON.stringify(text)}`);
  return n;
}

const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false' && process.env.CI !== '0';

export const RUNS: number = positiveInt(process.env.DEVINST_RUNS) ?? (inCi ? 100 : 200);
export const SEARCH_RUNS: number = Math.max(RUNS, 2000);
export const SEED: number | undefined = process.env.DEVINST_SEED !== undefined ? Number(process.env.DEVINST_SEED) : undefined;

/** One seed for the plain fc.assert/fc.check calls of a test file, so its properties draw the same values (and share memoised runs). */
export const SHARED_SEED: number = SEED ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;
