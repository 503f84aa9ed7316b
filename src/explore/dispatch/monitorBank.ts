/**
 * The invariant monitors of an exploration, stepped fast.
 *
 * A monitor's step is a pure function of (ghost, observation, plan), and its ghost is canonical
 * JSON (src/invariants/types.ts). So the bank
 *  - interns each monitor's ghosts (by their JSON): a state carries one small integer per monitor
 *    (its ghost id), and the VIEW key holds those ids instead of the ghosts' JSON;
 *  - memoises each monitor's step, in two levels. The first is a dense table by (observation as the
 *    monitor's steps read it, ghost id), per configuration where a step read the plan
 *    (monitorMemo.ts, stepMemo.ts); a transition costs one look-up per monitor there. Behind it, a
 *    decision tree per ghost id recalls a step by exactly the features it read (decisionMemo.ts).
 *    What a step reads is noted by watching the observation and the plan it is given
 *    (observationProbe.ts, planProbe.ts). At 3 + 3 co-installers and six codes, 9,270 monitor steps
 *    run for 700,032 transitions × 13 monitors.
 * A failed monitor has ghost id FAILED (-1) and is not stepped again.
 */
import type { DispatchPlan } from '../../domain/dispatchPlan.js';
import { isFailure, type DispatchEnd, type DispatchInvariant } from '../../invariants/index.js';
import { DecisionMemo } from '../engine/decisionMemo.js';
import { MonitorMemo } from '../engine/monitorMemo.js';
import { ObservationProbe } from './observationProbe.js';
import type { ObservationTable } from './observationTable.js';
import { PlanProbe } from '../engine/planProbe.js';
import { markGrowable } from '../engine/growable.js';

export const FAILED = -1;
/** Memo values from here up are failures. */
const FAILURE = 2 ** 30;

/** A monitor that failed, and its failure sentence. */
export interface MonitorFailure {
  readonly k: number;
  readonly message: string;
}

function jsonKey(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? 'undefined';
}

export class MonitorBank {
  readonly size: number;
  private readonly ghostIds: Map<string, number>[];
  private readonly ghosts: unknown[][];
  /** Per monitor, its memoised steps (monitorMemo.ts). */
  private readonly memos: MonitorMemo[];
  /** Per monitor, its steps by exactly what each read (decisionMemo.ts). */
  private readonly decisions: DecisionMemo[];
  private readonly failures: string[] = [];
  /**
   * Observation id × monitor → the observation's projected id for that monitor + 1 (0: not yet),
   * one row per observation (monitorMemo.ts): a transition's look-ups read one row.
   */
  private projections = new Int32Array(16);
  private readonly planProbe = new PlanProbe();
  private readonly observationProbe: ObservationProbe;
  /** Monitor steps actually run (memo misses), for the curious. */
  steps = 0;

  constructor(
    readonly invariants: readonly DispatchInvariant[],
    private readonly observations: ObservationTable,
  ) {
    this.size = invariants.length;
    this.ghostIds = invariants.map(() => new Map());
    this.ghosts = invariants.map(() => []);
    this.memos = invariants.map(() => new MonitorMemo());
    this.decisions = invariants.map(() => new DecisionMemo());
    this.observationProbe = new ObservationProbe(observations.values);
    markGrowable(this, 'projections');
  }

  private intern(k: number, ghost: unknown): number {
    const key = jsonKey(ghost);
    let id = this.ghostIds[k].get(key);
    if (id === undefined) {
      id = this.ghosts[k].length;
      this.ghostIds[k].set(key, id);
      this.ghosts[k].push(ghost);
    }
    return id;
  }

  /**
   * Monitor k's step from ghost g on observation oid when the dense table does not have it: from
   * the decision tree if a step read the same, else run. Either way the dense table learns it.
   */
  private miss(k: number, g: number, oid: number, config: number, plan: DispatchPlan): number {
    this.missed = oid;
    const valueOf = this.valueOfMissed;
    let next = this.decisions[k].recall(g, valueOf);
    let readPlan = false;
    if (next < 0) {
      next = this.run(k, g, oid, config, plan);
      readPlan = this.planProbe.read;
      if (this.memos[k].learn(this.observationProbe.read)) this.forgetProjections(k);
      if (!readPlan) this.decisions[k].record(g, this.observationProbe.read, valueOf, next);
    }
    const n = this.size;
    let p = oid * n + k < this.projections.length ? this.projections[oid * n + k] - 1 : -1;
    if (p < 0) {
      p = this.memos[k].project(valueOf);
      if (oid * n + k >= this.projections.length) {
        const bigger = new Int32Array(Math.max(this.projections.length * 2, (oid + 1) * n));
        bigger.set(this.projections);
        this.projections = bigger;
      }
      this.projections[oid * n + k] = p + 1;
    }
    this.memos[k].set(p, g, config, next, readPlan);
    return next;
  }

  /** The observation of the miss at hand, and a feature's value there (for `miss`, without a closure per miss). */
  private missed = 0;
  private readonly valueOfMissed = (f: number): number => this.observationProbe.value(f, this.missed, this.observations.get(this.missed));

  /** Forgets monitor k's projected ids (its projection changed). */
  private forgetProjections(k: number): void {
    for (let at = k; at < this.projections.length; at += this.size) this.projections[at] = 0;
  }

  /** Runs monitor k's step, on views of the observation and plan that note what it reads. */
  private run(k: number, g: number, oid: number, config: number, plan: DispatchPlan): number {
    this.steps += 1;
    const ghost = this.ghosts[k][g];
    const observation = this.observationProbe.begin(oid, this.observations.get(oid));
    const result = this.invariants[k].step(ghost, observation, this.planProbe.begin(config, plan));
    let next: number;
    if (result === ghost) {
      next = g;
    } else if (isFailure(result)) {
      next = FAILURE + this.failures.length;
      this.failures.push(result.failure);
    } else {
      next = this.intern(k, result);
    }
    return next;
  }

  ghost(k: number, id: number): unknown {
    return this.ghosts[k][id];
  }

  /** The monitors' ghost ids before the first call, written into `ids`. */
  initial(plan: DispatchPlan, ids: Int32Array): void {
    for (let k = 0; k < this.size; k++) ids[k] = this.intern(k, this.invariants[k].init(plan));
  }

  /**
   * Steps every live monitor on one observation, updating its ghost id in `ids`. Failures are pushed
   * onto `failed`.
   */
  step(ids: Int32Array, oid: number, config: number, plan: DispatchPlan, failed: MonitorFailure[]): void {
    const n = this.size;
    const row = oid * n;
    for (let k = 0; k < n; k++) {
      const g = ids[k];
      if (g === FAILED) continue;
      const projections = this.projections;
      const p = row + k < projections.length ? projections[row + k] - 1 : -1;
      let next = p < 0 ? -1 : this.memos[k].get(p, g, config);
      if (next < 0) next = this.miss(k, g, oid, config, plan);
      if (next >= FAILURE) {
        ids[k] = FAILED;
        failed.push({ k, message: this.failures[next - FAILURE] });
      } else {
        ids[k] = next;
      }
    }
  }

  /**
   * `step` for the monitors k in [from, to) only. Returns whether what they did depends on the
   * observation and their ghosts alone: none failed, and no step among them read the plan (its
   * result is memoised per configuration).
   */
  stepRange(ids: Int32Array, oid: number, config: number, plan: DispatchPlan, failed: MonitorFailure[], from: number, to: number): boolean {
    const n = this.size;
    const row = oid * n;
    let pure = true;
    for (let k = from; k < to; k++) {
      const g = ids[k];
      if (g === FAILED) continue;
      const projections = this.projections;
      const p = row + k < projections.length ? projections[row + k] - 1 : -1;
      let next = p < 0 ? -1 : this.memos[k].lookup(p, g, config);
      if (next < -1) {
        pure = false; // memoised per configuration
        next = -2 - next;
      } else if (next < 0) {
        next = this.miss(k, g, oid, config, plan);
        if (pure && this.memos[k].isPerConfig(this.projections[row + k] - 1, g)) pure = false;
      }
      if (next >= FAILURE) {
        ids[k] = FAILED;
        failed.push({ k, message: this.failures[next - FAILURE] });
        pure = false;
      } else {
        ids[k] = next;
      }
    }
    return pure;
  }

  /** Runs `end` of every live monitor; failures are pushed onto `failed`. */
  end(ids: Int32Array, plan: DispatchPlan, end: DispatchEnd, failed: MonitorFailure[], skip?: (k: number) => boolean): void {
    for (let k = 0; k < this.size; k++) {
      if (ids[k] === FAILED || skip?.(k)) continue;
      const failure = this.invariants[k].end(this.ghosts[k][ids[k]], end, plan);
      if (failure) failed.push({ k, message: failure.failure });
    }
  }

  /** Bytes held by the typed tables (the memos and decision trees). */
  bytes(): number {
    return this.projections.byteLength + this.memos.reduce((sum, memo) => sum + memo.bytes(), 0) + this.decisions.reduce((sum, d) => sum + d.bytes(), 0);
  }

  /** Distinct ghosts per monitor. */
  ghostCounts(): number[] {
    return this.ghosts.map((g) => g.length);
  }
}
