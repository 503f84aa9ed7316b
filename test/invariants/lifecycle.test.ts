/**
 * The lifecycle predicates bite: a real InstallResult, altered to break one documented rule, is caught.
 */
import { readFileSync } from 'node:fs';
import type { InstallResult } from '../../src/domain/lifecycle/installResult.js';
import { LIFECYCLE_INVARIANTS, observeInstall } from '../../src/invariants/index.js';

const check = (name: string, scenario: Parameters<(typeof LIFECYCLE_INVARIANTS)[number]['check']>[0], result: InstallResult) =>
  LIFECYCLE_INVARIANTS.find((i) => i.name === name)!.check(scenario, result);

const win7 = observeInstall(JSON.parse(readFileSync('examples/finish-install-win7.json', 'utf8')));
const toaster = observeInstall(JSON.parse(readFileSync('examples/toaster.json', 'utf8')));

describe('lifecycle predicates on altered results', () => {
  it('should hold on the unaltered runs', () => {
    for (const run of [win7, toaster]) for (const i of LIFECYCLE_INVARIANTS) expect({ name: i.name, failure: i.check(run.scenario, run.result) }).toEqual({ name: i.name, failure: null });
  });

  it('DestroyPrivateDataWhenListDiscarded: should catch a sequence without its final DIF_DESTROYPRIVATEDATA', () => {
    const difs = toaster.result.difs.filter((d, i, all) => i !== all.length - 1);
    expect(check('DestroyPrivateDataWhenListDiscarded', toaster.scenario, { ...toaster.result, difs })).not.toBeNull();
  });

  it('DeviceCoInstallersOnlyAfterRegistration: should catch a device co-installer in DIF_ALLOW_INSTALL of a new device', () => {
    const difs = toaster.result.difs.map((d) => (d.dif === 'DIF_ALLOW_INSTALL' ? { ...d, calls: [{ who: 'deviceCoInstaller' as const, index: 1, name: 'x', phase: 'pre' as const, returned: '0x00000000' }, ...d.calls] } : d));
    expect(check('DeviceCoInstallersOnlyAfterRegistration', toaster.scenario, { ...toaster.result, difs })).not.toBeNull();
  });

  it('FinishInstallRetriesUntilSuccess: should catch a missing retry and a retry after success', () => {
    const attempts = win7.result.difs.filter((d) => d.dif === 'DIF_FINISHINSTALL_ACTION');
    expect(attempts.map((a) => a.result.hex)).toEqual(['0x00000002', '0x00000002', '0x00000000']);
    const dropLast = { ...win7.result, difs: win7.result.difs.slice(0, -1) };
    expect(check('FinishInstallRetriesUntilSuccess', win7.scenario, dropLast)).not.toBeNull();
    const oneMore = { ...win7.result, difs: [...win7.result.difs, attempts[2]] };
    expect(check('FinishInstallRetriesUntilSuccess', win7.scenario, oneMore)).not.toBeNull();
    expect(check('FinishInstallOnlyIfMarked', win7.scenario, oneMore)).not.toBeNull();
  });

  it('FinishInstallOnlyIfMarked: should catch a finish-install process for an unmarked device', () => {
    const attempt = win7.result.difs.find((d) => d.dif === 'DIF_FINISHINSTALL_ACTION')!;
    expect(check('FinishInstallOnlyIfMarked', toaster.scenario, { ...toaster.result, difs: [...toaster.result.difs, attempt] })).not.toBeNull();
  });

  it('FinishInstallOnlyInInteractiveAdminContext: should catch more processes than administrator contexts', () => {
    const attempt = win7.result.difs.find((d) => d.dif === 'DIF_FINISHINSTALL_ACTION')!;
    const many = { ...win7.result, difs: [...win7.result.difs, attempt, attempt] };
    expect(check('FinishInstallOnlyInInteractiveAdminContext', win7.scenario, many)).not.toBeNull();
  });

  it('DriverKeyStatePersists: should catch a lost CoInstallers32', () => {
    expect(check('DriverKeyStatePersists', toaster.scenario, { ...toaster.result, driverKey: {} })).not.toBeNull();
  });

  it('FailedStepAbortsInstall: should catch an installation reported installed after a failed step', () => {
    const difs = toaster.result.difs.map((d) => (d.dif === 'DIF_INSTALLINTERFACES' ? { ...d, result: { hex: '0x00000002', name: 'ERROR_FILE_NOT_FOUND', success: false } } : d));
    expect(check('FailedStepAbortsInstall', toaster.scenario, { ...toaster.result, difs })).not.toBeNull();
  });
});
