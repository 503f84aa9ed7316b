/**
 * Every vendored real INF (test/fixtures/inf, source and licence on each file's first line)
 * imports with the class, class installer, class co-installers and device co-installers read by
 * hand from the INF text (line numbers below are the fixture's), the same from its UTF-16LE-with-BOM
 * copy, and `devinst install` runs it.
 *
 * Where the lists come from: learn.microsoft.com/windows-hardware/drivers/install/
 * inf-ddinstall-coinstallers-section, registering-a-device-specific-co-installer,
 * registering-a-class-co-installer, inf-classinstall32-section.
 */
import { readFileSync } from 'node:fs';
import { importInf } from '../../src/inf/import.js';
import { cli } from '../support/cli.js';

const DIR = 'test/fixtures/inf/';

interface Expected {
  file: string;
  options?: { arch?: 'x86' | 'amd64' | 'arm64'; hwid?: string };
  className?: string;
  classGuid?: string;
  classInstaller: string | null;
  classCoInstallers: string[];
  deviceCoInstallers: string[];
  /** `CoInstaller N == …` lines a setupapi.dev.log would print, in order. */
  logLines: string[];
}

const CASES: Expected[] = [
  {
    // [Version] Class=TOASTER; [ClassInstall32] AddReg=ToasterClassReg writes no Installer32;
    // [ToastRUs.NTamd64] → Toaster_Device; no Toaster_Device.NTamd64, so Toaster_Device.NT and
    // [Toaster_Device.NT.CoInstallers] → [CoInstaller_AddReg] HKR,,CoInstallers32,0x00010000,"tostrco2.dll,ToasterCoInstaller".
    file: '01-ms-toastpkg-tostrco2-device-coinstaller.inf',
    className: 'TOASTER',
    classGuid: '{B85B7C50-6A01-11d2-B841-00C04FAD5171}',
    classInstaller: null,
    classCoInstallers: [],
    deviceCoInstallers: ['tostrco2.dll,ToasterCoInstaller'],
    logLines: ['CoInstaller 1 == tostrco2.dll,ToasterCoInstaller'],
  },
  {
    // libwdi template: Class "Universal Serial Bus devices"; [ClassInstall32] has no Installer32;
    // USB_Install (undecorated) → [USB_Install.CoInstallers] → [CoInstallers_AddReg] one line, two strings.
    file: '02-libwdi-winusb-template-wdf-plus-winusb-coinstallers.inf',
    className: 'Universal Serial Bus devices',
    classGuid: '{88bae032-5a81-49f0-bc3d-a4ff138216d6}',
    classInstaller: null,
    classCoInstallers: [],
    deviceCoInstallers: ['WdfCoInstaller01009.dll,WdfCoInstaller', 'WinUSBCoInstaller2.dll'],
    logLines: ['CoInstaller 1 == WdfCoInstaller01009.dll,WdfCoInstaller', 'CoInstaller 2 == WinUSBCoInstaller2.dll'],
  },
  {
    // .inx template: Microsoft,NT$ARCH$ → [Microsoft.NT$ARCH$] → OsrUsb_Install → [OsrUsb_Install.NT]
    // → [OsrUsb_Install.NT.CoInstallers] → [CoInstallers_AddReg]: three strings, in this order.
    file: '04-umdf-osrusbfx2-three-coinstallers-wudfupdate-winusb-wdf.inf',
    className: 'Sample',
    classGuid: '{78A1C341-4539-11d3-B88D-00C04FAD5171}',
    classInstaller: null,
    classCoInstallers: [],
    deviceCoInstallers: ['WudfUpdate_$UMDFCOINSTALLERVERSION$.dll', 'WinUsbCoinstaller2.dll', 'WdfCoInstaller$KMDFCOINSTALLERVERSION$.dll,WdfCoInstaller'],
    logLines: [
      'CoInstaller 1 == WudfUpdate_$UMDFCOINSTALLERVERSION$.dll',
      'CoInstaller 2 == WinUsbCoinstaller2.dll',
      'CoInstaller 3 == WdfCoInstaller$KMDFCOINSTALLERVERSION$.dll,WdfCoInstaller',
    ],
  },
  {
    // Documentation sample: [DefaultInstall] AddReg → HKLM,…\CoDeviceInstallers,{setup-class-GUID},0x00010008,"classXcoinst.dll,classXCoInstaller"
    // (continued with a backslash). No class, no device.
    file: '08-msdocs-class-coinstaller-codeviceinstallers-sample.inf',
    classInstaller: null,
    classCoInstallers: ['classXcoinst.dll,classXCoInstaller'],
    deviceCoInstallers: [],
    logLines: ['CoInstaller 1 == classXcoinst.dll,classXCoInstaller'],
  },
  {
    // Documentation sample: [XxxInstall.OS-platform.CoInstallers] AddReg → one line continued
    // over three physical lines with two quoted strings.
    file: '09-msdocs-two-device-coinstallers-sample.inf',
    classInstaller: null,
    classCoInstallers: [],
    deviceCoInstallers: ['XxxCoInstall.dll, XxxCoInstallEntryPoint', 'YyyCoInstall.dll, YyyCoInstallEntryPoint'],
    logLines: ['CoInstaller 1 == XxxCoInstall.dll, XxxCoInstallEntryPoint', 'CoInstaller 2 == YyyCoInstall.dll, YyyCoInstallEntryPoint'],
  },
  {
    // Citrix XenBus (2013): Class=System; Citrix,NT$ARCH$ → [Citrix.NT$ARCH$] → XenBus_Inst (no .NT
    // decoration) → [XenBus_Inst.CoInstallers] → [CoInst_AddReg] one co-installer with entry "Entry";
    // its file is the destination name of the [CoInst_CopyFiles] line (line 33).
    file: '10-xenbus-citrix-device-coinstaller-template.inf',
    className: 'System',
    classGuid: '{4d36e97d-e325-11ce-bfc1-08002be10318}',
    classInstaller: null,
    classCoInstallers: [],
    deviceCoInstallers: ['xenbus_coinst_@MAJOR_VERSION@_@MINOR_VERSION@_@MICRO_VERSION@_@BUILD_NUMBER@.dll,Entry'],
    logLines: ['CoInstaller 1 == xenbus_coinst_@MAJOR_VERSION@_@MINOR_VERSION@_@MICRO_VERSION@_@BUILD_NUMBER@.dll,Entry'],
  },
  {
    // WDK simbatt with the KMDF co-installer: Class=Battery; Standard,NT$ARCH$ → SimBatt_Device →
    // [SimBatt_Device.NT] → [SimBatt_Device.NT.CoInstallers] → one string (a blank before its quote).
    file: '11-ms-simbatt-wdfcoinstall-template.inx',
    className: 'Battery',
    classGuid: '{72631e54-78a4-11d0-bcf7-00aa00b7b32a}',
    classInstaller: null,
    classCoInstallers: [],
    deviceCoInstallers: ['WdfCoInstaller$KMDFCOINSTALLERVERSION$.dll,WdfCoInstaller'],
    logLines: ['CoInstaller 1 == WdfCoInstaller$KMDFCOINSTALLERVERSION$.dll,WdfCoInstaller'],
  },
];

const utf16WithBom = (bytes: Uint8Array): Uint8Array => {
  const text = new TextDecoder('utf-8').decode(bytes);
  return new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
};

describe.each(CASES.map((c) => [c.file, c] as const))('%s', (file, expected) => {
  const bytes = readFileSync(DIR + file);

  it('imports with the class, class installer, class and device co-installers read from the INF', () => {
    const result = importInf({ file, bytes }, expected.options);
    expect(result.kind).toBe('scenario');
    if (result.kind !== 'scenario') return;
    const doc = result.document;
    expect(doc.device?.className).toBe(expected.className);
    expect(doc.device?.classGuid).toBe(expected.classGuid);
    expect(doc.classInstaller ?? null).toEqual(expected.classInstaller === null ? null : { name: expected.classInstaller });
    expect(doc.classCoInstallers?.map((c) => c.name)).toEqual(expected.classCoInstallers);
    expect(doc.deviceCoInstallers?.map((c) => c.name)).toEqual(expected.deviceCoInstallers);
  });

  it('gives the same scenario from a UTF-16LE copy with BOM (what Microsoft recommends)', () => {
    const a = importInf({ file, bytes }, expected.options);
    const b = importInf({ file, bytes: utf16WithBom(bytes) }, expected.options);
    expect(b.kind).toBe('scenario');
    if (a.kind !== 'scenario' || b.kind !== 'scenario') return;
    expect(b.document).toEqual(a.document);
    expect(b.summary.encoding).toBe('utf-16le');
    expect(b.findings.map((f) => [f.line, f.column, f.rule])).toEqual(a.findings.map((f) => [f.line, f.column, f.rule]));
  });

  it('runs with devinst install and prints the CoInstaller list a setupapi.dev.log shows', async () => {
    const { code, out } = await cli('install', DIR + file);
    expect(code).toBe(0);
    const listed = out.split('\n').filter((l) => /dvi: +CoInstaller \d+ ==/.test(l)).map((l) => l.replace(/^.*dvi: +/, ''));
    expect(listed).toEqual(expected.logLines);
    expect(out).toContain('outcome  installed');
  });
});

describe('findings the real INFs must produce (each read from the INF)', () => {
  const findings = (file: string) => {
    const r = importInf({ file, bytes: readFileSync(DIR + file) });
    return r.findings.map((f) => `${f.line}:${f.rule}`);
  };

  it('01: CopyFiles=ToasterClassInstallerCopyFiles names no section (line 58); co-installer packages are not universal nor signable from 22H2', () => {
    const f = findings('01-ms-toastpkg-tostrco2-device-coinstaller.inf');
    expect(f).toEqual(expect.arrayContaining(['58:unknown-section', '56:universal-inf-section', '109:universal-inf-section', '109:no-signature-from-22h2']));
  });

  it('02: #…# template placeholders are findings, and winusb.inf (Include=, line 39) is not beside it', () => {
    const f = findings('02-libwdi-winusb-template-wdf-plus-winusb-coinstallers.inf');
    expect(f).toEqual(expect.arrayContaining(['5:template-placeholder', '16:template-placeholder', '60:template-placeholder', '39:include-not-found']));
  });

  it('04: $ARCH$ and $KMDFCOINSTALLERVERSION$ placeholders are findings', () => {
    const f = findings('04-umdf-osrusbfx2-three-coinstallers-wudfupdate-winusb-wdf.inf');
    expect(f).toEqual(expect.arrayContaining(['15:template-placeholder', '17:template-placeholder', '89:template-placeholder']));
  });

  it('08: {setup-class-GUID} is not a GUID; "//" is not a comment', () => {
    const f = findings('08-msdocs-class-coinstaller-codeviceinstallers-sample.inf');
    expect(f).toEqual(expect.arrayContaining(['13:class-coinstaller-bad-guid', '6:pseudo-comment']));
  });

  it('10: the co-installer file is a CopyFiles destination name, so it is in the package; @…@ placeholders are findings', () => {
    const f = findings('10-xenbus-citrix-device-coinstaller-template.inf');
    expect(f).not.toContain(expect.stringMatching(/installer-file-not-in-package/));
    expect(f).toEqual(expect.arrayContaining(['33:template-placeholder', '39:template-placeholder', '101:template-placeholder', '96:no-signature-from-22h2']));
  });

  it('09: no [Version]; text after a section name is ignored; "\\\\ add both to registry" is not an AddReg line', () => {
    const f = findings('09-msdocs-two-device-coinstallers-sample.inf');
    expect(f).toEqual(expect.arrayContaining(['1:missing-version', '9:text-after-section-name', '21:unknown-registry-root']));
  });
});
