/**
 * A slice's result as plain data (what a worker thread posts and a shard file holds), and the merge
 * of the slices of one run into the exploration a single run gives (why that works: slice.ts).
 */
import type { StopInfo } from '../engine/searchControl.js';
import { PROFILES } from '../../domain/profiles.js';
import { DISPATCH_INVARIANTS, type DispatchInvariant } from '../../invariants/index.js';
import type { DispatchExploration, DispatchFailure, TraceAnswer } from '../dispatch/dispatchExplorer.js';
import { configurations, mutantSemantics, planOf, type DispatchBounds, type DispatchConfig } from '../dispatch/dispatchSpace.js';
import type { ProfileName } from '../../domain/profiles.js';

/** What a slice needs to run and to be merged with its siblings: the run it is a slice of. */
export interface SliceRun {
  readonly profile: ProfileName;
  readonly mutant: string | null;
  readonly dif: number;
  readonly bounds: DispatchBounds;
}

export interface SliceFailure {
  readonly message: string;
  readonly at: 'step' | 'end';
  /** The configuration's index in `configurations(bounds)`. */
  readonly config: number;
  readonly answers: readonly TraceAnswer[];
}

/** One slice's exploration, without functions or plans: JSON as it stands. */
export interface SliceResult {
  /** The configurations explored (indices, ascending). */
  readonly configurations: readonly number[];
  readonly distinctStates: number;
  readonly transitions: number;
  readonly finalStates: number;
  readonly depth: number;
  readonly monitorSteps: number;
  readonly seconds: number;
  /** The invariants checked, by name, in order; `failures` follows the same order. */
  readonly invariants: readonly string[];
  readonly failures: readonly (SliceFailure | null)[];
  /** Null when the slice was explored to its end; else why it stopped (memory guard): the merge is then partial too. */
  readonly stopped: StopInfo | null;
  readonly tableBytes: number;
  readonly peakMemory: number;
}

const configKey = (k: DispatchConfig) => `${k.classCoInstallers}/${k.deviceCoInstallers}/${k.classInstaller}/${k.noDefaultAction}/${k.device}`;

/** The plain-data form of an exploration of configurations `only` (all when undefined). */
export function sliceResult(exploration: DispatchExploration, only: readonly number[] | undefined): SliceResult {
  const configs = configurations(exploration.bounds);
  const index = new Map(configs.map((k, i) => [configKey(k), i]));
  return {
    configurations: only ? [...only].sort((a, b) => a - b) : configs.map((_, i) => i),
    distinctStates: exploration.distinctStates,
    transitions: exploration.transitions,
    finalStates: exploration.finalStates,
    depth: exploration.depth,
    monitorSteps: exploration.monitorSteps,
    seconds: exploration.seconds,
    stopped: exploration.stopped,
    tableBytes: exploration.tableBytes,
    peakMemory: exploration.peakMemory,
    invariants: exploration.results.map((r) => r.invariant.name),
    failures: exploration.results.map(({ failure }) =>
      failure
        ? {
            message: failure.message,
            at: failure.at,
            config: index.get(configKey(failure.trace.config))!,
            answers: failure.trace.answers.map((a) => ({ code: a.code, storesPrivateData: a.storesPrivateData })),
          }
        : null,
    ),
  };
}

/** Why slices cannot be merged: one line, for the CLI to print (exit 2). */
export class MergeError extends Error {
  override name = 'MergeError';
}

/**
 * The exploration a single run of `run` gives, from the results of slices that together cover every
 * configuration once. The counts add up; the depth is the largest; the failure kept per invariant is
 * the shortest, and among the shortest the one of the lowest configuration index (the one the single
 * run meets first). `seconds` is the slowest slice's (the wall time when they run side by side).
 */
export function mergeSlices(run: SliceRun, results: readonly SliceResult[], invariants: readonly DispatchInvariant[] = DISPATCH_INVARIANTS): DispatchExploration {
  const configs = configurations(run.bounds);
  const owner = new Array<number>(configs.length).fill(-1);
  results.forEach((r, s) => {
    for (const c of r.configurations) {
      if (!Number.isInteger(c) || c < 0 || c >= configs.length) throw new MergeError(`slice ${s + 1} names configuration ${c}, which the bounds do not have`);
      if (owner[c] >= 0) throw new MergeError(`configuration ${c} is in two slices (${owner[c] + 1} and ${s + 1})`);
      owner[c] = s;
    }
  });
  const missing = owner.flatMap((o, c) => (o < 0 ? [c] : []));
  if (missing.length > 0) throw new MergeError(`the slices leave out ${missing.length} of ${configs.length} configurations (first: ${missing[0]}): merge every slice of the run`);
  const names = invariants.map((i) => i.name);
  results.forEach((r, s) => {
    if (r.invariants.join(',') !== names.join(',')) throw new MergeError(`slice ${s + 1} checked other invariants (${r.invariants.join(', ')}) than this devinst has (${names.join(', ')})`);
  });
  const semantics = run.mutant ? mutantSemantics(run.profile, run.mutant) : PROFILES[run.profile];
  const sum = (f: (r: SliceResult) => number) => results.reduce((s, r) => s + f(r), 0);
  const resultsOut = invariants.map((invariant, k) => {
    let best: SliceFailure | null = null;
    for (const r of results) {
      const f = r.failures[k];
      if (f && (best === null || f.answers.length < best.answers.length || (f.answers.length === best.answers.length && f.config < best.config))) best = f;
    }
    if (best === null) return { invariant, failure: null };
    const config = configs[best.config];
    const failure: DispatchFailure = {
      message: best.message,
      at: best.at,
      trace: { config, plan: planOf(run.profile, run.dif, config, semantics), answers: best.answers.map((a) => ({ code: a.code, storesPrivateData: a.storesPrivateData })) },
    };
    return { invariant, failure };
  });
  return {
    profile: run.profile,
    dif: run.dif,
    bounds: run.bounds,
    semantics,
    view: 'abstract',
    configurations: configs.length,
    distinctStates: sum((r) => r.distinctStates),
    transitions: sum((r) => r.transitions),
    finalStates: sum((r) => r.finalStates),
    depth: results.reduce((m, r) => Math.max(m, r.depth), 0),
    seconds: results.reduce((m, r) => Math.max(m, r.seconds), 0),
    monitorSteps: sum((r) => r.monitorSteps),
    results: resultsOut,
    // A slice stopped early (its memory guard) makes the whole verdict partial: states explored are summed.
    stopped: stoppedOf(results),
    tableBytes: sum((r) => r.tableBytes),
    peakMemory: results.reduce((m, r) => Math.max(m, r.peakMemory), 0),
  };
}

function stoppedOf(results: readonly SliceResult[]): StopInfo | null {
  const first = results.find((r) => r.stopped !== null)?.stopped;
  if (!first) return null;
  return { reason: first.reason, limit: first.limit, explored: results.reduce((n, r) => n + (r.stopped ? r.stopped.explored : r.distinctStates), 0) };
}
