/**
 * An exact set of integer tuples of one width, numbered in insertion order, stored in two levels:
 * each half of a tuple is numbered in a set of its own, and the tuple is the pair of half numbers.
 * The explorer keeps its monitors' ghost ids this way (one id per monitor, thirteen today): the
 * halves repeat far more than whole tuples, so a tuple costs two ints in the pair set instead of
 * one per monitor (at 5 + 4 co-installers and six codes: 1,055,139 tuples for 3,698,200 states).
 */
import { StateSet } from './stateSet.js';

export class TupleSet {
  private readonly split: number;
  private readonly low: StateSet;
  private readonly high: StateSet;
  private readonly pairs = new StateSet(2);
  private readonly pair = new Int32Array(2);

  constructor(readonly width: number) {
    this.split = width >> 1;
    this.low = new StateSet(this.split);
    this.high = new StateSet(width - this.split);
  }

  get size(): number {
    return this.pairs.size;
  }

  /** The number of the tuple in `values` (its first `width` elements), adding it if new. */
  intern(values: Int32Array): number {
    const low = this.low.intern(values);
    const high = this.high.intern(values.subarray(this.split));
    this.pair[0] = low >= 0 ? low : -1 - low;
    this.pair[1] = high >= 0 ? high : -1 - high;
    const id = this.pairs.intern(this.pair);
    return id >= 0 ? id : -1 - id;
  }

  /** Copies tuple number `id` into `target`. */
  read(id: number, target: Int32Array): void {
    this.pairs.read(id, this.pair);
    this.low.read(this.pair[0], target);
    this.high.read(this.pair[1], target.subarray(this.split));
  }

  /** Bytes held by the tables. */
  bytes(): number {
    return this.low.bytes() + this.high.bytes() + this.pairs.bytes();
  }
}
