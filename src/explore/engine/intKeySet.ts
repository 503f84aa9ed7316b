/**
 * An exact set of integer sequences, numbering them in insertion order: the explorer's table of
 * seen states (and of seen observations). Strings as Map keys cost a flattening copy and a hash of
 * every concatenated key; here a key is written into a scratch buffer, hashed once, and compared
 * element by element only with entries of the same hash. Keys live back to back in one growable
 * Int32Array, so memory is about 4 bytes per key element plus 25 to 47 bytes per entry, and no
 * collision can merge two states (unlike TLC's fingerprints). A slot holds what a look-up needs
 * (entry, hash, where the key starts, its length), so a probe reads one slot and then the key.
 */
import { grown, markGrowable } from './growable.js';
import { reserve } from './memoryBudget.js';

/** Ints per slot (slot i starts at i << 2). */
const SLOT = 4;

export class IntKeySet {
  // The tables start small on purpose: they then grow early, while the code is still being warmed
  // up, so the optimized code already knows the growth paths (and need not be thrown away when one
  // is first taken).
  /** Open addressing, SLOT ints per slot: entry number + 1 (0: empty), hash, key start, key length. */
  private slots = new Int32Array(SLOT << 4);
  private starts = new Int32Array(8);
  private arena = new Int32Array(64);
  private used = 0;
  size = 0;

  /** The key being built. */
  private key = new Int32Array(64);
  private length = 0;

  constructor() {
    markGrowable(this, 'slots', 'starts', 'arena', 'key');
  }

  /** Starts a new key. */
  begin(): this {
    this.length = 0;
    return this;
  }

  /** Appends one element (any number; stored as its low 32 bits). */
  push(value: number): this {
    if (this.length === this.key.length) {
      const bigger = new Int32Array(this.key.length * 2);
      bigger.set(this.key);
      this.key = bigger;
    }
    this.key[this.length++] = value;
    return this;
  }

  /** The key's entry number, adding it if new: `>= 0` an existing entry, `-1 - n` a new entry n. */
  intern(): number {
    return this.internArray(this.key, this.length);
  }

  /** The key's entry number, or -1 if it is not in the set (nothing is added). */
  find(): number {
    const id = this.internArray(this.key, this.length, false);
    return id >= 0 ? id : -1;
  }

  /** Like `intern`, for a key written elsewhere: the first `length` elements of `key` (`add`: false to only look). */
  internArray(key: Int32Array, length: number, add = true): number {
    let h = 0x811c9dc5 ^ length;
    for (let i = 0; i < length; i++) {
      h = Math.imul(h ^ key[i], 0x01000193);
      h ^= h >>> 15;
    }
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h ^= h >>> 13;
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = slot << 2;
      const entry = slots[at] - 1;
      if (entry < 0) return add ? -1 - this.add(key, length, h, at) : -1;
      if (slots[at + 1] === h && slots[at + 3] === length && this.equals(slots[at + 2], key, length)) return entry;
    }
  }

  /** Copies entry `entry`'s elements into `target` (which must be long enough); returns how many. */
  read(entry: number, target: Int32Array): number {
    const start = this.starts[entry];
    const end = entry + 1 < this.size ? this.starts[entry + 1] : this.used;
    for (let i = start; i < end; i++) target[i - start] = this.arena[i];
    return end - start;
  }

  private equals(start: number, key: Int32Array, length: number): boolean {
    const arena = this.arena;
    for (let i = 0; i < length; i++) if (arena[start + i] !== key[i]) return false;
    return true;
  }

  private add(key: Int32Array, length: number, hash: number, at: number): number {
    const id = this.size;
    if (id === this.starts.length) this.starts = grow(this.starts, grown(id));
    if (this.used + length > this.arena.length) this.arena = grow(this.arena, Math.max(grown(this.arena.length), this.used + length));
    const arena = this.arena;
    for (let i = 0; i < length; i++) arena[this.used + i] = key[i];
    this.starts[id] = this.used;
    const slots = this.slots;
    slots[at] = id + 1;
    slots[at + 1] = hash;
    slots[at + 2] = this.used;
    slots[at + 3] = length;
    this.used += length;
    this.size += 1;
    // At most 3/4 full.
    if (this.size * 4 > (slots.length >> 2) * 3) this.rehash();
    return id;
  }

  private rehash(): void {
    const old = this.slots;
    reserve(old.byteLength * 2);
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 2) - 1;
    for (let from = 0; from < old.length; from += SLOT) {
      if (old[from] === 0) continue;
      let slot = old[from + 1] & mask;
      while (slots[slot << 2] !== 0) slot = (slot + 1) & mask;
      for (let i = 0; i < SLOT; i++) slots[(slot << 2) + i] = old[from + i];
    }
    this.slots = slots;
  }

  /** Bytes held by the tables. */
  bytes(): number {
    return this.slots.byteLength + this.starts.byteLength + this.arena.byteLength + this.key.byteLength;
  }
}

function grow(a: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  reserve(length * 4);
  const b = new Int32Array(length);
  b.set(a);
  return b;
}
