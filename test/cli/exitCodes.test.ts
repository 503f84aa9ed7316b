/**
 * Exit codes as the README and `devinst --help` state them: 0 the command did its work, 1 explore
 * found a failing invariant (unless --no-fail) or an internal error, 2 bad input or usage — also
 * `devinst` with no command. And explore's counterexample journals of a --mutant run are refused by
 * replay with a message that says they came from a mutant.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli } from '../support/cli.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devinst-exit-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const SMALL = ['--max-class-coinstallers', '1', '--max-device-coinstallers', '1'];
const README = fs.readFileSync(path.join(process.cwd(), 'README.md'), 'utf8');

describe('exit codes', () => {
  test('devinst with no command prints the help to stderr and exits 2 (a usage error)', async () => {
    const o = await cli();
    expect(o.code).toBe(2);
    expect(o.out).toBe('');
    expect(o.err).toContain('Usage: devinst');
  });

  test('--help and --version exit 0, and the help states the exit codes', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Exit codes: 0 the command did its work');
    expect(help.out).toContain('2 bad input or usage (also devinst with no command)');
    expect((await cli('--version')).code).toBe(0);
  });

  test('the README says the same', () => {
    expect(README).toContain('`devinst` with no command prints the help to standard error and exits 2');
    expect(README).toMatch(/1 when `explore` finds an invariant that fails \(unless `--no-fail`\)/);
  });

  test('explore exits 1 when an invariant fails, 0 with --no-fail, 0 when all hold', async () => {
    // The wine profile never calls a co-installer back (Wine dlls/setupapi/devinst.c), so EveryPostRequestHonoured fails.
    const failing = await cli('explore', ...SMALL, '--profile', 'wine', '--out', dir);
    expect(failing.code).toBe(1);
    expect(failing.out).toContain('✘');
    expect((await cli('explore', ...SMALL, '--profile', 'wine', '--out', dir, '--no-fail')).code).toBe(0);
    const holds = await cli('explore', ...SMALL, '--out', dir);
    expect(holds.code).toBe(0);
    expect(holds.out).not.toContain('✘');
  });

  test('a --mutant counterexample journal is refused by replay, saying it came from a mutant', async () => {
    const o = await cli('explore', ...SMALL, '--mutant', 'forward-postprocessing', '--codes', 'NO_ERROR,ERROR_DI_POSTPROCESSING_REQUIRED', '--out', dir, '--json', '--no-fail');
    expect(o.code).toBe(0);
    const report = JSON.parse(o.out) as { invariants: { holds: boolean; counterexample: { journal: string } | null }[] };
    const broken = report.invariants.find((i) => !i.holds)!;
    const replay = await cli('replay', broken.counterexample!.journal);
    expect(replay.code).toBe(2);
    expect(replay.err).toContain('this journal was written under the mutant "forward-postprocessing"');
    expect(replay.err).not.toContain('reordered or edited');
  });
});
