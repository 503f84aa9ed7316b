import { grown, markGrowable } from './growable.js';
import { reserve } from './memoryBudget.js';

/**
 * Recorded successors, back to back in one Int32Array. A record is the answer count, then per
 * answer: the answer's number (StateTable.answerId) × 65,536 + the observation count, next (a view
 * or a shape), the observation ids.
 */
export class SuccessorArena {
  // Small at first, so that it grows while the code is warming up (see intKeySet.ts).
  data = new Int32Array(64);
  private used = 0;

  constructor() {
    markGrowable(this, 'data');
  }

  /** Starts a record of `answers` answers; returns where it starts. */
  begin(answers: number): number {
    const at = this.used;
    this.reserve(1);
    this.data[this.used++] = answers;
    return at;
  }

  /** Adds the next answer (by its number) of the record being written: its observations are `count` ids of `ids` from `from`. */
  add(answer: number, next: number, ids: ArrayLike<number>, from: number, count: number): void {
    if (answer > 0x7fff || count > 0xffff) throw new Error(`successor record out of range: answer ${answer}, ${count} observations`);
    this.reserve(2 + count);
    const data = this.data;
    let at = this.used;
    data[at++] = answer * 0x10000 + count;
    data[at++] = next;
    for (let i = 0; i < count; i++) data[at++] = ids[from + i];
    this.used = at;
  }

  /** Bytes held by the table. */
  bytes(): number {
    return this.data.byteLength;
  }

  private reserve(count: number): void {
    if (this.used + count <= this.data.length) return;
    const length = Math.max(grown(this.data.length), this.used + count);
    reserve(length * 4);
    const bigger = new Int32Array(length);
    bigger.set(this.data);
    this.data = bigger;
  }
}
