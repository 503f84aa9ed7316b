/**
 * One monitor's memoised steps: (observation id, ghost id) → a non-negative value (the bank stores
 * the next ghost id, or a failure or PER_CONFIG marker, see monitorBank.ts and monitorMemo.ts).
 *
 * Every transition looks up every live monitor, so this is the explorer's hottest table, and it is
 * dense (value + 1 per cell, 0: not known yet), with no hashing:
 *  - while it has at most FLAT_CELLS cells, one flat array, `stride` cells (a power of two, at least
 *    the ghost count) per observation: a look-up is a single read. The observations here are the
 *    monitor's projections (monitorMemo.ts), a few hundred at most at 3 + 3 co-installers and six
 *    codes, and ghosts number up to 729, so every monitor stays flat there (under 1 MB each);
 *  - beyond that, one row per observation, indexed by ghost id, grown as ghosts are numbered.
 */
import { markGrowable } from './growable.js';
import { reserve } from './memoryBudget.js';

const FLAT_CELLS = 1 << 21;
const EMPTY = new Int32Array(0);

export class StepMemo {
  /** Cells per observation in `flat` (a power of two), while the memo is flat. */
  private stride = 4;
  private flat: Int32Array | null = new Int32Array(4 * 16);
  private rows: Int32Array[] = [];

  constructor() {
    markGrowable(this, 'stride', 'flat', 'rows');
  }

  /** The value for (oid, g), or -1 when not known yet. */
  get(oid: number, g: number): number {
    const flat = this.flat;
    if (flat !== null) {
      const at = oid * this.stride + g;
      return g < this.stride && at < flat.length ? flat[at] - 1 : -1;
    }
    if (oid >= this.rows.length) return -1;
    const row = this.rows[oid];
    return g < row.length ? row[g] - 1 : -1;
  }

  set(oid: number, g: number, value: number): void {
    if (this.flat !== null && g >= this.stride) this.widen(g);
    const flat = this.flat;
    if (flat !== null) {
      const at = oid * this.stride + g;
      if (at < flat.length) {
        flat[at] = value + 1;
        return;
      }
      const cells = Math.max(flat.length * 2, (oid + 1) * this.stride);
      if (cells <= FLAT_CELLS) {
        reserve(cells * 4);
        const bigger = new Int32Array(cells);
        bigger.set(flat);
        this.flat = bigger;
        bigger[at] = value + 1;
        return;
      }
      this.toRows();
    }
    while (this.rows.length <= oid) this.rows.push(EMPTY);
    let row = this.rows[oid];
    if (g >= row.length) {
      const bigger = new Int32Array(Math.max(8, row.length * 2, g + 1));
      bigger.set(row);
      this.rows[oid] = row = bigger;
    }
    row[g] = value + 1;
  }

  /** Makes room for ghost id `g`: a wider flat table, or rows past FLAT_CELLS. */
  private widen(g: number): void {
    const old = this.flat!;
    const stride = this.stride;
    const observations = old.length / stride;
    let wider = stride;
    while (wider <= g) wider *= 2;
    if (observations * wider > FLAT_CELLS) {
      this.toRows();
      return;
    }
    reserve(observations * wider * 4);
    const flat = new Int32Array(observations * wider);
    for (let o = 0; o < observations; o++) flat.set(old.subarray(o * stride, (o + 1) * stride), o * wider);
    this.flat = flat;
    this.stride = wider;
  }

  /** Bytes held by the tables. */
  bytes(): number {
    let bytes = this.flat?.byteLength ?? 0;
    for (const row of this.rows) bytes += row.byteLength;
    return bytes;
  }

  private toRows(): void {
    const flat = this.flat!;
    const stride = this.stride;
    for (let o = 0; o < flat.length / stride; o++) this.rows.push(flat.slice(o * stride, (o + 1) * stride));
    this.flat = null;
  }
}
