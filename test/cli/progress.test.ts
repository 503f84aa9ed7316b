/**
 * Long runs show progress on a terminal, as explore does (house rule: progress on long work): one
 * stderr line a second with the installer calls answered so far; none when stderr is not a terminal
 * unless --progress is given. The clock is driven by the test, so nothing here is timed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/program.js';

let dir: string;
let big: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devinst-progress-'));
  big = path.join(dir, 'big.json');
  fs.writeFileSync(big, JSON.stringify({ device: { description: 'x' }, classCoInstallers: Array.from({ length: 300 }, (_, i) => ({ name: `c${i}.dll` })) }));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], terminal: boolean) {
  const out: string[] = [];
  const err: string[] = [];
  let ms = 0;
  const code = await main(argv, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    color: false,
    version: 'test',
    clock: () => (ms += 1000), // a second passes between two looks at the clock (every 256 inputs)
    stderrIsTerminal: terminal,
  });
  return { code, out, err };
}

describe('progress on long runs', () => {
  test('install on a terminal prints installer calls answered so far, at most once a second', async () => {
    const o = await run(['install', big, '--json'], true);
    expect(o.code).toBe(0);
    expect(o.err.length).toBeGreaterThan(1);
    for (const line of o.err) expect(line).toMatch(/^install: [\d,]+ installer calls answered, \d+ s$/);
    const counts = o.err.map((l) => Number(/: ([\d,]+) installer/.exec(l)![1].replace(/,/g, '')));
    expect([...counts].sort((a, b) => a - b)).toEqual(counts);
    JSON.parse(o.out.join('')); // stdout stays the JSON result alone
  });

  test('run too; nothing when stderr is not a terminal; --progress forces it', async () => {
    expect((await run(['run', big, '--json'], true)).err.length).toBeGreaterThan(0);
    expect((await run(['install', big, '--json'], false)).err).toEqual([]);
    expect((await run(['install', big, '--json', '--progress'], false)).err.length).toBeGreaterThan(0);
  });
});
