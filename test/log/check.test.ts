/**
 * `devinst log check` and `devinst log render` on real logs (test/fixtures/logs/, sources in its
 * README), and the four model facts the real logs show, each with the lines it comes from.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInstall, recordInstall } from '../../src/host/runInstall.js';
import { recordDif, runDif } from '../../src/host/runDif.js';
import { checkLines } from '../../src/log/checkFiles.js';
import { parseFile, parseLines } from '../../src/log/document.js';
import { renderJournal } from '../../src/log/render.js';
import { cli } from '../support/cli.js';

const DIR = join(__dirname, '..', 'fixtures', 'logs');
const PLASO = join(DIR, 'plaso-win10-setupapi.dev.log');
const temp = () => mkdtempSync(join(tmpdir(), 'devinst-log-'));
const NOW = { now: () => new Date('2024-01-02T03:04:05.000Z') };

describe('log check on real logs', () => {
  it('should find every DIF block of the plaso log and of the excerpts conforming under windows or incomplete, and exit 0', async () => {
    const r = await cli('log', 'check', DIR, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { files: string[]; blocks: { verdict: string; dif: string; line: number; file: string }[] };
    expect(out.files).toHaveLength(10);
    expect(out.blocks.filter((b) => b.file.endsWith('plaso-win10-setupapi.dev.log')).map((b) => b.verdict)).toEqual(Array(28).fill('conforms'));
    expect(out.blocks.filter((b) => b.verdict === 'violates')).toEqual([]);
  });

  it("should show that wine, which never calls co-installers back, cannot have produced the postprocessed WUDFCoInstaller block (plaso lines 10616-10634)", async () => {
    const r = await cli('log', 'check', PLASO, '--json');
    const block = (JSON.parse(r.out) as { blocks: { line: number; dif: string; profiles: unknown; inferred: { coInstallers: unknown[] } }[] }).blocks.find((b) => b.line === 10616)!;
    expect(block.dif).toBe('DIF_INSTALLDEVICE');
    expect(block.profiles).toEqual({ windows: true, reactos: true, wine: false });
    expect(block.inferred.coInstallers[0]).toMatchObject({ number: 1, pre: 'ERROR_DI_POSTPROCESSING_REQUIRED' });
  });

  it('should report a block the model cannot produce as violating, name the rule and the lines, and exit 1', async () => {
    // Postprocessing in forward order: Windows calls back in reverse (co-installer-operation.md)
    const dir = temp();
    const file = join(dir, 'bad.log');
    writeFileSync(file, ['     dvi: {DIF_INSTALLDEVICE} 10:00:00.000', '     dvi:      CoInstaller 1: Enter 10:00:00.000', '     dvi:      CoInstaller 1: Exit', '     dvi:      CoInstaller 2: Enter 10:00:00.000', '     dvi:      CoInstaller 2: Exit', '     dvi:      Default installer: Enter 10:00:00.000', '     dvi:      Default installer: Exit', '     dvi:      CoInstaller 1: Enter (Post Processing) 10:00:00.000', '     dvi:      CoInstaller 1: Exit (Post Processing)', '     dvi:      CoInstaller 2: Enter (Post Processing) 10:00:00.000', '     dvi:      CoInstaller 2: Exit (Post Processing)', '     dvi: {DIF_INSTALLDEVICE - exit(0x00000000)} 10:00:00.000', ''].join('\r\n'));
    const r = await cli('log', 'check', file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/violates .*reverse order of preprocessing.*lines 8, 10/);
    expect((await cli('log', 'check', file, '--profile', 'reactos')).code).toBe(0);
  });

  it('should refuse an unreadable file with one line and exit 2', async () => {
    const r = await cli('log', 'check', join(temp(), 'missing.log'));
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/missing\.log: cannot read/);
  });
});

describe('model fact 1: "Default installer: Enter/Exit" whenever the default step is reached, and ERROR_DI_DO_DEFAULT stays', () => {
  // plaso lines 599-606: DIF_ALLOW_INSTALL, DispCI.dll's class installer, then "Default installer: Enter"/"Exit",
  // "{DIF_ALLOW_INSTALL - exit(0xe000020e)}"; lines 722-727 the same for DIF_DESTROYPRIVATEDATA
  it('should record the default step for DIFs without a handler and exit 0xE000020E, and render those lines', () => {
    const doc = { device: { description: 'VirtualBox Graphics Adapter' }, classInstaller: { name: 'DispCI.dll,DisplayClassInstaller' } };
    for (const dif of ['DIF_ALLOW_INSTALL', 'DIF_NEWDEVICEWIZARD_FINISHINSTALL', 'DIF_DESTROYPRIVATEDATA']) {
      const r = runDif(doc, dif);
      expect({ dif, calls: r.calls, hex: r.result.hex }).toEqual({
        dif,
        calls: [{ who: 'classInstaller', name: 'DispCI.dll,DisplayClassInstaller', returned: '0xE000020E' }, { who: 'defaultHandler', function: null, returned: '0xE000020E' }],
        hex: '0xE000020E',
      });
      const text = renderJournal(recordDif(doc, dif, NOW).journal);
      expect(text).toContain('     dvi:      Default installer: Enter 03:04:05.000\r\n     dvi:      Default installer: Exit\r\n');
      expect(text).toContain(`     dvi: {${dif} - exit(0xe000020e)}`);
    }
  });
});

describe('model fact 2: the nested DIF_DESTROYPRIVATEDATA is sent when the installer list is thrown away', () => {
  const nested = (doc: object) => runInstall(doc).difs.filter((d) => d.nestedIn).map((d) => d.nestedIn);

  it('should not send it inside DIF_REGISTER_COINSTALLERS when no device co-installer is registered (libwdi #310 qport; plaso lines 346-351)', () => {
    // 06-libwdi-…qport.log: "Default installer: Enter", the .CoInstallers section, "Default installer: Exit", exit — nothing nested
    expect(nested({ classInstaller: { name: 'ports.dll,PortsClassInstaller' } })).toEqual([]);
  });

  it('should send it inside DIF_REGISTER_COINSTALLERS after device co-installers were registered (libwdi #76 wup-028 lines 7-12; plaso lines 10595-10603)', () => {
    expect(nested({ deviceCoInstallers: [{ name: 'WdfCoInstaller01009.dll,WdfCoInstaller' }] })).toEqual(['DIF_REGISTER_COINSTALLERS']);
  });

  it('should send it inside DIF_SELECTBESTCOMPATDRV when selecting the driver changes the class and installers are loaded (plaso lines 10548-10556)', () => {
    // "{Select Best Driver}", "Class GUID of device changed to: {eec5ad98-…}.", "{DIF_DESTROYPRIVATEDATA}" inside "Default installer"
    const doc = { classInstaller: { name: 'wpd_ci.dll,WpdClassInstaller' }, selectedDriverChangesClass: true };
    expect(nested(doc)).toEqual(['DIF_SELECTBESTCOMPATDRV']);
    // plaso lines 285-295 (VirtualBox device): the class changes, but no installer is loaded: none is sent
    expect(nested({ selectedDriverChangesClass: true })).toEqual([]);
  });
});

describe('model fact 3: a class installer that does the default work itself', () => {
  // plaso lines 694-713: DIF_INSTALLDEVICE, "Class installer: Enter", "{Install DEVICE}" … "Add Service: Created service",
  // "Class installer: Exit", no "Default installer" lines, "{DIF_INSTALLDEVICE - exit(0x00000000)}"
  it('should be written as "returns": "NO_ERROR" with the effect "callDefaultHandler", and render the work inside the class installer span', () => {
    const doc = { device: { description: 'VirtualBox Graphics Adapter' }, classInstaller: { name: 'DispCI.dll,DisplayClassInstaller', on: { DIF_INSTALLDEVICE: { returns: 'NO_ERROR', effects: ['callDefaultHandler'] } } } };
    const text = renderJournal(recordDif(doc, 'DIF_INSTALLDEVICE', NOW).journal);
    expect(text).toContain(
      ['     dvi:      Class installer: Enter 03:04:05.000', '     dvi:           {Install DEVICE}', '     dvi:           {Install DEVICE exit (0x00000000)}', '     dvi:      Class installer: Exit', '     dvi: {DIF_INSTALLDEVICE - exit(0x00000000)} 03:04:05.000'].join('\r\n'),
    );
    expect(text).not.toContain('Default installer');
    const [block] = [...checkLines('render', text.split('\r\n'), { profile: 'windows' })];
    expect(block.verdict).toBe('conforms');
    expect(block.inferred?.facts).toEqual(['the class installer did the default work itself (Install DEVICE), effect "callDefaultHandler"']);
  });
});

describe('model fact 4: client-initiated installs end with two DIF_DESTROYPRIVATEDATA', () => {
  // plaso lines 722-727 (inside "Plug and Play Service: Device Install", after Core Device Install) and
  // 729-734 (the client's own set, VBoxDrvInst.exe's UpdateDriverForPlugAndPlayDevices): docs/lifecycle.md choice L9
  it('should reproduce both as an explicit DIF list, and check the rendering as the same DIF blocks', () => {
    const doc = {
      device: { hardwareId: 'PCI\\VEN_80EE&DEV_BEEF&SUBSYS_00000000&REV_00' },
      classInstaller: { name: 'DispCI.dll,DisplayClassInstaller', on: { DIF_INSTALLDEVICE: { returns: 'NO_ERROR', effects: ['callDefaultHandler'] }, DIF_NEWDEVICEWIZARD_FINISHINSTALL: { returns: 'ERROR_DI_DO_DEFAULT' } } },
      sequence: ['DIF_SELECTBESTCOMPATDRV', 'DIF_ALLOW_INSTALL', 'DIF_INSTALLDEVICEFILES', 'DIF_REGISTER_COINSTALLERS', 'DIF_INSTALLINTERFACES', 'DIF_INSTALLDEVICE', 'DIF_NEWDEVICEWIZARD_FINISHINSTALL', 'DIF_DESTROYPRIVATEDATA', 'DIF_DESTROYPRIVATEDATA'],
    };
    const text = renderJournal(recordInstall(doc, NOW).journal);
    const rendered = parseLines('r', text.split('\r\n')).sections[0].blocks.map((b) => [b.dif, b.exit]);
    const real = parseFile(PLASO).sections.find((s) => s.line === 516)!.blocks.map((b) => [b.dif, b.exit]);
    expect(rendered).toEqual(real);
    expect([...checkLines('r', text.split('\r\n'), { profile: 'windows' })].map((b) => b.verdict)).toEqual(Array(9).fill('conforms'));
  });
});

describe('log render and --format setupapi', () => {
  it('should render the toaster installation with CRLF line ends, header, boot session, section and footer', async () => {
    const r = await cli('install', 'examples/toaster.json', '--format', 'setupapi');
    expect(r.code).toBe(0);
    const lines = r.out.split('\r\n');
    expect(r.out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(lines.slice(0, 2)).toEqual(['[Device Install Log]', '     OS Version = 10.0.19045']);
    expect(lines).toContain('[Boot Session: 2024/01/02 03:04:05.000]');
    expect(lines).toContain('>>>  Section start 2024/01/02 03:04:05.000');
    expect(lines.filter((l) => l.startsWith('<<<'))).toEqual(['<<<  Section end 2024/01/02 03:04:05.000', '<<<  [Exit status: SUCCESS]']);
    // The nested DIF sits one level inside "Default installer: Enter" (plaso lines 10590-10591; libwdi #76 lines 7 and 12)
    const enter = lines.indexOf('     dvi:                Default installer: Enter 03:04:05.000', lines.findIndex((l) => l.includes('{DIF_REGISTER_COINSTALLERS}')));
    expect(lines[enter + 1]).toBe('     dvi:                     {DIF_DESTROYPRIVATEDATA} 03:04:05.000');
  });

  it('should render a journal written by devinst run, and log check should find it conforming', async () => {
    const dir = temp();
    const journal = join(dir, 'run.jsonl');
    expect((await cli('run', 'examples/failing-coinstaller.json', '--journal', journal)).code).toBe(0);
    const out = join(dir, 'run.log');
    expect((await cli('log', 'render', journal, '-o', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/!!! {2}dvi: {6}CoInstaller \d: failed\(0x[0-9a-f]{8}\)!\r\n/);
    const check = await cli('log', 'check', out);
    expect(check.code).toBe(0);
    expect(check.out).toMatch(/1 DIF blocks: 1 conform/);
  });
});

describe('log scenario', () => {
  it("should turn the plaso log's WPD device section into a scenario whose installation renders to conforming blocks, the same DIFs in the same order", async () => {
    const dir = temp();
    const scenario = join(dir, 'wpd.json');
    expect((await cli('log', 'scenario', PLASO, '--device', 'WPDBUSENUM', '-o', scenario)).code).toBe(0);
    const rendered = await cli('install', scenario, '--format', 'setupapi');
    const log = join(dir, 'wpd.log');
    writeFileSync(log, rendered.out);
    const check = await cli('log', 'check', log, '--json');
    expect(check.code).toBe(0);
    const blocks = (JSON.parse(check.out) as { blocks: { dif: string; verdict: string; nestedIn?: string }[] }).blocks;
    expect(blocks.every((b) => b.verdict === 'conforms')).toBe(true);
    const real = (JSON.parse((await cli('log', 'check', PLASO, '--json')).out) as { blocks: { dif: string; line: number; nestedIn?: string }[] }).blocks.filter((b) => b.line >= 10543);
    expect(blocks.map((b) => [b.dif, b.nestedIn ?? null])).toEqual(real.map((b) => [b.dif, b.nestedIn ?? null]));
  });
});

describe('log check under reactos: answers the log cannot tell apart', () => {
  // reactos/reactos dll/win32/setupapi/devinst.c SetupDiCallClassInstaller: with no default handler run
  // (none for the DIF, or DI_NODI_DEFAULTACTION set) ERROR_DI_DO_DEFAULT becomes NO_ERROR, so an exit of
  // 0x00000000 may hide the flag (docs/setupapi-log.md).
  const lines = (...body: string[]) => ['     dvi: {DIF_INSTALLDEVICE} 10:00:00.000', ...body, '     dvi: {DIF_INSTALLDEVICE - exit(0x00000000)} 10:00:00.000'];

  it('should find DI_NODI_DEFAULTACTION behind a failed co-installer that reaches no default step', () => {
    const [block] = [...checkLines('r', lines('     dvi:      CoInstaller 1: Enter 10:00:00.000', '!!!  dvi:      CoInstaller 1: failed(0xe000020e)!'), { profile: 'reactos' })];
    expect(block.verdict).toBe('conforms');
    expect(block.inferred?.flags).toEqual(['DI_NODI_DEFAULTACTION']);
    expect(block.profiles).toEqual({ windows: false, reactos: true, wine: false });
  });

});
