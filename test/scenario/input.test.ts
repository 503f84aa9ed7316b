/**
 * Bad or unusual input files, as users write them: every problem is ONE line naming the file and
 * the place, exit 2, and nothing is silently misread (house rule). Windows tools write UTF-8 with a
 * BOM (Notepad) and UTF-16LE with a BOM (Windows PowerShell 5 `>` / Out-File:
 * https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_character_encoding).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, type Outcome } from '../support/cli.js';
import { examplePath } from '../support/scenarios.js';
import { validateScenario } from '../../src/scenario/load.js';
import { InputError } from '../../src/errors.js';

let dir: string;
const write = (name: string, text: string | Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devinst-input-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function oneLine(o: Outcome): string {
  expect(o.code).toBe(2);
  const lines = o.err.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(o.err).not.toContain('    at ');
  expect(o.err).not.toContain('internal error');
  return lines[0];
}

const TOASTER = fs.readFileSync(examplePath('toaster'), 'utf8');

describe('deep nesting and prototype keys', () => {
  test('100,000 nested [ is bad input with its place, not a stack overflow', async () => {
    const file = write('deep.json', `{"name": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(oneLine(await cli('validate', file))).toBe(`devinst: ${file}:1:${9 + 256}: nested more than 256 levels deep`);
  });

  test('a deep privateData is refused the same way', async () => {
    const deep = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
    const file = write('deep-private.json', `{"deviceCoInstallers":[{"name":"a.dll","on":{"DIF_INSTALLDEVICE":{"pre":"ERROR_DI_POSTPROCESSING_REQUIRED","privateData":${deep}}}}]}`);
    expect(oneLine(await cli('run', file))).toMatch(new RegExp(`^devinst: ${file.replace(/[.\\]/g, '\\$&')}:1:\\d+: nested more than 256 levels deep$`));
  });

  test.each([
    ['on', '{"deviceCoInstallers":[{"name":"a.dll","on":{"__proto__":{}}}]}', 1, 46],
    ['defaultHandlers', '{"defaultHandlers":{"__proto__":"NO_ERROR"}}', 1, 21],
    ['the top level', '{"name":"x","constructor":{}}', 1, 13],
    ['privateData', '{"deviceCoInstallers":[{"name":"a.dll","on":{"DIF_INSTALLDEVICE":{"pre":"ERROR_DI_POSTPROCESSING_REQUIRED","privateData":{"prototype":1}}}}]}', 1, 123],
  ])('a reserved key in %s is a located error', async (_where, text, line, column) => {
    const file = write('proto.json', text);
    const key = /"(__proto__|constructor|prototype)"/.exec(text)![1];
    expect(oneLine(await cli('run', file))).toBe(`devinst: ${file}:${line}:${column}: the key "${key}" is not allowed (it names a JavaScript object's prototype machinery)`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  test('validateScenario refuses a reserved key in an object built in code, with its path', () => {
    const doc = JSON.parse('{"deviceCoInstallers":[{"name":"a.dll","on":{"__proto__":{}}}]}') as unknown;
    expect(() => validateScenario(doc)).toThrow(InputError);
    expect(() => validateScenario(doc)).toThrow('scenario: deviceCoInstallers[0].on.__proto__: the key "__proto__" is not allowed');
  });
});

describe('files written by Windows tools', () => {
  test('UTF-8 with a BOM, and UTF-16LE with a BOM and CRLF, read like UTF-8', async () => {
    const plain = JSON.parse((await cli('run', examplePath('toaster'), '--json')).out);
    const bom = write('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TOASTER, 'utf8')]));
    const utf16 = write('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TOASTER.replace(/\n/g, '\r\n'), 'utf16le')]));
    for (const file of [bom, utf16]) {
      const o = await cli('run', file, '--json');
      expect({ file, code: o.code, err: o.err }).toEqual({ file, code: 0, err: '' });
      expect(JSON.parse(o.out)).toEqual(plain);
    }
  });

  test('a UTF-16LE journal with a BOM replays', async () => {
    const journal = path.join(dir, 'j.jsonl');
    expect((await cli('run', examplePath('toaster'), '--journal', journal)).code).toBe(0);
    const text = fs.readFileSync(journal, 'utf8').replace(/\n/g, '\r\n');
    const utf16 = write('j16.jsonl', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const o = await cli('replay', utf16);
    expect({ code: o.code, err: o.err }).toEqual({ code: 0, err: '' });
  });

  test('comments and trailing commas are accepted (the README writes the format as jsonc)', async () => {
    const file = write('jsonc.json', '// a device co-installer\n{\n  "classCoInstallers": [ { "name": "a.dll,Entry", /* always fine */ "on": { "*": { "pre": "NO_ERROR" } }, }, ],\n}\n');
    const o = await cli('run', file, '--json');
    expect(o.code).toBe(0);
    expect(JSON.parse(o.out).calls[0].name).toBe('a.dll,Entry');
  });

  test('a duplicate key is a located error, not silently the last value', async () => {
    const file = write('dup.json', '{\n  "profile": "windows",\n  "profile": "wine"\n}\n');
    expect(oneLine(await cli('run', file))).toBe(`devinst: ${file}:3:3: duplicate key "profile" (it is already given in this object)`);
  });

  test('"device": null means no DeviceInfoData, like an absent device', async () => {
    const withNull = JSON.parse((await cli('run', write('null.json', '{"device": null, "classCoInstallers": [{"name": "c.dll"}]}'), '--json')).out);
    const absent = JSON.parse((await cli('run', write('absent.json', '{"classCoInstallers": [{"name": "c.dll"}]}'), '--json')).out);
    expect(withNull).toEqual(absent);
  });

  test('privateData or post without asking for postprocessing is a located warning; the run still happens', async () => {
    const file = write('warn.json', '{\n  "deviceCoInstallers": [ { "name": "a.dll",\n    "on": { "DIF_INSTALLDEVICE": { "pre": "NO_ERROR", "privateData": 1, "post": "NO_ERROR" } } } ]\n}\n');
    const o = await cli('run', file);
    expect(o.code).toBe(0);
    expect(o.err.trimEnd().split('\n')).toEqual([
      `devinst: warning: ${file}:3:55: deviceCoInstallers[0].on.DIF_INSTALLDEVICE.privateData: "privateData" is never used: "pre" does not ask for postprocessing (ERROR_DI_POSTPROCESSING_REQUIRED)`,
      `devinst: warning: ${file}:3:73: deviceCoInstallers[0].on.DIF_INSTALLDEVICE.post: "post" is never used: "pre" does not ask for postprocessing (ERROR_DI_POSTPROCESSING_REQUIRED)`,
    ]);
  });

  test('DIF_REGISTER_COINSTALLERS\'s result given twice is a located warning', async () => {
    const file = write('twice.json', '{\n  "registerCoInstallers": "ERROR_FILE_NOT_FOUND",\n  "defaultHandlers": { "DIF_REGISTER_COINSTALLERS": "NO_ERROR" }\n}\n');
    const o = await cli('validate', file);
    expect(o.code).toBe(0);
    expect(o.err).toContain(`devinst: warning: ${file}:3:24: defaultHandlers.DIF_REGISTER_COINSTALLERS: `);
  });
});

describe('standard input, escaped names, the wrong kind of file', () => {
  function withStdin<T>(text: string, run: () => Promise<T>): Promise<T> {
    const original = fs.readFileSync;
    const spy = jest.spyOn(fs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, options?: unknown) =>
      file === 0 ? Buffer.from(text, 'utf8') : original(file, options as never)) as typeof fs.readFileSync);
    return run().finally(() => spy.mockRestore());
  }

  test('run - and install - read the scenario from standard input', async () => {
    const run = await withStdin(TOASTER, () => cli('run', '-', '--json'));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toEqual(JSON.parse((await cli('run', examplePath('toaster'), '--json')).out));
    const install = await withStdin(TOASTER, () => cli('install', '-'));
    expect(install.code).toBe(0);
    expect(install.out).toContain('outcome  installed');
    const bad = await withStdin('{"profile": "nope"}', () => cli('run', '-'));
    expect(oneLine(bad)).toMatch(/^devinst: <stdin>:1:2: profile: /);
  });

  test('replay - reads the journal from standard input', async () => {
    const journal = path.join(dir, 'stdin.jsonl');
    expect((await cli('run', examplePath('toaster'), '--journal', journal)).code).toBe(0);
    const o = await withStdin(fs.readFileSync(journal, 'utf8'), () => cli('replay', '-'));
    expect(o.code).toBe(0);
    expect(o.out).toContain('replayed <stdin>: identical to the recorded run');
  });

  test('installer names with control characters and ANSI escapes are printed escaped', async () => {
    const file = write('ansi.json', JSON.stringify({ classCoInstallers: [{ name: 'evil\u001b[2J\u001b]0;pwned\u0007.dll,\u202eEntry' }] }));
    const o = await cli('run', file);
    expect(o.code).toBe(0);
    expect(o.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    expect(o.out).toContain('evil\\x1b[2J\\x1b]0;pwned\\x07.dll,\\u202eEntry');
    // JSON keeps the name exactly (JSON.stringify escapes it).
    expect(JSON.parse((await cli('run', file, '--json')).out).calls[0].name).toBe('evil\u001b[2J\u001b]0;pwned\u0007.dll,\u202eEntry');
  });

  test('replaying a scenario, or running a journal, says which command fits', async () => {
    expect(oneLine(await cli('replay', examplePath('toaster')))).toBe(`devinst: ${examplePath('toaster')}: this is a scenario, not a journal; use devinst run (or devinst install) on it`);
    const journal = path.join(dir, 'kind.jsonl');
    expect((await cli('run', examplePath('toaster'), '--journal', journal)).code).toBe(0);
    for (const command of ['run', 'install', 'validate']) {
      expect(oneLine(await cli(command, journal))).toBe(`devinst: ${journal}: this is a journal, not a scenario; use devinst replay on it`);
    }
  });
});
