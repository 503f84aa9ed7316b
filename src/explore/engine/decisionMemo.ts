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
 */

// A class rather than object literals: V8 tracks literal allocation sites and, when it starts
// allocating a long-lived site's objects in old space, throws away the code that allocates there.
class Node {
  /** By `feature`'s value: the next node, or the result. */
  readonly next = new Map<number, Node | number>();

  /** `feature`: the feature the step reads here. */
  constructor(readonly feature: number) {}
}

export class DecisionMemo {
  /**
   * Per ghost id: the first node, or the result of a step that read nothing. (Filled with undefined
   * up to the last ghost id rather than left with holes: the array keeps one kind of elements.)
   */
  private readonly roots: (Node | number | undefined)[] = [];

  /** The recorded result from ghost `g` for an observation whose features `valueOf` numbers, or -1. */
  recall(g: number, valueOf: (feature: number) => number): number {
    let at = g < this.roots.length ? this.roots[g] : undefined;
    while (typeof at === 'object') at = at.next.get(valueOf(at.feature));
    return at ?? -1;
  }

  /** Records a step from ghost `g` that read the features `read` (in order, repeats allowed). */
  record(g: number, read: readonly number[], valueOf: (feature: number) => number, result: number): void {
    while (this.roots.length <= g) this.roots.push(undefined);
    const order: number[] = [];
    for (const f of read) if (!order.includes(f)) order.push(f);
    if (order.length === 0) {
      this.roots[g] ??= result;
      return;
    }
    const root = (this.roots[g] ??= new Node(order[0]));
    // A step that would contradict the tree is not pure; leave it to the dense table.
    if (typeof root === 'number' || root.feature !== order[0]) return;
    let node: Node = root;
    for (let i = 0; ; i++) {
      const value = valueOf(order[i]);
      if (i === order.length - 1) {
        if (!node.next.has(value)) node.next.set(value, result);
        return;
      }
      let child = node.next.get(value);
      if (child === undefined) node.next.set(value, (child = new Node(order[i + 1])));
      if (typeof child === 'number' || child.feature !== order[i + 1]) return;
      node = child;
    }
  }
}
