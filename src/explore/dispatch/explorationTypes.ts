/** What an exploration of one DIF dispatch takes and gives (dispatchExplorer.ts). */
import type { DispatchPlan } from '../../domain/dispatchPlan.js';
import type { ProfileName, Semantics } from '../../domain/profiles.js';
import type { DispatchInvariant } from '../../invariants/index.js';
import type { TraceAnswer } from '../engine/stateTable.js';
import type { DispatchBounds, DispatchConfig } from './dispatchSpace.js';
import type { DispatchMachine } from './dispatchSteps.js';
import type { View } from './shapes.js';
import type { Search, SearchBounds, StopInfo } from '../engine/searchControl.js';

export type { StopInfo, StopReason } from '../engine/searchControl.js';

export type { TraceAnswer } from '../engine/stateTable.js';

/** `maxStates` and `memoryBudget` (engine/searchControl.ts) stop the search early, with a partial verdict. */
export interface DispatchExploreOptions extends SearchBounds {
  readonly profile: ProfileName;
  readonly dif: number;
  readonly bounds: DispatchBounds;
  /** Overrides the profile's semantics (a mutant). */
  readonly semantics?: Semantics;
  /** Default: DISPATCH_INVARIANTS, as registered when the exploration starts. */
  readonly invariants?: readonly DispatchInvariant[];
  readonly view?: View;
  /**
   * Explore only these configurations (indices into `configurations(bounds)`; default: all). The
   * state key holds the configuration, so the states, transitions and first failures found are
   * exactly the whole run's restricted to them (src/explore/scale/ splits a run this way).
   */
  readonly only?: readonly number[];
  /** The machine to explore (default: the difDispatch machine). */
  readonly machine?: DispatchMachine;
  readonly onProgress?: (progress: ExploreProgress) => void;
  /** Told each initial state: its number and configuration (for checks that walk what was explored). */
  readonly onInitial?: (id: number, config: number) => void;
  /** Told each transition taken: from state `from`, on `answer`, to state `to` (new: first reached by it). */
  readonly onTransition?: (from: number, answer: TraceAnswer, to: number, isNew: boolean) => void;
  readonly progressEveryMs?: number;
}


export interface ExploreProgress {
  /** States generated (transitions taken), duplicates included. */
  readonly generated: number;
  readonly distinct: number;
  readonly queue: number;
  readonly depth: number;
  readonly seconds: number;
}

export interface DispatchTrace {
  readonly config: DispatchConfig;
  readonly plan: DispatchPlan;
  readonly answers: readonly TraceAnswer[];
}

export interface DispatchFailure {
  readonly message: string;
  /** Whether a monitor's `step` failed on the trace's last call, or `end` on its final state. */
  readonly at: 'step' | 'end';
  /** A shortest trace (breadth-first). */
  readonly trace: DispatchTrace;
}

export interface DispatchExploration {
  readonly profile: ProfileName;
  readonly dif: number;
  readonly bounds: DispatchBounds;
  readonly semantics: Semantics;
  readonly view: View;
  /** Configurations explored (all up to the bounds, or those of `only`). */
  readonly configurations: number;
  readonly distinctStates: number;
  /** Transitions taken (states generated, duplicates included). */
  readonly transitions: number;
  /** Final states among the distinct states. */
  readonly finalStates: number;
  /** The longest shortest trace: the number of breadth-first levels below the initial states. */
  readonly depth: number;
  readonly seconds: number;
  /** Monitor steps actually run (the rest were memoised). */
  readonly monitorSteps: number;
  /**
   * Per invariant: its failure on a shortest trace, or null when it held on every state explored
   * (on every reachable state unless `stopped`).
   */
  readonly results: readonly { readonly invariant: DispatchInvariant; readonly failure: DispatchFailure | null }[];
  /** Null when the search was complete; else why and where it stopped (a partial verdict). */
  readonly stopped: StopInfo | null;
  /** Bytes held by the explorer's typed tables at the end: states, ghost tuples, trace pointers, views, shapes and their successor records, monitor memos. */
  readonly tableBytes: number;
  /** The most memory in use measured during the search (heap + external, bytes; engine/memoryBudget.ts). */
  readonly peakMemory: number;
}

/** An exploration that runs a slice at a time (so that a caller can take Ctrl-C in between). */
export type DispatchSearch = Search<DispatchExploration>;
