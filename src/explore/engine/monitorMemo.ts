/**
 * One monitor's memoised steps, as the bank keeps them (monitorBank.ts): next ghost id (or failure)
 * by (observation, ghost id), where
 *  - the observation counts only by the features the monitor's steps have read so far
 *    (observationProbe.ts): observations that agree on them share one projected id, and one entry;
 *  - a step that read the plan (planProbe.ts) is memoised per configuration: its entry says
 *    PER_CONFIG, and the configuration's own table holds the result.
 * When a step reads a feature no step of this monitor read before, the projection gets finer and
 * everything memoised is forgotten (this happens a few times, early: each monitor reads a handful
 * of features). Entries stay right as the projection refines: a step depends only on what it read.
 */
import { markGrowable } from './growable.js';
import { IntKeySet } from './intKeySet.js';
import { StepMemo } from './stepMemo.js';

/** The entry's result is per configuration. */
const PER_CONFIG = 2 ** 31 - 2;

export class MonitorMemo {
  private shared = new StepMemo();
  private perConfig: StepMemo[] = [];
  /** Features read by the monitor's steps so far, ascending. */
  private features: number[] = [];
  private projected = new IntKeySet();

  constructor() {
    markGrowable(this, 'shared', 'perConfig', 'features', 'projected');
  }

  /**
   * The projected id of an observation: its values on the monitor's features (`valueOf` numbers a
   * feature's value there). The bank keeps them per observation, until `learn` changes them.
   */
  project(valueOf: (feature: number) => number): number {
    const key = this.projected.begin();
    for (const f of this.features) key.push(valueOf(f));
    const p = key.intern();
    return p < 0 ? -1 - p : p;
  }

  /** The memoised result for (projected observation p, ghost g) in `config`, or -1. */
  get(p: number, g: number, config: number): number {
    const value = this.shared.get(p, g);
    if (value !== PER_CONFIG) return value;
    return this.perConfig[config]?.get(p, g) ?? -1;
  }

  /**
   * get() and isPerConfig() in one look-up of the shared table (the monitors' hot path): the
   * result when it is shared, -2 - the result when it is memoised per configuration, -1 when
   * nothing is memoised for `config`.
   */
  lookup(p: number, g: number, config: number): number {
    const value = this.shared.get(p, g);
    if (value !== PER_CONFIG) return value;
    const own = this.perConfig[config]?.get(p, g) ?? -1;
    return own < 0 ? -1 : -2 - own;
  }

  /** Whether the result for (projected observation p, ghost g) is memoised per configuration. */
  isPerConfig(p: number, g: number): boolean {
    return this.shared.get(p, g) === PER_CONFIG;
  }

  /** Memoises a result (non-negative, below PER_CONFIG); `readPlan`: the step read the plan. */
  set(p: number, g: number, config: number, value: number, readPlan: boolean): void {
    if (readPlan || this.shared.get(p, g) === PER_CONFIG) {
      this.shared.set(p, g, PER_CONFIG);
      (this.perConfig[config] ??= new StepMemo()).set(p, g, value);
    } else {
      this.shared.set(p, g, value);
    }
  }

  /** Bytes held by the typed tables. */
  bytes(): number {
    let bytes = this.shared.bytes() + this.projected.bytes();
    for (const memo of this.perConfig) if (memo) bytes += memo.bytes();
    return bytes;
  }

  /**
   * Takes in the features a step read; if any is new, refines the projection and forgets everything
   * (then returns true: the projected ids of observations change).
   */
  learn(read: readonly number[]): boolean {
    let added = false;
    for (const f of read) {
      if (this.features.includes(f)) continue;
      this.features.push(f);
      added = true;
    }
    if (!added) return false;
    this.features.sort((a, b) => a - b);
    this.shared = new StepMemo();
    this.perConfig = [];
    this.projected = new IntKeySet();
    return true;
  }
}
