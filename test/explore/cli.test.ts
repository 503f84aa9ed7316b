/**
 * `devinst explore` in-process: the --json shape, the text summary, counterexample files, and bad
 * options (one stderr line `devinst: …`, exit 2).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, type Outcome } from '../support/cli.js';
import { DISPATCH_INVARIANTS, LIFECYCLE_INVARIANTS } from '../../src/invariants/index.js';


let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devinst-explore-cli-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const SMALL = ['--max-class-coinstallers', '1', '--max-device-coinstallers', '1'];

describe('devinst explore --json', () => {
  it('should print exactly profile, bounds, distinctStates, transitions, seconds, partial, the memory figures and invariants', async () => {
    const o = await cli('explore', ...SMALL, '--profile', 'wine', '--out', dir, '--json');
    expect(o.code).toBe(1); // wine breaks invariants: explore exits 1
    expect(o.err).toBe('');
    const report = JSON.parse(o.out);
    expect(Object.keys(report)).toEqual(['profile', 'bounds', 'distinctStates', 'transitions', 'seconds', 'partial', 'tableBytes', 'bytesPerState', 'peakMemoryBytes', 'invariants']);
    expect(report.partial).toBeNull();
    expect(report.bytesPerState).toBeGreaterThan(0);
    expect(report.profile).toBe('wine');
    expect(report.bounds).toEqual({
      dif: 'DIF_INSTALLDEVICE',
      maxClassCoInstallers: 1,
      maxDeviceCoInstallers: 1,
      codes: ['NO_ERROR', 'ERROR_DI_POSTPROCESSING_REQUIRED', 'ERROR_DI_DO_DEFAULT', 'ERROR_FILE_NOT_FOUND'],
      privateData: 'both',
    });
    expect(Number.isInteger(report.distinctStates) && report.distinctStates > 0).toBe(true);
    expect(report.transitions).toBeGreaterThan(report.distinctStates);
    expect(typeof report.seconds).toBe('number');
    expect(report.invariants.map((i: { name: string }) => i.name)).toEqual(DISPATCH_INVARIANTS.map((i) => i.name));
    for (const inv of report.invariants) {
      expect(Object.keys(inv)).toEqual(['name', 'holds', 'counterexample']);
      if (inv.holds) expect(inv.counterexample).toBeNull();
      else {
        expect(Object.keys(inv.counterexample)).toEqual(['scenario', 'journal']);
        expect(fs.existsSync(inv.counterexample.scenario)).toBe(true);
        expect(fs.existsSync(inv.counterexample.journal)).toBe(true);
        expect(inv.counterexample.scenario).toBe(path.join(dir, 'wine-DIF_INSTALLDEVICE', `${inv.name}.scenario.json`));
      }
    }
    expect(report.invariants.some((i: { holds: boolean }) => !i.holds)).toBe(true);
  });

  it('should take the alphabet, the DIF and a mutant', async () => {
    const o = await cli('explore', ...SMALL, '--codes', 'NO_ERROR, 0xE0000226,2', '--dif', 'DIF_REMOVE', '--mutant', 'forward-postprocessing', '--out', dir, '--json', '--no-fail');
    expect(o.code).toBe(0);
    const report = JSON.parse(o.out);
    expect(report.bounds).toMatchObject({ dif: 'DIF_REMOVE', codes: ['NO_ERROR', 'ERROR_DI_POSTPROCESSING_REQUIRED', 'ERROR_FILE_NOT_FOUND'], mutant: 'forward-postprocessing' });
    const post = report.invariants.find((i: { name: string }) => i.name === 'PostIsReverseOfPre');
    if (post) expect(post.holds).toBe(false);
  });

  it('should explore the lifecycle with --sequence', async () => {
    const o = await cli('explore', '--sequence', 'remove', '--max-device-coinstallers', '0', '--out', dir, '--json');
    expect(o.code).toBe(0);
    const report = JSON.parse(o.out);
    expect(report.bounds.sequence).toBe('remove');
    expect(report.invariants.map((i: { name: string }) => i.name)).toEqual(LIFECYCLE_INVARIANTS.map((i) => i.name));
  });
});

describe('devinst explore (text)', () => {
  it('should print the counts and, per invariant, holds or its shortest counterexample', async () => {
    const o = await cli('explore', ...SMALL, '--profile', 'reactos', '--out', dir);
    expect(o.code).toBe(1); // reactos breaks invariants: explore exits 1
    expect(o.out).toMatch(/^devinst explore {2}reactos, DIF_INSTALLDEVICE/);
    expect(o.out).toMatch(/\d+ configurations, [\d,]+ distinct states, [\d,]+ transitions, depth \d+/);
    expect(o.out).toContain('✔ CallOrder');
    expect(o.out).toMatch(/✘ FailureStopsChain: /);
    expect(o.out).toMatch(/shortest trace \(breadth-first\): \d+ answers? to the failure; (minimal: no installer can be removed|shrunk: \d+ removed)/);
    expect(o.out).toContain('replays through the machine and breaks it again');
    expect(o.out).toContain(`scenario ${path.join(dir, 'reactos-DIF_INSTALLDEVICE', 'FailureStopsChain.scenario.json')}`);
    expect(o.out).toMatch(/\d+ of \d+ invariants hold; counterexamples in /);
  });

  it('should print progress lines to stderr with --progress', async () => {
    const o = await cli('explore', '--max-class-coinstallers', '0', '--max-device-coinstallers', '0', '--out', dir, '--progress', '--json');
    expect(o.code).toBe(0);
    // A small space ends before the first progress tick; nothing else goes to stderr.
    expect(o.err.split('\n').filter((l) => l !== '' && !l.startsWith('explore: '))).toEqual([]);
  });
});

describe('devinst explore with bad options', () => {
  it.each([
    [['--profile', 'linux'], '--profile: unknown profile "linux"'],
    [['--max-class-coinstallers', 'two'], '--max-class-coinstallers: expected a whole number from 0 to 6'],
    [['--max-device-coinstallers', '7'], '--max-device-coinstallers: expected a whole number from 0 to 6'],
    [['--codes', 'NO_ERROR,ERROR_DI_DO_DEFALT'], '--codes: unknown status code name "ERROR_DI_DO_DEFALT" (did you mean ERROR_DI_DO_DEFAULT?)'],
    [['--codes', ','], '--codes: expected a comma-separated list of status codes'],
    [['--dif', 'DIF_NOPE'], '--dif: unknown DIF code name "DIF_NOPE"'],
    [['--mutant', 'nope'], '--mutant: unknown mutant "nope"'],
    [['--dif', 'DIF_REMOVE', '--sequence', 'remove'], '--dif and --sequence exclude each other'],
    [['--sequence', 'sideways'], '--sequence: unknown sequence "sideways"'],
    [['--sequence', 'remove', '--mutant', 'forward-postprocessing'], '--mutant applies to dispatch exploration'],
    [['--max-timeline', '2'], '--max-timeline applies to --sequence only'],
    [['--private-data', 'some'], '--private-data: expected one of both, index, none'],
  ])('%j → one line, exit 2', async (args, message) => {
    const o = await cli('explore', ...args);
    expect(o.code).toBe(2);
    const lines = o.err.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0].startsWith(`devinst: ${message}`)).toBe(true);
    expect(o.out).toBe('');
  });

  it('should refuse an unknown option with one line and exit 2', async () => {
    const o = await cli('explore', '--frobnicate');
    expect(o.code).toBe(2);
    expect(o.err.split('\n').filter((l) => l !== '')).toEqual(["error: unknown option '--frobnicate'"]);
  });
});
