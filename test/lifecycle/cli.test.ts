/**
 * `devinst install` and `devinst replay` of install journals, in-process through main(argv, io).
 * Exit codes (src/cli/program.ts): 0 a completed run, 2 bad input. Bad input is ONE stderr line
 * `devinst: <file>:<line>:<col>: …` and never a stack trace. Readable output as shown in README.md
 * "Quick start".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, type Outcome } from '../support/cli.js';
import { runInstall } from '../../src/host/runInstall.js';
import { lifecycleExample, lifecycleExamplePath } from '../support/lifecycle.js';


/** Exactly one stderr line starting `devinst: <prefix>`, exit 2, nothing that looks like a stack trace. */
function expectOneLineError(o: Outcome, prefix: string): string {
  expect(o.code).toBe(2);
  const lines = o.err.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0].startsWith(`devinst: ${prefix}`)).toBe(true);
  expect(o.err + o.out).not.toMatch(/\n\s+at /);
  return lines[0];
}

const TOASTER = lifecycleExamplePath('toaster');
const WIN7 = lifecycleExamplePath('finish-install-win7');
let dir: string;
const tmp = (name: string) => path.join(dir, name);
const write = (name: string, lines: readonly string[]) => {
  fs.writeFileSync(tmp(name), lines.join('\n') + '\n');
  return tmp(name);
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devinst-install-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('devinst install', () => {
  // README.md "Quick start": the phases, one line per DIF in order, the outcome
  it('should show the core installation phase with every DIF in order, the outcome, and exit 0', async () => {
    const o = await cli('install', TOASTER);
    expect(o.code).toBe(0);
    expect(o.err).toBe('');
    expect(o.out).toContain('core installation (server side, DrvInst)');
    const order = ['DIF_SELECTBESTCOMPATDRV', 'DIF_ALLOW_INSTALL', 'DIF_INSTALLDEVICEFILES', 'DIF_REGISTER_COINSTALLERS', 'DIF_INSTALLINTERFACES', 'DIF_INSTALLDEVICE ', 'DIF_NEWDEVICEWIZARD_FINISHINSTALL'];
    const at = order.map((name) => o.out.indexOf(name));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(o.out).toMatch(/^outcome\s+installed$/m);
  });

  it('should show each finish-install attempt as its own phase (examples/finish-install-win7.json)', async () => {
    const o = await cli('install', WIN7);
    expect(o.code).toBe(0);
    expect(o.out.match(/finish-install attempt \d/g)).toEqual(['finish-install attempt 1', 'finish-install attempt 2', 'finish-install attempt 3']);
  });

  it('should print exactly the InstallResult of runInstall with --json', async () => {
    const o = await cli('install', WIN7, '--json');
    expect(o.code).toBe(0);
    expect(JSON.parse(o.out)).toEqual(runInstall(lifecycleExample('finish-install-win7')));
  });

  it('should honour --os (Windows 10: one chance, examples/finish-install-win7.json has no request, so nothing runs)', async () => {
    const o = await cli('install', WIN7, '--json', '--os', 'win10');
    expect(JSON.parse(o.out).finishInstall).toEqual({ marked: true, attempts: 0, pending: true, results: [] });
  });

  it('should honour --sequence', async () => {
    const o = await cli('install', TOASTER, '--json', '--sequence', 'remove');
    const r = JSON.parse(o.out);
    expect([r.sequence, r.outcome, r.difs.map((d: { dif: string }) => d.dif)]).toEqual(['remove', 'removed', ['DIF_REMOVE', 'DIF_DESTROYPRIVATEDATA']]);
  });

  it('should write a journal that replay --json turns into the same InstallResult', async () => {
    const journal = tmp('win7.jsonl');
    const recorded = await cli('install', WIN7, '--json', '--journal', journal);
    expect(recorded.code).toBe(0);
    const replayed = await cli('replay', journal, '--json');
    expect(replayed.code).toBe(0);
    expect(JSON.parse(replayed.out)).toEqual(JSON.parse(recorded.out));
  });

  it('should show an install journal readably on replay, with the same phases', async () => {
    const journal = tmp('toaster.jsonl');
    expect((await cli('install', TOASTER, '--journal', journal)).code).toBe(0);
    const o = await cli('replay', journal);
    expect(o.code).toBe(0);
    expect(o.out).toContain('core installation (server side, DrvInst)');
    expect(o.out).toContain('identical to the recorded run');
  });

  it('should list the dispatch states of every DIF with replay --transitions', async () => {
    // each DIF of the installation is a dispatch in the installation's chart (docs/machines.md)
    const journal = tmp('win7-transitions.jsonl');
    expect((await cli('install', WIN7, '--journal', journal)).code).toBe(0);
    const o = await cli('replay', journal, '--transitions');
    expect(o.code).toBe(0);
    for (const line of [
      / xstate\.init +coreInstall\.dif\.defaultHandler\.calling\.checking → coreInstall\.dif\.defaultHandler\.calling\.awaiting {2}\[requestCall\]/,
      / coInstaller\.returned +coreInstall\.dif\.preprocessing\.calling → /,
      / defaultHandler\.returned +coreInstall\.dif\.defaultHandler\.calling\.checking → coreInstall\.dif\.defaultHandler\.calling\.destroyPrivateData\.starting/,
      / coInstaller\.returned +finishInstallRunning\.preprocessing\.calling → finishInstallRunning\.postprocessing\.choosing/,
      / finishInstallRunning\.done → attempted/,
      / attempted → finishInstallPending/,
    ]) {
      expect(o.out).toMatch(line);
    }
  });

  it('should refuse to overwrite an existing journal file', async () => {
    const journal = tmp('exists.jsonl');
    fs.writeFileSync(journal, 'keep');
    expectOneLineError(await cli('install', TOASTER, '--journal', journal), `${journal}: already exists`);
    expect(fs.readFileSync(journal, 'utf8')).toBe('keep');
  });
});

describe('devinst install: bad scenario files', () => {
  // docs/lifecycle.md "The timeline": the six event types; the error points at the bad "type" key
  it('should report an unknown timeline event type at its file:line:col, exit 2, one line', async () => {
    const file = write('bad-timeline.json', [
      '{',
      '  "device": { "description": "Widget" },',
      '  "timeline": [',
      '    { "type": "device.reenumerated" },',
      '    { "type": "user.loggedIn", "admin": true }',
      '  ]',
      '}',
    ]);
    const line = expectOneLineError(await cli('install', file), `${file}:5:7: `);
    expect(line).toContain('timeline[1].type');
    expect(line).toContain('"user.loggedIn"');
  });

  // docs/lifecycle.md "Installer effects": the effect keys; the error points at the unknown key
  it('should report an unknown effect at its file:line:col, exit 2, one line', async () => {
    const file = write('bad-effect.json', [
      '{',
      '  "deviceCoInstallers": [',
      '    {',
      '      "name": "dc.dll,DevCo",',
      '      "on": {',
      '        "DIF_INSTALLDEVICE": {',
      '          "effects": [',
      '            { "openWindow": true }',
      '          ]',
      '        }',
      '      }',
      '    }',
      '  ]',
      '}',
    ]);
    const line = expectOneLineError(await cli('install', file), `${file}:8:15: `);
    expect(line).toContain('deviceCoInstallers[0].on.DIF_INSTALLDEVICE.effects[0].openWindow');
    expect(line).toContain('"openWindow"');
  });

  it('should report an unknown flag in an effect at its file:line:col', async () => {
    const file = write('bad-flag.json', ['{', '  "classCoInstallers": [{ "name": "cc.dll", "on": { "*": { "effects": [{ "setFlags": ["DI_NOPE"] }] } } }]', '}']);
    const line = expectOneLineError(await cli('install', file), `${file}:2:`);
    expect(line).toMatch(/^devinst: .*bad-flag\.json:2:\d+: .*DI_NOPE/);
  });

  it('should report a damaged install journal on replay with its line, exit 2', async () => {
    const journal = tmp('damaged.jsonl');
    expect((await cli('install', TOASTER, '--journal', journal)).code).toBe(0);
    const lines = fs.readFileSync(journal, 'utf8').trimEnd().split('\n');
    fs.writeFileSync(journal, lines.slice(0, -1).join('\n') + '\n');
    expectOneLineError(await cli('replay', journal), `${journal}:${lines.length - 1}: `);
  });
});
