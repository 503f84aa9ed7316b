/**
 * The CLI in-process: main(argv, io) with captured output. Exit codes (src/cli/program.ts):
 * 0 a completed run, 2 bad input or usage, 1 an internal error. Bad input is ONE stderr line
 * `devinst: <file>[:line:col]: …` and never a stack trace.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, type Outcome } from '../support/cli.js';
import { runDif } from '../../src/host/runDif.js';
import { example, examplePath } from '../support/scenarios.js';


/** Exactly one stderr line `devinst: <prefix>…`, exit 2, nothing that looks like a stack trace. */
function expectOneLineError(o: Outcome, prefix: string): string {
  expect(o.code).toBe(2);
  const lines = o.err.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0].startsWith(`devinst: ${prefix}`)).toBe(true);
  expect(o.err + o.out).not.toContain('    at ');
  return lines[0];
}

const TOASTER = examplePath('toaster');
let dir: string;
const tmp = (name: string) => path.join(dir, name);
const write = (name: string, text: string) => {
  fs.writeFileSync(tmp(name), text);
  return tmp(name);
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devinst-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('devinst run', () => {
  it('should print a timeline naming the co-installer and the default handler, and exit 0', async () => {
    const o = await cli('run', TOASTER);
    expect(o.code).toBe(0);
    expect(o.out).toContain('tostrco2.dll,ToasterCoInstaller');
    expect(o.out).toContain('SetupDiInstallDevice');
    expect(o.out).toContain('TRUE');
    expect(o.err).toBe('');
  });

  it('should print exactly the RunResult of runDif with --json', async () => {
    const o = await cli('run', TOASTER, '--json');
    expect(o.code).toBe(0);
    expect(JSON.parse(o.out)).toEqual(runDif(example('toaster')));
  });

  it('should honour --dif and --profile', async () => {
    // WDD calling-the-default-dif-code-handlers.md; ReactOS and Wine dlls/setupapi/devinst.c: DIF_ALLOW_INSTALL has no default handler; ReactOS turns ERROR_DI_DO_DEFAULT into NO_ERROR (R10)
    const windows = JSON.parse((await cli('run', TOASTER, '--json', '--dif', 'DIF_ALLOW_INSTALL')).out);
    const reactos = JSON.parse((await cli('run', TOASTER, '--json', '--dif', 'DIF_ALLOW_INSTALL', '--profile', 'reactos')).out);
    expect([windows.dif, windows.profile, windows.result.hex]).toEqual(['DIF_ALLOW_INSTALL', 'windows', '0xE000020E']);
    expect([reactos.dif, reactos.profile, reactos.result.hex]).toEqual(['DIF_ALLOW_INSTALL', 'reactos', '0x00000000']);
  });

  it('should write a journal that replays to the same RunResult', async () => {
    const journal = tmp('run.jsonl');
    const run = await cli('run', TOASTER, '--json', '--journal', journal);
    expect(run.code).toBe(0);
    const replay = await cli('replay', journal, '--json');
    expect(replay.code).toBe(0);
    expect(JSON.parse(replay.out)).toEqual(JSON.parse(run.out));
  });

  it('should refuse to overwrite an existing --journal file and leave it unchanged', async () => {
    const existing = write('existing.jsonl', 'keep me\n');
    const o = await cli('run', TOASTER, '--journal', existing);
    expect(expectOneLineError(o, existing)).toContain('already exists');
    expect(fs.readFileSync(existing, 'utf8')).toBe('keep me\n');
  });
});

describe('devinst replay', () => {
  it('should show the timeline of a journal', async () => {
    const journal = tmp('timeline.jsonl');
    expect((await cli('run', TOASTER, '--journal', journal)).code).toBe(0);
    const o = await cli('replay', journal);
    expect(o.code).toBe(0);
    expect(o.out).toContain('tostrco2.dll,ToasterCoInstaller');
    expect(o.out).toContain('SetupDiInstallDevice');
  });

  it('should print the transitions with --transitions', async () => {
    const journal = tmp('transitions.jsonl');
    expect((await cli('run', TOASTER, '--journal', journal)).code).toBe(0);
    const o = await cli('replay', journal, '--transitions', '--json');
    expect(o.code).toBe(0);
    const log = JSON.parse(o.out) as { seq: number; to: string }[];
    expect(log[0].seq).toBe(0);
    expect(log.at(-1)!.to).toBe('done');
  });
});

describe('devinst validate', () => {
  it('should accept a bundled example and exit 0', async () => {
    const o = await cli('validate', TOASTER);
    expect(o.code).toBe(0);
    expect(o.out).toContain('valid scenario');
    expect(o.err).toBe('');
  });
});

describe('devinst codes', () => {
  // Wine include/winerror.h; MinGW winerror.h: ERROR_DI_DO_DEFAULT = 0xE000020E
  it('should look up a status code by name', async () => {
    const o = await cli('codes', 'ERROR_DI_DO_DEFAULT');
    expect(o.code).toBe(0);
    expect(o.out).toContain('0xE000020E');
  });

  it('should look up a status code by value', async () => {
    const o = await cli('codes', '0xE000020E');
    expect(o.code).toBe(0);
    expect(o.out).toContain('ERROR_DI_DO_DEFAULT');
  });

  // WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h: DIF_INSTALLDEVICE = 0x02, default handler SetupDiInstallDevice
  it('should look up a DIF code by name', async () => {
    const o = await cli('codes', 'DIF_INSTALLDEVICE');
    expect(o.code).toBe(0);
    expect(o.out).toContain('0x00000002');
    expect(o.out).toContain('SetupDiInstallDevice');
  });

  // 2 is both DIF_INSTALLDEVICE (WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h) and ERROR_FILE_NOT_FOUND (MinGW winerror.h)
  it('should list every code with a numeric value', async () => {
    const o = await cli('codes', '2');
    expect(o.code).toBe(0);
    expect(o.out).toContain('DIF_INSTALLDEVICE');
    expect(o.out).toContain('ERROR_FILE_NOT_FOUND');
  });

  // Wine include/setupapi.h; SDK ns-setupapi-sp_devinstall_params_a.md: DI_NODI_DEFAULTACTION = 0x00200000
  it('should look up a DI_ flag', async () => {
    const o = await cli('codes', 'DI_NODI_DEFAULTACTION');
    expect(o.code).toBe(0);
    expect(o.out).toContain('0x00200000');
  });

  it('should refuse an unknown name with a did-you-mean', async () => {
    const line = expectOneLineError(await cli('codes', 'ERROR_DI_DO_DEFALT'), '');
    expect(line).toContain('did you mean ERROR_DI_DO_DEFAULT?');
  });
});

describe('devinst schema', () => {
  it('should print the JSON Schema of scenario files', async () => {
    const o = await cli('schema');
    expect(o.code).toBe(0);
    const schema = JSON.parse(o.out) as { title?: string; properties?: Record<string, unknown> };
    expect(schema.title).toBe('devinst scenario');
    expect(Object.keys(schema.properties ?? {})).toEqual(expect.arrayContaining(['classCoInstallers', 'deviceCoInstallers', 'classInstaller', 'defaultHandlers']));
  });
});

describe('devinst --version and --help', () => {
  it('should print the version', async () => {
    const o = await cli('--version');
    expect(o.code).toBe(0);
    expect(o.out.trim()).toBe('0.0.0-test');
  });

  it('should print help and exit 0', async () => {
    const o = await cli('--help');
    expect(o.code).toBe(0);
    expect(o.out).toContain('Usage: devinst');
    expect(o.out).toContain('run');
  });
});

describe('bad input', () => {
  it('should report malformed JSON with its line and column', async () => {
    // the comma after "broken" is missing: the parser expects one where "dif" starts, at line 3, column 3
    const file = write('missing-comma.json', '{\n  "name": "broken"\n  "dif": "DIF_INSTALLDEVICE"\n}\n');
    expect(expectOneLineError(await cli('run', file), `${file}:3:3: `)).toContain('malformed JSON');
  });

  it('should report an unknown key at its line and column', async () => {
    const file = write('unknown-key.json', '{\n  "name": "x",\n  "clasInstaller": null\n}\n');
    expect(expectOneLineError(await cli('validate', file), `${file}:3:3: `)).toContain('unknown key "clasInstaller"');
  });

  it('should report an unknown code name with a did-you-mean', async () => {
    const text = ['{', '  "classInstaller": {', '    "name": "ci.dll,I",', '    "on": {', '      "*": {', '        "returns": "ERROR_DI_DO_DEFALT"', '      }', '    }', '  }', '}', ''];
    const file = write('unknown-code.json', text.join('\n'));
    const line = expectOneLineError(await cli('run', file), `${file}:6:9: `);
    expect(line).toContain('did you mean ERROR_DI_DO_DEFAULT?');
  });

  it('should report an unknown DIF name used as an "on" key', async () => {
    const text = ['{', '  "classCoInstallers": [', '    {', '      "name": "cc.dll,A",', '      "on": {', '        "DIF_INSTALDEVICE": {}', '      }', '    }', '  ]', '}', ''];
    const file = write('unknown-dif.json', text.join('\n'));
    const line = expectOneLineError(await cli('validate', file), `${file}:6:9: `);
    expect(line).toContain('did you mean DIF_INSTALLDEVICE?');
  });

  it('should report an unknown DIF name given with --dif', async () => {
    const line = expectOneLineError(await cli('run', TOASTER, '--dif', 'DIF_INSTALDEVICE'), '--dif: ');
    expect(line).toContain('did you mean DIF_INSTALLDEVICE?');
  });

  it('should report a list given as an object', async () => {
    const file = write('wrong-type-list.json', '{\n  "classCoInstallers": {}\n}\n');
    expect(expectOneLineError(await cli('run', file), `${file}:2:3: `)).toContain('classCoInstallers');
  });

  it('should report a boolean given as a status code', async () => {
    const text = ['{', '  "deviceCoInstallers": [', '    {', '      "name": "dc.dll,A",', '      "on": {', '        "DIF_INSTALLDEVICE": {', '          "pre": true', '        }', '      }', '    }', '  ]', '}', ''];
    const file = write('wrong-type-pre.json', text.join('\n'));
    expect(expectOneLineError(await cli('run', file), `${file}:7:11: `)).toContain('pre');
  });

  it('should report a missing scenario file', async () => {
    const file = tmp('no-such-scenario.json');
    expect(expectOneLineError(await cli('run', file), `${file}: `)).toContain('no such file');
  });

  it('should report a missing journal file', async () => {
    const file = tmp('no-such-journal.jsonl');
    expect(expectOneLineError(await cli('replay', file), `${file}: `)).toContain('no such file');
  });

  it('should report a damaged journal with its line', async () => {
    const journal = tmp('damaged-source.jsonl');
    expect((await cli('run', TOASTER, '--journal', journal)).code).toBe(0);
    const lines = fs.readFileSync(journal, 'utf8').trimEnd().split('\n');
    // toaster: header, 2 entries (device co-installer, default handler), closing line → drop the closing line
    expect(lines).toHaveLength(4);
    const damaged = write('damaged.jsonl', lines.slice(0, 3).join('\n') + '\n');
    expect(expectOneLineError(await cli('replay', damaged), `${damaged}:3: `)).toContain('truncated');
  });

  it('should refuse an unknown option with exit code 2 and a short message', async () => {
    const o = await cli('run', TOASTER, '--bogus');
    expect(o.code).toBe(2);
    expect(o.err).toContain('--bogus');
    expect(o.err.split('\n').filter((l) => l !== '').length).toBeLessThanOrEqual(2);
    expect(o.err).not.toContain('    at ');
    expect(o.out).toBe('');
  });

  it('should refuse an unknown profile choice with exit code 2 and a short message', async () => {
    const o = await cli('run', TOASTER, '--profile', 'linux');
    expect(o.code).toBe(2);
    expect(o.err).toContain('linux');
    expect(o.err.split('\n').filter((l) => l !== '').length).toBeLessThanOrEqual(2);
    expect(o.err).not.toContain('    at ');
    expect(o.out).toBe('');
  });
});
