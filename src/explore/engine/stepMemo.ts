/**
 * One monitor's memoised steps: (observation id, ghost id) → a non-negative value (the bank stores
 * the next ghost id, or a failure or PER_CONFIG marker, see monitorBank.ts and monitorMemo.ts).
 *
 * Every transition looks up every live monitor, so this is the explorer's hottest table, with no
 * hashing while it is small: one flat array, a row of `stride` cells (a power of two, at least the
 * observation count) per ghost id, value + 1 per cell (0: not known yet). The observations here
 * are the monitor's projections (monitorMemo.ts), a few hundred at most at 5 + 4 co-installers and
 * six codes; a state's successors are looked up from one ghost, on observations first numbered
 * together, so by ghost rows they mostly read one or two cache lines.
 *
 * Past DENSE_CELLS cells the table is sparse (PrivateDataRoundTrips at 5 + 4: 19,683 ghosts × 324
 * observations, of which 475,260 pairs occur, 4%), and it turns into an open-addressing hash table
 * of (ghost × stride + observation, value) pairs, at most half full.
 */
import { markGrowable } from './growable.js';
import { OutOfMemoryBudget, reserve } from './memoryBudget.js';

/** Cells of the flat table beyond which it turns into a hash table (4 MiB). */
const DENSE_CELLS = 1 << 20;

export class StepMemo {
  /** Cells per ghost row (a power of two). */
  private stride = 4;
  /** Ghost rows allocated. */
  private ghosts = 16;
  /** The flat table, or null once the memo is a hash table. */
  private flat: Int32Array | null = new Int32Array(4 * 16);
  /** The hash table: key + 1 (0: empty), value; its slot count - 1; entries. */
  private slots = new Int32Array(0);
  private mask = -1;
  private entries = 0;

  constructor() {
    markGrowable(this, 'stride', 'ghosts', 'flat', 'slots', 'mask');
  }

  /** The value for (oid, g), or -1 when not known yet. */
  get(oid: number, g: number): number {
    if (oid >= this.stride) return -1;
    const flat = this.flat;
    const key = g * this.stride + oid;
    if (flat !== null) return key < flat.length ? flat[key] - 1 : -1;
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = hash(key, this.stride) & mask; ; slot = (slot + 1) & mask) {
      const k = slots[2 * slot] - 1;
      if (k === key) return slots[2 * slot + 1];
      if (k < 0) return -1;
    }
  }

  set(oid: number, g: number, value: number): void {
    if (oid >= this.stride) this.widen(oid);
    if (this.flat !== null && g >= this.ghosts) {
      if (Math.max(this.ghosts + (this.ghosts >> 1), g + 1) * this.stride > DENSE_CELLS) this.toHash();
      else this.lengthen(g);
    }
    const key = g * this.stride + oid;
    // (Far beyond what fits in memory anyway: a stop, as when a table may not grow.)
    if (key > 0x7ffffffe) throw new OutOfMemoryBudget(`a monitor's memo outgrew its keys (${g} ghosts × ${this.stride} observations)`);
    if (this.flat !== null) this.flat[key] = value + 1;
    else this.put(key, value);
  }

  /** Bytes held by the table. */
  bytes(): number {
    return (this.flat?.byteLength ?? 0) + this.slots.byteLength;
  }

  /** Makes room for observation id `oid`: wider rows. */
  private widen(oid: number): void {
    const stride = this.stride;
    let wider = stride;
    while (wider <= oid) wider *= 2;
    if (this.flat === null) {
      // Every key changes: rebuild the hash table under the new stride.
      const old = this.slots;
      this.stride = wider;
      this.rebuild(old, this.mask + 1, stride);
      return;
    }
    if (this.ghosts * wider > DENSE_CELLS) {
      this.toHash();
      this.widen(oid);
      return;
    }
    const old = this.flat;
    reserve(this.ghosts * wider * 4);
    const flat = new Int32Array(this.ghosts * wider);
    for (let g = 0; g < this.ghosts; g++) flat.set(old.subarray(g * stride, (g + 1) * stride), g * wider);
    this.flat = flat;
    this.stride = wider;
  }

  /** Makes room for ghost id `g`: more rows. */
  private lengthen(g: number): void {
    const ghosts = Math.max(this.ghosts + (this.ghosts >> 1), g + 1);
    reserve(ghosts * this.stride * 4);
    const flat = new Int32Array(ghosts * this.stride);
    flat.set(this.flat!);
    this.flat = flat;
    this.ghosts = ghosts;
  }

  /** Moves the flat table's cells into a hash table. */
  private toHash(): void {
    const flat = this.flat!;
    let set = 0;
    for (let i = 0; i < flat.length; i++) if (flat[i] !== 0) set++;
    let size = 1024;
    while (size < 4 * set) size *= 2;
    reserve(size * 8);
    this.slots = new Int32Array(2 * size);
    this.mask = size - 1;
    this.entries = 0;
    this.flat = null;
    for (let i = 0; i < flat.length; i++) if (flat[i] !== 0) this.put(i, flat[i] - 1);
  }

  private put(key: number, value: number): void {
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = hash(key, this.stride) & mask; ; slot = (slot + 1) & mask) {
      const k = slots[2 * slot] - 1;
      if (k === key || k < 0) {
        slots[2 * slot + 1] = value;
        if (k < 0) {
          slots[2 * slot] = key + 1;
          if (++this.entries * 2 > mask + 1) this.rebuild(slots, mask + 1, this.stride, 2 * (mask + 1));
        }
        return;
      }
    }
  }

  /** Re-inserts the pairs of `old` (`size` slots, keys under `oldStride`) into a table of `size2` slots. */
  private rebuild(old: Int32Array, size: number, oldStride: number, size2 = size): void {
    reserve(size2 * 8);
    this.slots = new Int32Array(2 * size2);
    this.mask = size2 - 1;
    this.entries = 0;
    for (let s = 0; s < size; s++) {
      const k = old[2 * s] - 1;
      if (k < 0) continue;
      const g = Math.floor(k / oldStride);
      this.put(g * this.stride + (k - g * oldStride), old[2 * s + 1]);
    }
  }
}

/**
 * The first slot for `key` = g × stride + observation: the ghost's part mixed, the observation's
 * added, so that one ghost's pairs lie close together (a state's successors, looked up from one
 * ghost on observations numbered together, then read a few cache lines, not one each).
 */
function hash(key: number, stride: number): number {
  const g = Math.floor(key / stride);
  const h = Math.imul(g, 0x9e3779b1);
  return (h ^ (h >>> 15)) + (key - g * stride);
}
