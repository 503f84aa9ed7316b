/**
 * A memo keyed by object identity that keeps only its most recent entries (the oldest go first once
 * it is full), for objects that live briefly: the results, records and scenarios of one run or one
 * explored scenario. A WeakMap would forget them with their keys, but V8's young-generation GC
 * keeps a WeakMap's entries alive (keys and values, promoted) until the next full GC: with keys
 * made by the thousand that made whole explorations spend a third of their time in GC (measured:
 * src/explore/lifecycle/, issue 11 target 5). Entries here are strong; the bound keeps them few.
 */
export class RecentMap<K extends object, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    if (!this.entries.has(key) && this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
  }
}
