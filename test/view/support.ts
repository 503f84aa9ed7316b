/** Example scenario documents for the viewer's tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/scenarios.js';

export function example(name: string): unknown {
  return JSON.parse(readFileSync(path.join(ROOT, 'examples', name), 'utf8'));
}
