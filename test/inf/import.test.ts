/**
 * Import rules on small INFs written for each rule (sources in each test name's comment).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importInf, type ImportOptions } from '../../src/inf/import.js';
import { INF_RULES } from '../../src/inf/findings.js';
import { validateScenario } from '../../src/scenario/load.js';
import { cli } from '../support/cli.js';

const VERSION = (cls: string, guid: string, provider = 'Contoso') => `[Version]\r\nSignature="$Windows NT$"\r\nClass=${cls}\r\nClassGuid=${guid}\r\nProvider=${provider}\r\n`;
const TOASTER = VERSION('Toaster', '{B85B7C50-6A01-11d2-B841-00C04FAD5171}');

const imp = (text: string, options: ImportOptions = {}) => importInf({ file: 't.inf', bytes: Buffer.from(text) }, options);
const scenario = (text: string, options: ImportOptions = {}) => {
  const r = imp(text, options);
  if (r.kind !== 'scenario') throw new Error(`expected a scenario: ${r.reason}`);
  return r;
};
const rules = (r: ReturnType<typeof imp>) => r.findings.map((f) => f.rule);

const MODELS = `[Manufacturer]\r\n%Mfg%=Mfg,NTamd64,NTx86\r\n[Mfg.NTamd64]\r\n%Dev%=Dev_Install,USB\\VID_1234&PID_0001\r\n[Mfg.NTx86]\r\n%Dev%=Dev_Install,USB\\VID_1234&PID_0001\r\n[Strings]\r\nMfg="Contoso"\r\nDev="Contoso Widget"\r\n`;

describe('platform decoration, chosen as Windows does (inf-ddinstall-section, inf-ddinstall-coinstallers-section)', () => {
  const text = `${TOASTER}${MODELS}[Dev_Install.NT]\r\n[Dev_Install.NTamd64]\r\n[Dev_Install.NT.CoInstallers]\r\nAddReg=nt_reg\r\n[Dev_Install.NTamd64.CoInstallers]\r\nAddReg=amd64_reg\r\n[nt_reg]\r\nHKR,,CoInstallers32,0x00010000,"nt.dll"\r\n[amd64_reg]\r\nHKR,,CoInstallers32,0x00010000,"amd64.dll,Entry"\r\n[SourceDisksFiles]\r\nnt.dll=1\r\namd64.dll=1\r\n`;

  it('amd64: Dev_Install.NTamd64 over .NT, so only Dev_Install.NTamd64.CoInstallers applies and .NT.CoInstallers is an ignored-section finding', () => {
    const r = scenario(text, { arch: 'amd64' });
    expect(r.summary.installSection).toBe('Dev_Install.NTamd64');
    expect(r.document.deviceCoInstallers).toEqual([{ name: 'amd64.dll,Entry' }]);
    const ignored = r.findings.find((f) => f.rule === 'ignored-coinstallers-section');
    expect(ignored?.line).toBe(text.split('\r\n').indexOf('[Dev_Install.NT.CoInstallers]') + 1);
  });

  it('x86: no Dev_Install.NTx86, so Dev_Install.NT and its CoInstallers (the .NTamd64 one is for amd64: no finding)', () => {
    const r = scenario(text, { arch: 'x86' });
    expect(r.summary.installSection).toBe('Dev_Install.NT');
    expect(r.document.deviceCoInstallers).toEqual([{ name: 'nt.dll' }]);
    expect(r.document.arch).toBe('x86');
    expect(rules(r)).not.toContain('ignored-coinstallers-section');
  });

  it('arm64: no NTarm64 models section is listed, so no model; an error finding (inf-manufacturer-section: non-x86 needs a decoration)', () => {
    const r = scenario(text, { arch: 'arm64' });
    expect(r.summary.model).toBeUndefined();
    expect(r.document.device?.description).toBeUndefined();
    expect(rules(r)).toContain('no-models-for-platform');
  });

  it('TargetOSVersion: the closest match wins (NTamd64.10.0 over NTamd64; NTamd64.11.0 does not match Windows 10)', () => {
    const t = `${TOASTER}[Manufacturer]\r\nC=M,NTamd64,NTamd64.10.0,NTamd64.11.0\r\n[M.NTamd64]\r\nold=Old,id1\r\n[M.NTamd64.10.0]\r\nten=Ten,id2\r\n[M.NTamd64.11.0]\r\neleven=Eleven,id3\r\n[Ten]\r\n`;
    expect(scenario(t).summary.model?.installSection).toBe('Ten');
  });
});

describe('device co-installers (registering-a-device-specific-co-installer)', () => {
  it('several strings on one line and several lines, in order; default entry point CoDeviceInstall in the log lines', async () => {
    const text = `${TOASTER}${MODELS}[Dev_Install.NTamd64]\r\nCopyFiles=co_copy\r\n[Dev_Install.NTamd64.CoInstallers]\r\nAddReg=r1,r2\r\nCopyFiles=co_copy\r\n[r1]\r\nHKR,,CoInstallers32,0x00010000,"a.dll,A","b.dll"\r\n[r2]\r\nHKR,,CoInstallers32,0x00010008,"c.dll,C"\r\n[co_copy]\r\na.dll\r\nb.dll\r\nc.dll\r\n`;
    const r = scenario(text);
    expect(r.document.deviceCoInstallers).toEqual([{ name: 'a.dll,A' }, { name: 'b.dll' }, { name: 'c.dll,C' }]);
    expect(rules(r)).not.toContain('installer-file-not-in-package');
    const dir = mkdtempSync(join(tmpdir(), 'devinst-inf-'));
    writeFileSync(join(dir, 'x.inf'), text);
    const { code, out } = await cli('install', join(dir, 'x.inf'));
    expect(code).toBe(0);
    expect(out).toContain("Using exported function 'CoDeviceInstall' in module 'C:\\Windows\\system32\\b.dll'.");
    expect(out).toMatch(/CoInstaller 1 == a\.dll,A\n.*\n.*CoInstaller 2 == b\.dll\n.*\n.*CoInstaller 3 == c\.dll,C/);
  });

  it('a second line without FLG_ADDREG_APPEND is a finding (inf-addreg-directive); a REG_SZ CoInstallers32 is not registered', () => {
    const text = `${TOASTER}${MODELS}[Dev_Install.NTamd64]\r\n[Dev_Install.NTamd64.CoInstallers]\r\nAddReg=r1\r\n[r1]\r\nHKR,,CoInstallers32,0x00010000,"a.dll"\r\nHKR,,CoInstallers32,0x00010000,"b.dll"\r\nHKR,,CoInstallers32,0,"c.dll"\r\n[SourceDisksFiles]\r\na.dll=1\r\nb.dll=1\r\n`;
    const r = scenario(text);
    expect(r.document.deviceCoInstallers).toEqual([{ name: 'a.dll' }, { name: 'b.dll' }]);
    expect(rules(r)).toEqual(expect.arrayContaining(['coinstallers32-replaced', 'coinstallers32-not-multi-sz']));
  });

  it('a co-installer not in any CopyFiles or SourceDisksFiles is a finding (writing-class-installers-and-co-installers)', () => {
    const text = `${TOASTER}${MODELS}[Dev_Install.NTamd64]\r\n[Dev_Install.NTamd64.CoInstallers]\r\nAddReg=r1\r\n[r1]\r\nHKR,,CoInstallers32,0x00010000,"outside.dll,Entry"\r\n`;
    const r = scenario(text);
    const f = r.findings.find((x) => x.rule === 'installer-file-not-in-package');
    expect(f?.message).toContain('outside.dll');
    expect([f?.line, f?.column]).toEqual([text.split('\r\n').findIndex((l) => l.includes('outside.dll')) + 1, 32]);
  });

  it('Include=/Needs= followed when the included INF is beside the imported one (inf-ddinstall-coinstallers-section)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'devinst-inf-'));
    writeFileSync(join(dir, 'Base.INF'), '[Version]\r\nSignature="$Windows NT$"\r\n[Base.CoInstallers]\r\nAddReg=base_reg\r\n[base_reg]\r\nHKR,,CoInstallers32,0x00010008,"%dll%"\r\n[Strings]\r\ndll="base.dll,BaseEntry"\r\n');
    const text = `${TOASTER}${MODELS}[Dev_Install.NTamd64]\r\n[Dev_Install.NTamd64.CoInstallers]\r\nInclude=base.inf\r\nNeeds=Base.CoInstallers\r\nAddReg=own\r\n[own]\r\nHKR,,CoInstallers32,0x00010000,"own.dll"\r\n[SourceDisksFiles]\r\nown.dll=1\r\n`;
    writeFileSync(join(dir, 'dev.inf'), text);
    const { code, out } = await cli('inf', 'import', join(dir, 'dev.inf'), '--json');
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { scenario: { deviceCoInstallers: { name: string }[] }; findings: { rule: string }[] };
    expect(parsed.scenario.deviceCoInstallers).toEqual([{ name: 'own.dll' }, { name: 'base.dll,BaseEntry' }]);
    expect(parsed.findings.map((f) => f.rule)).not.toContain('include-not-found');
  });
});

describe('class installer and class co-installers (inf-classinstall32-section, registering-a-class-co-installer)', () => {
  const classText = (guid: string, provider: string) =>
    `${VERSION('Net', guid, provider)}${MODELS}[Dev_Install.NTamd64]\r\nAddReg=cc\r\n[ClassInstall32.NTamd64]\r\nAddReg=ci\r\n[ClassInstall32]\r\nAddReg=ci_plain\r\n[ci]\r\nHKR,,Installer32,,"myclass.dll"\r\n[ci_plain]\r\nHKR,,Installer32,,"plain.dll,Plain"\r\n[cc]\r\nHKLM,System\\CurrentControlSet\\Control\\CoDeviceInstallers,${guid},0x00010008,"cc1.dll,CC1","cc2.dll"\r\nHKLM,System\\CurrentControlSet\\Control\\CoDeviceInstallers,{00000000-0000-0000-0000-000000000001},0x00010008,"other.dll"\r\n[SourceDisksFiles]\r\nmyclass.dll=1\r\ncc1.dll=1\r\ncc2.dll=1\r\n`;

  it('Installer32 from ClassInstall32.NTamd64 (decorated over plain); class co-installers of the class GUID only, in order', async () => {
    const r = scenario(classText('{12345678-1234-1234-1234-123456789abc}', 'Contoso'));
    expect(r.document.classInstaller).toEqual({ name: 'myclass.dll' });
    expect(r.document.classCoInstallers).toEqual([{ name: 'cc1.dll,CC1' }, { name: 'cc2.dll' }]);
    expect(rules(r)).toContain('class-coinstaller-other-class');
    expect(rules(r)).not.toContain('class-installer-for-system-class');
  });

  it('the class installer\'s default entry point is ClassInstall in the log lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'devinst-inf-'));
    writeFileSync(join(dir, 'c.inf'), classText('{12345678-1234-1234-1234-123456789abc}', 'Contoso'));
    const { code, out } = await cli('install', join(dir, 'c.inf'));
    expect(code).toBe(0);
    expect(out).toContain("Using exported function 'ClassInstall' in module 'C:\\Windows\\system32\\myclass.dll'.");
    expect(out).toContain('Class installer == myclass.dll');
    expect(out).toMatch(/CoInstaller 1 == cc1\.dll,CC1[\s\S]*CoInstaller 2 == cc2\.dll/);
  });

  it('a class installer for a system-defined class (Net) from a non-Microsoft INF is a finding; from Microsoft it is not', () => {
    const net = '{4d36e972-e325-11ce-bfc1-08002be10318}';
    expect(rules(scenario(classText(net, 'Contoso')))).toContain('class-installer-for-system-class');
    expect(rules(scenario(classText(net, 'Microsoft')))).not.toContain('class-installer-for-system-class');
  });

  it('a class co-installer without FLG_ADDREG_APPEND is a finding', () => {
    const text = classText('{12345678-1234-1234-1234-123456789abc}', 'Contoso').replace('0x00010008,"cc1', '0x00010000,"cc1');
    expect(rules(scenario(text))).toContain('class-coinstaller-not-append');
  });
});

describe('model choice and findings', () => {
  const two = `${TOASTER}[Manufacturer]\r\nC=M,NTamd64\r\n[M.NTamd64]\r\n"Widget A"=A_Install,USB\\VID_1&PID_A\r\n"Widget B"=B_Install,USB\\VID_1&PID_B\r\n[A_Install]\r\n[B_Install]\r\n`;

  it('several models and no choice: listed, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'devinst-inf-'));
    writeFileSync(join(dir, 'two.inf'), two);
    const { code, err } = await cli('inf', 'import', join(dir, 'two.inf'));
    expect(code).toBe(2);
    expect(err).toContain('2 models');
    expect(err).toContain('--model "Widget A"');
    expect(err).toContain('--hwid USB\\VID_1&PID_B');
    expect((await cli('inf', 'import', join(dir, 'two.inf'), '--hwid', 'usb\\vid_1&pid_b', '--json')).code).toBe(0);
    expect((await cli('inf', 'import', join(dir, 'two.inf'), '--model', 'Widget A', '--json')).code).toBe(0);
  });

  it('--model and --hwid choose; the scenario validates against the schema', () => {
    const b = scenario(two, { hwid: 'USB\\VID_1&PID_B' });
    expect(b.document.device).toEqual({ description: 'Widget B', hardwareId: 'USB\\VID_1&PID_B', classGuid: '{B85B7C50-6A01-11d2-B841-00C04FAD5171}', className: 'Toaster' });
    expect(() => validateScenario(scenario(two, { model: 'widget a' }).document)).not.toThrow();
  });

  it('unknown sections and unresolved strings are findings with line and column, not errors', () => {
    const text = `${TOASTER}${MODELS.replace('%Dev%=Dev_Install', '%Nope%=Dev_Install')}[Dev_Install.NTamd64]\r\nAddReg=missing_section\r\n`;
    const r = scenario(text);
    const unknown = r.findings.find((f) => f.rule === 'unknown-section');
    expect(unknown).toMatchObject({ file: 't.inf', line: text.split('\r\n').indexOf('AddReg=missing_section') + 1, column: 8, severity: 'warning' });
    expect(rules(r)).toContain('unresolved-string');
  });

  it('-o writes the scenario and never replaces an existing file; an unreadable INF is one line, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'devinst-inf-'));
    writeFileSync(join(dir, 'one.inf'), `${TOASTER}${MODELS}[Dev_Install]\r\n`);
    const out = join(dir, 's.json');
    expect((await cli('inf', 'import', join(dir, 'one.inf'), '-o', out)).code).toBe(0);
    expect(() => validateScenario(JSON.parse(readFileSync(out, 'utf8')))).not.toThrow();
    writeFileSync(out, 'mine');
    const again = await cli('inf', 'import', join(dir, 'one.inf'), '-o', out);
    expect(again.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('mine');
    const missing = await cli('inf', 'import', join(dir, 'nope.inf'));
    expect(missing.code).toBe(2);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
  });

  it('--json prints {scenario, findings} with file, line, column, rule, severity, message, source', async () => {
    const { code, out } = await cli('inf', 'import', 'test/fixtures/inf/01-ms-toastpkg-tostrco2-device-coinstaller.inf', '--json');
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { scenario: unknown; findings: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(['scenario', 'findings']);
    for (const f of parsed.findings) expect(Object.keys(f).sort()).toEqual(['column', 'file', 'line', 'message', 'rule', 'severity', 'source']);
  });

  it('every rule names a public source (learn.microsoft.com or a Wine file), never a local path', () => {
    for (const { source } of Object.values(INF_RULES)) expect(source).toMatch(/^(https:\/\/learn\.microsoft\.com\/|wine-mirror\/wine )/);
  });
});

describe('[Version] and more co-installer rules', () => {
  it('a Signature other than $Windows NT$/$Chicago$ is a finding (Wine parser tests: Signature=foo fails with ERROR_WRONG_INF_STYLE; inf-version-section)', () => {
    const r = scenario('[Version]\r\nSignature=foo\r\n');
    expect(r.findings.find((f) => f.rule === 'missing-version')).toMatchObject({ line: 2, column: 11 });
    expect(rules(scenario('[version]\r\nsignature=$chicago$\r\n'))).not.toContain('missing-version');
  });

  it('a package registering class co-installers is also a 22H2 signing finding (inf-ddinstall-coinstallers-section caution)', () => {
    const text = `${TOASTER}[DefaultInstall]\r\nAddReg=cc\r\nCopyFiles=@cc.dll\r\n[cc]\r\nHKLM,System\\CurrentControlSet\\Control\\CoDeviceInstallers,{B85B7C50-6A01-11d2-B841-00C04FAD5171},0x00010008,"cc.dll,CC"\r\n`;
    const r = scenario(text);
    expect(r.document.classCoInstallers).toEqual([{ name: 'cc.dll,CC' }]);
    expect(r.findings.find((f) => f.rule === 'no-signature-from-22h2')?.line).toBe(text.split('\r\n').findIndex((l) => l.startsWith('HKLM')) + 1);
    expect(rules(r)).not.toContain('installer-file-not-in-package');
  });

  it('[ClassInstall32.Services] is not valid in a universal INF either (inf-classinstall32-services-section)', () => {
    expect(rules(scenario(`${TOASTER}[ClassInstall32.NT.Services]\r\n`))).toContain('universal-inf-section');
  });
});

describe('co-installers registered in the wrong section', () => {
  it('CoInstallers32 from the install section\'s AddReg is a finding and not in the scenario (registering-a-device-specific-co-installer)', () => {
    const text = `${TOASTER}${MODELS}[Dev_Install.NTamd64]\r\nAddReg=wrong\r\n[wrong]\r\nHKR,,CoInstallers32,0x00010000,"wrong.dll"\r\n`;
    const r = scenario(text);
    expect(r.document.deviceCoInstallers).toEqual([]);
    expect(r.findings.find((f) => f.rule === 'coinstallers32-outside-coinstallers-section')?.line).toBe(text.split('\r\n').findIndex((l) => l.includes('wrong.dll')) + 1);
  });
});

describe('an INF with a class and no model', () => {
  it('gives a device of the INF\'s class with its class co-installers (registering-a-class-co-installer)', () => {
    const text = `${TOASTER}[DefaultInstall.NTamd64]\r\nAddReg=cc\r\nCopyFiles=@cc.dll\r\n[cc]\r\nHKLM,System\\CurrentControlSet\\Control\\CoDeviceInstallers,{b85b7c50-6a01-11d2-b841-00c04fad5171},0x00010008,"cc.dll,CC"\r\n`;
    const r = scenario(text);
    expect(r.document.device).toEqual({ classGuid: '{B85B7C50-6A01-11d2-B841-00C04FAD5171}', className: 'Toaster' });
    expect(r.document.classCoInstallers).toEqual([{ name: 'cc.dll,CC' }]);
  });
});

describe('localised strings from the command line (inf-strings-section, creating-international-inf-files)', () => {
  it('--locale 0407 takes [Strings.0407] in a UTF-16LE INF, --locale bad is exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'devinst-inf-'));
    const text = `${TOASTER}${MODELS}[Strings.0407]\r\nDev="Contoso Gerät"\r\n[Dev_Install]\r\n`;
    writeFileSync(join(dir, 'l.inf'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const de = await cli('inf', 'import', join(dir, 'l.inf'), '--locale', '0407', '--json');
    expect(de.code).toBe(0);
    expect((JSON.parse(de.out) as { scenario: { device: { description: string } } }).scenario.device.description).toBe('Contoso Gerät');
    const en = await cli('inf', 'import', join(dir, 'l.inf'), '--json');
    expect((JSON.parse(en.out) as { scenario: { device: { description: string } } }).scenario.device.description).toBe('Contoso Widget');
    const bad = await cli('inf', 'import', join(dir, 'l.inf'), '--locale', 'german');
    expect(bad.code).toBe(2);
  });
});

describe('never replacing the user\'s files', () => {
  it('-o naming the INF itself is refused even with --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'devinst-inf-'));
    const inf = join(dir, 'self.inf');
    writeFileSync(inf, `${TOASTER}${MODELS}[Dev_Install]\r\n`);
    const r = await cli('inf', 'import', inf, '-o', inf, '--force');
    expect(r.code).toBe(2);
    expect(readFileSync(inf, 'utf8')).toContain('[Dev_Install]');
  });
});

describe('a Microsoft inbox-style INF', () => {
  it('[ClassInstall32.NT] on amd64 gives the class installer; its DLL ships with Windows, so no package finding', () => {
    const text = `${VERSION('Ports', '{4d36e978-e325-11ce-bfc1-08002be10318}', '%Msft%')}[ClassInstall32.NT]\r\nAddReg=PortsClass.NT.AddReg\r\n[PortsClass.NT.AddReg]\r\nHKR,,,,%PortsClassName%\r\nHKR,,Installer32,,"MsPorts.Dll,PortsClassInstaller"\r\nHKR,,EnumPropPages32,,"MsPorts.Dll,SerialPortPropPageProvider"\r\n[Strings]\r\nMsft="Microsoft"\r\nPortsClassName="Ports (COM & LPT)"\r\n`;
    const r = scenario(text);
    expect(r.document.classInstaller).toEqual({ name: 'MsPorts.Dll,PortsClassInstaller' });
    expect(rules(r)).not.toContain('installer-file-not-in-package');
    expect(rules(r)).not.toContain('class-installer-for-system-class');
  });
});

describe('the -o summary', () => {
  it('names the default entry point of a string without one (registering-a-device-specific-co-installer: CoDeviceInstall)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'devinst-inf-'));
    const r = await cli('inf', 'import', 'test/fixtures/inf/02-libwdi-winusb-template-wdf-plus-winusb-coinstallers.inf', '-o', join(dir, 's.json'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('1. WdfCoInstaller01009.dll,WdfCoInstaller  (line 73)');
    expect(r.out).toContain('2. WinUSBCoInstaller2.dll (entry CoDeviceInstall)  (line 73)');
  });
});
