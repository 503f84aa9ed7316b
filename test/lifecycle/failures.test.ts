/**
 * A failing step abandons the installation (docs/lifecycle.md "Rules"): no later install step,
 * DIF_DESTROYPRIVATEDATA still sent, outcome `failed` with the DIF and code; ERROR_DI_DO_DEFAULT is
 * "no objection".
 *
 * Sources: Logs xcp-ng/win-pv-drivers #10 (DIF_DESTROYPRIVATEDATA after a failed DIF_INSTALLDEVICE,
 * WDD co-installer-operation.md, handling-dif-codes.md, images/dif-flow.png notes); WDD dif-allow-install.md and Wine dlls/ntoskrnl.exe/pnp.c (ERROR_DI_DO_DEFAULT
 * accepted, WDD using-device-installation-functions.md); WDD dif-installdevice.md ("A Win32 error … abandon the installation", WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h);
 * WDD = MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/<page>.md.
 */
import { runInstall } from '../../src/host/runInstall.js';
import { called, difPath, lifecycleExample, rules } from '../support/lifecycle.js';
import { ci, co, scenario } from '../support/scenarios.js';

const DC = 'dc.dll,DevCo';

describe('a failing step', () => {
  // Logs xcp-ng/win-pv-drivers #10; WDD dif-installdevice.md; docs/lifecycle.md "A step fails"
  it('should abandon the installation after a failed DIF_INSTALLDEVICE, still send DIF_DESTROYPRIVATEDATA, and report the failure', () => {
    // Given a device co-installer that fails DIF_INSTALLDEVICE with ERROR_FILE_NOT_FOUND
    const doc = scenario({ deviceCoInstallers: [co(DC, 'DIF_INSTALLDEVICE', { pre: 'ERROR_FILE_NOT_FOUND' })] });
    // When the installation runs
    const r = runInstall(doc);
    // Then DIF_NEWDEVICEWIZARD_FINISHINSTALL is not sent, the set is still destroyed
    expect(difPath(r)).toEqual([
      'DIF_SELECTBESTCOMPATDRV',
      'DIF_ALLOW_INSTALL',
      'DIF_INSTALLDEVICEFILES',
      'DIF_REGISTER_COINSTALLERS',
      'DIF_DESTROYPRIVATEDATA<DIF_REGISTER_COINSTALLERS',
      'DIF_INSTALLINTERFACES',
      'DIF_INSTALLDEVICE',
      'DIF_DESTROYPRIVATEDATA',
    ]);
    expect(r.difs.at(-1)!.context).toBe('server');
    expect(r.outcome).toBe('failed');
    expect(r.failure).toEqual({ dif: 'DIF_INSTALLDEVICE', hex: '0x00000002' });
  });

  // WDD dif-allow-install.md: a veto such as ERROR_DI_DONT_INSTALL (0xE000022B, Wine include/winerror.h; MinGW winerror.h) stops the installation
  it('should stop at a vetoed DIF_ALLOW_INSTALL: no files, no registration (so no nested DIF_DESTROYPRIVATEDATA)', () => {
    const r = runInstall(scenario({ classInstaller: { name: 'ci.dll,ClassInstall', on: { DIF_ALLOW_INSTALL: { returns: 'ERROR_DI_DONT_INSTALL' } } } }));
    expect(difPath(r)).toEqual(['DIF_SELECTBESTCOMPATDRV', 'DIF_ALLOW_INSTALL', 'DIF_DESTROYPRIVATEDATA']);
    expect(r.outcome).toBe('failed');
    expect(r.failure).toEqual({ dif: 'DIF_ALLOW_INSTALL', hex: '0xE000022B' });
  });

  // WDD overview-of-finish-install-actions.md, running-finish-install-actions.md: a finish-install process runs "after every other installation operation"; an abandoned one has none
  it('should not mark the device nor run a finish-install action when a step before DIF_NEWDEVICEWIZARD_FINISHINSTALL failed', () => {
    const r = runInstall(
      scenario({
        os: 'win7',
        session: { admin: true },
        timeline: [{ type: 'user.loggedOn', admin: true }],
        classInstaller: { name: 'ci.dll,ClassInstall', on: { DIF_INSTALLINTERFACES: { returns: 'ERROR_ACCESS_DENIED' } } },
        deviceCoInstallers: [co(DC, 'DIF_NEWDEVICEWIZARD_FINISHINSTALL', { effects: [{ setFlagsEx: ['DI_FLAGSEX_FINISHINSTALL_ACTION'] }] })],
      }),
    );
    expect(r.failure).toEqual({ dif: 'DIF_INSTALLINTERFACES', hex: '0x00000005' });
    expect(r.difs.some((d) => d.dif === 'DIF_FINISHINSTALL_ACTION' || d.dif === 'DIF_NEWDEVICEWIZARD_FINISHINSTALL')).toBe(false);
    expect(r.finishInstall).toEqual({ marked: false, attempts: 0, pending: false, results: [] });
    expect(r.outcome).toBe('failed');
  });

  // WDD dif-remove.md: an installer may veto DIF_REMOVE with a Win32 error; WDD dif-remove.md: the set is destroyed afterwards
  it('should report a vetoed DIF_REMOVE as failed, still sending DIF_DESTROYPRIVATEDATA', () => {
    const r = runInstall(scenario({ sequence: 'remove', deviceCoInstallers: [co(DC, 'DIF_REMOVE', { pre: 'ERROR_ACCESS_DENIED' })] }));
    expect(difPath(r)).toEqual(['DIF_REMOVE', 'DIF_DESTROYPRIVATEDATA']);
    expect(r.outcome).toBe('failed');
    expect(r.failure).toEqual({ dif: 'DIF_REMOVE', hex: '0x00000005' });
  });

  // docs/lifecycle.md choice L6: DIF_DESTROYPRIVATEDATA steps of an explicit list still run after a failure
  it('should skip the rest of an explicit list after a failure, except DIF_DESTROYPRIVATEDATA', () => {
    const r = runInstall(
      scenario({
        sequence: ['DIF_INSTALLINTERFACES', 'DIF_INSTALLDEVICE', 'DIF_NEWDEVICEWIZARD_FINISHINSTALL', 'DIF_DESTROYPRIVATEDATA'],
        classInstaller: ci('ci.dll,ClassInstall', 'ERROR_DI_DO_DEFAULT'),
        deviceCoInstallers: [co(DC, 'DIF_INSTALLINTERFACES', { pre: 'ERROR_FILE_NOT_FOUND' })],
      }),
    );
    expect(difPath(r)).toEqual(['DIF_INSTALLINTERFACES', 'DIF_DESTROYPRIVATEDATA']);
    expect(r.failure).toEqual({ dif: 'DIF_INSTALLINTERFACES', hex: '0x00000002' });
  });
});

describe('ERROR_DI_DO_DEFAULT is "no objection"', () => {
  // WDD dif-allow-install.md: no default handler, so "no objection" surfaces as ERROR_DI_DO_DEFAULT (WDD using-device-installation-functions.md);
  // Wine dlls/ntoskrnl.exe/pnp.c accepts it
  it('should go on after DIF_ALLOW_INSTALL ends with ERROR_DI_DO_DEFAULT because nobody handles it', () => {
    const r = runInstall(scenario({}));
    const allow = r.difs.find((d) => d.dif === 'DIF_ALLOW_INSTALL')!;
    expect(allow.result).toEqual({ hex: '0xE000020E', name: 'ERROR_DI_DO_DEFAULT', success: false });
    expect(r.difs.map((d) => d.dif)).toContain('DIF_INSTALLDEVICE');
    expect(r.outcome).toBe('installed');
    expect(r.failure).toBeNull();
  });

  // semantics.md W5 with the DI_NODI_DEFAULTACTION flag: the class installer's ERROR_DI_DO_DEFAULT stays the status (C2)
  it('should go on when every DIF ends with ERROR_DI_DO_DEFAULT (DI_NODI_DEFAULTACTION keeps the default handlers out)', () => {
    const r = runInstall(scenario({ flags: ['DI_NODI_DEFAULTACTION'], classInstaller: ci('ci.dll,ClassInstall', 'ERROR_DI_DO_DEFAULT') }));
    expect(r.difs.filter((d) => !d.nestedIn).map((d) => d.result.hex)).toEqual(Array(8).fill('0xE000020E'));
    expect(r.outcome).toBe('installed');
  });
});

describe('registerCoInstallers', () => {
  // docs/lifecycle.md: "registerCoInstallers": CODE makes SetupDiRegisterCoDeviceInstallers fail; the
  // step then fails like any other (SDK nf-setupapi-setupdiregistercodeviceinstallers.md)
  it('should fail DIF_REGISTER_COINSTALLERS with the given code and never register the device co-installers', () => {
    // Given a device co-installer and a registration that is refused
    const r = runInstall(scenario({ registerCoInstallers: 'ERROR_ACCESS_DENIED', deviceCoInstallers: [co(DC)] }));
    // Then the installation stops there. Nothing was registered, so the list is kept and no nested
    // DIF_DESTROYPRIVATEDATA is sent (choice L5); with no class installer and no co-installer loaded
    // the set is destroyed without a DIF_DESTROYPRIVATEDATA either (choice L10: plaso log, the
    // VirtualBox device PCI\VEN_80EE&DEV_CAFE, lines 257–384)
    expect(difPath(r)).toEqual(['DIF_SELECTBESTCOMPATDRV', 'DIF_ALLOW_INSTALL', 'DIF_INSTALLDEVICEFILES', 'DIF_REGISTER_COINSTALLERS']);
    const register = r.difs[3];
    expect(register.calls.at(-1)).toEqual({ who: 'defaultHandler', function: 'SetupDiRegisterCoDeviceInstallers', returned: '0x00000005' });
    expect(r.failure).toEqual({ dif: 'DIF_REGISTER_COINSTALLERS', hex: '0x00000005' });
    expect(r.outcome).toBe('failed');
    expect(r.difs.map((d) => called(d, DC))).toEqual(Array(4).fill(false));
    expect(r.driverKey).toEqual({});
  });
});

describe('ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION', () => {
  // WDD dif-allow-install.md; WDD writing-class-installers-and-co-installers.md ("the installation fails",
  // Wine include/winerror.h; MinGW winerror.h; WDD writing-class-installers-and-co-installers.md); semantics.md violation requires-interactive-windowstation
  it('should fail the installation and record the violation (examples/violations/requires-interactive-windowstation.json)', () => {
    const r = runInstall(lifecycleExample('violations/requires-interactive-windowstation'));
    expect(difPath(r)).toEqual(['DIF_SELECTBESTCOMPATDRV', 'DIF_ALLOW_INSTALL', 'DIF_DESTROYPRIVATEDATA']);
    expect(r.failure).toEqual({ dif: 'DIF_ALLOW_INSTALL', hex: '0x000005B3' });
    expect(r.outcome).toBe('failed');
    expect(rules(r)).toEqual(['requires-interactive-windowstation']);
    expect(r.violations[0]).toMatchObject({ who: 'classCoInstaller', index: 1, name: 'classhelp.dll,ClassCoInstaller', dif: 'DIF_ALLOW_INSTALL', phase: 'pre' });
  });

  it('should do the same when a registered device co-installer answers it in DIF_INSTALLDEVICE', () => {
    const r = runInstall(scenario({ deviceCoInstallers: [co(DC, 'DIF_INSTALLDEVICE', { pre: 'ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION' })] }));
    expect(r.failure).toEqual({ dif: 'DIF_INSTALLDEVICE', hex: '0x000005B3' });
    expect(r.violations.map((v) => [v.rule, v.dif, v.who])).toEqual([['requires-interactive-windowstation', 'DIF_INSTALLDEVICE', 'deviceCoInstaller']]);
    expect(r.difs.at(-1)!.dif).toBe('DIF_DESTROYPRIVATEDATA');
  });
});
