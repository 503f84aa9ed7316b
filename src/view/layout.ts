/**
 * Lays a Chart out with elkjs (layered, compound states drawn as containers holding their
 * children), in Node or in a page, without a browser. The result is absolute coordinates for every
 * state and every transition, which src/view/svg.ts draws.
 */
import type { ELK as ElkApi, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';

import type { Chart, ChartEdge } from './chart.js';
import type { VisibleNode } from './collapse.js';

let elkInstance: Promise<ElkApi> | undefined;
/** elkjs is large and only diagrams need it: loaded on first use, one instance per process or page. */
function createElk(): Promise<ElkApi> {
  elkInstance ??= import('elkjs/lib/elk.bundled.js').then((module: unknown) => {
    const m = module as { default?: unknown };
    // CommonJS: the module object is the constructor (its typings say `default`).
    const Elk = (typeof m.default === 'function' ? m.default : m) as new () => ElkApi;
    return new Elk();
  });
  return elkInstance;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}
export interface LaidOutEdge extends ChartEdge {
  readonly points: readonly { x: number; y: number }[];
  readonly label?: Box & { readonly text: string };
}
export interface LaidOutChart {
  readonly chart: Chart;
  readonly width: number;
  readonly height: number;
  readonly boxes: Readonly<Record<string, Box>>;
  readonly edges: readonly LaidOutEdge[];
}

/** Monospace-ish text width estimate (the SVG uses a fixed font size). */
export const FONT_SIZE = 13;
/** Font size of transition labels and of a collapsed state's second line. */
export const SMALL_FONT = 11;
/** At most this many lines of events on one transition's label (the rest are counted). */
export const MAX_LABEL_LINES = 6;
export const textWidth = (text: string, size = FONT_SIZE): number => Math.ceil(text.length * size * 0.6);
export const HEADER = 22;

/** An edge's label: its event(s), one per line, then its guard. */
export function edgeLabel(edge: ChartEdge): string {
  const event = edge.event === 'always' ? '' : edge.event.split(' | ').join('\n');
  const guard = edge.guard ? `[${edge.guard}]` : '';
  return [event, guard].filter(Boolean).join(event.includes('\n') ? '\n' : ' ') || 'always';
}

/** The label as drawn: long lists of events cut to MAX_LABEL_LINES, the rest counted. */
export function drawnLabel(edge: ChartEdge): string {
  const lines = edgeLabel(edge).split('\n');
  if (lines.length <= MAX_LABEL_LINES) return lines.join('\n');
  return [...lines.slice(0, MAX_LABEL_LINES - 1), `… ${lines.length - MAX_LABEL_LINES + 1} more`].join('\n');
}

export const LINE = SMALL_FONT + 2;
const labelBox = (text: string) => {
  const lines = text.split('\n');
  return { width: Math.max(...lines.map((l) => textWidth(l, SMALL_FONT))), height: LINE * lines.length };
};

/** A collapsed state's second line: what it holds. */
export function collapsedNote(node: VisibleNode): string {
  if (node.hidden === undefined) return '';
  const count = `${node.hidden} state${node.hidden === 1 ? '' : 's'}`;
  return node.mountOf ? `+ ${node.mountOf} · ${count}` : `+ ${count}`;
}

export async function layoutChart(chart: Chart): Promise<LaidOutChart> {
  const elk = await createElk();
  const toElk = (id: string): ElkNode => {
    const node = chart.nodes[id] as VisibleNode;
    const children = node.children.map(toElk);
    const labelWidth = textWidth(node.key) + 24;
    if (node.hidden !== undefined) return { id, width: Math.max(90, labelWidth, textWidth(collapsedNote(node), SMALL_FONT) + 24), height: 46 };
    return {
      id,
      ...(children.length
        ? {
            children,
            layoutOptions: { 'elk.padding': `[top=${HEADER + 10},left=12,bottom=12,right=12]` },
          }
        : { width: Math.max(70, labelWidth), height: 32 }),
    };
  };
  const root = chart.nodes[chart.root];
  const edges: ElkExtendedEdge[] = chart.edges
    .filter((e) => e.source !== e.target)
    .map((e) => {
      const text = drawnLabel(e);
      return { id: e.id, sources: [e.source], targets: [e.target], labels: [{ text, ...labelBox(text) }] };
    });
  const graph: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.json.shapeCoords': 'ROOT',
      'elk.json.edgeCoords': 'ROOT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '36',
      'elk.spacing.nodeNode': '24',
      'elk.spacing.edgeLabel': '2',
      'elk.edgeLabels.inline': 'false',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
    },
    children: root.children.map(toElk),
    edges,
  };
  const out = await elk.layout(graph);
  const boxes: Record<string, Box> = {};
  const collect = (n: ElkNode): void => {
    for (const c of n.children ?? []) {
      boxes[c.id] = { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 };
      collect(c);
    }
  };
  collect(out);
  const width = (out.width ?? 0) + 24;
  const height = (out.height ?? 0) + 24 + HEADER;
  boxes[chart.root] = { x: 0, y: 0, width, height };
  const laid: LaidOutEdge[] = [];
  const byId = new Map(chart.edges.map((e) => [e.id, e]));
  const allEdges = collectEdges(out);
  for (const e of allEdges) {
    const edge = byId.get(e.id)!;
    const section = e.sections?.[0];
    if (!section) continue;
    const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({ x: p.x, y: p.y }));
    const l = e.labels?.[0];
    laid.push({
      ...edge,
      points,
      ...(l ? { label: { x: l.x ?? 0, y: l.y ?? 0, width: l.width ?? 0, height: l.height ?? 0, text: l.text ?? '' } } : {}),
    });
  }
  // Self-transitions (re-entering a state) are drawn as a small loop on the state's right side.
  for (const edge of chart.edges.filter((e) => e.source === e.target)) {
    const b = boxes[edge.source];
    if (!b) continue;
    const x = b.x + b.width;
    const y = b.y + b.height / 2;
    const text = drawnLabel(edge);
    laid.push({
      ...edge,
      points: [{ x, y: y - 6 }, { x: x + 14, y: y - 6 }, { x: x + 14, y: y + 6 }, { x, y: y + 6 }],
      label: { x: x + 16, y: y - 6, ...labelBox(text), text },
    });
  }
  // Everything is shifted so the root's title fits above the first row.
  // Labels elkjs places left of the first column (x < 0) are kept inside the drawing.
  const dx = Math.max(0, -Math.min(0, ...laid.map((e) => (e.label ? e.label.x : 0))));
  const shift = (v: number) => v + 12 + dx;
  const shiftY = (v: number) => v + 12 + HEADER;
  const moved: Record<string, Box> = { [chart.root]: boxes[chart.root] };
  for (const [id, b] of Object.entries(boxes)) if (id !== chart.root) moved[id] = { ...b, x: shift(b.x), y: shiftY(b.y) };
  const extraWidth = Math.max(0, ...laid.map((e) => (e.label ? shift(e.label.x) + e.label.width + 12 - width : 0)));
  return {
    chart,
    width: width + extraWidth + dx,
    height,
    boxes: moved,
    edges: laid.map((e) => ({
      ...e,
      points: e.points.map((p) => ({ x: shift(p.x), y: shiftY(p.y) })),
      ...(e.label ? { label: { ...e.label, x: shift(e.label.x), y: shiftY(e.label.y) } } : {}),
    })),
  };
}

function collectEdges(n: ElkNode): ElkExtendedEdge[] {
  return [...(n.edges ?? []), ...(n.children ?? []).flatMap(collectEdges)];
}
