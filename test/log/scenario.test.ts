/**
 * `devinst log scenario` → `devinst install` → render → `log check`, compared call for call with
 * the real log (log2timeline/plaso test_data/setupapi.dev.log, vendored in test/fixtures/logs/ with
 * its licence in the README there), and the lifecycle rules those sections show: a driver selection
 * that changes the device's class and with it the installers (selectedDriverChangesClass.previousClass),
 * a class co-installer repeated by a registered device co-installer loaded once (choice L11), and no
 * DIF_DESTROYPRIVATEDATA when no installer list was loaded (choice L10).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordInstall, runInstall } from '../../src/host/runInstall.js';
import { checkLines } from '../../src/log/checkFiles.js';
import { parseFile, parseLines } from '../../src/log/document.js';
import { renderJournal } from '../../src/log/render.js';
import type { DifBlock } from '../../src/log/types.js';
import { cli } from '../support/cli.js';

const PLASO = join(__dirname, '..', 'fixtures', 'logs', 'plaso-win10-setupapi.dev.log');
const temp = () => mkdtempSync(join(tmpdir(), 'devinst-log-scenario-'));
const NOW = { now: () => new Date('2024-01-02T03:04:05.000Z') };

/** A block as its calls: every installer Enter/Exit in order, post-processing, failures, nested DIFs (with the call they ran in), the exit code. */
function calls(block: DifBlock): unknown {
  return {
    dif: block.dif,
    exit: block.exit,
    steps: block.steps.map((s) =>
      s.kind === 'nested'
        ? { nested: calls(s.block), within: s.within }
        : `${s.kind}${s.n !== undefined ? ` ${s.n}` : ''}${s.failed ? ` failed ${s.failed}` : ''}${s.closed ? '' : ' (open)'}`,
    ),
  };
}

const sectionAt = (line: number) => parseFile(PLASO).sections.find((s) => s.line === line)!;

/** log scenario on a plaso section, then install it and render the journal. */
async function reproduce(section: number): Promise<{ scenario: Record<string, unknown>; rendered: string }> {
  const dir = temp();
  const file = join(dir, 'scenario.json');
  const made = await cli('log', 'scenario', PLASO, '--section', String(section), '-o', file);
  expect(made.code).toBe(0);
  const scenario = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const { journal } = recordInstall(scenario, NOW);
  return { scenario, rendered: renderJournal(journal) };
}

describe("log scenario on the plaso log's WPD device (section 193, lines 10527-10653)", () => {
  it('should give a scenario whose rendered installation conforms and has the same DIF blocks, call for call', async () => {
    const { scenario, rendered } = await reproduce(193);
    const ours = parseLines('rendered', rendered.split('\r\n')).sections[0].blocks;
    const real = sectionAt(10527).blocks;
    // Lines 10543-10563: DIF_SELECTBESTCOMPATDRV calls only the class installer, then the default
    // installer, whose "Select Best Driver" changes the class (10550) and nests a
    // DIF_DESTROYPRIVATEDATA to the class installer (10551-10557). Lines 10566-10577: DIF_ALLOW_INSTALL
    // loads the new list (wpd_ci.dll and CoInstaller 1 == WUDFCoinstaller.dll). 10586-10601:
    // DIF_REGISTER_COINSTALLERS nests DIF_DESTROYPRIVATEDATA inside the default installer. 10616-10634:
    // DIF_INSTALLDEVICE, the class installer does the work, CoInstaller 1 post-processed. 10635-10641:
    // DIF_NEWDEVICEWIZARD_FINISHINSTALL without default installer. 10644-10651: the closing DIF_DESTROYPRIVATEDATA.
    expect(ours.map(calls)).toEqual(real.map(calls));
    expect(ours.map((b) => b.dif)).toEqual([
      'DIF_SELECTBESTCOMPATDRV',
      'DIF_ALLOW_INSTALL',
      'DIF_INSTALLDEVICEFILES',
      'DIF_REGISTER_COINSTALLERS',
      'DIF_INSTALLINTERFACES',
      'DIF_INSTALLDEVICE',
      'DIF_NEWDEVICEWIZARD_FINISHINSTALL',
      'DIF_DESTROYPRIVATEDATA',
    ]);
    const verdicts = [...checkLines('rendered', rendered.split('\r\n'), { profile: 'windows' })].map((b) => b.verdict);
    expect(verdicts).toEqual(Array(10).fill('conforms'));
    // The log's own lines say so too: "Class GUID of device changed to" (10550) is rendered.
    expect(rendered).toContain('Class GUID of device changed to: {eec5ad98-8080-425f-922a-dabf3de3f69a}.');
    expect(scenario.sequence).toBe('hardware-first');
  });

  it('should write the old class installer as selectedDriverChangesClass.previousClass and WUDFCoinstaller.dll as a class co-installer of the new class', async () => {
    const { scenario } = await reproduce(193);
    // 10544-10545: the list DIF_SELECTBESTCOMPATDRV loads has the class installer only
    expect(scenario.selectedDriverChangesClass).toEqual({
      previousClass: {
        classInstaller: { name: 'wpd_ci.dll,WpdClassInstaller', on: { DIF_SELECTBESTCOMPATDRV: { returns: 'ERROR_DI_DO_DEFAULT' }, DIF_DESTROYPRIVATEDATA: { returns: 'ERROR_DI_DO_DEFAULT' } } },
        classCoInstallers: [],
      },
    });
    // 10570-10571: loaded before DIF_REGISTER_COINSTALLERS, so not a device co-installer of a new device
    expect((scenario.classCoInstallers as { name: string }[]).map((c) => c.name)).toEqual(['WUDFCoinstaller.dll']);
    // 10607-10608: the list reloaded after registration names WUDFCoInstaller.dll (the INF's spelling)
    expect((scenario.deviceCoInstallers as { name: string }[]).map((c) => c.name)).toEqual(['WUDFCoInstaller.dll']);
  });

  it('should reload only the co-installer list after registration, as the log does (lines 10607-10608)', async () => {
    const { rendered } = await reproduce(193);
    const lines = rendered.split('\r\n');
    const at = lines.findIndex((l) => l.includes('{DIF_INSTALLINTERFACES}'));
    expect(lines.slice(at + 1, at + 3)).toEqual([
      "     dvi:                Using exported function 'CoDeviceInstall' in module 'C:\\Windows\\system32\\WUDFCoInstaller.dll'.",
      '     dvi:                CoInstaller 1 == WUDFCoInstaller.dll',
    ]);
  });

  it("should write the installer list lines as the log does, with the registration strings as declared (lines 10544-10545, 10567-10571, 10607-10608)", async () => {
    const { rendered } = await reproduce(193);
    const list = (blocks: readonly DifBlock[]): unknown[] => blocks.flatMap((b) => [
      { dif: b.dif, list: b.list.map((l) => [l.role, l.n ?? null, l.dll, l.entry]), exported: b.exported.map((e) => [e.fn, e.module]) },
      ...list(b.steps.flatMap((st) => (st.kind === 'nested' ? [st.block] : []))),
    ]);
    expect(list(parseLines('rendered', rendered.split('\r\n')).sections[0].blocks)).toEqual(list(sectionAt(10527).blocks));
  });
});

describe('selectedDriverChangesClass.previousClass: the old class answers until the driver is selected', () => {
  const doc = {
    classInstaller: { name: 'new.dll,NewClassInstaller' },
    classCoInstallers: [{ name: 'newco.dll' }],
    selectedDriverChangesClass: { previousClass: { classInstaller: { name: 'old.dll,OldClassInstaller' } } },
  };

  it("should send DIF_SELECTBESTCOMPATDRV and its nested DIF_DESTROYPRIVATEDATA to the old class's installers, every later DIF to the new class's", () => {
    const r = runInstall(doc);
    const who = r.difs.map((d) => `${d.nestedIn ? `${d.nestedIn}>` : ''}${d.dif}: ${d.calls.filter((c) => c.who !== 'defaultHandler').map((c) => c.name).join(' ')}`);
    expect(who.slice(0, 3)).toEqual([
      'DIF_SELECTBESTCOMPATDRV: old.dll,OldClassInstaller',
      'DIF_SELECTBESTCOMPATDRV>DIF_DESTROYPRIVATEDATA: old.dll,OldClassInstaller',
      'DIF_ALLOW_INSTALL: newco.dll,CoDeviceInstall new.dll,NewClassInstaller',
    ]);
    expect(who.at(-1)).toBe('DIF_DESTROYPRIVATEDATA: newco.dll,CoDeviceInstall new.dll,NewClassInstaller');
  });

  it('should send no nested DIF_DESTROYPRIVATEDATA when the old class loads no installer (plaso lines 285-295: the class changes, nothing is loaded)', () => {
    const r = runInstall({ ...doc, selectedDriverChangesClass: { previousClass: {} } });
    expect(r.difs.filter((d) => d.nestedIn)).toEqual([]);
    expect(r.difs[0].calls.map((c) => c.who)).toEqual(['defaultHandler']);
    expect(r.difs[1].calls.map((c) => c.name ?? c.who)).toEqual(['newco.dll,CoDeviceInstall', 'new.dll,NewClassInstaller', 'defaultHandler']);
  });

  it('should keep the old class when the driver selection fails', () => {
    const r = runInstall({ ...doc, sequence: ['DIF_SELECTBESTCOMPATDRV', 'DIF_DESTROYPRIVATEDATA'], defaultHandlers: { DIF_SELECTBESTCOMPATDRV: 'ERROR_NO_COMPAT_DRIVERS' } });
    expect(r.difs.at(-1)!.calls.map((c) => c.name ?? c.who)).toEqual(['old.dll,OldClassInstaller', 'defaultHandler']);
  });
});

describe('choice L11: a class co-installer that a registered device co-installer names again is called once', () => {
  // plaso lines 10570-10571 ("CoInstaller 1 == WUDFCoinstaller.dll" before DIF_REGISTER_COINSTALLERS) and
  // 10607-10608 (only "CoInstaller 1 == WUDFCoInstaller.dll" after it)
  const doc = (profile: string) => ({ profile, device: { description: 'WPD FileSystem Volume Driver' }, classCoInstallers: [{ name: 'WUDFCoinstaller.dll' }], deviceCoInstallers: [{ name: 'WUDFCoInstaller.dll' }] });
  const coCalls = (profile: string, dif: string) =>
    runInstall(doc(profile))
      .difs.find((d) => d.dif === dif && !d.nestedIn)!
      .calls.filter((c) => c.who !== 'classInstaller' && c.who !== 'defaultHandler')
      .map((c) => `${c.who} ${c.index}`);

  it('should list it once under windows, as the device co-installer', () => {
    expect(coCalls('windows', 'DIF_INSTALLDEVICEFILES')).toEqual(['classCoInstaller 1']);
    expect(coCalls('windows', 'DIF_INSTALLINTERFACES')).toEqual(['deviceCoInstaller 1']);
  });

  it('should call both under wine, which reads the two lists as they are (wine-mirror/wine dlls/setupapi/devinst.c)', () => {
    expect(coCalls('wine', 'DIF_INSTALLINTERFACES')).toEqual(['classCoInstaller 1', 'deviceCoInstaller 2']);
  });
});

describe('choice L10: no DIF_DESTROYPRIVATEDATA when no installer list was loaded', () => {
  it("should reproduce the plaso VirtualBox device PCI\\VEN_80EE&DEV_CAFE (section 5, lines 257-384) call for call: no installer, no DIF_DESTROYPRIVATEDATA", async () => {
    // Lines 284-376: seven DIFs with only "Default installer: Enter/Exit", no "Class installer ==" or
    // "CoInstaller n ==" line; the section ends (377-384) without any DIF_DESTROYPRIVATEDATA.
    const { scenario, rendered } = await reproduce(5);
    expect(scenario.sequence).toBe('hardware-first');
    const ours = parseLines('rendered', rendered.split('\r\n')).sections[0].blocks;
    expect(ours.map(calls)).toEqual(sectionAt(257).blocks.map(calls));
    expect([...checkLines('rendered', rendered.split('\r\n'), { profile: 'windows' })].map((b) => b.verdict)).toEqual(Array(7).fill('conforms'));
  });

  it('should still send it when a class installer is loaded (lines 516-738: DispCI.dll, the same client, DIF_DESTROYPRIVATEDATA at 722 and 729)', () => {
    const loaded = runInstall({ classInstaller: { name: 'DispCI.dll,DisplayClassInstaller' } }).difs.map((d) => d.dif);
    expect(loaded.at(-1)).toBe('DIF_DESTROYPRIVATEDATA');
    const none = runInstall({}).difs.map((d) => d.dif);
    expect(none).toEqual(['DIF_SELECTBESTCOMPATDRV', 'DIF_ALLOW_INSTALL', 'DIF_INSTALLDEVICEFILES', 'DIF_REGISTER_COINSTALLERS', 'DIF_INSTALLINTERFACES', 'DIF_INSTALLDEVICE', 'DIF_NEWDEVICEWIZARD_FINISHINSTALL']);
  });

  it('should send it after registering a device co-installer even without class installers (pbatard/libwdi issue #200: the closing DIF_DESTROYPRIVATEDATA calls CoInstaller 1)', () => {
    const r = runInstall({ device: { description: 'USB device' }, deviceCoInstallers: [{ name: 'WdfCoInstaller01009.dll,WdfCoInstaller' }] });
    expect(r.difs.at(-1)!.dif).toBe('DIF_DESTROYPRIVATEDATA');
    expect(r.difs.at(-1)!.calls.map((c) => c.who)).toEqual(['deviceCoInstaller', 'defaultHandler']);
  });
});

describe('a scenario written by log scenario is a file like any other', () => {
  it('should refuse to overwrite an existing file without --force', async () => {
    const dir = temp();
    const file = join(dir, 'mine.json');
    writeFileSync(file, '{"mine": true}');
    const r = await cli('log', 'scenario', PLASO, '--section', '193', '-o', file);
    expect(r.code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('{"mine": true}');
  });
});

describe('log scenario on every plaso section with DIF blocks', () => {
  // Sections 0 and 2 (ISATAP, Teredo: one DIF_SELECTBESTCOMPATDRV, no installer), 5 (VirtualBox device,
  // no installer), 9 (VirtualBox display, DispCI.dll, two DIF_DESTROYPRIVATEDATA: choice L9), 193 (WPD).
  it.each([0, 2, 5, 9, 193])('should reproduce section %i call for call', async (index) => {
    const { rendered } = await reproduce(index);
    const real = parseFile(PLASO).sections.find((s) => s.index === index)!.blocks;
    expect(parseLines('rendered', rendered.split('\r\n')).sections[0].blocks.map(calls)).toEqual(real.map(calls));
  });
});
