/**
 * Files the CLI writes never replace what is not theirs (src/files/output.ts). The rules are the
 * house rule "never overwrite/lose what the user wrote; never replace a file that is not ours",
 * made precise for POSIX file types (open(2) on a FIFO or a character device writes to it;
 * rename(2) over it would replace the node: https://man7.org/linux/man-pages/man2/rename.2.html).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, type Outcome } from '../support/cli.js';
import { examplePath } from '../support/scenarios.js';
import { writeOutput } from '../../src/files/output.js';

const TOASTER = examplePath('toaster');
let dir: string;
const tmp = (name: string) => path.join(dir, name);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devinst-out-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function oneLineError(o: Outcome): string {
  expect(o.code).toBe(2);
  const lines = o.err.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(o.err).not.toContain('    at ');
  return lines[0];
}

const journalLines = (text: string) => text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('--journal', () => {
  test('a symbolic link is followed: its target is written, the link stays a link', async () => {
    const real = tmp('real.jsonl');
    fs.writeFileSync(real, 'old\n');
    fs.symlinkSync(real, tmp('link.jsonl'));
    const o = await cli('run', TOASTER, '--journal', tmp('link.jsonl'), '--force');
    expect(o.code).toBe(0);
    expect(fs.lstatSync(tmp('link.jsonl')).isSymbolicLink()).toBe(true);
    expect(journalLines(fs.readFileSync(real, 'utf8'))[0].format).toBe('devinst-journal');
    expect(fs.readdirSync(dir).sort()).toEqual(['link.jsonl', 'real.jsonl']);
  });

  test('a link to a file that does not exist yet creates that file and keeps the link', async () => {
    fs.symlinkSync(tmp('later.jsonl'), tmp('dangling.jsonl'));
    const o = await cli('run', TOASTER, '--journal', tmp('dangling.jsonl'));
    expect(o.code).toBe(0);
    expect(fs.lstatSync(tmp('dangling.jsonl')).isSymbolicLink()).toBe(true);
    expect(fs.lstatSync(tmp('later.jsonl')).isFile()).toBe(true);
  });

  test('a FIFO is written in place, never replaced by a regular file', async () => {
    const fifo = tmp('pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.on('data', (chunk: Buffer) => (read += chunk.toString('utf8')));
    const done = new Promise((resolve) => reader.on('close', resolve));
    const o = await cli('run', TOASTER, '--journal', fifo, '--force');
    // A writer that replaced the FIFO instead of opening it leaves the reader waiting: end it.
    const guard = setTimeout(() => reader.kill(), 5000);
    await done;
    clearTimeout(guard);
    expect(o.code).toBe(0);
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
    expect(journalLines(read)[0].format).toBe('devinst-journal');
  });

  test('a character device is written in place: /dev/null takes the journal, no --force needed', async () => {
    const o = await cli('run', TOASTER, '--journal', '/dev/null');
    expect(o.code).toBe(0);
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  test('a failed write names the path the user gave and leaves no temporary file (/dev/full: ENOSPC)', async () => {
    const line = oneLineError(await cli('run', TOASTER, '--journal', '/dev/full'));
    expect(line).toBe('devinst: /dev/full: cannot write: no space left on device');
    expect(fs.statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  test('a failed rename leaves no temporary file and names the user path, not the temporary one', () => {
    const target = tmp('j.jsonl');
    const spy = jest.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw Object.assign(new Error(`EXDEV: cross-device link not permitted, rename '${target}.123.tmp'`), { code: 'EXDEV' });
    });
    try {
      expect(() => writeOutput(target, 'text\n')).toThrow(`${target}: cannot write: EXDEV`);
    } finally {
      spy.mockRestore();
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('"-" writes the journal to standard output and the timeline to standard error', async () => {
    const o = await cli('run', TOASTER, '--journal', '-');
    expect(o.code).toBe(0);
    const lines = journalLines(o.out);
    expect(lines[0].format).toBe('devinst-journal');
    expect(o.err).toContain('SetupDiInstallDevice');
    const install = await cli('install', TOASTER, '--journal', '-');
    expect(install.code).toBe(0);
    expect(journalLines(install.out)[0].format).toBe('devinst-journal');
    expect(install.err).toContain('outcome  installed');
  });

  test('the scenario file itself is never a target, even with --force', async () => {
    const scenario = tmp('s.json');
    fs.copyFileSync(TOASTER, scenario);
    const before = fs.readFileSync(scenario, 'utf8');
    for (const command of ['run', 'install']) {
      const line = oneLineError(await cli(command, scenario, '--journal', scenario, '--force'));
      expect(line).toContain(`devinst: ${scenario}: cannot write: it is the input file`);
    }
    fs.symlinkSync(scenario, tmp('alias.json'));
    oneLineError(await cli('run', scenario, '--journal', tmp('alias.json'), '--force'));
    expect(fs.readFileSync(scenario, 'utf8')).toBe(before);
  });

  test('an empty name is a usage error', async () => {
    for (const command of ['run', 'install']) expect(oneLineError(await cli(command, TOASTER, '--journal', ''))).toBe('devinst: --journal: expected a file name, or - for standard output');
  });

  test('a directory, or a missing parent directory, is one line naming the user path', async () => {
    expect(oneLineError(await cli('run', TOASTER, '--journal', dir, '--force'))).toBe(`devinst: ${dir}: cannot write: is a directory`);
    const missing = path.join(dir, 'no', 'j.jsonl');
    expect(oneLineError(await cli('run', TOASTER, '--journal', missing))).toContain(`devinst: ${missing}: cannot write: no such directory`);
  });

  test('a replaced regular file keeps its mode, and nothing but the journal is left', async () => {
    const file = tmp('j.jsonl');
    fs.writeFileSync(file, 'old\n');
    fs.chmodSync(file, 0o640);
    expect((await cli('run', TOASTER, '--journal', file, '--force')).code).toBe(0);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(dir)).toEqual(['j.jsonl']);
  });
});

describe('explore --out', () => {
  test('a file where the directory should be is one usage line, before any exploring', async () => {
    const file = tmp('t.json');
    fs.writeFileSync(file, '{}');
    const line = oneLineError(await cli('explore', '--out', file, '--max-class-coinstallers', '0', '--max-device-coinstallers', '0'));
    expect(line).toBe(`devinst: --out: ${file} is a file, not a directory (counterexamples are written into a directory)`);
    expect(fs.readFileSync(file, 'utf8')).toBe('{}');
  });
});
