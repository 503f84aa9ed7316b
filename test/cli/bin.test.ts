/**
 * Smoke test of the built executable (dist/src/cli/bin.js, made by `npm run build`): it runs, prints
 * JSON, and colours its readable output only on a terminal or with FORCE_COLOR, never with NO_COLOR.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/scenarios.js';

const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'bin.js');
const ANSI = /\u001b\[[0-9;]*m/;

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const key of ['NO_COLOR', 'FORCE_COLOR', 'CI']) delete base[key];
  return { ...base, ...extra };
}

function devinst(args: string[], extraEnv: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: env(extraEnv), encoding: 'utf8', timeout: 30_000 });
}

describe('the built devinst executable', () => {
  beforeAll(() => {
    if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);
  });

  it('should run examples/toaster.json and print the RunResult as JSON', () => {
    const p = devinst(['run', 'examples/toaster.json', '--json']);
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    const result = JSON.parse(p.stdout);
    expect(result.dif).toBe('DIF_INSTALLDEVICE');
    expect(result.result).toEqual({ hex: '0x00000000', name: 'NO_ERROR', success: true });
    expect(result.calls.map((c: { name?: string; function?: string }) => c.name ?? c.function)).toEqual([
      'tostrco2.dll,ToasterCoInstaller',
      'SetupDiInstallDevice',
    ]);
  });

  it('should print no ANSI escape codes with NO_COLOR=1', () => {
    const p = devinst(['run', 'examples/toaster.json'], { NO_COLOR: '1' });
    expect(p.status).toBe(0);
    expect(p.stdout).toContain('SetupDiInstallDevice');
    expect(p.stdout).not.toMatch(ANSI);
  });

  it('should print ANSI escape codes with FORCE_COLOR=1', () => {
    const p = devinst(['run', 'examples/toaster.json'], { FORCE_COLOR: '1' });
    expect(p.status).toBe(0);
    expect(p.stdout).toMatch(ANSI);
  });

  it('should print no ANSI escape codes into a pipe in a CI job (CI=true, stdout not a terminal)', () => {
    // https://no-color.org: colour is for terminals; a CI job's piped output stays plain unless FORCE_COLOR asks.
    const p = devinst(['run', 'examples/toaster.json'], { CI: 'true' });
    expect(p.status).toBe(0);
    expect(p.stdout).toContain('SetupDiInstallDevice');
    expect(p.stdout).not.toMatch(ANSI);
  });

  it('should exit 2 with one stderr line for a missing file', () => {
    const p = devinst(['run', 'examples/no-such-file.json']);
    expect(p.status).toBe(2);
    const lines = p.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0].startsWith('devinst: examples/no-such-file.json: ')).toBe(true);
    expect(p.stdout).toBe('');
  });

  it('should replay a journal from standard input (replay -), CRLF line ends and all, to the run\'s result', () => {
    const run = devinst(['run', 'examples/toaster.json', '--journal', '-']);
    expect(run.status).toBe(0);
    const journal = run.stdout.replace(/\n/g, '\r\n');
    const p = spawnSync(process.execPath, [BIN, 'replay', '-', '--json'], { cwd: ROOT, env: env({}), encoding: 'utf8', input: journal, timeout: 30_000 });
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    expect(JSON.parse(p.stdout).result).toEqual({ hex: '0x00000000', name: 'NO_ERROR', success: true });
  });

  it('should exit 2 with one stderr line naming <stdin> and the line of a damaged journal', () => {
    const run = devinst(['run', 'examples/toaster.json', '--journal', '-']);
    const lines = run.stdout.trimEnd().split('\n');
    const damaged = [lines[0], lines[2], lines[1], ...lines.slice(3)].join('\n') + '\n';
    const p = spawnSync(process.execPath, [BIN, 'replay', '-'], { cwd: ROOT, env: env({}), encoding: 'utf8', input: damaged, timeout: 30_000 });
    expect(p.status).toBe(2);
    expect(p.stderr.trimEnd().split('\n')).toEqual(['devinst: <stdin>:2: seq 2 where 1 was expected: the journal is reordered or has entries missing']);
  });
});
