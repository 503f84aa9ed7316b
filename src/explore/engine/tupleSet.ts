/**
 * The explorer's monitor ghost ids (one per monitor, thirteen today), kept in two halves: each half
 * of a tuple is numbered in a set of its own (stateSet.ts), and a state's key holds the two half
 * numbers. The halves repeat far more than whole tuples or states (at 4 + 4 co-installers and six
 * codes: 7,724 and 85,293 halves for 348,639 tuples and 1,210,072 states), so a state costs two ints
 * of ghosts instead of one per monitor, and no table of whole tuples is kept.
 */
import { StateSet } from './stateSet.js';

export class TupleSet {
  /** Where the second half starts. */
  readonly split: number;
  private readonly low: StateSet;
  private readonly high: StateSet;

  constructor(readonly width: number) {
    this.split = width >> 1;
    this.low = new StateSet(this.split);
    this.high = new StateSet(width - this.split);
  }

  /** The number of the first half of the tuple in `values` (its first `width` elements), adding it if new. */
  internLow(values: Int32Array): number {
    const id = this.low.intern(values, 0);
    return id >= 0 ? id : -1 - id;
  }

  /** The number of its second half. */
  internHigh(values: Int32Array): number {
    const id = this.high.intern(values, this.split);
    return id >= 0 ? id : -1 - id;
  }

  /** Whether two tuples agree on their first half. */
  sameLow(a: Int32Array, b: Int32Array): boolean {
    for (let i = 0; i < this.split; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  /** Whether two tuples agree on their second half. */
  sameHigh(a: Int32Array, b: Int32Array): boolean {
    for (let i = this.split; i < this.width; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  /** Copies the first half numbered `low` into the start of `target`. */
  readLow(low: number, target: Int32Array): void {
    this.low.read(low, target, 0);
  }

  /** Copies the tuple of halves `low` and `high` into `target`. */
  read(low: number, high: number, target: Int32Array): void {
    this.low.read(low, target, 0);
    this.high.read(high, target, this.split);
  }

  /** Distinct halves: first, second. */
  sizes(): [number, number] {
    return [this.low.size, this.high.size];
  }

  /** Bytes held by the tables. */
  bytes(): number {
    return this.low.bytes() + this.high.bytes();
  }
}
