/**
 * The DIF sequences of docs/lifecycle.md "Sequences", through runInstall(scenarioDocument).
 *
 * Sources (docs/sources.md tags): WDD how-finish-install-actions-are-processed.md; Logs pbatard/libwdi #200, #228, #310, xcp-ng/xcp #83 (hardware-first, server side), WDD dif-remove.md (removal), WDD dif-addpropertypage-advanced.md, dif-propertychange.md
 * (properties), WDD how-finish-install-actions-are-processed.md (contexts), WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h (which DIFs have a default handler); WDD =
 * MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/<page>.md. Expected values are
 * written out by hand from those rules.
 */
import { runInstall } from '../../src/host/runInstall.js';
import { called, difNames, difPath, lifecycleExample, WIDGET } from '../support/lifecycle.js';
import { co, scenario } from '../support/scenarios.js';

const CC = 'cc.dll,ClassCo';
const DC = 'dc.dll,DevCo';

// WDD how-finish-install-actions-are-processed.md; Logs pbatard/libwdi #200, #228, #310, xcp-ng/xcp #83 steps 1–9; WDD dif-register-coinstallers.md (the nested DIF_DESTROYPRIVATEDATA);
// docs/lifecycle.md "InstallResult": a nested DIF is listed right after the DIF it runs in (the order DIFs are sent)
const CORE_WITH_NESTED = [
  'DIF_SELECTBESTCOMPATDRV',
  'DIF_ALLOW_INSTALL',
  'DIF_INSTALLDEVICEFILES',
  'DIF_REGISTER_COINSTALLERS',
  'DIF_DESTROYPRIVATEDATA<DIF_REGISTER_COINSTALLERS',
  'DIF_INSTALLINTERFACES',
  'DIF_INSTALLDEVICE',
  'DIF_NEWDEVICEWIZARD_FINISHINSTALL',
  'DIF_DESTROYPRIVATEDATA',
];

describe('sequence hardware-first (the default)', () => {
  // Given a class and a device co-installer that answer NO_ERROR to everything, no class installer
  const doc = scenario({ classCoInstallers: [co(CC)], deviceCoInstallers: [co(DC)] });

  // WDD how-finish-install-actions-are-processed.md; Logs pbatard/libwdi #200, #228, #310, xcp-ng/xcp #83 steps 1–9; WDD debugging-device-installations--windows-vista-and-later-.md
  it('should run the core DIFs in order, the nested DIF_DESTROYPRIVATEDATA right after DIF_REGISTER_COINSTALLERS, all server side', () => {
    // When the installation runs
    const r = runInstall(doc);
    // Then
    expect(r.sequence).toBe('hardware-first');
    expect(difPath(r)).toEqual(CORE_WITH_NESTED);
    expect(r.difs.map((d) => d.context)).toEqual(Array(9).fill('server'));
    expect(r.difs.filter((d) => d.nestedIn !== undefined).map((d) => d.nestedIn)).toEqual(['DIF_REGISTER_COINSTALLERS']);
    expect(r.outcome).toBe('installed');
    expect(r.failure).toBeNull();
  });

  // WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h (default handler column and "Every other public DIF code has no DH"); semantics.md W5, C2
  it('should reach each DIF\'s default handler, or end with ERROR_DI_DO_DEFAULT where there is none', () => {
    const r = runInstall(doc);
    const handlers = r.difs.map((d) => d.calls.find((c) => c.who === 'defaultHandler')?.function);
    expect(handlers).toEqual([
      'SetupDiSelectBestCompatDrv',
      null,
      'SetupDiInstallDriverFiles',
      'SetupDiRegisterCoDeviceInstallers',
      null,
      'SetupDiInstallDeviceInterfaces',
      'SetupDiInstallDevice',
      null,
      null,
    ]);
    expect(r.difs.map((d) => d.result.hex)).toEqual([
      '0x00000000',
      '0xE000020E',
      '0x00000000',
      '0x00000000',
      '0xE000020E',
      '0x00000000',
      '0x00000000',
      '0xE000020E',
      '0xE000020E',
    ]);
  });

  // WDD dif-register-coinstallers.md; SDK nf-setupapi-setupdiregistercodeviceinstallers.md; Logs pbatard/libwdi #76;
  // WDD how-finish-install-actions-are-processed.md; Logs pbatard/libwdi #200, #228, #310, xcp-ng/xcp #83 step 5 "Device co-installers take part in every later step"
  it('should not call device co-installers before DIF_REGISTER_COINSTALLERS (not even in the nested call), then from DIF_INSTALLINTERFACES on', () => {
    const r = runInstall(doc);
    expect(r.difs.map((d) => called(d, DC))).toEqual([false, false, false, false, false, true, true, true, true]);
  });

  // semantics.md W1, C1: class co-installers take part in every DIF that has a device
  it('should call class co-installers in every DIF, the nested one included', () => {
    const r = runInstall(doc);
    expect(r.difs.map((d) => called(d, CC))).toEqual(Array(9).fill(true));
  });

  // semantics.md C8: indices are positions in the combined list, class co-installers first
  it('should number the registered device co-installer after the class co-installers', () => {
    const r = runInstall(doc);
    const install = r.difs.find((d) => d.dif === 'DIF_INSTALLDEVICE')!;
    expect(install.calls).toEqual([
      { who: 'classCoInstaller', index: 1, name: CC, phase: 'pre', returned: '0x00000000' },
      { who: 'deviceCoInstaller', index: 2, name: DC, phase: 'pre', returned: '0x00000000' },
      { who: 'defaultHandler', function: 'SetupDiInstallDevice', returned: '0x00000000' },
    ]);
  });

  // SDK nf-setupapi-setupdiregistercodeviceinstallers.md: the device co-installers are written to CoInstallers32
  it('should list the device co-installers in the driver key\'s CoInstallers32 after registration', () => {
    expect(runInstall(doc).driverKey).toEqual({ CoInstallers32: [DC] });
  });

  it('should leave the driver key without CoInstallers32 when the device has no co-installers', () => {
    const r = runInstall(scenario({ classCoInstallers: [co(CC)] }));
    expect(r.driverKey).toEqual({});
    expect(r.outcome).toBe('installed');
  });
});

describe('sequence reinstall', () => {
  // Logs xcp-ng/xcp #83: already-registered device co-installers are called from the first DIF,
  // and receive the nested DIF_DESTROYPRIVATEDATA (WDD co-installer-operation.md; Logs xcp-ng/xcp #83 (docs/semantics.md C1); semantics.md C1)
  it('should call the device co-installers from the first DIF on, the nested DIF_DESTROYPRIVATEDATA included', () => {
    // Given the same installers, reinstalled
    const r = runInstall(scenario({ sequence: 'reinstall', classCoInstallers: [co(CC)], deviceCoInstallers: [co(DC)] }));
    // Then the same DIFs run, and the device co-installer takes part in every one
    expect(r.sequence).toBe('reinstall');
    expect(difPath(r)).toEqual(CORE_WITH_NESTED);
    expect(r.difs.map((d) => d.context)).toEqual(Array(9).fill('server'));
    expect(r.difs.map((d) => called(d, DC))).toEqual(Array(9).fill(true));
    expect(r.driverKey).toEqual({ CoInstallers32: [DC] });
    expect(r.outcome).toBe('installed');
  });

  it('should run examples/reinstall.json with the toaster co-installer in every DIF', () => {
    const r = runInstall(lifecycleExample('reinstall'));
    expect(r.difs.map((d) => called(d, 'tostrco2.dll,ToasterCoInstaller'))).toEqual(Array(9).fill(true));
  });
});

describe('sequence remove', () => {
  // WDD dif-remove.md; WDD how-finish-install-actions-are-processed.md (REMOVE runs in an interactive UI process)
  it('should send DIF_REMOVE then DIF_DESTROYPRIVATEDATA, client side, with outcome removed', () => {
    const r = runInstall(lifecycleExample('remove'));
    expect(r.sequence).toBe('remove');
    expect(difPath(r)).toEqual(['DIF_REMOVE', 'DIF_DESTROYPRIVATEDATA']);
    expect(r.difs.map((d) => d.context)).toEqual(['client', 'client']);
    expect(r.outcome).toBe('removed');
    expect(r.failure).toBeNull();
  });

  // WDD dif-remove.md: save state in preprocessing (ERROR_DI_POSTPROCESSING_REQUIRED), clean up in
  // postprocessing only if InstallResult is NO_ERROR; semantics.md W7 (own PrivateData back)
  it('should call the co-installer back after SetupDiRemoveDevice with InstallResult NO_ERROR and its PrivateData', () => {
    const r = runInstall(lifecycleExample('remove'));
    const remove = r.difs[0];
    expect(remove.calls.map((c) => [c.who, c.phase ?? c.function, c.returned])).toEqual([
      ['deviceCoInstaller', 'pre', '0xE0000226'],
      ['defaultHandler', 'SetupDiRemoveDevice', '0x00000000'],
      ['deviceCoInstaller', 'post', '0x00000000'],
    ]);
    expect(remove.calls[2]).toMatchObject({ index: 1, installResult: '0x00000000', privateData: { key: 'Toaster\\Settings' } });
    expect(remove.result.hex).toBe('0x00000000');
  });
});

describe('sequence properties', () => {
  /** A device co-installer that adds a page, and sets DI_FLAGSEX_PROPCHANGE_PENDING when `changes`. */
  const properties = (session: { admin: boolean } | null, changes: boolean) =>
    scenario({
      device: WIDGET,
      sequence: 'properties',
      session,
      deviceCoInstallers: [
        co(DC, 'DIF_ADDPROPERTYPAGE_ADVANCED', {
          pre: 'NO_ERROR',
          effects: [{ addPropertyPages: 1 }, ...(changes ? [{ setFlagsEx: ['DI_FLAGSEX_PROPCHANGE_PENDING'] }] : [])],
        }),
      ],
    });

  // WDD dif-addpropertypage-advanced.md, dif-propertychange.md steps 1, 3, 4; SDK ns-setupapi-sp_devinstall_params_a.md; WDD co-installer-functionality.md
  it('should send DIF_PROPERTYCHANGE when a page set DI_FLAGSEX_PROPCHANGE_PENDING and an administrator is logged on', () => {
    const r = runInstall(properties({ admin: true }, true));
    expect(r.sequence).toBe('properties');
    expect(difPath(r)).toEqual(['DIF_ADDPROPERTYPAGE_ADVANCED', 'DIF_PROPERTYCHANGE', 'DIF_DESTROYPRIVATEDATA']);
    expect(r.difs.map((d) => d.context)).toEqual(['client', 'client', 'client']);
    // WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h: DIF_PROPERTYCHANGE's default handler is SetupDiChangeState
    expect(r.difs[1].calls.at(-1)).toEqual({ who: 'defaultHandler', function: 'SetupDiChangeState', returned: '0x00000000' });
    expect(r.outcome).toBe('installed');
  });

  // WDD co-installer-functionality.md: only administrators can change what the pages show (WDD dif-addpropertypage-advanced.md, dif-propertychange.md step 4)
  it('should not send DIF_PROPERTYCHANGE for a standard user, even though a page set DI_FLAGSEX_PROPCHANGE_PENDING', () => {
    const r = runInstall(properties({ admin: false }, true));
    expect(difPath(r)).toEqual(['DIF_ADDPROPERTYPAGE_ADVANCED', 'DIF_DESTROYPRIVATEDATA']);
    expect(r.outcome).toBe('installed');
  });

  it('should not send DIF_PROPERTYCHANGE when nobody is logged on', () => {
    expect(difPath(runInstall(properties(null, true)))).toEqual(['DIF_ADDPROPERTYPAGE_ADVANCED', 'DIF_DESTROYPRIVATEDATA']);
  });

  // WDD dif-addpropertypage-advanced.md, dif-propertychange.md step 3: DIF_PROPERTYCHANGE follows only a page that changed something
  it('should not send DIF_PROPERTYCHANGE for an administrator when no page set DI_FLAGSEX_PROPCHANGE_PENDING', () => {
    expect(difPath(runInstall(properties({ admin: true }, false)))).toEqual(['DIF_ADDPROPERTYPAGE_ADVANCED', 'DIF_DESTROYPRIVATEDATA']);
  });

  it('should run examples/properties.json (administrator, a page changed a setting) with DIF_PROPERTYCHANGE', () => {
    const r = runInstall(lifecycleExample('properties'));
    expect(difPath(r)).toEqual(['DIF_ADDPROPERTYPAGE_ADVANCED', 'DIF_PROPERTYCHANGE', 'DIF_DESTROYPRIVATEDATA']);
    expect(r.violations).toEqual([]);
  });
});

describe('an explicit list of DIF codes', () => {
  // docs/lifecycle.md "Sequences", choice L6: exactly those DIFs, server side; device co-installers
  // count as registered unless the list contains DIF_REGISTER_COINSTALLERS
  it('should run exactly the listed DIFs, server side, with the device co-installers taking part', () => {
    const r = runInstall(scenario({ sequence: ['DIF_INSTALLDEVICE', 'DIF_DESTROYPRIVATEDATA'], classCoInstallers: [co(CC)], deviceCoInstallers: [co(DC)] }));
    expect(difPath(r)).toEqual(['DIF_INSTALLDEVICE', 'DIF_DESTROYPRIVATEDATA']);
    expect(r.difs.map((d) => d.context)).toEqual(['server', 'server']);
    expect(r.difs.map((d) => called(d, DC))).toEqual([true, true]);
    expect(r.outcome).toBe('installed');
  });

  // L6 and WDD dif-register-coinstallers.md: a list that registers them itself
  it('should keep device co-installers out until a listed DIF_REGISTER_COINSTALLERS registers them (with its nested call)', () => {
    const r = runInstall(scenario({ sequence: ['DIF_ALLOW_INSTALL', 'DIF_REGISTER_COINSTALLERS', 'DIF_INSTALLDEVICE'], deviceCoInstallers: [co(DC)] }));
    expect(difPath(r)).toEqual(['DIF_ALLOW_INSTALL', 'DIF_REGISTER_COINSTALLERS', 'DIF_DESTROYPRIVATEDATA<DIF_REGISTER_COINSTALLERS', 'DIF_INSTALLDEVICE']);
    expect(r.difs.map((d) => called(d, DC))).toEqual([false, false, false, true]);
    expect(r.driverKey).toEqual({ CoInstallers32: [DC] });
  });

  it('should accept DIF values as well as names', () => {
    // 0x02 = DIF_INSTALLDEVICE, 0x0C = DIF_DESTROYPRIVATEDATA (WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h)
    // (a class co-installer loads a list, so the DIF_DESTROYPRIVATEDATA has someone to go to: choice L10)
    expect(difNames(runInstall(scenario({ sequence: [2, '0x0C'], classCoInstallers: [co(CC)] })))).toEqual(['DIF_INSTALLDEVICE', 'DIF_DESTROYPRIVATEDATA']);
  });
});
