/**
 * docs/testing.md shows what devinst prints: each `devinst-output` block is the output of the
 * command above it (timings and the counterexample folder normalised), and the matcher failure
 * shown is the message `toSatisfyInvariants` gives on the scenario shown.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { runScenario, toSatisfyInvariants } from '../../src/testing/index.js';

const DOC = fs.readFileSync('docs/testing.md', 'utf8').replace(/\r\n/g, '\n');
const OUT = '.devinst-out/explore';

/** The fenced block after each `<!-- marker: value -->`, by order. */
function blocks(marker: string): { value: string; body: string }[] {
  const re = new RegExp(`<!-- ${marker}: (.+?) -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``, 'g');
  return [...DOC.matchAll(re)].map((m) => ({ value: m[1], body: m[2] }));
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devinst-docs-testing-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const normalise = (text: string) =>
  text
    .split(dir)
    .join(OUT)
    .replace(/\\/g, '/')
    .replace(/\d+\.\d\d s\b/g, 'N s')
    .trimEnd();

describe('docs/testing.md', () => {
  const outputs = blocks('devinst-output');

  it('shows three commands: the toaster, the planted break, the replay of its journal', () => {
    expect(outputs.map((o) => o.value.split(' ')[0])).toEqual(['explore', 'explore', 'replay']);
  });

  it('prints what each command prints, in order (the replay replays the journal the explore before it wrote)', async () => {
    for (const { value, body } of outputs) {
      const [first, ...expected] = body.split('\n');
      expect(first).toBe(`$ devinst ${value}`);
      const argv = value.split(' ').map((a) => (a.startsWith(OUT) ? path.join(dir, a.slice(OUT.length + 1)) : a));
      const o = await cli(...argv, ...(argv[0] === 'explore' ? ['--out', dir] : []));
      expect(o.err).toBe('');
      expect(o.code).toBe(argv[0] === 'explore' && value.includes('violations') ? 1 : 0);
      expect(normalise(o.out)).toBe(normalise(expected.join('\n')));
    }
  });

  it('shows the matcher failure toSatisfyInvariants gives on the scenario shown', () => {
    const [scenario] = blocks('devinst-scenario');
    const [message] = blocks('devinst-matcher');
    const result = toSatisfyInvariants(runScenario(JSON.parse(scenario.body)));
    expect(result.pass).toBe(false);
    expect(result.message()).toBe(message.body);
  });
});
