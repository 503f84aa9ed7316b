/**
 * Every finding rule fires on an INF written to break it, at the place named, and the table
 * covers every rule of the catalogue. Sources: each rule's `source` (src/inf/findings.ts), the
 * pages named in the comments below.
 */
import { importInf, type ImportOptions } from '../../src/inf/import.js';
import { INF_RULES, type InfRule } from '../../src/inf/findings.js';

const V = '[Version]\r\nSignature="$Windows NT$"\r\nClass=Toaster\r\nClassGuid={B85B7C50-6A01-11d2-B841-00C04FAD5171}\r\nProvider=Contoso\r\n';
const M = '[Manufacturer]\r\nC=M,NTamd64\r\n[M.NTamd64]\r\nWidget=W_Install,USB\\VID_1&PID_1\r\n';
const CO = (reg: string, files = '[SourceDisksFiles]\r\na.dll=1\r\n') => `${V}${M}[W_Install]\r\n[W_Install.CoInstallers]\r\nAddReg=r\r\n[r]\r\n${reg}\r\n${files}`;
const text = (s: string) => Buffer.from(s, 'latin1');

/** rule → [INF bytes, line where it must be reported, options]. */
const CASES: Record<InfRule, [Uint8Array, number, ImportOptions?]> = {
  // general-syntax-rules-for-inf-files: encodings
  'encoding-ansi': [text(`${V}[Strings]\r\nx="caf\u00e9"\r\n`), 1],
  'encoding-utf8-no-bom': [Buffer.from(`${V}[Strings]\r\nx="caf\u00e9"\r\n`, 'utf8'), 7],
  'encoding-utf16-no-bom': [Buffer.from(V, 'utf16le'), 1],
  'encoding-utf16be': [Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(V, 'utf16le').swap16()]), 1],
  'encoding-mixed': [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(V), Buffer.from([0xe9, 0x0d, 0x0a])]), 1],
  // Wine parser tests (test_invalid_files, test_section_names)
  'line-outside-section': [text(`garbage\r\n${V}`), 1],
  'unterminated-section-name': [text(`${V}[open\r\n`), 6],
  'text-after-section-name': [text(`${V}[S] trailing\r\n`), 6],
  'section-name-too-long': [text(`${V}[${'a'.repeat(256)}]\r\n`), 6],
  'unterminated-quote': [text(`${V}[S]\r\na="b\r\n`), 7],
  'pseudo-comment': [text(`${V}[DestinationDirs]\r\nDefaultDestDir = 11 // system32\r\n`), 7],
  // inf-strings-section; stampinf
  'unresolved-string': [text(`${V}[S]\r\na=%nope%\r\n`), 7],
  'template-placeholder': [text(`${V}[S]\r\na=$KMDFCOINSTALLERVERSION$\r\n`), 7],
  'unknown-section': [text(`${V}[S]\r\nAddReg=missing\r\n`), 7],
  // inf-version-section
  'missing-version': [text('[S]\r\n'), 1],
  'bad-class-guid': [text(V.replace('{B85B7C50-6A01-11d2-B841-00C04FAD5171}', '{not-a-guid}')), 4],
  // inf-ddinstall-section, inf-manufacturer-section
  'include-not-found': [text(`${V}${M}[W_Install]\r\nInclude=nothere.inf\r\n`), 11],
  'no-manufacturer': [text(`${V}[X.CoInstallers]\r\n`), 1],
  'no-models-for-platform': [text(`${V}[Manufacturer]\r\nC=M,NTx86\r\n[M.NTx86]\r\nW=W_Install,id\r\n`), 7],
  'install-section-missing': [text(`${V}${M}`), 9],
  'ignored-coinstallers-section': [text(`${V}${M}[W_Install.NTamd64]\r\n[W_Install.NT.CoInstallers]\r\n`), 11],
  // inf-ddinstall-coinstallers-section, registering-a-device-specific-co-installer, inf-addreg-directive
  'coinstallers32-not-multi-sz': [text(CO('HKR,,CoInstallers32,0,"a.dll"')), 14],
  'coinstallers32-outside-coinstallers-section': [text(`${V}${M}[W_Install]\r\nAddReg=r\r\n[r]\r\nHKR,,CoInstallers32,0x00010000,"a.dll"\r\n`), 13],
  'coinstallers32-replaced': [text(CO('HKR,,CoInstallers32,0x00010000,"a.dll"\r\nHKR,,CoInstallers32,0x00010000,"a.dll,B"')), 15],
  'bad-installer-string': [text(CO('HKR,,CoInstallers32,0x00010000,",Entry"')), 14],
  'unknown-registry-root': [text(CO('HKXX,,CoInstallers32,0x00010000,"a.dll"')), 14],
  // registering-a-class-co-installer
  'class-coinstaller-not-append': [text(`${V}[DefaultInstall]\r\nAddReg=c\r\n[c]\r\nHKLM,System\\CurrentControlSet\\Control\\CoDeviceInstallers,{B85B7C50-6A01-11d2-B841-00C04FAD5171},0x00010000,"a.dll"\r\n`), 9],
  'class-coinstaller-other-class': [text(`${V}[DefaultInstall]\r\nAddReg=c\r\n[c]\r\nHKLM,System\\CurrentControlSet\\Control\\CoDeviceInstallers,{00000000-0000-0000-0000-000000000001},0x00010008,"a.dll"\r\n`), 9],
  'class-coinstaller-bad-guid': [text(`${V}[DefaultInstall]\r\nAddReg=c\r\n[c]\r\nHKLM,System\\CurrentControlSet\\Control\\CoDeviceInstallers,{setup-class-GUID},0x00010008,"a.dll"\r\n`), 9],
  // using-a-universal-inf-file; inf-ddinstall-coinstallers-section (22H2); writing-class-installers-and-co-installers
  'universal-inf-section': [text(`${V}[ClassInstall32]\r\n`), 6],
  'no-signature-from-22h2': [text(CO('HKR,,CoInstallers32,0x00010000,"a.dll"')), 11],
  'installer-file-not-in-package': [text(CO('HKR,,CoInstallers32,0x00010000,"b.dll"')), 14],
  // creating-a-new-device-setup-class; inf-classinstall32-section
  'class-installer-for-system-class': [
    text(`${V.replace('Class=Toaster', 'Class=Net').replace('{B85B7C50-6A01-11d2-B841-00C04FAD5171}', '{4d36e972-e325-11ce-bfc1-08002be10318}')}[ClassInstall32]\r\nAddReg=ci\r\n[ci]\r\nHKR,,Installer32,,"net.dll,NetClass"\r\n[SourceDisksFiles]\r\nnet.dll=1\r\n`),
    9,
  ],
};

describe('every INF finding rule fires where its INF breaks it', () => {
  it('the table covers every rule of the catalogue', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(INF_RULES).sort());
  });

  it.each(Object.entries(CASES).map(([rule, [bytes, line, options]]) => [rule, bytes, line, options] as const))('%s', (rule, bytes, line, options) => {
    const r = importInf({ file: 'rule.inf', bytes }, options ?? {});
    const hit = r.findings.find((f) => f.rule === rule);
    expect(hit).toMatchObject({ file: 'rule.inf', line, severity: INF_RULES[rule as InfRule].severity, source: INF_RULES[rule as InfRule].source });
    expect(hit?.message.length).toBeGreaterThan(10);
  });
});
