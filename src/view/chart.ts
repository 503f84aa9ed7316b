/**
 * A statechart as plain data, read from a machine's state nodes (nothing here knows any particular
 * machine or state name): every state node with its children, and every transition with its event
 * (or "always" for eventless ones) and guard. The diagrams (Mermaid, DOT, SVG) and the viewer are
 * drawn from this, so a richer machine shows up in all of them without a change here.
 */
import type { AnyStateMachine } from 'xstate';

export interface ChartNode {
  /** The state node's id as XState builds it ("machine.parent.child"), which snapshots name too. */
  readonly id: string;
  readonly key: string;
  readonly type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  readonly description?: string;
  readonly initial?: string;
  readonly children: readonly string[];
  readonly parent?: string;
}

export interface ChartEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** Event type, or "always" for an eventless transition. */
  readonly event: string;
  readonly guard?: string;
  readonly reenter?: boolean;
}

export interface Chart {
  readonly machineId: string;
  readonly description?: string;
  readonly root: string;
  readonly nodes: Readonly<Record<string, ChartNode>>;
  readonly edges: readonly ChartEdge[];
}

interface StateNodeLike {
  readonly id: string;
  readonly key: string;
  readonly type: ChartNode['type'];
  readonly description?: string;
  readonly states: Record<string, StateNodeLike>;
  readonly initial?: { readonly target: readonly { readonly id: string }[] };
  readonly transitions: Map<string, readonly TransitionLike[]>;
  readonly always?: readonly TransitionLike[];
}
interface TransitionLike {
  readonly target?: readonly { readonly id: string }[];
  readonly guard?: unknown;
  readonly reenter?: boolean;
}

function guardName(guard: unknown): string | undefined {
  if (guard === undefined || guard === null) return undefined;
  if (typeof guard === 'string') return guard;
  const g = guard as { type?: string; guards?: unknown[] | unknown; name?: string; check?: { name?: string } };
  const inner = Array.isArray(g.guards) ? g.guards : g.guards !== undefined ? [g.guards] : [];
  // Higher-order guards (and/or/not) are functions carrying their operands and a `check`.
  if (g.check?.name === 'checkAnd') return inner.map(guardName).join(' && ');
  if (g.check?.name === 'checkOr') return inner.map(guardName).join(' || ');
  if (g.check?.name === 'checkNot') return `!${guardName(inner[0])}`;
  if (g.type === 'xstate.and' || g.type === 'xstate.or') return inner.map(guardName).join(g.type === 'xstate.and' ? ' && ' : ' || ');
  if (g.type === 'xstate.not') return `!${guardName(inner[0])}`;
  if (typeof g.type === 'string') return g.type;
  return typeof guard === 'function' ? guard.name || 'guard' : 'guard';
}

export function chartOf(machine: AnyStateMachine): Chart {
  const nodes: Record<string, ChartNode> = {};
  const edges: ChartEdge[] = [];
  const visit = (node: StateNodeLike, parent?: string): void => {
    const children = Object.values(node.states ?? {});
    nodes[node.id] = {
      id: node.id,
      key: node.key,
      type: node.type,
      ...(node.description ? { description: node.description } : {}),
      ...(node.initial?.target[0] ? { initial: node.initial.target[0].id } : {}),
      children: children.map((c) => c.id),
      ...(parent ? { parent } : {}),
    };
    const add = (event: string, t: TransitionLike) => {
      const guard = guardName(t.guard);
      for (const target of t.target ?? [{ id: node.id }]) {
        edges.push({
          id: `e${edges.length}`,
          source: node.id,
          target: target.id,
          event,
          ...(guard ? { guard } : {}),
          ...(t.reenter ? { reenter: true } : {}),
        });
      }
    };
    for (const [event, list] of node.transitions ?? new Map()) for (const t of list) if (t.target?.length) add(event, t);
    for (const t of node.always ?? []) if (t.target?.length) add('always', t);
    for (const child of children) visit(child, node.id);
  };
  const root = machine.root as unknown as StateNodeLike;
  visit(root);
  return { machineId: machine.id, ...(root.description ? { description: root.description } : {}), root: root.id, nodes, edges: mergeParallel(edges) };
}

/**
 * Transitions with the same source and target drawn as one edge: the events (each with its guard)
 * listed in its label, e.g. the six environment events that all lead to a finish-install attempt.
 */
function mergeParallel(edges: readonly ChartEdge[]): ChartEdge[] {
  const groups = new Map<string, ChartEdge[]>();
  for (const e of edges) {
    const key = `${e.source}→${e.target}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.values()].map((group, i) => {
    const first = group[0];
    if (group.length === 1) return { ...first, id: `e${i}` };
    const guards = new Set(group.map((e) => e.guard ?? ''));
    const events = [...new Set(group.map((e) => e.event))];
    // One guard shared by all: say it once; otherwise each event keeps its own.
    if (guards.size === 1) return { ...first, id: `e${i}`, event: events.join(' | ') };
    const { guard: _shared, ...rest } = first;
    return { ...rest, id: `e${i}`, event: group.map((e) => (e.guard ? `${e.event} [${e.guard}]` : e.event)).join(' | ') };
  });
}

/**
 * The ids of the state nodes a snapshot value makes active, ancestors included, root first. The
 * value names states by key; ids are found by walking the chart, so states with an id of their own
 * (`id: 'x'` in the definition, e.g. a mounted region) are found too.
 */
export function activeIds(chart: Chart, value: unknown): string[] {
  const out = [chart.root];
  const child = (parent: string, key: string): string | undefined => chart.nodes[parent]?.children.find((c) => chart.nodes[c].key === key);
  const walk = (parent: string, v: unknown): void => {
    if (typeof v === 'string') {
      const id = child(parent, v);
      if (id) out.push(id);
      return;
    }
    if (v && typeof v === 'object') {
      for (const [k, sub] of Object.entries(v as Record<string, unknown>)) {
        const id = child(parent, k);
        if (!id) continue;
        out.push(id);
        walk(id, sub);
      }
    }
  };
  walk(chart.root, value);
  return out;
}
