/**
 * Comparing a snapshot of the derived executor with XState's for the refinement tests
 * (test/explore/refinement.test.ts for difDispatch, lifecycleRefinement.test.ts for deviceInstall):
 * the state value, the status, the whole context and the output (equal once serialised as the
 * journal and the results serialise them: logs as arrays), and the tags.
 */
import { isDeepStrictEqual } from 'node:util';

export interface Comparable {
  readonly value: unknown;
  readonly status: string;
  readonly context: unknown;
  readonly output: unknown;
  readonly tags: Iterable<string>;
}

/** What differs between the two snapshots (the first thing found), or null. */
export function snapshotDifference(ours: Comparable, theirs: Comparable): string | null {
  if (!isDeepStrictEqual(ours.value, theirs.value)) return `value ${JSON.stringify(ours.value)} ≠ ${JSON.stringify(theirs.value)}`;
  if (ours.status !== theirs.status) return `status ${ours.status} ≠ ${theirs.status}`;
  if (JSON.stringify(ours.context) !== JSON.stringify(theirs.context)) return 'context differs';
  if (JSON.stringify(ours.output) !== JSON.stringify(theirs.output)) return 'output differs';
  if (!isDeepStrictEqual([...ours.tags].sort(), [...theirs.tags].sort())) return 'tags differ';
  return null;
}

/** Counts comparisons and keeps the first few mismatches, each with where it happened. */
export class Mismatches {
  readonly found: string[] = [];
  compared = 0;

  constructor(private readonly keep = 5) {}

  compare(where: () => string, ours: Comparable, theirs: Comparable): void {
    this.compared += 1;
    if (this.found.length >= this.keep) return;
    const difference = snapshotDifference(ours, theirs);
    if (difference) this.found.push(`${where()}: ${difference}`);
  }

  /** Records a mismatch found by other means (e.g. the intent actions differ). */
  add(where: () => string, what: string): void {
    if (this.found.length < this.keep) this.found.push(`${where()}: ${what}`);
  }
}
