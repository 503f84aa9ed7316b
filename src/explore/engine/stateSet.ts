/**
 * An exact hash set of integer tuples of one width, numbering them in insertion order, like
 * IntKeySet (intKeySet.ts) but making use of the fixed width: the explored states' keys (view id and
 * the ids of the two halves of the monitors' ghost ids) and the halves themselves.
 *
 * Open addressing with the key inline: a slot holds the key's `width` ints and its number + 1 (0:
 * empty), so a look-up compares keys in the slot it reads and touches no other table (every
 * transition ends in a look-up here: one cache line per probe pays). The keys are also kept by
 * number, back to back (`arena`), for `read`: the explorer reads its states in that order, so this
 * copy is read sequentially where the slots would be read at random.
 */
import { grown, markGrowable } from './growable.js';
import { reserve } from './memoryBudget.js';

export class StateSet {
  /** Ints per slot: the key, then its number + 1. */
  private readonly stride: number;
  // Small at first, so that they grow while the code is warming up (see intKeySet.ts).
  private slots: Int32Array;
  /** Slot count - 1 (a power of two, minus one). */
  private mask = 15;
  /** The keys by number. */
  private arena: Int32Array;
  size = 0;

  constructor(readonly width: number) {
    this.stride = width + 1;
    this.slots = new Int32Array(this.stride * 16);
    this.arena = new Int32Array(Math.max(1, width) * 16);
    markGrowable(this, 'slots', 'mask', 'arena');
  }

  /**
   * The number of the key at `key[from…from + width)`: `>= 0` if seen, else `-1 - n` for the new
   * number n.
   */
  intern(key: Int32Array, from = 0): number {
    const width = this.width;
    const stride = this.stride;
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = hash(key, from, width) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * stride;
      const entry = slots[at + width] - 1;
      if (entry < 0) return -1 - this.add(key, from, slot);
      let i = 0;
      while (i < width && slots[at + i] === key[from + i]) i++;
      if (i === width) return entry;
    }
  }

  /** Copies key number `entry` into `target` from `to` on. */
  read(entry: number, target: Int32Array, to = 0): void {
    const width = this.width;
    const arena = this.arena;
    for (let i = 0, at = entry * width; i < width; i++) target[to + i] = arena[at + i];
  }

  private add(key: Int32Array, from: number, slot: number): number {
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
    for (let i = 0, to = id * width; i < width; i++) arena[to + i] = key[from + i];
    const slots = this.slots;
    const at = slot * this.stride;
    for (let i = 0; i < width; i++) slots[at + i] = key[from + i];
    slots[at + width] = id + 1;
    this.size += 1;
    // At most 3/4 full.
    if (this.size * 4 > (this.mask + 1) * 3) this.rehash();
    return id;
  }

  /** Bytes held by the tables. */
  bytes(): number {
    return this.slots.byteLength + this.arena.byteLength;
  }

  private rehash(): void {
    const old = this.slots;
    const width = this.width;
    const stride = this.stride;
    reserve(old.byteLength * 2);
    const slots = new Int32Array(old.length * 2);
    const mask = 2 * (this.mask + 1) - 1;
    for (let from = 0; from < old.length; from += stride) {
      const entry = old[from + width];
      if (entry === 0) continue;
      let slot = hash(old, from, width) & mask;
      while (slots[slot * stride + width] !== 0) slot = (slot + 1) & mask;
      const to = slot * stride;
      for (let i = 0; i < stride; i++) slots[to + i] = old[from + i];
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** The hash of `key[from…from + width)`. */
function hash(key: Int32Array, from: number, width: number): number {
  let h = 0x811c9dc5 ^ width;
  for (let i = 0; i < width; i++) {
    h = Math.imul(h ^ key[from + i], 0x01000193);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return h ^ (h >>> 13);
}
