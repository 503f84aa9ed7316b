/**
 * The explored states' keys (view id, then one ghost id per monitor): an exact hash set of integer
 * tuples of one width, numbering them in insertion order, like IntKeySet (intKeySet.ts) but making
 * use of the fixed width. A key's place in the arena is its number × width, so a slot holds only the
 * number and the hash (8 bytes), and a look-up reads one slot and, on a matching hash, one key.
 * Every transition ends in a look-up here, so the smaller table pays.
 */
import { grown, markGrowable } from './growable.js';
import { reserve } from './memoryBudget.js';

export class StateSet {
  // Small at first, so that they grow while the code is warming up (see intKeySet.ts).
  /** Open addressing, two ints per slot: entry number + 1 (0: empty), hash. */
  private slots = new Int32Array(2 * 16);
  private arena: Int32Array;
  size = 0;

  constructor(readonly width: number) {
    this.arena = new Int32Array(Math.max(1, width) * 16);
    markGrowable(this, 'slots', 'arena');
  }

  /** The number of the key `key` (its first `width` elements): `>= 0` if seen, else `-1 - n` for the new number n. */
  intern(key: Int32Array): number {
    const width = this.width;
    let h = 0x811c9dc5 ^ width;
    for (let i = 0; i < width; i++) {
      h = Math.imul(h ^ key[i], 0x01000193);
      h ^= h >>> 15;
    }
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h ^= h >>> 13;
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot] - 1;
      if (entry < 0) return -1 - this.add(key, h, slot);
      if (slots[2 * slot + 1] === h && this.equals(entry, key)) return entry;
    }
  }

  /** Copies key number `entry` into `target`. */
  read(entry: number, target: Int32Array): void {
    const width = this.width;
    const arena = this.arena;
    for (let i = 0, at = entry * width; i < width; i++) target[i] = arena[at + i];
  }

  private equals(entry: number, key: Int32Array): boolean {
    const width = this.width;
    const arena = this.arena;
    for (let i = 0, at = entry * width; i < width; i++) if (arena[at + i] !== key[i]) return false;
    return true;
  }

  private add(key: Int32Array, hash: number, slot: number): number {
    const id = this.size;
    const width = this.width;
    if ((id + 1) * width > this.arena.length) {
      const length = Math.max(grown(this.arena.length), (id + 1) * width);
      reserve(length * 4);
      const bigger = new Int32Array(length);
      bigger.set(this.arena);
      this.arena = bigger;
    }
    const arena = this.arena;
    for (let i = 0, at = id * width; i < width; i++) arena[at + i] = key[i];
    this.slots[2 * slot] = id + 1;
    this.slots[2 * slot + 1] = hash;
    this.size += 1;
    // At most 3/4 full: 8 bytes per slot, 11 to 21 bytes per key.
    if (this.size * 4 > (this.slots.length >> 1) * 3) this.rehash();
    return id;
  }

  /** Bytes held by the tables. */
  bytes(): number {
    return this.slots.byteLength + this.arena.byteLength;
  }

  private rehash(): void {
    const old = this.slots;
    reserve(old.byteLength * 2);
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 1) - 1;
    for (let from = 0; from < old.length; from += 2) {
      if (old[from] === 0) continue;
      let slot = old[from + 1] & mask;
      while (slots[2 * slot] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[from];
      slots[2 * slot + 1] = old[from + 1];
    }
    this.slots = slots;
  }
}
