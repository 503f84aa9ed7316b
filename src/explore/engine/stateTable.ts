/** The explored states, by number: how each was reached (its parent and answer), for traces and depth. */
import { grown, markGrowable } from './growable.js';
import { reserve } from './memoryBudget.js';

/** One answer of a trace: the code, and whether the co-installer stored its index as PrivateData. */
export interface TraceAnswer {
  readonly code: number;
  readonly storesPrivateData: boolean;
}

/**
 * Growable per-state arrays: parent state (or -1 - configuration for an initial state) and the answer
 * that led here, as the number of its (code, storesPrivateData) pair: an exploration has a few dozen
 * distinct answers at most, so 6 bytes per state.
 */
export class StateTable {
  // Small at first, so that they grow while the code is warming up (see intKeySet.ts).
  parent = new Int32Array(16);
  answer = new Uint16Array(16);
  size = 0;
  /** The answers, numbered: (code, stores) by number, and number + 1 by code × 2 + stores. */
  private readonly answers: TraceAnswer[] = [];
  private readonly answerIds = new Map<number, number>();

  constructor() {
    markGrowable(this, 'parent', 'answer');
  }

  add(parent: number, code: number, stores: boolean): number {
    return this.addNumbered(parent, this.answerId(code, stores));
  }

  /** Adds a state reached by answer number `answer` (`answerId`). */
  addNumbered(parent: number, answer: number): number {
    if (this.size === this.parent.length) {
      const length = grown(this.parent.length);
      reserve(length * 6);
      const parents = new Int32Array(length);
      parents.set(this.parent);
      const answers = new Uint16Array(length);
      answers.set(this.answer);
      this.parent = parents;
      this.answer = answers;
    }
    const id = this.size++;
    this.parent[id] = parent;
    this.answer[id] = answer;
    return id;
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
    return this.parent.byteLength + this.answer.byteLength;
  }

  /** The configuration and the answers from the initial state to `id`. */
  path(id: number): { config: number; answers: TraceAnswer[] } {
    const answers: TraceAnswer[] = [];
    let at = id;
    while (this.parent[at] >= 0) {
      answers.push({ ...this.answers[this.answer[at]] });
      at = this.parent[at];
    }
    return { config: -1 - this.parent[at], answers: answers.reverse() };
  }
}

/** The longest parent chain (states are numbered in breadth-first order, so one pass suffices). */
export function maxDepth(table: StateTable): number {
  const depth = new Uint16Array(table.size);
  let max = 0;
  for (let id = 0; id < table.size; id++) {
    const parent = table.parent[id];
    if (parent >= 0) {
      depth[id] = depth[parent] + 1;
      if (depth[id] > max) max = depth[id];
    }
  }
  return max;
}
