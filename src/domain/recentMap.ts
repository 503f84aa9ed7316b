/**
 * A memo keyed by object identity that keeps only its latest entries, for objects that live briefly
 * (the results, records and scenarios of one run or one explored scenario): a ring of a few slots,
 * searched from the newest, the oldest overwritten once it is full.
 *
 * Measured in the lifecycle exploration (issue 11, target 5), both alternatives made V8's
 * young-generation GC promote what should have died young: a WeakMap keeps its entries (keys and
 * values) alive until the next full GC, and a long-lived Map or Set with entries coming and going
 * keeps young objects alive through the tables it has outgrown; each cost up to a third of the
 * exploration's time in GC. Two fixed arrays whose slots are overwritten hold nothing else.
 */
export class RecentMap<K extends object, V> {
  private readonly keys: (K | undefined)[];
  private readonly values: (V | undefined)[];
  private next = 0;

  constructor(capacity: number) {
    this.keys = new Array<K | undefined>(capacity).fill(undefined);
    this.values = new Array<V | undefined>(capacity).fill(undefined);
  }

  /** The slot holding `key`, newest first, or -1. */
  private slot(key: K): number {
    const keys = this.keys;
    for (let at = this.next - 1; at >= 0; at--) if (keys[at] === key) return at;
    for (let at = keys.length - 1; at >= this.next; at--) if (keys[at] === key) return at;
    return -1;
  }

  get(key: K): V | undefined {
    const at = this.slot(key);
    return at < 0 ? undefined : this.values[at];
  }

  set(key: K, value: V): void {
    let at = this.slot(key);
    if (at < 0) {
      at = this.next;
      this.next = (this.next + 1) % this.keys.length;
      this.keys[at] = key;
    }
    this.values[at] = value;
  }
}
