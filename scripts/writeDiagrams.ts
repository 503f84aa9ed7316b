/**
 * Writes docs/diagrams/: every machine's statechart as Mermaid (.mmd), Graphviz DOT (.dot) and SVG
 * (.svg), drawn from the machine definitions. `npm run diagrams` runs it; test/view/diagrams.test.ts
 * fails when the files are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MACHINES } from '../machines/index.js';
import { diagramText } from '../src/cli/view.js';
import { chartOf } from '../src/view/chart.js';
import { mountsOf } from '../src/view/collapse.js';
import { machineCharts } from '../src/view/model.js';

export const DIAGRAM_FORMATS = { mmd: 'mermaid', dot: 'dot', svg: 'svg' } as const;

/**
 * Every file of docs/diagrams/ by name, with its content: each machine's full chart, and for a
 * machine that mounts another's chart, an overview with the mounts drawn as one box each.
 */
export async function diagramFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const charts = machineCharts();
  for (const [id, entry] of Object.entries(MACHINES)) {
    for (const [ext, format] of Object.entries(DIAGRAM_FORMATS)) files[`${id}.${ext}`] = await diagramText(id, format);
    if (Object.keys(mountsOf(chartOf(entry.machine), charts)).length === 0) continue;
    for (const [ext, format] of Object.entries(DIAGRAM_FORMATS)) files[`${id}.overview.${ext}`] = await diagramText(id, format, { overview: true });
  }
  return files;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const dir = path.join(root, 'docs', 'diagrams');
  mkdirSync(dir, { recursive: true });
  void diagramFiles().then((files) => {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    console.log(`wrote ${Object.keys(files).length} files to docs/diagrams/`);
  });
}
