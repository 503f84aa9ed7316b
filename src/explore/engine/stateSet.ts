/**
 * An exact hash set of integer tuples of one width, numbering them in insertion order, like
 * IntKeySet (intKeySet.ts) but making use of the fixed width: the explored states' keys (view id and
 * the ids of the two halves of the monitors' ghost ids) and the halves themselves.
 *
 * Open addressing with the key inline: a slot holds the key's `width` ints, so a look-up compares
 * keys in the slot it reads and touches no other table (every transition ends in a look-up here:
 * one cache line per probe pays). A set that must tell the number of a key already seen keeps it in
 * the slot too (`numbered`); the explorer's set of states needs it only when a caller watches the
 * transitions, and otherwise saves that int per slot. The keys are also kept by number, back to
 * back, for `read`: the explorer reads its states in that order, so this copy is read sequentially
 * where the slots would be read at random. It is kept in chunks of CHUNK keys, so that it grows
 * without copying (and without the copy's peak) and wastes at most one chunk.
 */
import { markGrowable } from './growable.js';
import { reserve } from './memoryBudget.js';

/** Keys per chunk of the by-number copy. */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;

/** What `intern` answers for a key already seen, in a set that does not keep the numbers of seen keys. */
export const SEEN = 0x7fffffff;

export class StateSet {
  /** Ints per slot: the key (its first element + 1: 0 marks an empty slot), then, if numbered, its number + 1. */
  private readonly stride: number;
  // Small at first, so that they grow while the code is warming up (see intKeySet.ts).
  private slots: Int32Array;
  /** Slot count - 1 (a power of two, minus one). */
  private mask = 15;
  /** The keys by number, CHUNK to a chunk. */
  private readonly chunks: Int32Array[] = [];
  size = 0;

  /**
   * `numbered`: `intern` tells the number of a key seen before (else it answers SEEN). A set that
   * is not numbered needs keys whose first element is non-negative.
   */
  constructor(
    readonly width: number,
    readonly numbered = true,
  ) {
    this.stride = Math.max(1, width + (numbered ? 1 : 0));
    this.slots = new Int32Array(this.stride * 16);
    markGrowable(this, 'slots', 'mask');
  }

  /**
   * The number of the key at `key[from…from + width)`: `>= 0` if seen (SEEN if the set is not
   * numbered), else `-1 - n` for the new number n.
   */
  intern(key: Int32Array, from = 0): number {
    const width = this.width;
    const stride = this.stride;
    const slots = this.slots;
    const mask = this.mask;
    const numbered = this.numbered;
    // The slot's marker: the number + 1 (numbered), or the first element + 1.
    const markAt = numbered ? width : 0;
    const first = numbered ? 0 : 1;
    if (!numbered && width > 0 && key[from] < 0) throw new Error(`an unnumbered set takes keys that start with a non-negative int, not ${key[from]}`);
    for (let slot = hash(key, from, width) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * stride;
      const mark = slots[at + markAt];
      if (mark === 0) return -1 - this.add(key, from, slot);
      if (!numbered && width > 0 && mark !== key[from] + 1) continue;
      let i = first;
      while (i < width && slots[at + i] === key[from + i]) i++;
      if (i === width) return numbered ? mark - 1 : SEEN;
    }
  }

  /** Copies key number `entry` into `target` from `to` on. */
  read(entry: number, target: Int32Array, to = 0): void {
    const width = this.width;
    const chunk = this.chunks[entry >>> CHUNK_BITS];
    for (let i = 0, at = (entry & (CHUNK - 1)) * width; i < width; i++) target[to + i] = chunk[at + i];
  }

  private add(key: Int32Array, from: number, slot: number): number {
    const id = this.size;
    const width = this.width;
    if ((id & (CHUNK - 1)) === 0) {
      reserve(CHUNK * width * 4);
      this.chunks.push(new Int32Array(CHUNK * Math.max(1, width)));
    }
    const chunk = this.chunks[id >>> CHUNK_BITS];
    for (let i = 0, to = (id & (CHUNK - 1)) * width; i < width; i++) chunk[to + i] = key[from + i];
    const slots = this.slots;
    const at = slot * this.stride;
    for (let i = 0; i < width; i++) slots[at + i] = key[from + i];
    if (this.numbered) slots[at + width] = id + 1;
    else if (width > 0) slots[at] = key[from] + 1;
    else slots[at] = 1;
    this.size += 1;
    // At most 3/4 full.
    if (this.size * 4 > (this.mask + 1) * 3) this.rehash();
    return id;
  }

  /** Bytes held by the tables. */
  bytes(): number {
    let bytes = this.slots.byteLength;
    for (const chunk of this.chunks) bytes += chunk.byteLength;
    return bytes;
  }

  private rehash(): void {
    const old = this.slots;
    const width = this.width;
    const stride = this.stride;
    const markAt = this.numbered ? width : 0;
    reserve(old.byteLength * 2);
    const slots = new Int32Array(old.length * 2);
    const mask = 2 * (this.mask + 1) - 1;
    const scratch = new Int32Array(Math.max(1, width));
    for (let from = 0; from < old.length; from += stride) {
      if (old[from + markAt] === 0) continue;
      // The key as it was given (an unnumbered slot holds its first element + 1).
      for (let i = 0; i < width; i++) scratch[i] = old[from + i];
      if (!this.numbered && width > 0) scratch[0] -= 1;
      let slot = hash(scratch, 0, width) & mask;
      while (slots[slot * stride + markAt] !== 0) slot = (slot + 1) & mask;
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
