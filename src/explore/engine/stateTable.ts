/** The explored states, by number: how each was reached (its parent and answer), for traces and depth. */
import { markGrowable } from './growable.js';
import { reserve } from './memoryBudget.js';

/** One answer of a trace: the code, and whether the co-installer stored its index as PrivateData. */
export interface TraceAnswer {
  readonly code: number;
  readonly storesPrivateData: boolean;
}

/** Growable per-state arrays: parent state (or -1 - configuration for an initial state) and the answer that led here. */
export class StateTable {
  // Small at first, so that they grow while the code is warming up (see intKeySet.ts).
  parent = new Int32Array(16);
  code = new Uint32Array(16);
  stores = new Uint8Array(16);
  size = 0;

  constructor() {
    markGrowable(this, 'parent', 'code', 'stores');
  }

  add(parent: number, code: number, stores: boolean): number {
    if (this.size === this.parent.length) {
      reserve(2 * (this.parent.byteLength + this.code.byteLength + this.stores.byteLength));
      const grow = <T extends Int32Array | Uint32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.parent = grow(this.parent, (n) => new Int32Array(n));
      this.code = grow(this.code, (n) => new Uint32Array(n));
      this.stores = grow(this.stores, (n) => new Uint8Array(n));
    }
    const id = this.size++;
    this.parent[id] = parent;
    this.code[id] = code;
    this.stores[id] = stores ? 1 : 0;
    return id;
  }

  /** Bytes held by the tables. */
  bytes(): number {
    return this.parent.byteLength + this.code.byteLength + this.stores.byteLength;
  }

  /** The configuration and the answers from the initial state to `id`. */
  path(id: number): { config: number; answers: TraceAnswer[] } {
    const answers: TraceAnswer[] = [];
    let at = id;
    while (this.parent[at] >= 0) {
      answers.push({ code: this.code[at], storesPrivateData: this.stores[at] === 1 });
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
