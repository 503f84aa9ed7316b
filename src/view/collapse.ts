/**
 * A chart with some compound states collapsed: each collapsed state is drawn as one box that says
 * how many states it holds, its descendants are left out, and every transition into or out of
 * them is drawn to or from the box (transitions with the same ends merged, those wholly inside
 * dropped). Which states are collapsed is data (the set of expanded ones), derived by the caller
 * from the active configuration; nothing here names a particular state.
 */
import type { Chart, ChartEdge, ChartNode } from './chart.js';

export interface VisibleNode extends ChartNode {
  /** Set when the state is collapsed: how many states it holds (all descendants). */
  readonly hidden?: number;
  /** Set when the collapsed state's subtree is another machine's whole chart (a mount of it). */
  readonly mountOf?: string;
}

export interface VisibleChart extends Chart {
  readonly nodes: Readonly<Record<string, VisibleNode>>;
  /** The configuration this chart was drawn for (sorted expanded compound ids). */
  readonly key: string;
}

/** Every compound state of a chart (the root included). */
export function compoundIds(chart: Chart): string[] {
  return Object.values(chart.nodes)
    .filter((n) => n.children.length > 0)
    .map((n) => n.id);
}

function descendants(chart: Chart, id: string): number {
  return chart.nodes[id].children.reduce((sum, c) => sum + 1 + descendants(chart, c), 0);
}

/** A stable key for a set of expanded compound states (the layout cache's key). */
export function configKey(chart: Chart, expanded: Iterable<string>): string {
  const all = new Set(compoundIds(chart));
  return [...new Set(expanded)].filter((id) => all.has(id) && id !== chart.root).sort().join(',');
}

/** The state an id is drawn as: itself, or its outermost collapsed ancestor. */
export function visibleIdOf(chart: Chart, expanded: ReadonlySet<string>, id: string): string {
  const path: string[] = [];
  for (let n: ChartNode | undefined = chart.nodes[id]; n; n = n.parent ? chart.nodes[n.parent] : undefined) path.unshift(n.id);
  // Root first: the first state on the path that is not expanded hides everything below it.
  for (const p of path) if (p !== chart.root && !expanded.has(p) && chart.nodes[p].children.length > 0) return p;
  return id;
}

/**
 * Whether subtree `a` has the shape of subtree `b`: the same keys, kinds, initial child and
 * children all the way down, except that a state `b` leaves atomic may hold more in `a` (a mount
 * that runs something inside one of its states, as the installation runs a nested DIF inside a
 * default handler's call).
 */
function sameShape(a: Chart, aId: string, b: Chart, bId: string): boolean {
  const x = a.nodes[aId];
  const y = b.nodes[bId];
  if (y.children.length === 0) return y.type === 'final' ? x.type === 'final' : x.type !== 'final';
  if (x.children.length !== y.children.length) return false;
  if ((x.initial && a.nodes[x.initial].key) !== (y.initial && b.nodes[y.initial].key)) return false;
  const byKey = new Map(y.children.map((c) => [b.nodes[c].key, c]));
  return x.children.every((c) => {
    const other = byKey.get(a.nodes[c].key);
    return other !== undefined && sameShape(a, c, b, other);
  });
}

/** The compound states of `chart` whose subtree is the whole of another machine's chart, by id. */
export function mountsOf(chart: Chart, others: readonly Chart[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of compoundIds(chart)) {
    if (id === chart.root) continue;
    const other = others.find((o) => o.machineId !== chart.machineId && sameShape(chart, id, o, o.root));
    if (other) out[id] = other.machineId;
  }
  return out;
}

/**
 * The chart as drawn with only `expanded` compound states open (the root always is). `mounts`
 * names, for collapsed states that are another machine's chart, which machine.
 */
export function visibleChart(chart: Chart, expanded: ReadonlySet<string>, mounts: Readonly<Record<string, string>> = {}): VisibleChart {
  const nodes: Record<string, VisibleNode> = {};
  const visit = (id: string): void => {
    const node = chart.nodes[id];
    const open = id === chart.root || expanded.has(id) || node.children.length === 0;
    if (open) {
      nodes[id] = node;
      node.children.forEach(visit);
      return;
    }
    const { initial: _initial, ...rest } = node;
    nodes[id] = { ...rest, children: [], hidden: descendants(chart, id), ...(mounts[id] ? { mountOf: mounts[id] } : {}) };
  };
  visit(chart.root);
  const groups = new Map<string, ChartEdge[]>();
  for (const e of chart.edges) {
    const source = visibleIdOf(chart, expanded, e.source);
    const target = visibleIdOf(chart, expanded, e.target);
    // Wholly inside a collapsed state: not drawn (a state's own self-transition still is).
    if (source === target && (e.source !== e.target || source !== e.source)) continue;
    const key = `${source}→${target}`;
    groups.set(key, [...(groups.get(key) ?? []), { ...e, source, target }]);
  }
  const edges = [...groups.values()].map((group, i): ChartEdge => {
    const first = group[0];
    if (group.length === 1) return { ...first, id: `v${i}` };
    const labels = [...new Set(group.flatMap((e) => (e.guard ? [`${e.event} [${e.guard}]`] : e.event.split(' | '))))];
    const { guard: _guard, ...rest } = first;
    return { ...rest, id: `v${i}`, event: labels.join(' | ') };
  });
  return { ...chart, nodes, edges, key: configKey(chart, expanded) };
}

/**
 * The compound states open by default for an active configuration: those on the active path
 * (a state a person is looking at is open, everything else is one box).
 */
export function defaultExpanded(chart: Chart, active: readonly string[]): Set<string> {
  return new Set(active.filter((id) => chart.nodes[id]?.children.length));
}
