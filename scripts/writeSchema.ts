/**
 * Writes the scenario JSON Schema (generated from the zod schema) to the file named on the
 * command line. `npm run build` writes dist/scenario.schema.json; docs/scenario.schema.json is the
 * committed copy that examples point at, and a test checks it is current.
 */
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../src/scenario/schema.js';

const target = process.argv[2];
if (!target) {
  process.stderr.write('usage: node dist/scripts/writeSchema.js <file>\n');
  process.exit(2);
}
writeFileSync(target, JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
