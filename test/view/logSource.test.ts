/**
 * A real setupapi.dev.log as a view model: the vendored plaso log (test/fixtures/logs/README.md
 * names its source) — one step per top-level DIF block, each block's calls in its lanes as the log
 * shows them, with `devinst log check`'s verdict for the block.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkFile } from '../../src/log/checkFiles.js';
import { parseFile } from '../../src/log/document.js';
import { loadViewModels } from '../../src/view/sources.js';
import { ROOT } from '../support/scenarios.js';

const file = path.join(ROOT, 'test/fixtures/logs/plaso-win10-setupapi.dev.log');

describe('a setupapi.dev.log in the viewer model', () => {
  it('should make one step per top-level DIF block, with the verdict of devinst log check', async () => {
    const [model] = await loadViewModels([file]);
    const checked = [...checkFile(file, { profile: 'windows' })];
    expect(model.kind).toBe('setupapi-log');
    expect(model.steps.length).toBe(1 + checked.filter((r) => !r.nestedIn).length);
    expect(model.difs.length).toBe(checked.length);
    for (const r of checked) {
      const dif = model.difs.find((d) => d.line === r.line)!;
      expect(dif.dif).toBe(r.dif);
      expect(dif.check?.verdict).toBe(r.verdict);
    }
    expect(model.sections?.length).toBe(parseFile(file).sections.length);
    expect(model.log?.text).toContain('{DIF_SELECTBESTCOMPATDRV}');
  });

  it('should put each call in its lane as the log names it', async () => {
    const [model] = await loadViewModels([file]);
    // Lines 544–549: "{DIF_SELECTBESTCOMPATDRV}", "Class installer == DispCI.dll,DisplayClassInstaller",
    // "Class installer: Enter/Exit", "Default installer: Enter" … "{Select Best Driver}".
    const dif = model.difs.find((d) => d.line === 544)!;
    expect(dif.dif).toBe('DIF_SELECTBESTCOMPATDRV');
    expect(dif.calls.map((c) => [c.who, c.name ?? c.function, c.returned])).toEqual([
      ['classInstaller', 'DispCI.dll,DisplayClassInstaller', '0x00000000'],
      ['defaultHandler', 'Select Best Driver', '0x00000000'],
    ]);
    expect(dif.context).toMatch(/^#\d+ Device Install/);
  });

  it('should read a log saved as UTF-16LE with a BOM, as Windows tools may write it', async () => {
    // Lines 544–560 of the plaso log: one whole DIF_SELECTBESTCOMPATDRV block, CRLF line ends.
    const lines = readFileSync(file, 'utf8').split('\r\n').slice(543, 560);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf16le')]);
    const copy = path.join(mkdtempSync(path.join(os.tmpdir(), 'devinst-log16-')), 'setupapi.dev.log');
    writeFileSync(copy, utf16);
    const [model] = await loadViewModels([copy]);
    expect(model.difs.map((d) => d.dif)).toEqual(['DIF_SELECTBESTCOMPATDRV']);
    expect(model.difs[0].calls.map((c) => c.who)).toEqual(['classInstaller', 'defaultHandler']);
    expect(model.log?.text.split('\n')[0]).toBe(lines[0]);
  });
});
