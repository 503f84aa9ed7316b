/**
 * DIF_CODES, DI_FLAGS and DI_FLAGSEX against WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h; SDK ns-setupapi-sp_devinstall_params_a.md.
 * DIF values: Wine include/setupapi.h, MinGW mingw-w64-headers/include/setupapi.h.
 * Categories: learn.microsoft.com previous-versions ff541307 / ff549755 / ff549388 (PrevDocs).
 * Who handles / DeviceInfoData: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/dif-*.md.
 * Default handlers: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/calling-the-default-dif-code-handlers.md.
 */
import { DIF_CODES, difByName, difByValue, documentedDefaultHandler, OS_VERSIONS } from '../../src/domain/difCodes.js';
import { combineFlags, DI_FLAGS, DI_FLAGSEX, Flag, FlagEx, flagNames } from '../../src/domain/flags.js';

const CC = 'classCoInstaller';
const DC = 'deviceCoInstaller';
const CI = 'classInstaller';

// WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h table, row by row: [name, value, category, DID, who handles, default handler].
// `undefined` where the table has "–" and so fixes nothing (not asserted; see the report).
type Row = readonly [string, number, 'public' | 'private' | 'obsolete' | undefined, 'null' | 'optional' | 'required' | undefined, readonly string[], string | null];
const SPEC_DIF_TABLE: readonly Row[] = [
  ['DIF_SELECTDEVICE', 0x01, 'public', 'optional', [CC, CI], 'SetupDiSelectDevice'],
  ['DIF_INSTALLDEVICE', 0x02, 'public', 'required', [CC, DC, CI], 'SetupDiInstallDevice'],
  ['DIF_ASSIGNRESOURCES', 0x03, 'private', undefined, [], null],
  ['DIF_PROPERTIES', 0x04, 'obsolete', undefined, [], null],
  ['DIF_REMOVE', 0x05, 'public', 'required', [CC, DC, CI], 'SetupDiRemoveDevice'],
  ['DIF_FIRSTTIMESETUP', 0x06, 'private', 'null', [CC, CI], null],
  ['DIF_FOUNDDEVICE', 0x07, 'private', undefined, [], null],
  ['DIF_SELECTCLASSDRIVERS', 0x08, 'obsolete', undefined, [], null],
  ['DIF_VALIDATECLASSDRIVERS', 0x09, 'obsolete', undefined, [], null],
  ['DIF_INSTALLCLASSDRIVERS', 0x0a, 'private', undefined, [], null],
  ['DIF_CALCDISKSPACE', 0x0b, 'private', undefined, [], null],
  ['DIF_DESTROYPRIVATEDATA', 0x0c, 'public', 'optional', [CI], null],
  ['DIF_VALIDATEDRIVER', 0x0d, 'obsolete', undefined, [], null],
  ['DIF_MOVEDEVICE', 0x0e, 'obsolete', undefined, [], null],
  ['DIF_DETECT', 0x0f, 'public', 'null', [CC, CI], null],
  ['DIF_INSTALLWIZARD', 0x10, 'obsolete', undefined, [], null],
  ['DIF_DESTROYWIZARDDATA', 0x11, 'obsolete', undefined, [], null],
  ['DIF_PROPERTYCHANGE', 0x12, 'public', 'required', [CC, DC, CI], 'SetupDiChangeState'],
  ['DIF_ENABLECLASS', 0x13, 'private', undefined, [], null],
  ['DIF_DETECTVERIFY', 0x14, 'private', undefined, [], null],
  ['DIF_INSTALLDEVICEFILES', 0x15, 'public', 'required', [CC, CI], 'SetupDiInstallDriverFiles'],
  ['DIF_UNREMOVE', 0x16, 'public', 'required', [CC, DC, CI], 'SetupDiUnremoveDevice'],
  ['DIF_SELECTBESTCOMPATDRV', 0x17, 'public', 'required', [CC, CI], 'SetupDiSelectBestCompatDrv'],
  ['DIF_ALLOW_INSTALL', 0x18, 'public', 'required', [CC, CI], null],
  ['DIF_REGISTERDEVICE', 0x19, 'public', 'required', [CC, CI], 'SetupDiRegisterDeviceInfo'],
  ['DIF_NEWDEVICEWIZARD_PRESELECT', 0x1a, 'public', 'required', [CC, CI], null],
  ['DIF_NEWDEVICEWIZARD_SELECT', 0x1b, 'public', 'required', [CC, CI], null],
  ['DIF_NEWDEVICEWIZARD_PREANALYZE', 0x1c, 'public', 'required', [CC, CI], null],
  ['DIF_NEWDEVICEWIZARD_POSTANALYZE', 0x1d, 'public', 'required', [CC, CI], null],
  ['DIF_NEWDEVICEWIZARD_FINISHINSTALL', 0x1e, 'public', 'required', [CC, DC, CI], null],
  ['DIF_UNUSED1', 0x1f, undefined, undefined, [], null],
  ['DIF_INSTALLINTERFACES', 0x20, 'public', 'required', [CC, DC, CI], 'SetupDiInstallDeviceInterfaces'],
  ['DIF_DETECTCANCEL', 0x21, 'private', undefined, [], null],
  ['DIF_REGISTER_COINSTALLERS', 0x22, 'public', 'required', [CC, CI], 'SetupDiRegisterCoDeviceInstallers'],
  ['DIF_ADDPROPERTYPAGE_ADVANCED', 0x23, 'public', 'optional', [CC, DC, CI], null],
  ['DIF_ADDPROPERTYPAGE_BASIC', 0x24, 'private', undefined, [], null],
  ['DIF_RESERVED1', 0x25, undefined, undefined, [], null],
  ['DIF_TROUBLESHOOTER', 0x26, 'public', 'required', [CC, DC, CI], null],
  ['DIF_POWERMESSAGEWAKE', 0x27, 'public', 'required', [CC, DC, CI], null],
  ['DIF_ADDREMOTEPROPERTYPAGE_ADVANCED', 0x28, undefined, undefined, [], null],
  ['DIF_UPDATEDRIVER_UI', 0x29, 'private', undefined, [], null],
  // default handler on Vista/Win7 only: checked separately below
  ['DIF_FINISHINSTALL_ACTION', 0x2a, 'public', 'required', [CC, DC, CI], 'SetupDiFinishInstallAction'],
  ['DIF_RESERVED2', 0x30, undefined, undefined, [], null],
];

describe('DIF_CODES', () => {
  // WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h: every code 0x01–0x2A and 0x30 (Wine include/setupapi.h)
  it('should hold exactly the codes of WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h, in value order', () => {
    expect(DIF_CODES.map((d) => [d.name, d.value])).toEqual(SPEC_DIF_TABLE.map(([name, value]) => [name, value]));
  });

  describe.each(SPEC_DIF_TABLE)('%s', (name, value, category, deviceInfoData, handledBy) => {
    const info = DIF_CODES.find((d) => d.name === name)!;

    it(`should have the value 0x${value.toString(16).toUpperCase().padStart(2, '0')}`, () => {
      expect(info.value).toBe(value);
      expect(difByName(name)?.value).toBe(value);
      expect(difByValue(value)?.name).toBe(name);
    });

    if (category !== undefined) {
      // WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h "Cat." column (PrevDocs ff541307, ff549755, ff549388)
      it(`should be ${category}`, () => {
        expect(info.category).toBe(category);
      });
    }

    if (deviceInfoData !== undefined) {
      // WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h "DID" column; WDD dif-detect.md, dif-firsttimesetup.md (co-installer-interface.md, dif-detect.md, dif-firsttimesetup.md,
      // dif-selectdevice.md, dif-destroyprivatedata.md, dif-addpropertypage-advanced.md)
      it(`should take DeviceInfoData ${deviceInfoData}`, () => {
        expect(info.deviceInfoData).toBe(deviceInfoData);
      });
    }

    // WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h "CC / DC / CI" columns (WDD dif-*.md "Who handles")
    it(`should be handled by [${handledBy.join(', ')}]`, () => {
      expect([...info.handledBy].sort()).toEqual([...handledBy].sort());
    });
  });

  describe('DeviceInfoData', () => {
    // WDD dif-detect.md, dif-firsttimesetup.md: DIF_DETECT and DIF_FIRSTTIMESETUP always pass NULL (WDD dif-detect.md, dif-firsttimesetup.md)
    it('should be NULL for exactly DIF_DETECT and DIF_FIRSTTIMESETUP', () => {
      expect(DIF_CODES.filter((d) => d.deviceInfoData === 'null').map((d) => d.name).sort()).toEqual(['DIF_DETECT', 'DIF_FIRSTTIMESETUP']);
    });
  });
});

describe('documentedDefaultHandler', () => {
  // WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h list (WDD calling-the-default-dif-code-handlers.md; calling-setupapi-functions.md):
  // exactly these 11 DIF codes have a default handler; every other code has none.
  const ELEVEN: Readonly<Record<string, string>> = {
    DIF_PROPERTYCHANGE: 'SetupDiChangeState',
    DIF_FINISHINSTALL_ACTION: 'SetupDiFinishInstallAction',
    DIF_INSTALLDEVICE: 'SetupDiInstallDevice',
    DIF_INSTALLINTERFACES: 'SetupDiInstallDeviceInterfaces',
    DIF_INSTALLDEVICEFILES: 'SetupDiInstallDriverFiles',
    DIF_REGISTER_COINSTALLERS: 'SetupDiRegisterCoDeviceInstallers',
    DIF_REGISTERDEVICE: 'SetupDiRegisterDeviceInfo',
    DIF_REMOVE: 'SetupDiRemoveDevice',
    DIF_SELECTBESTCOMPATDRV: 'SetupDiSelectBestCompatDrv',
    DIF_SELECTDEVICE: 'SetupDiSelectDevice',
    DIF_UNREMOVE: 'SetupDiUnremoveDevice',
  };

  it('should list the 11 documented default handlers in DIF_CODES', () => {
    const withHandler = Object.fromEntries(DIF_CODES.filter((d) => d.defaultHandler !== null).map((d) => [d.name, d.defaultHandler]));
    expect(withHandler).toEqual(ELEVEN);
  });

  it.each(SPEC_DIF_TABLE.filter(([name]) => name !== 'DIF_FINISHINSTALL_ACTION'))(
    'should give %s the same default handler on every OS version',
    (_name, value, _c, _d, _h, handler) => {
      for (const os of OS_VERSIONS) expect([os, documentedDefaultHandler(value, os)]).toEqual([os, handler]);
    },
  );

  // WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h row DIF_FINISHINSTALL_ACTION: "SetupDiFinishInstallAction (Vista/Win7 only), none on Win8+";
  // WDD overview-of-finish-install-actions.md, running-finish-install-actions.md (WDD running-finish-install-actions.md; PrevDocs ff551022: Vista through Windows 7)
  describe('given DIF_FINISHINSTALL_ACTION', () => {
    it.each(['vista', 'win7'] as const)('should have SetupDiFinishInstallAction on %s', (os) => {
      expect(documentedDefaultHandler(0x2a, os)).toBe('SetupDiFinishInstallAction');
    });

    it.each(['win8', 'win10', 'win11'] as const)('should have no default handler on %s', (os) => {
      expect(documentedDefaultHandler(0x2a, os)).toBeNull();
    });
  });

  // WDD calling-the-default-dif-code-handlers.md; ReactOS and Wine dlls/setupapi/devinst.c last row: an unknown code (0xdeadbeef) has no handler
  it('should give an unknown DIF value no default handler', () => {
    expect(documentedDefaultHandler(0xdeadbeef, 'win10')).toBeNull();
  });
});

describe('DI_FLAGS', () => {
  // Wine include/setupapi.h; SDK ns-setupapi-sp_devinstall_params_a.md (Wine include/setupapi.h; MinGW setupapi.h; groups: MicrosoftDocs/sdk-api
  // sdk-api-src/content/setupapi/ns-setupapi-sp_devinstall_params_a.md)
  const SPEC_FLAGS: readonly (readonly [string, number, string])[] = [
    ['DI_SHOWOEM', 0x00000001, 'W'],
    ['DI_SHOWCOMPAT', 0x00000002, 'Res'],
    ['DI_SHOWCLASS', 0x00000004, 'Res'],
    ['DI_SHOWALL', 0x00000007, 'Res'],
    ['DI_NOVCP', 0x00000008, 'W'],
    ['DI_DIDCOMPAT', 0x00000010, 'R'],
    ['DI_DIDCLASS', 0x00000020, 'R'],
    ['DI_AUTOASSIGNRES', 0x00000040, 'Res'],
    ['DI_NEEDRESTART', 0x00000080, 'W'],
    ['DI_NEEDREBOOT', 0x00000100, 'W'],
    ['DI_NOBROWSE', 0x00000200, 'W'],
    ['DI_MULTMFGS', 0x00000400, 'R'],
    ['DI_DISABLED', 0x00000800, 'Res'],
    ['DI_GENERALPAGE_ADDED', 0x00001000, 'Res'],
    ['DI_RESOURCEPAGE_ADDED', 0x00002000, 'W'],
    ['DI_PROPERTIES_CHANGE', 0x00004000, 'W'],
    // Wine include/setupapi.h against MinGW setupapi.h: MinGW's 0x00008000, not the older Wine header's 0x00080000
    ['DI_INF_IS_SORTED', 0x00008000, 'W'],
    ['DI_ENUMSINGLEINF', 0x00010000, 'W'],
    ['DI_DONOTCALLCONFIGMG', 0x00020000, 'W'],
    ['DI_INSTALLDISABLED', 0x00040000, 'W'],
    ['DI_COMPAT_FROM_CLASS', 0x00080000, 'W'],
    ['DI_CLASSINSTALLPARAMS', 0x00100000, 'W'],
    ['DI_NODI_DEFAULTACTION', 0x00200000, 'W'],
    ['DI_QUIETINSTALL', 0x00800000, 'W'],
    ['DI_NOFILECOPY', 0x01000000, 'W'],
    ['DI_FORCECOPY', 0x02000000, 'Res'],
    ['DI_DRIVERPAGE_ADDED', 0x04000000, 'W'],
    ['DI_USECI_SELECTSTRINGS', 0x08000000, 'W'],
    ['DI_OVERRIDE_INFFLAGS', 0x10000000, 'Res'],
    ['DI_PROPS_NOCHANGEUSAGE', 0x20000000, 'Obs'],
    ['DI_NOSELECTICONS', 0x40000000, 'Obs'],
    ['DI_NOWRITE_IDS', 0x80000000, 'W'],
  ];

  it('should hold exactly the flags of Wine include/setupapi.h; SDK ns-setupapi-sp_devinstall_params_a.md', () => {
    expect(DI_FLAGS.map((f) => f.name)).toEqual(SPEC_FLAGS.map(([name]) => name));
  });

  it.each(SPEC_FLAGS)('should give %s the value %d and group %s', (name, value, group) => {
    expect(DI_FLAGS.find((f) => f.name === name)).toEqual({ name, value, group });
  });

  it('should give the named constants the Wine include/setupapi.h; SDK ns-setupapi-sp_devinstall_params_a.md values', () => {
    expect(Flag).toEqual({ DI_NEEDRESTART: 0x00000080, DI_NEEDREBOOT: 0x00000100, DI_NODI_DEFAULTACTION: 0x00200000, DI_QUIETINSTALL: 0x00800000 });
  });

  it('should OR flag names together and name the bits of a value', () => {
    expect(combineFlags('flags', ['DI_NODI_DEFAULTACTION', 'DI_QUIETINSTALL'])).toBe(0x00a00000);
    expect(flagNames('flags', 0x00a00000)).toEqual(['DI_NODI_DEFAULTACTION', 'DI_QUIETINSTALL']);
    expect(combineFlags('flags', ['DI_NOWRITE_IDS'])).toBe(0x80000000);
  });
});

describe('DI_FLAGSEX', () => {
  // Wine include/setupapi.h; SDK ns-setupapi-sp_devinstall_params_a.md (Wine include/setupapi.h; MinGW setupapi.h; SDK ns-setupapi-sp_devinstall_params_a.md).
  // "–" in the Group column is '-' here.
  const SPEC_FLAGSEX: readonly (readonly [string, number, string])[] = [
    ['DI_FLAGSEX_USEOLDINFSEARCH', 0x00000001, 'Res'],
    ['DI_FLAGSEX_CI_FAILED', 0x00000004, 'R'],
    ['DI_FLAGSEX_FINISHINSTALL_ACTION', 0x00000008, 'W'],
    ['DI_FLAGSEX_DIDINFOLIST', 0x00000010, 'R'],
    ['DI_FLAGSEX_DIDCOMPATINFO', 0x00000020, 'R'],
    ['DI_FLAGSEX_FILTERCLASSES', 0x00000040, 'W'],
    ['DI_FLAGSEX_SETFAILEDINSTALL', 0x00000080, 'W'],
    ['DI_FLAGSEX_DEVICECHANGE', 0x00000100, 'Res'],
    ['DI_FLAGSEX_ALWAYSWRITEIDS', 0x00000200, 'W'],
    ['DI_FLAGSEX_PROPCHANGE_PENDING', 0x00000400, 'W'],
    ['DI_FLAGSEX_ALLOWEXCLUDEDDRVS', 0x00000800, 'W'],
    ['DI_FLAGSEX_NOUIONQUERYREMOVE', 0x00001000, 'Obs'],
    ['DI_FLAGSEX_USECLASSFORCOMPAT', 0x00002000, 'W'],
    ['DI_FLAGSEX_NO_DRVREG_MODIFY', 0x00008000, 'W'],
    ['DI_FLAGSEX_IN_SYSTEM_SETUP', 0x00010000, 'R'],
    ['DI_FLAGSEX_INET_DRIVER', 0x00020000, 'W'],
    ['DI_FLAGSEX_APPENDDRIVERLIST', 0x00040000, 'W'],
    ['DI_FLAGSEX_PREINSTALLBACKUP', 0x00080000, 'Res'],
    ['DI_FLAGSEX_BACKUPONREPLACE', 0x00100000, 'Res'],
    ['DI_FLAGSEX_DRIVERLIST_FROM_URL', 0x00200000, 'W'],
    ['DI_FLAGSEX_EXCLUDE_OLD_INET_DRIVERS', 0x00800000, 'W'],
    ['DI_FLAGSEX_POWERPAGE_ADDED', 0x01000000, 'W'],
    ['DI_FLAGSEX_FILTERSIMILARDRIVERS', 0x02000000, 'W'],
    ['DI_FLAGSEX_INSTALLEDDRIVER', 0x04000000, 'W'],
    ['DI_FLAGSEX_NO_CLASSLIST_NODE_MERGE', 0x08000000, '-'],
    ['DI_FLAGSEX_ALTPLATFORM_DRVSEARCH', 0x10000000, '-'],
    ['DI_FLAGSEX_RESTART_DEVICE_ONLY', 0x20000000, '-'],
    ['DI_FLAGSEX_RECURSIVESEARCH', 0x40000000, '-'],
    ['DI_FLAGSEX_SEARCH_PUBLISHED_INFS', 0x80000000, '-'],
  ];

  it('should hold exactly the flags of Wine include/setupapi.h; SDK ns-setupapi-sp_devinstall_params_a.md', () => {
    expect(DI_FLAGSEX.map((f) => f.name)).toEqual(SPEC_FLAGSEX.map(([name]) => name));
  });

  it.each(SPEC_FLAGSEX)('should give %s the value %d and group %s', (name, value, group) => {
    expect(DI_FLAGSEX.find((f) => f.name === name)).toEqual({ name, value, group });
  });

  it('should give the named constants the Wine include/setupapi.h; SDK ns-setupapi-sp_devinstall_params_a.md values', () => {
    expect(FlagEx).toEqual({ DI_FLAGSEX_CI_FAILED: 0x00000004, DI_FLAGSEX_FINISHINSTALL_ACTION: 0x00000008, DI_FLAGSEX_SETFAILEDINSTALL: 0x00000080 });
  });

  it('should OR FlagsEx names together', () => {
    expect(combineFlags('flagsEx', ['DI_FLAGSEX_CI_FAILED', 'DI_FLAGSEX_FINISHINSTALL_ACTION', 'DI_FLAGSEX_SETFAILEDINSTALL'])).toBe(0x8c);
  });
});
