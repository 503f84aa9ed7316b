/**
 * `devinst explore <scenario>`: exploration around the user's own scenario. The toaster sample
 * (one device co-installer that always returns NO_ERROR: microsoft/Windows-driver-samples
 * general/toaster/toastpkg/toastco/toastco.c) keeps every invariant and rule whatever it answers
 * within the documented alphabet; a scenario whose co-installer originates ERROR_DI_DO_DEFAULT —
 * which co-installers must never do (MicrosoftDocs/windows-driver-docs
 * windows-driver-docs-pr/install/co-installer-interface.md) — exits 1 with a counterexample whose
 * journal `devinst replay` replays.
 */
import { readdirSync } from 'node:fs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { INVARIANTS, RULES } from '../../src/invariants/catalogue.js';
import { DISPATCH_RULES } from '../../src/domain/violations.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devinst-explore-around-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const PLANTED = 'examples/violations/coinstaller-originated-do-default.json';

describe('devinst explore <scenario>', () => {
  it('toaster: prints the bounds and the size first, every invariant and rule holds, exit 0', async () => {
    const o = await cli('explore', 'examples/toaster.json', '--out', dir);
    expect(o.err).toBe('');
    expect(o.code).toBe(0);
    const lines = o.out.split('\n');
    expect(lines[0]).toBe('devinst explore examples/toaster.json  windows, one dispatch');
    expect(lines[1]).toBe('dispatch of DIF_INSTALLDEVICE');
    // One co-installer: NO_ERROR, a Win32 error, or a postprocessing request answered in three ways.
    expect(lines[3]).toBe('  tostrco2.dll,ToasterCoInstaller DIF_INSTALLDEVICE: 5 answers');
    expect(lines[4]).toMatch(/^5 scenarios to run/);
    const dispatchNames = Object.values(INVARIANTS).filter((e) => e.kind === 'dispatch').length;
    const total = dispatchNames + Object.keys(DISPATCH_RULES).length;
    expect(o.out).toContain(`${total} of ${total} hold; 5 scenarios run`);
    expect(o.out).not.toContain('✘');
  });

  it('toaster under the whole hardware-first installation, varying answers, flags, OS and profile: every lifecycle invariant and rule holds', async () => {
    const o = await cli('explore', 'examples/toaster.json', '--sequence', 'hardware-first', '--vary', 'answers,flags,os,profile', '--out', dir, '--json');
    expect(o.code).toBe(0);
    const report = JSON.parse(o.out);
    expect(report.mode).toBe('lifecycle');
    expect(report.size).toBe(5 * 2 * 5 * 3);
    expect(report.runs).toBe(report.size);
    expect(report.counterexamples).toEqual([]);
    expect(report.checked.map((c: { name: string }) => c.name)).toEqual([...Object.values(INVARIANTS).filter((e) => e.kind === 'lifecycle').map((e) => e.name), ...Object.keys(RULES)]);
  });

  it('a real installation from a setupapi.dev.log: the WPD device section of the plaso log, around its DIF_INSTALLDEVICE', async () => {
    // log2timeline/plaso test_data/setupapi.dev.log, section 193 (SWD\WPDBUSENUM\…): wpd_ci.dll is
    // the class installer and WUDFCoinstaller.dll co-installer 1, which asks for postprocessing in
    // DIF_INSTALLDEVICE ("CoInstaller 1: Enter (Post Processing)").
    const o = await cli('explore', 'test/fixtures/logs/plaso-win10-setupapi.dev.log', '--section', '193', '--dif', 'DIF_INSTALLDEVICE', '--out', dir);
    expect(o.code).toBe(0);
    expect(o.out).toContain('  WUDFCoinstaller.dll DIF_INSTALLDEVICE: 5 answers');
    expect(o.out).toContain('  wpd_ci.dll,WpdClassInstaller DIF_INSTALLDEVICE: 3 answers');
    expect(o.out).not.toContain('✘');
  });

  it.each(readdirSync('test/fixtures/inf').filter((f) => /\.in[fx]$/i.test(f)))(
    'a real INF (test/fixtures/inf/%s): its installers explored through the whole installation, every invariant and rule holding under windows',
    async (name) => {
      const o = await cli('explore', `test/fixtures/inf/${name}`, '--out', dir, '--json');
      expect(o.code).toBe(0);
      const report = JSON.parse(o.out);
      expect(report.mode).toBe('lifecycle');
      expect(report.runs).toBe(report.size);
      expect(report.counterexamples).toEqual([]);
    },
  );

  it('a planted guideline break: exit 1, the scenario as written is the shortest counterexample, and its journal replays', async () => {
    const o = await cli('explore', PLANTED, '--dif', 'DIF_INSTALLINTERFACES', '--out', dir);
    expect(o.code).toBe(1);
    expect(o.out).toContain('✘ coinstaller-originated-do-default (guideline rule): co-installer 1 (classhelp.dll,ClassCoInstaller) originated ERROR_DI_DO_DEFAULT during DIF_INSTALLINTERFACES preprocessing');
    expect(o.out).toContain('installer classhelp.dll,ClassCoInstaller in DIF_INSTALLINTERFACES');
    expect(o.out).toContain('source: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/co-installer-interface.md');
    expect(o.out).toContain('shortest counterexample: your scenario as written, 1 installer call');
    const journal = path.join(dir, 'coinstaller-originated-do-default-DIF_INSTALLINTERFACES', 'coinstaller-originated-do-default.journal.jsonl');
    expect(o.out).toContain(`devinst replay ${journal}  replays it through the machine and breaks it again`);
    // Only that rule breaks: the model's invariants hold.
    expect(o.out.match(/✘/g)).toHaveLength(1);
    const replayed = await cli('replay', journal);
    expect(replayed.code).toBe(0);
    expect(replayed.out).toContain('coinstaller-originated-do-default  co-installer 1 (classhelp.dll,ClassCoInstaller) originated ERROR_DI_DO_DEFAULT');
    expect(replayed.out).toContain('identical to the recorded run');
    const scenario = JSON.parse(fs.readFileSync(path.join(dir, 'coinstaller-originated-do-default-DIF_INSTALLINTERFACES', 'coinstaller-originated-do-default.scenario.json'), 'utf8'));
    expect(scenario.dif).toBe('DIF_INSTALLINTERFACES');
    const run = await cli('run', path.join(dir, 'coinstaller-originated-do-default-DIF_INSTALLINTERFACES', 'coinstaller-originated-do-default.scenario.json'));
    expect(run.out).toContain('coinstaller-originated-do-default');
  });

  it('the code a scenario uses joins the alphabet: at DIF_INSTALLDEVICE the same mistake is one change away', async () => {
    const o = await cli('explore', PLANTED, '--dif', 'DIF_INSTALLDEVICE', '--out', dir, '--json');
    expect(o.code).toBe(1);
    const report = JSON.parse(o.out);
    expect(report.alphabets.pre).toEqual(['NO_ERROR', 'ERROR_DI_POSTPROCESSING_REQUIRED', 'ERROR_FILE_NOT_FOUND', 'ERROR_DI_DO_DEFAULT']);
    const [c] = report.counterexamples;
    expect(c.name).toBe('coinstaller-originated-do-default');
    expect(c.distance).toBe(1);
    expect(c.changes).toEqual(['classhelp.dll,ClassCoInstaller DIF_INSTALLDEVICE: pre ERROR_DI_DO_DEFAULT (was pre NO_ERROR)']);
    expect(c.replays && c.reproduced).toBe(true);
  });

  it('--vary order permutes the co-installers; --codes replaces the documented alphabets', async () => {
    const o = await cli('explore', 'examples/class-coinstaller-postprocessing.json', '--vary', 'answers,order', '--codes', 'NO_ERROR,ERROR_DI_POSTPROCESSING_REQUIRED', '--out', dir, '--json');
    const report = JSON.parse(o.out);
    expect(report.alphabets.classInstaller.slice(0, 2)).toEqual(['NO_ERROR', 'ERROR_DI_POSTPROCESSING_REQUIRED']);
    expect(report.vary).toEqual(['answers', 'order']);
    expect(report.runs).toBe(report.size);
  });
});

describe('devinst explore on every example (each violation example names the rule it breaks, with its source, in its description)', () => {
  const violations = fs.readdirSync('examples/violations').filter((f) => f.endsWith('.json'));
  const clean = fs.readdirSync('examples').filter((f) => f.endsWith('.json'));

  it.each(violations)('examples/violations/%s: exit 1, its rule breaks on the scenario as written, and the journal replays', async (file) => {
    const o = await cli('explore', `examples/violations/${file}`, '--out', dir, '--json');
    expect(o.code).toBe(1);
    const report = JSON.parse(o.out);
    const c = report.counterexamples.find((x: { name: string }) => x.name === file.replace(/\.json$/, ''));
    expect(c).toMatchObject({ kind: 'rule', distance: 0, replays: true, reproduced: true });
    // The model itself holds: only guideline rules break.
    expect(report.counterexamples.filter((x: { kind: string }) => x.kind !== 'rule')).toEqual([]);
  });

  it.each(clean)('examples/%s: every invariant and rule holds, exit 0', async (file) => {
    const o = await cli('explore', `examples/${file}`, '--out', dir, '--json');
    expect(JSON.parse(o.out).counterexamples).toEqual([]);
    expect(o.code).toBe(0);
  });
});

describe('devinst explore <input>: bad input is one line and exit 2', () => {
  const cases: [string, string[], RegExp][] = [
    ['a missing INF', ['explore', 'driver.inf'], /^devinst: driver\.inf: cannot read: no such file/],
    ['an INF option without an INF', ['explore', '--model', 'x'], /^devinst: --model applies to exploring a scenario, an INF or a log/],
    ['a missing setupapi.dev.log', ['explore', 'setupapi.dev.log'], /^devinst: setupapi\.dev\.log: /],
    ['a log section that is not a number', ['explore', 'test/fixtures/logs/plaso-win10-setupapi.dev.log', '--section', 'x'], /^devinst: --section: expected a section number, got "x"/],
    ['a missing scenario', ['explore', 'nope.json'], /^devinst: nope\.json: /],
    ['an unknown --vary', ['explore', 'examples/toaster.json', '--vary', 'answers,colour'], /^devinst: --vary: unknown "colour"/],
    ['a generic-only option', ['explore', 'examples/toaster.json', '--max-class-coinstallers', '2'], /^devinst: --max-class-coinstallers applies to the generic exploration/],
    ['--vary without a scenario', ['explore', '--vary', 'order'], /^devinst: --vary applies to exploring a scenario, an INF or a log/],
    ['a space over the limit', ['explore', 'examples/toaster.json', '--limit', '3'], /^devinst: examples\/toaster\.json: the space has 5 points, more than the limit of 3/],
  ];
  it.each(cases)('%s', async (_what, argv, message) => {
    const o = await cli(...argv, '--out', dir);
    expect(o.code).toBe(2);
    expect(o.err.trimEnd().split('\n')).toHaveLength(1);
    expect(o.err).toMatch(message);
  });
});

describe('devinst explore <scenario> under another profile', () => {
  it('the toaster under wine breaks the invariants of Wine\'s documented differences, marked as expected, and exits 1', async () => {
    // Wine never calls a co-installer back (wine-mirror/wine dlls/setupapi/devinst.c SetupDiCallClassInstaller).
    const o = await cli('explore', 'examples/toaster.json', '--profile', 'wine', '--out', dir);
    expect(o.code).toBe(1);
    expect(o.out).toContain('devinst explore examples/toaster.json  wine, one dispatch');
    expect(o.out).toMatch(/✘ EveryPostRequestHonoured: co-installer 1 asked for postprocessing but was never called back \(expected under wine: a documented difference from Windows, docs\/profiles\.md\)/);
    expect(o.out).toContain('✔ PostIsReverseOfPre');
  });
});
