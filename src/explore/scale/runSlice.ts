/** Explores one slice of a run (slice.ts) and gives its result as plain data (merge.ts). */
import { exploreDispatch, type ExploreProgress } from '../dispatch/dispatchExplorer.js';
import { mutantSemantics } from '../dispatch/dispatchSpace.js';
import { sliceResult, type SliceResult, type SliceRun } from './merge.js';

export interface SliceRequest {
  readonly run: SliceRun;
  /** Configuration indices (slice.ts). */
  readonly only: readonly number[];
}

/** What a worker thread is given: its slice, and where it writes its progress (shared memory; `writeProgress`). */
export interface WorkerRequest extends SliceRequest {
  readonly progress: Float64Array;
}

export function exploreSlice(request: SliceRequest, onProgress?: (progress: ExploreProgress) => void): SliceResult {
  const { run, only } = request;
  const exploration = exploreDispatch({
    profile: run.profile,
    dif: run.dif,
    bounds: run.bounds,
    ...(run.mutant ? { semantics: mutantSemantics(run.profile, run.mutant) } : {}),
    only,
    ...(onProgress ? { onProgress } : {}),
  });
  return sliceResult(exploration, only);
}

/** Cells of a progress record: generated, distinct, queue, depth, then 1 once written. */
export const PROGRESS_CELLS = 5;

export function writeProgress(cells: Float64Array, p: ExploreProgress): void {
  cells[0] = p.generated;
  cells[1] = p.distinct;
  cells[2] = p.queue;
  cells[3] = p.depth;
  cells[4] = 1;
}

/** The progress a worker wrote last (seconds: 0, the reader knows the time), or undefined before the first. */
export function readProgress(cells: Float64Array): ExploreProgress | undefined {
  return cells[4] === 1 ? { generated: cells[0], distinct: cells[1], queue: cells[2], depth: cells[3], seconds: 0 } : undefined;
}
