/**
 * How a search ends: at its end, or early with a partial verdict when a bound stops it: a number of
 * distinct states (`maxStates`), the memory guard (memoryBudget.ts), or a stop asked for between
 * slices (Ctrl-C, src/explore/drive.ts). The search runs a slice at a time so that the caller's
 * event loop can take a signal in between; `exploreDispatch` runs it in one slice.
 */
import { defaultMemoryBudget, MemoryBudget, OutOfMemoryBudget } from './memoryBudget.js';

/** Why a search ended before it had expanded every reachable state. */
export type StopReason = 'max-states' | 'memory' | 'interrupted';

export interface StopInfo {
  readonly reason: StopReason;
  /** The bound that stopped it: the number of states, or the memory budget in bytes (or the heap's cap, memoryBudget.ts; 0 when interrupted). */
  readonly limit: number;
  /** States done with (every successor generated; final states have none), in breadth-first order; the other distinct states were still queued. */
  readonly explored: number;
}

export interface SearchBounds {
  /** Stop when this many distinct states have been found. */
  readonly maxStates?: number;
  /** Stop before the heap in use plus the tables outside it pass this many bytes (default: memoryBudget.ts). */
  readonly memoryBudget?: number;
}

/** A search that runs a slice at a time. */
export interface Search<R> {
  /** Searches for about `sliceMs` milliseconds (default: to the end); true once the search is over. */
  run(sliceMs?: number): boolean;
  /** Ends the search before its next slice (a partial verdict, unless it was over already). */
  stop(reason: StopReason): void;
  /** The verdict: complete, or partial (`stopped`); ends the search if it was not over. */
  result(): R;
}

/** What one slice did: reached the end, ran out of time (more to do), or was stopped by a bound. */
export type SliceOutcome = 'done' | 'more' | StopReason;

/** V8's RangeError when a typed array cannot be allocated (not any RangeError: a stack overflow is one too). */
function isAllocationFailure(error: unknown): boolean {
  return error instanceof RangeError && /allocation failed|invalid (typed )?array( buffer)? length/i.test(error.message);
}

export class SearchControl {
  readonly guard: MemoryBudget;
  readonly maxStates: number;
  stopped: StopInfo | null = null;
  private over = false;
  private requested: StopReason | null = null;

  constructor(bounds: SearchBounds) {
    this.maxStates = bounds.maxStates ?? Infinity;
    this.guard = new MemoryBudget(bounds.memoryBudget ?? defaultMemoryBudget());
    this.guard.measure();
  }

  /**
   * The search: `slice(deadline)` expands states until the deadline or a bound; `explored()` counts
   * the states done with (for the partial verdict); `finish()` builds the verdict once; `around`
   * wraps each slice (e.g. a library setting that holds while the search runs).
   */
  search<R>(slice: (deadline: number) => SliceOutcome, explored: () => number, finish: () => R, around: <T>(f: () => T) => T = (f) => f()): Search<R> {
    let result: R | undefined;
    let done = false;
    const end = (reason: StopReason | null) => {
      this.over = true;
      if (reason !== null) this.stopped = { reason, limit: reason === 'max-states' ? this.maxStates : reason === 'memory' ? this.guard.passed || this.guard.budget : 0, explored: explored() };
    };
    return {
      run: (sliceMs = Infinity) => {
        if (this.over) return true;
        if (this.requested !== null) {
          end(this.requested);
          return true;
        }
        let outcome: SliceOutcome;
        // The tables' growth asks the guard while the slice runs.
        this.guard.activate();
        try {
          outcome = around(() => slice(performance.now() + sliceMs));
        } catch (error) {
          // A table that may not grow (OutOfMemoryBudget), or could not (RangeError: no memory for a typed array).
          if (!(error instanceof OutOfMemoryBudget || isAllocationFailure(error))) throw error;
          outcome = 'memory';
        } finally {
          this.guard.deactivate();
        }
        if (outcome !== 'more') end(outcome === 'done' ? null : outcome);
        return this.over;
      },
      stop: (reason) => {
        if (!this.over) this.requested = reason;
      },
      result: () => {
        if (!this.over) end(this.requested ?? 'interrupted');
        if (!done) {
          this.guard.measure();
          result = finish();
          done = true;
        }
        return result as R;
      },
    };
  }
}
