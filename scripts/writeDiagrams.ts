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

export const DIAGRAM_FORMATS = { mmd: 'mermaid', dot: 'dot', svg: 'svg' } as const;

/** Every file of docs/diagrams/ by name, with its content. */
export async function diagramFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const id of Object.keys(MACHINES)) {
    for (const [ext, format] of Object.entries(DIAGRAM_FORMATS)) files[`${id}.${ext}`] = await diagramText(id, format);
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
