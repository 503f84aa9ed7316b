/**
 * One monitor's memoised steps: (observation id, ghost id) → a non-negative value (the bank stores
 * the next ghost id, or a failure or PER_CONFIG marker, see monitorBank.ts and monitorMemo.ts).
 *
 * Every transition looks up every live monitor, so this is the explorer's hottest table, and it is
 * dense (value + 1 per cell, 0: not known yet), with no hashing: one flat array, a row of `stride`
 * cells (a power of two, at least the observation count) per ghost id. The observations here are
 * the monitor's projections (monitorMemo.ts), a few hundred at most at 5 + 4 co-installers and six
 * codes, while ghosts number up to about 20,000 there; a state's successors are looked up from one
 * ghost, on observations first numbered together, so by ghost rows they mostly read one or two
 * cache lines where by observation rows each read a line of its own.
 */
import { grown, markGrowable } from './growable.js';
import { reserve } from './memoryBudget.js';

export class StepMemo {
  /** Cells per ghost row (a power of two). */
  private stride = 4;
  /** Ghost rows allocated. */
  private ghosts = 16;
  private flat = new Int32Array(4 * 16);

  constructor() {
    markGrowable(this, 'stride', 'ghosts', 'flat');
  }

  /** The value for (oid, g), or -1 when not known yet. */
  get(oid: number, g: number): number {
    const at = g * this.stride + oid;
    return oid < this.stride && at < this.flat.length ? this.flat[at] - 1 : -1;
  }

  set(oid: number, g: number, value: number): void {
    if (oid >= this.stride) this.widen(oid);
    if (g >= this.ghosts) this.lengthen(g);
    this.flat[g * this.stride + oid] = value + 1;
  }

  /** Makes room for observation id `oid`: wider rows. */
  private widen(oid: number): void {
    const old = this.flat;
    const stride = this.stride;
    let wider = stride;
    while (wider <= oid) wider *= 2;
    reserve(this.ghosts * wider * 4);
    const flat = new Int32Array(this.ghosts * wider);
    for (let g = 0; g < this.ghosts; g++) flat.set(old.subarray(g * stride, (g + 1) * stride), g * wider);
    this.flat = flat;
    this.stride = wider;
  }

  /** Makes room for ghost id `g`: more rows. */
  private lengthen(g: number): void {
    const ghosts = Math.max(grown(this.ghosts), g + 1);
    reserve(ghosts * this.stride * 4);
    const flat = new Int32Array(ghosts * this.stride);
    flat.set(this.flat);
    this.flat = flat;
    this.ghosts = ghosts;
  }

  /** Bytes held by the table. */
  bytes(): number {
    return this.flat.byteLength;
  }
}
