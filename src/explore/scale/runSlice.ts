/** Explores one slice of a run (slice.ts) and gives its result as plain data (merge.ts). */
import { exploreDispatch, type ExploreProgress } from '../dispatch/dispatchExplorer.js';
import { mutantSemantics } from '../dispatch/dispatchSpace.js';
import { sliceResult, type SliceResult, type SliceRun } from './merge.js';

export interface SliceRequest {
  readonly run: SliceRun;
  /** Configuration indices (slice.ts). */
  readonly only: readonly number[];
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
