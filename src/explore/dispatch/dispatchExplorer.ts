/**
 * Exhaustive, breadth-first exploration of one DIF dispatch, in the manner of TLC.
 *
 * - **Initial states**: one per configuration up to the bounds (dispatchSpace.ts), each the machine's
 *   state at its first call (or already done).
 * - **Next-state relation**: answer the pending call with every answer of the alphabet: each code for
 *   preprocessing (with PrivateData = the co-installer's index, or nothing), the class installer and
 *   the default handler (a stub handler has its one answer); for postprocessing each code, plus
 *   "propagate" (return InstallResult) when InstallResult is not one of them. Steps are taken by the
 *   executor derived from the machine's own definition (src/executor/, dispatchSteps.ts): the
 *   machine's chart, guards and actions, whichever machine is explored (`options.machine`).
 * - **Invariants**: every DispatchInvariant is a monitor, stepped on each call as it is recorded; its
 *   ghost state is part of the explored state (as TLC treats ghost variables). `end` is checked on every
 *   final state. A monitor that failed keeps a FAILED ghost, so a failure is never lost to
 *   deduplication, and exploration goes on for the other invariants.
 * - **VIEW** (what two states must share to count as one): the configuration, the machine's state
 *   (its leaf in the chart, by number: no state name is written here), the call it waits for, the
 *   fields of the dispatch that a later step reads while it waits for that kind of call, and every
 *   monitor's ghost state (by its canonical JSON, interned: monitorBank.ts). The accumulated calls,
 *   violations and notes are left out: no rule reads them, and a monitor keeps what it needs of them
 *   in its ghost (src/invariants/types.ts). Per call waited for (shapes.ts):
 *     a co-installer's preprocessing  cursor, the postprocessing requests so far (index +
 *                             PrivateData), and the shared Context.PrivateData when the semantics
 *                             shares one;
 *     the class installer     the requests (the running status is replaced by the answer);
 *     the default handler     the requests (the status is ERROR_DI_DO_DEFAULT to get there);
 *     a postprocessing call   the status (the next InstallResult) and the callbacks still queued;
 *     none, machine done      the final status.
 *   This abstraction is about the dispatch rules (src/domain/dispatchRules.ts), not the chart: a
 *   chart whose guards read another context field while waiting needs that field here too. The
 *   recorded state counts (docs/invariants.md) and the full-view comparison (test/explore/) are the
 *   checks.
 *   `view: 'full'` keeps the whole dispatch state instead (every path its own state, for small bounds):
 *   test/explore/ checks that both views reach the same verdicts.
 * - **Search**: breadth-first, level by level, so the first failure found for an invariant ends the
 *   shortest trace that breaks it. Memory grows with distinct states, not paths: an exact hash set of
 *   the state keys (view id, and the ids of the two halves of the ghost ids, each half in a set of
 *   its own, as far fewer halves than states occur: tupleSet.ts) as integer triples (stateSet.ts; no
 *   fingerprints, so no collisions), and per state its parent and the number of the answer that led
 *   to it (typed arrays, stateTable.ts). Traces are rebuilt from the parent pointers.
 * - **Stopping early**: `maxStates`, the memory guard (`memoryBudget`, engine/memoryBudget.ts) and a
 *   stop asked for between slices (Ctrl-C; the search runs a slice at a time, engine/searchControl.ts)
 *   end the search with a partial verdict: the states found so far, the invariants that held on them,
 *   and the failures found so far, each still on a shortest trace (breadth-first order).
 * - **Speed**: the dispatch part
 *   of a state (its view without the ghosts) is numbered once (viewGraph.ts), and so is that part
 *   without the configuration (its shape, shapes.ts). The executor runs once per (shape, answer) and
 *   class of plans that its steps cannot tell apart, not per state: the next shape and the
 *   observations the monitors see are recorded, and every state with a view of that shape only
 *   steps its monitors along them, by table look-ups (monitorBank.ts). Only the shapes' first states
 *   are kept, without their call logs; `end` rebuilds the logs of a final state from its trace if a
 *   monitor reads them (finalState.ts).
 */
import { setAutoFreeze } from 'immer';
import { startSearch } from './dispatchSearch.js';
import type { DispatchExploration, DispatchExploreOptions, DispatchSearch } from './explorationTypes.js';

export type { View } from './shapes.js';
export type { DispatchExploration, DispatchExploreOptions, DispatchFailure, DispatchSearch, DispatchTrace, ExploreProgress, StopInfo, StopReason, TraceAnswer } from './explorationTypes.js';

/**
 * Explores to the end, or until a bound stops it (`maxStates`, `memoryBudget`: then the result is
 * partial, `stopped`).
 */
export function exploreDispatch(options: DispatchExploreOptions): DispatchExploration {
  const search = startDispatchSearch(options);
  search.run();
  return search.result();
}

/**
 * The same exploration, a slice at a time: `run(ms)` until it returns true, then `result()`;
 * `stop(reason)` in between ends it with a partial verdict (src/explore/drive.ts drives it for the CLI).
 *
 * The machine's context updates run through immer, whose auto-freeze walks every new context to
 * freeze it: most of a step's cost. The explorer never mutates a context and branches from each one
 * several times, so each slice runs with auto-freeze off (and turns it back on, immer's default,
 * after); frozen or not, the contexts are the same values (the refinement test compares them with
 * XState's). The initial states are stepped here, before the first slice.
 */
export function startDispatchSearch(options: DispatchExploreOptions): DispatchSearch {
  return withoutAutoFreeze(() => startSearch(options, withoutAutoFreeze));
}

function withoutAutoFreeze<T>(f: () => T): T {
  setAutoFreeze(false);
  try {
    return f();
  } finally {
    setAutoFreeze(true);
  }
}
