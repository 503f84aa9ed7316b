/** Mermaid (stateDiagram-v2) and Graphviz DOT text of a Chart, compound states nested. */
import type { Chart } from './chart.js';
import type { VisibleNode } from './collapse.js';
import { collapsedNote, edgeLabel } from './layout.js';

/** A state's name, and for a collapsed one what it holds. */
const nameOf = (node: VisibleNode): string => (node.hidden !== undefined ? `${node.key} (${collapsedNote(node).replace(/^\+ /, '')})` : node.key);

const mermaidId = (id: string): string => id.replace(/[^A-Za-z0-9_]/g, '_');

export function chartMermaid(chart: Chart): string {
  const lines = ['stateDiagram-v2', `  %% ${chart.machineId}: generated from the machine definition by devinst diagram`];
  const write = (id: string, indent: string): void => {
    const node = chart.nodes[id];
    if (node.initial) lines.push(`${indent}[*] --> ${mermaidId(node.initial)}`);
    for (const childId of node.children) {
      const child = chart.nodes[childId];
      if (child.children.length) {
        lines.push(`${indent}state "${child.key}" as ${mermaidId(childId)} {`);
        write(childId, indent + '  ');
        lines.push(`${indent}}`);
      } else {
        lines.push(`${indent}state "${nameOf(child)}" as ${mermaidId(childId)}`);
        if (child.type === 'final') lines.push(`${indent}${mermaidId(childId)} --> [*]`);
      }
    }
  };
  write(chart.root, '  ');
  for (const e of chart.edges) lines.push(`  ${mermaidId(e.source)} --> ${mermaidId(e.target)} : ${edgeLabel(e).replace(/\n/g, ' | ').replace(/:/g, '∶')}`);
  return lines.join('\n') + '\n';
}

const q = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export function chartDot(chart: Chart): string {
  const lines = [`digraph ${q(chart.machineId)} {`, '  compound=true; rankdir=TB;', '  node [shape=box, style="rounded", fontname="monospace", fontsize=11];', '  edge [fontname="monospace", fontsize=9];'];
  const write = (id: string, indent: string): void => {
    for (const childId of chart.nodes[id].children) {
      const child = chart.nodes[childId];
      if (child.children.length) {
        lines.push(`${indent}subgraph ${q(`cluster_${childId}`)} {`, `${indent}  label=${q(child.key)}; style="rounded";`);
        // An invisible anchor lets edges end on the cluster.
        lines.push(`${indent}  ${q(childId)} [shape=point, style=invis, width=0];`);
        write(childId, indent + '  ');
        lines.push(`${indent}}`);
      } else lines.push(`${indent}${q(childId)} [label=${q(nameOf(child))}${child.type === 'final' ? ', peripheries=2' : ''}];`);
    }
  };
  write(chart.root, '  ');
  for (const e of chart.edges) {
    const attrs = [`label=${q(edgeLabel(e)).replace(/\n/g, '\\n')}`];
    if (chart.nodes[e.source].children.length) attrs.push(`ltail=${q(`cluster_${e.source}`)}`);
    if (chart.nodes[e.target].children.length && e.source !== e.target) attrs.push(`lhead=${q(`cluster_${e.target}`)}`);
    lines.push(`  ${q(e.source)} -> ${q(e.target)} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
