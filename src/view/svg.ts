/**
 * Our own SVG writer for a laid-out chart: no browser, no DOM. Every state is a `<g>` with
 * `data-state="<state node id>"`, so the viewer highlights active states by id with CSS classes
 * (`.active`), and the same SVG is what `devinst diagram --format svg` prints.
 */
import type { VisibleNode } from './collapse.js';
import { collapsedNote, edgeLabel, FONT_SIZE, HEADER, LINE, SMALL_FONT, type LaidOutChart } from './layout.js';

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number): string => String(Math.round(v * 10) / 10);

export interface SvgOptions {
  /** Inline styles so the file looks right alone (diagram files); the viewer brings its own CSS. */
  readonly standalone?: boolean;
}

const STYLE = `
.st rect{fill:#fff;stroke:#5b6b82;stroke-width:1.2}
.st.compound>rect{fill:#f4f6fa}
.st.final rect{stroke-width:2.6}
.st text{font:${FONT_SIZE}px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;fill:#1d2633}
.tr path{fill:none;stroke:#8a96a8;stroke-width:1.1}
.st.collapsed>rect{fill:#eef1f6;stroke-dasharray:5 3}
.st .note{font-size:${SMALL_FONT}px;fill:#52607a}
.tr text{font:${SMALL_FONT}px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;fill:#52607a}
.root-title{font:bold 13px system-ui,sans-serif;fill:#1d2633}
.initial{fill:#1d2633}
`;

export function chartSvg(laid: LaidOutChart, options: SvgOptions = {}): string {
  const { chart } = laid;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-machine="${escape(chart.machineId)}" viewBox="0 0 ${n(laid.width)} ${n(laid.height)}" width="${n(laid.width)}" height="${n(laid.height)}" role="img" aria-label="statechart of ${escape(chart.machineId)}">`,
  );
  parts.push(`<title>${escape(chart.machineId)}${chart.description ? ` — ${escape(chart.description)}` : ''}</title>`);
  parts.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#8a96a8"/></marker></defs>');
  if (options.standalone) parts.push(`<style>${STYLE}</style><rect width="100%" height="100%" fill="#ffffff"/>`);
  parts.push(`<text class="root-title" x="12" y="${HEADER - 4}">${escape(chart.machineId)}</text>`);
  // States, outermost first so children draw on top.
  const order: string[] = [];
  const walk = (id: string) => {
    for (const c of chart.nodes[id].children) {
      order.push(c);
      walk(c);
    }
  };
  walk(chart.root);
  for (const id of order) {
    const node = chart.nodes[id] as VisibleNode;
    const b = laid.boxes[id];
    if (!b) continue;
    const compound = node.children.length > 0;
    const collapsed = node.hidden !== undefined;
    const cls = ['st', node.type, compound ? 'compound' : collapsed ? 'collapsed' : 'leaf'].join(' ');
    parts.push(`<g class="${cls}" data-state="${escape(id)}"${collapsed ? ` data-hidden="${node.hidden}"` : ''}>`);
    parts.push(`<title>${escape(id)}${node.description ? `: ${escape(node.description)}` : ''}${collapsed ? ` (collapsed: ${node.hidden} states inside${node.mountOf ? `, the ${escape(node.mountOf)} chart` : ''})` : ''}</title>`);
    parts.push(`<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" rx="${compound ? 8 : 6}"/>`);
    if (node.type === 'final') parts.push(`<rect x="${n(b.x + 3)}" y="${n(b.y + 3)}" width="${n(b.width - 6)}" height="${n(b.height - 6)}" rx="4" fill="none"/>`);
    const tx = compound ? b.x + 10 : b.x + b.width / 2;
    const ty = compound ? b.y + 17 : collapsed ? b.y + 19 : b.y + b.height / 2 + 4.5;
    parts.push(`<text class="name" x="${n(tx)}" y="${n(ty)}"${compound ? '' : ' text-anchor="middle"'}>${escape(node.key)}</text>`);
    if (collapsed) parts.push(`<text class="note" x="${n(tx)}" y="${n(ty + LINE + 2)}" text-anchor="middle">${escape(collapsedNote(node))}</text>`);
    parts.push('</g>');
  }
  // Initial-state markers: a dot left of each initial child.
  for (const id of [chart.root, ...order]) {
    const initial = chart.nodes[id].initial;
    const b = initial ? laid.boxes[initial] : undefined;
    if (b) parts.push(`<circle class="initial" cx="${n(b.x - 6)}" cy="${n(b.y + 6)}" r="3.5"/>`);
  }
  for (const e of laid.edges) {
    if (e.points.length < 2) continue;
    const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${n(p.x)},${n(p.y)}`).join('');
    parts.push(`<g class="tr" data-edge="${escape(e.id)}" data-source="${escape(e.source)}" data-target="${escape(e.target)}" data-event="${escape(e.event)}">`);
    parts.push(`<title>${escape(edgeLabel(e).replace(/\n/g, ' | '))}: ${escape(e.source)} → ${escape(e.target)}</title>`);
    parts.push(`<path d="${d}" marker-end="url(#arrow)"/>`);
    if (e.label) {
      const x = n(e.label.x);
      const lines = e.label.text.split('\n').map((line, i) => `<tspan x="${x}" y="${n(e.label!.y + SMALL_FONT - 1 + i * LINE)}">${escape(line)}</tspan>`);
      parts.push(`<text>${lines.join('')}</text>`);
    }
    parts.push('</g>');
  }
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
