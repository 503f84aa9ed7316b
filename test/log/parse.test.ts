/**
 * Parsing real setupapi logs (test/fixtures/logs/, sources in its README): the plaso peer check,
 * every excerpt as posted, encodings and line ends as Windows writes them, rotated files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeLines, LineDecoder } from '../../src/log/decode.js';
import { countBlocks, expandInputs, orderLogFiles, parseFile, parseLines } from '../../src/log/document.js';

const DIR = join(__dirname, '..', 'fixtures', 'logs');
const PLASO = join(DIR, 'plaso-win10-setupapi.dev.log');

describe('log parse: peer check against log2timeline/plaso tests/parsers/text_plugins/setupapi.py', () => {
  const log = parseFile(PLASO);

  it('should find the 194 sections plaso expects: 191 SUCCESS, 3 SUCCESS (REBOOT_REQUIRED)', () => {
    expect(log.sections).toHaveLength(194);
    const statuses = log.sections.map((s) => s.exitStatus);
    expect(statuses.filter((s) => s === 'SUCCESS')).toHaveLength(191);
    expect(statuses.filter((s) => s === 'SUCCESS (REBOOT_REQUIRED)')).toHaveLength(3);
  });

  it("should give section 28 the type, start and end time plaso's test expects", () => {
    // plaso's test: event_data index 28 is this DiInstallDriver section, 03:36:30.936 to 03:36:30.998
    const s = log.sections[28];
    expect({ title: s.title, start: s.start, end: s.end, exitStatus: s.exitStatus }).toEqual({
      title: 'Device Install (DiInstallDriver) - C:\\Windows\\System32\\DriverStore\\FileRepository\\prnms003.inf_x86_8f17aac186c70ea6\\prnms003.inf',
      start: '2016-10-12T03:36:30.936',
      end: '2016-10-12T03:36:30.998',
      exitStatus: 'SUCCESS',
    });
  });

  it('should give every section a start and an end time, and find 28 DIF blocks (2 nested) and the header', () => {
    expect(log.sections.every((s) => s.start !== null && s.end !== null)).toBe(true);
    expect(countBlocks(log.sections.flatMap((s) => s.blocks))).toBe(28);
    expect(log.header?.values['OS Version']).toBe('10.0.10240');
    expect(log.encoding).toBe('utf-8');
  });

  it("should nest the WPD device's DIF_DESTROYPRIVATEDATA inside the default installer of DIF_SELECTBESTCOMPATDRV (lines 10543, 10551)", () => {
    const select = log.sections.flatMap((s) => s.blocks).find((b) => b.line === 10543)!;
    expect(select.dif).toBe('DIF_SELECTBESTCOMPATDRV');
    const nested = select.steps.find((s) => s.kind === 'nested');
    expect(nested).toMatchObject({ kind: 'nested', line: 10551, within: 'default' });
    expect(select.list).toEqual([{ role: 'class', dll: 'wpd_ci.dll', entry: 'WpdClassInstaller', line: 10545 }]);
  });
});

describe('log parse: excerpts as they were posted', () => {
  const files = expandInputs([DIR]).filter((f) => !f.includes('plaso'));

  it('should parse every excerpt, keeping the source line as a plain line', () => {
    expect(files).toHaveLength(9);
    for (const f of files) {
      const r = parseFile(f);
      expect({ f, first: r.lines_[0]?.text.startsWith('# source:') }).toEqual({ f, first: true });
    }
  });

  it('should read forum-quoted lines (> > >) of microsoft/Windows-driver-samples issue #26 as a section with its failure footer', () => {
    const r = parseFile(join(DIR, '15-windows-driver-samples-sysvad-header-and-failure-footer.log'));
    expect(r.sections.map((s) => [s.title, s.start, s.exitStatus, s.cmd])).toEqual([
      ['Device Install (DiInstallDevice) - ROOT\\MEDIA\\0000', '2015-10-15T14:06:53.006', 'FAILURE(0xe0000203)', '"C:\\Windows\\system32\\mmc.exe" C:\\Windows\\system32\\devmgmt.msc'],
    ]);
    expect(r.sections[0].lines.map((l) => l.category)).toContain('ndv');
  });

  it('should strip libwdi:debug [syslog] prefixes and name a block cut at its start by its exit line (pbatard/libwdi #200)', () => {
    const r = parseFile(join(DIR, '05-libwdi-finishinstall-destroyprivatedata.log'));
    const blocks = [...r.blocks, ...r.sections.flatMap((s) => s.blocks)];
    expect(blocks.map((b) => [b.dif, b.started, b.exit])).toEqual([
      ['DIF_NEWDEVICEWIZARD_FINISHINSTALL', false, '0xe000020e'],
      ['DIF_DESTROYPRIVATEDATA', true, '0xe000020e'],
    ]);
  });

  it('should read the XP setupapi.log messages (#V166, #T149, #V150, #V155) as DIF blocks', () => {
    const r = parseFile(join(DIR, '17-xp-era-setupapi-log-verbose-coinstaller-messages.log'));
    expect(r.blocks.map((b) => [b.dif, b.format, b.steps.map((s) => s.kind)])).toEqual([
      ['DIF_ALLOW_INSTALL', 'xp', ['pre', 'default']],
      ['DIF_NEWDEVICEWIZARD_FINISHINSTALL', 'xp', ['pre', 'class', 'default']],
      ['DIF_DESTROYPRIVATEDATA', 'xp', ['pre', 'class', 'default']],
    ]);
  });
});

describe('log parse: encodings, line ends and file order', () => {
  const text = readFileSync(PLASO, 'latin1');
  const expected = parseLines('x', text.split(/\r\n/));

  it('should read UTF-16LE with a BOM, split into 7-byte chunks, as the same log', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const d = new LineDecoder();
    const lines: string[] = [];
    for (let i = 0; i < bytes.length; i += 7) lines.push(...d.push(bytes.subarray(i, i + 7)));
    lines.push(...d.end());
    expect(d.encoding).toBe('utf-16le');
    expect(parseLines('x', lines).sections.map((s) => [s.title, s.start, s.end])).toEqual(expected.sections.map((s) => [s.title, s.start, s.end]));
  });

  it('should read UTF-8 with a BOM and LF line ends, and an ANSI (Windows-1252) line', () => {
    const { lines, encoding } = decodeLines(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[Device Install Log]\n     OS Version = 10.0.10240\n')]));
    expect({ lines, encoding }).toEqual({ lines: ['[Device Install Log]', '     OS Version = 10.0.10240'], encoding: 'utf-8-bom' });
    const ansi = decodeLines(Buffer.from([0x20, 0x20, 0x20, 0x20, 0x20, 0x64, 0x76, 0x69, 0x3a, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0d, 0x0a]));
    expect(ansi).toEqual({ lines: ['     dvi: Café'], encoding: 'windows-1252' });
  });

  it('should order rotated setupapi.dev.YYYYMMDD_HHMMSS.log files oldest first, before the current log', () => {
    expect(orderLogFiles(['setupapi.dev.log', 'setupapi.dev.20240105_101010.log', 'setupapi.dev.20231231_235959.log'])).toEqual([
      'setupapi.dev.20231231_235959.log',
      'setupapi.dev.20240105_101010.log',
      'setupapi.dev.log',
    ]);
  });
});
