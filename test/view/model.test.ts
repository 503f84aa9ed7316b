/**
 * The view model of a run: steps from inspection, the installer called at each step with its
 * answer, each DIF's calls as lanes, violations placed on the timeline, runs compared by DIF.
 */
import { recordDif } from '../../src/host/runDif.js';
import { recordInstall } from '../../src/host/runInstall.js';
import { alignRuns, firstDifferentCall } from '../../src/view/compare.js';
import { buildModel } from '../../src/view/model.js';
import { laneOf } from '../../src/view/page/lanes.js';
import { example } from './support.js';

describe('the view model of an installation', () => {
  it('should show the hardware-first DIF sequence, the nested DIF_DESTROYPRIVATEDATA inside DIF_REGISTER_COINSTALLERS', async () => {
    // The hardware-first order as setupapi.dev.log records it (real logs in pbatard/libwdi issues
    // #200, #228, #310; MicrosoftDocs/windows-driver-docs
    // install/debugging-device-installations--windows-vista-and-later-.md), with the nested
    // DIF_DESTROYPRIVATEDATA of DIF_REGISTER_COINSTALLERS (docs/lifecycle.md).
    const { journal } = recordInstall(example('toaster.json'));
    const model = await buildModel(journal, 'toaster.jsonl');
    expect(model.steps).toHaveLength(journal.trim().split('\n').length - 1);
    expect(model.difs.filter((d) => !d.parent).map((d) => d.dif)).toEqual([
      'DIF_SELECTBESTCOMPATDRV',
      'DIF_ALLOW_INSTALL',
      'DIF_INSTALLDEVICEFILES',
      'DIF_REGISTER_COINSTALLERS',
      'DIF_INSTALLINTERFACES',
      'DIF_INSTALLDEVICE',
      'DIF_NEWDEVICEWIZARD_FINISHINSTALL',
      'DIF_DESTROYPRIVATEDATA',
    ]);
    const nested = model.difs.find((d) => d.nestedIn === 'DIF_REGISTER_COINSTALLERS');
    expect(nested?.dif).toBe('DIF_DESTROYPRIVATEDATA');
    expect(nested?.parent).toBe(model.difs.find((d) => d.dif === 'DIF_REGISTER_COINSTALLERS')?.key);
    // Each step names the call it answered: the toaster's device co-installer joins after registration.
    const install = model.difs.find((d) => d.dif === 'DIF_INSTALLDEVICE')!;
    expect(model.stepCalls[install.firstStep]?.called).toBe('deviceCoInstaller 1 (tostrco2.dll,ToasterCoInstaller) in preprocessing');
    expect(model.stepCalls[install.firstStep]?.answer).toEqual({ hex: '0x00000000', name: 'NO_ERROR' });
    expect(install.calls.map((c) => [laneOf(c), c.step - install.firstStep])).toEqual([
      ['deviceCoInstaller', 0],
      ['defaultHandler', 1],
    ]);
    expect(model.charts.map((c) => c.machine)).toEqual(['deviceInstall']);
  });

  it('should list each finish-install attempt across re-enumerations (Windows 7 keeps the mark after a failure)', async () => {
    const { journal, result } = recordInstall(example('finish-install-win7.json'));
    const model = await buildModel(journal, 'fi.jsonl');
    const attempts = model.difs.filter((d) => d.dif === 'DIF_FINISHINSTALL_ACTION');
    expect(attempts).toHaveLength(result.finishInstall.attempts);
    expect(attempts.map((a) => a.result.hex)).toEqual(result.finishInstall.results);
    expect(new Set(attempts.map((a) => a.key)).size).toBe(attempts.length);
    // Between the attempts, environment events (no installer answered them).
    const envSteps = model.steps.filter((_, i) => i > 0 && model.stepCalls[i]?.answer === undefined).map((s) => s.event.type);
    expect(envSteps).toContain('device.reenumerated');
  });

  it('should place a violation on the step of the call that broke the rule, with its source', async () => {
    const { journal } = recordInstall(example('violations/postprocessing-not-allowed.json'));
    const model = await buildModel(journal, 'v.jsonl');
    const v = model.violations.find((x) => x.dif === 'DIF_ALLOW_INSTALL');
    expect(v).toBeDefined();
    expect(v!.source).toMatch(/\S/);
    const allow = model.difs.find((d) => d.dif === 'DIF_ALLOW_INSTALL')!;
    expect(v!.step).toBeGreaterThanOrEqual(allow.firstStep);
    expect(v!.step).toBeLessThanOrEqual(allow.lastStep);
    expect(model.stepCalls[v!.step]?.called).toContain('classCoInstaller 1');
  });
});

describe('comparing runs', () => {
  const runAs = (profile: string) => buildModel(recordDif({ ...(example('class-coinstaller-postprocessing.json') as object), profile }, 'DIF_INSTALLDEVICE').journal, profile);

  it('should find where ReactOS and Wine part from Windows in postprocessing', async () => {
    // Windows calls postprocessing in reverse order of the requests (MicrosoftDocs/windows-driver-docs
    // install/co-installer-operation.md); ReactOS calls the class list front to back
    // (reactos/dll/win32/setupapi/devinst.c, SetupDiCallClassInstaller); Wine calls nobody back
    // (wine/dlls/setupapi/devinst.c only traces ERROR_DI_POSTPROCESSING_REQUIRED).
    const models = await Promise.all(['windows', 'reactos', 'wine'].map(runAs));
    const { rows, firstDivergence } = alignRuns(models);
    expect(rows).toHaveLength(1);
    expect(firstDivergence).toBe(0);
    const at = firstDifferentCall(rows[0]);
    const [windows, reactos, wine] = rows[0].cells;
    expect(windows!.calls[at]).toMatchObject({ who: 'classCoInstaller', index: 2, phase: 'post' });
    expect(reactos!.calls[at]).toMatchObject({ who: 'classCoInstaller', index: 1, phase: 'post' });
    expect(wine!.calls[at]).toBeUndefined();
  });

  it('should find no divergence between a run and itself, and align a missing DIF with a gap', async () => {
    const a = await runAs('windows');
    expect(alignRuns([a, a]).firstDivergence).toBe(-1);
    const install = await buildModel(recordInstall(example('toaster.json')).journal, 'install');
    const { rows, firstDivergence } = alignRuns([install, a]);
    const match = rows.findIndex((r) => r.cells[0]?.dif === 'DIF_INSTALLDEVICE');
    expect(rows[match].cells[1]?.dif).toBe('DIF_INSTALLDEVICE');
    expect(rows[0].cells[1]).toBeNull();
    expect(firstDivergence).toBe(0);
  });
});
