/** The explored states, by number: how each was reached (its parent and answer), for traces and depth. */
import { reserve } from './memoryBudget.js';

/** One answer of a trace: the code, and whether the co-installer stored its index as PrivateData. */
export interface TraceAnswer {
  readonly code: number;
  readonly storesPrivateData: boolean;
}

/** States per chunk of the per-state arrays. */
const CHUNK_BITS = 14;
const CHUNK = 1 << CHUNK_BITS;

/**
 * Per-state arrays: parent state (or -1 - configuration for an initial state) and the answer that
 * led here, as the number of its (code, storesPrivateData) pair: an exploration has a few dozen
 * distinct answers at most, so 6 bytes per state. Kept in chunks of CHUNK states, so that they grow
 * without copying (and without the copy's peak) and waste at most one chunk.
 */
export class StateTable {
  private readonly parents: Int32Array[] = [];
  private readonly answers16: Uint16Array[] = [];
  size = 0;
  /** The answers, numbered: (code, stores) by number, and number + 1 by code × 2 + stores. */
  private readonly answers: TraceAnswer[] = [];
  private readonly answerIds = new Map<number, number>();

  add(parent: number, code: number, stores: boolean): number {
    return this.addNumbered(parent, this.answerId(code, stores));
  }

  /** Adds a state reached by answer number `answer` (`answerId`). */
  addNumbered(parent: number, answer: number): number {
    const id = this.size++;
    if ((id & (CHUNK - 1)) === 0) {
      reserve(CHUNK * 6);
      this.parents.push(new Int32Array(CHUNK));
      this.answers16.push(new Uint16Array(CHUNK));
    }
    this.parents[id >>> CHUNK_BITS][id & (CHUNK - 1)] = parent;
    this.answers16[id >>> CHUNK_BITS][id & (CHUNK - 1)] = answer;
    return id;
  }

  /** The parent of state `id` (-1 - its configuration for an initial state). */
  parent(id: number): number {
    return this.parents[id >>> CHUNK_BITS][id & (CHUNK - 1)];
  }

  /** The number of the answer that led to state `id`. */
  answer(id: number): number {
    return this.answers16[id >>> CHUNK_BITS][id & (CHUNK - 1)];
  }

  /** The answer's number (from 0, in the order first seen). */
  answerId(code: number, stores: boolean): number {
    const k = (code >>> 0) * 2 + (stores ? 1 : 0);
    let a = this.answerIds.get(k);
    if (a === undefined) {
      a = this.answers.length;
      if (a > 0xffff) throw new Error('more than 65,536 distinct answers');
      this.answers.push({ code: code >>> 0, storesPrivateData: stores });
      this.answerIds.set(k, a);
    }
    return a;
  }

  /** Answer number `id`. */
  answerOf(id: number): TraceAnswer {
    return this.answers[id];
  }

  /** Bytes held by the tables. */
  bytes(): number {
    return this.parents.length * CHUNK * 6;
  }

  /** The configuration and the answers from the initial state to `id`. */
  path(id: number): { config: number; answers: TraceAnswer[] } {
    const answers: TraceAnswer[] = [];
    let at = id;
    while (this.parent(at) >= 0) {
      answers.push({ ...this.answers[this.answer(at)] });
      at = this.parent(at);
    }
    return { config: -1 - this.parent(at), answers: answers.reverse() };
  }
}

/** The longest parent chain (states are numbered in breadth-first order, so one pass suffices). */
export function maxDepth(table: StateTable): number {
  const depth = new Uint16Array(table.size);
  let max = 0;
  for (let id = 0; id < table.size; id++) {
    const parent = table.parent(id);
    if (parent >= 0) {
      depth[id] = depth[parent] + 1;
      if (depth[id] > max) max = depth[id];
    }
  }
  return max;
}
