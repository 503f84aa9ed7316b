/**
 * The monitors' side of a transition: from the expanded state's ghosts (the ids of its two halves,
 * tupleSet.ts), along the observations the transition records, to the half ids of the state
 * reached.
 *
 * Most transitions record one observation, and the first half of the ghosts repeats far more than
 * the second (at 4 + 4 co-installers and six codes 7,724 first halves for 85,293 second ones), so
 * the first half's step is memoised whole: (first half, observation) → the next first half, in a
 * direct-mapped cache of CACHE entries (a lookup, instead of a memo look-up per monitor of the half
 * and a look-up of the half it makes). Only steps that depend on nothing else are cached: none of
 * the half's monitors failed (a failure is reported on its transition) and none read the plan.
 * The cache forgets on collisions (it is bounded, whatever the bounds), which costs only a step.
 */
import type { DispatchPlan } from '../../domain/dispatchPlan.js';
import type { TupleSet } from '../engine/tupleSet.js';
import type { MonitorBank, MonitorFailure } from './monitorBank.js';

/** The cache's largest size (entries; 12 MiB), and its first. It doubles (and starts afresh) each time it has missed twice its size. */
const CACHE = 1 << 20;
const FIRST = 1 << 12;

export class GhostSteps {
  /** The expanded state's ghosts, and their half ids. */
  private readonly from: Int32Array;
  private fromLow = 0;
  private fromHigh = 0;
  /** The reached state's ghosts (the first half only once `whole` has made them). */
  private readonly to: Int32Array;
  private lowMade = true;
  private toLow = 0;
  /** The cache: per entry the first half + 1 (0: empty), the observation, the next first half. */
  private cache = new Int32Array(3 * FIRST);
  private misses = 0;
  private readonly split: number;

  constructor(
    private readonly monitors: MonitorBank,
    private readonly halves: TupleSet,
  ) {
    this.from = new Int32Array(monitors.size);
    this.to = new Int32Array(monitors.size);
    this.split = halves.split;
  }

  /** Starts from the state whose ghost halves are `low` and `high`. */
  start(low: number, high: number): void {
    this.fromLow = low;
    this.fromHigh = high;
    this.halves.read(low, high, this.from);
  }

  /**
   * Steps along the `count` observation ids of `ids` from `at`; writes the half ids of the state
   * reached into key[1] and key[2], and failures onto `failed`.
   */
  step(ids: Int32Array, at: number, count: number, config: number, plan: DispatchPlan, key: Int32Array, failed: MonitorFailure[]): void {
    const { from, to, monitors, halves, split } = this;
    const n = monitors.size;
    for (let k = split; k < n; k++) to[k] = from[k];
    if (count === 1) {
      const oid = ids[at];
      const cache = this.cache;
      const slot = 3 * (hash(this.fromLow, oid) & (cache.length / 3 - 1));
      if (cache[slot] === this.fromLow + 1 && cache[slot + 1] === oid) {
        this.toLow = cache[slot + 2];
        this.lowMade = false;
      } else {
        for (let k = 0; k < split; k++) to[k] = from[k];
        const pure = monitors.stepRange(to, oid, config, plan, failed, 0, split);
        this.toLow = halves.sameLow(to, from) ? this.fromLow : halves.internLow(to);
        this.lowMade = true;
        if (pure) {
          cache[slot] = this.fromLow + 1;
          cache[slot + 1] = oid;
          cache[slot + 2] = this.toLow;
        }
        if (++this.misses > (2 * cache.length) / 3 && cache.length < 3 * CACHE) {
          this.cache = new Int32Array(2 * cache.length);
          this.misses = 0;
        }
      }
      monitors.stepRange(to, oid, config, plan, failed, split, n);
    } else {
      for (let k = 0; k < split; k++) to[k] = from[k];
      for (let i = 0; i < count; i++) monitors.step(to, ids[at + i], config, plan, failed);
      this.toLow = halves.sameLow(to, from) ? this.fromLow : halves.internLow(to);
      this.lowMade = true;
    }
    key[1] = this.toLow;
    key[2] = halves.sameHigh(to, from) ? this.fromHigh : halves.internHigh(to);
  }

  /** The reached state's ghosts, every monitor's (after `step`). */
  whole(): Int32Array {
    if (!this.lowMade) {
      this.halves.readLow(this.toLow, this.to);
      this.lowMade = true;
    }
    return this.to;
  }

  /** Bytes held by the cache. */
  bytes(): number {
    return this.cache.byteLength;
  }
}

/**
 * The entry of (first half, observation): the half's part mixed, the observation's added, so that a
 * state's successors (one first half, observations numbered together) read neighbouring entries —
 * a few cache lines rather than one each.
 */
function hash(low: number, oid: number): number {
  const h = Math.imul(low, 0x9e3779b1);
  return (h ^ (h >>> 15)) + oid;
}
