/**
 * How one dispatch exploration is split into slices that can run apart (worker threads, processes,
 * machines) and be merged back into the result of a single run (merge.ts).
 *
 * Why slices are sets of configurations: the explored state's key holds its configuration (the VIEW
 * numbers a state's dispatch part per configuration, dispatchExplorer.ts), and no transition leaves
 * its configuration. So the states, transitions and final states of a run are the disjoint union of
 * its configurations', and an exploration restricted to some configurations (`only`) finds exactly
 * the whole run's states of those configurations. Breadth-first order keeps, within every level,
 * the states sorted by configuration (the initial states are numbered in configuration order and
 * each state's successors inherit it), so the single run's first failure of an invariant is the
 * shortest one, and among the shortest the one of the lowest configuration index: the same rule
 * picks it from the slices' own first failures.
 *
 * How configurations are grouped: the cost of a run is mostly the executor's steps from each
 * dispatch shape and the monitors' memoised steps (shapes.ts, monitorBank.ts), which are shared by
 * configurations of the same co-installer counts (the class installer and DI_NODI_DEFAULTACTION only
 * change the end of the chain): at 4 + 3 co-installers the four configurations of 4 class + 3 device
 * co-installers step 26,236 shape records together and 65,000 one by one. A slice therefore takes
 * whole groups (same class, device co-installer counts and device or not), assigned greedily by an
 * estimated cost, largest first, to the least loaded slice (longest-processing-time first); a group
 * estimated to cost more than a slice's share is split into its configurations first. The estimate
 * is the size of its state space, about three times larger per co-installer (measured at 4 + 3: the
 * 3 + 3 and 4 + 2 groups have 21,083 states with a class installer, 4 + 3 has 64,400). Everything
 * here depends only on the bounds and the slice count, so every process computes the same slices.
 */
import { configurations, type DispatchBounds, type DispatchConfig } from '../dispatch/dispatchSpace.js';

/** The estimated relative cost of exploring one configuration. */
export function costEstimate(k: DispatchConfig): number {
  const coInstallers = k.classCoInstallers + (k.device ? k.deviceCoInstallers : 0);
  return 3 ** coInstallers * (k.classInstaller ? 1.65 : 1) * (k.noDefaultAction ? 0.8 : 1);
}

interface Unit {
  /** Configuration indices, ascending. */
  readonly configs: number[];
  readonly cost: number;
  /** The first configuration index: the tie-break that keeps the order deterministic. */
  readonly first: number;
}

/**
 * The configurations (indices into `configurations(bounds)`, each list ascending) of `count` slices:
 * every configuration in exactly one slice, deterministic in the bounds, `count` and `headStart`.
 * With more slices than configurations some slices are empty. `headStart` (in estimated cost) counts
 * as work every slice but the first has already done: `--workers` gives it for the time a worker
 * thread takes to start, during which the calling thread is already exploring the first slice.
 */
export function slices(bounds: Pick<DispatchBounds, 'maxClassCoInstallers' | 'maxDeviceCoInstallers'>, count: number, headStart = 0): number[][] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`slice count ${count}`);
  const configs = configurations(bounds);
  const groups = new Map<string, number[]>();
  configs.forEach((k, i) => {
    const key = `${k.classCoInstallers}/${k.deviceCoInstallers}/${k.device}`;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const unit = (list: number[]): Unit => ({ configs: list, cost: list.reduce((s, i) => s + costEstimate(configs[i]), 0), first: list[0] });
  let units = [...groups.values()].map(unit);
  const share = (units.reduce((s, u) => s + u.cost, 0) + headStart * (count - 1)) / count;
  units = units.flatMap((u) => (u.cost > share && u.configs.length > 1 ? u.configs.map((i) => unit([i])) : [u]));
  units.sort((a, b) => b.cost - a.cost || a.first - b.first);
  const load = Array.from({ length: count }, (_, s) => (s === 0 ? 0 : headStart));
  const out: number[][] = Array.from({ length: count }, () => []);
  for (const u of units) {
    let least = 0;
    for (let s = 1; s < count; s++) if (load[s] < load[least]) least = s;
    load[least] += u.cost;
    out[least].push(...u.configs);
  }
  return out.map((list) => list.sort((a, b) => a - b));
}

/** One slice of a run split into `count`: `index` is 0-based (as Kubernetes' JOB_COMPLETION_INDEX). */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/** The largest slice count accepted (more than any bound has configurations). */
export const MAX_SHARDS = 4096;

/**
 * `K/N`: slice K of N, K from 0 to N-1 (0-based, so that a Kubernetes Indexed Job passes its
 * completion index as it is). Returns why, as text, when it is not that.
 */
export function parseShardSpec(text: string): ShardSpec | string {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return `expected K/N (slice K of N, K from 0 to N-1), got "${text}"`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS) return `the slice count must be from 1 to ${MAX_SHARDS}, got ${m[2]}`;
  if (index >= count) return `slice ${index} of ${count} does not exist: K runs from 0 to ${count - 1}`;
  return { index, count };
}
