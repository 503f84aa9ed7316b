/** docs/diagrams/ is generated from the machine definitions (npm run diagrams); it must not go stale. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { diagramFiles } from '../../scripts/writeDiagrams.js';
import { ROOT } from '../support/scenarios.js';

describe('docs/diagrams', () => {
  it('should hold exactly what npm run diagrams writes today', async () => {
    const dir = path.join(ROOT, 'docs', 'diagrams');
    const expected = await diagramFiles();
    expect(readdirSync(dir).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, text] of Object.entries(expected)) {
      const onDisk = readFileSync(path.join(dir, name), 'utf8');
      if (onDisk !== text) throw new Error(`docs/diagrams/${name} is stale: run npm run diagrams`);
      expect(onDisk).toBe(text);
    }
  });
});
