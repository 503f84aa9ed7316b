/**
 * A monitor's steps recalled by exactly what each step read (the second level of its memo, behind
 * the dense table of monitorMemo.ts).
 *
 * The dense table counts an observation by every feature any step of the monitor has read; a single
 * step reads fewer (PrivateDataRoundTrips looks at the status code of a preprocessing call, never of
 * a callback). Here, per ghost id, a decision tree follows the features in the order a step read
 * them (observationProbe.ts); its leaves are results. A step is a pure function, so from one ghost
 * it always reads the same feature first, and what it reads next depends only on the values read so
 * far: any observation that leads down a path to a leaf would have made the step do exactly that,
 * and return that leaf. Steps that read the plan are not kept here (their result may depend on it).
 *
 * The trees are typed arrays, not objects (at 5 + 4 co-installers and six codes some 200,000
 * nodes, which as objects with a Map each held about 45 MB of the heap): per node the feature it
 * reads, per ghost its root, and one hash table of edges (node, value) → child. A reference to a
 * child or root is 0 (none), node + 1, or -1 - result.
 */
import { grown, markGrowable } from './growable.js';
import { reserve } from './memoryBudget.js';

export class DecisionMemo {
  /** Per ghost id: its root, as a reference (see the file comment). */
  private roots = new Int32Array(16);
  /** Per node: the feature the step reads there. */
  private features = new Int32Array(16);
  private nodes = 0;
  /** Edges: open addressing, three ints per slot: node + 1 (0: empty), value, the child's reference. */
  private edges = new Int32Array(3 * 16);
  private mask = 15;
  private edgeCount = 0;

  constructor() {
    markGrowable(this, 'roots', 'features', 'edges', 'mask');
  }

  /** The recorded result from ghost `g` for an observation whose features `valueOf` numbers, or -1. */
  recall(g: number, valueOf: (feature: number) => number): number {
    let at = g < this.roots.length ? this.roots[g] : 0;
    while (at > 0) at = this.edge(at - 1, valueOf(this.features[at - 1]));
    return at < 0 ? -1 - at : -1;
  }

  /** Records a step from ghost `g` that read the features `read` (in order, repeats allowed). */
  record(g: number, read: readonly number[], valueOf: (feature: number) => number, result: number): void {
    if (g >= this.roots.length) this.roots = grow(this.roots, Math.max(grown(this.roots.length), g + 1));
    const order: number[] = [];
    for (const f of read) if (!order.includes(f)) order.push(f);
    if (order.length === 0) {
      if (this.roots[g] === 0) this.roots[g] = -1 - result;
      return;
    }
    if (this.roots[g] === 0) this.roots[g] = this.node(order[0]) + 1;
    const root = this.roots[g];
    // A step that would contradict the tree is not pure; leave it to the dense table.
    if (root < 0 || this.features[root - 1] !== order[0]) return;
    let node = root - 1;
    for (let i = 0; ; i++) {
      const value = valueOf(order[i]);
      if (i === order.length - 1) {
        if (this.edge(node, value) === 0) this.setEdge(node, value, -1 - result);
        return;
      }
      let child = this.edge(node, value);
      if (child === 0) this.setEdge(node, value, (child = this.node(order[i + 1]) + 1));
      if (child < 0 || this.features[child - 1] !== order[i + 1]) return;
      node = child - 1;
    }
  }

  /** Bytes held by the tables. */
  bytes(): number {
    return this.roots.byteLength + this.features.byteLength + this.edges.byteLength;
  }

  private node(feature: number): number {
    const id = this.nodes++;
    if (id === this.features.length) this.features = grow(this.features, grown(id));
    this.features[id] = feature;
    return id;
  }

  /** The reference on edge (node, value), or 0. */
  private edge(node: number, value: number): number {
    const edges = this.edges;
    const mask = this.mask;
    for (let slot = hash(node, value) & mask; ; slot = (slot + 1) & mask) {
      const at = 3 * slot;
      if (edges[at] === 0) return 0;
      if (edges[at] === node + 1 && edges[at + 1] === value) return edges[at + 2];
    }
  }

  private setEdge(node: number, value: number, ref: number): void {
    if ((this.edgeCount + 1) * 2 > this.mask + 1) this.rehash();
    const edges = this.edges;
    const mask = this.mask;
    let slot = hash(node, value) & mask;
    while (edges[3 * slot] !== 0) slot = (slot + 1) & mask;
    edges[3 * slot] = node + 1;
    edges[3 * slot + 1] = value;
    edges[3 * slot + 2] = ref;
    this.edgeCount++;
  }

  private rehash(): void {
    const old = this.edges;
    const size = 2 * (this.mask + 1);
    reserve(size * 12);
    const edges = new Int32Array(3 * size);
    const mask = size - 1;
    for (let at = 0; at < old.length; at += 3) {
      if (old[at] === 0) continue;
      let slot = hash(old[at] - 1, old[at + 1]) & mask;
      while (edges[3 * slot] !== 0) slot = (slot + 1) & mask;
      edges[3 * slot] = old[at];
      edges[3 * slot + 1] = old[at + 1];
      edges[3 * slot + 2] = old[at + 2];
    }
    this.edges = edges;
    this.mask = mask;
  }
}

function hash(node: number, value: number): number {
  let h = Math.imul(node ^ 0x27d4eb2d, 0x9e3779b1) ^ value;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  return h ^ (h >>> 13);
}

function grow(a: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  reserve(length * 4);
  const b = new Int32Array(length);
  b.set(a);
  return b;
}
