/**
 * Every DIF code (0x01–0x30) with its exact value, category, DeviceInfoData rule, default
 * handler and the installer kinds the documentation says handle it.
 *
 * Values: Wine `include/setupapi.h`, MinGW `mingw-w64-headers/include/setupapi.h`.
 * Categories: learn.microsoft.com previous-versions ff541307 / ff549793 / ff549755 / ff549388.
 * Who handles / default handlers: MicrosoftDocs/windows-driver-docs
 * `windows-driver-docs-pr/install/dif-*.md` and `calling-the-default-dif-code-handlers.md`.
 * All of it as tabled in WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h.
 */

export const DIF_CATEGORIES = ['public', 'private', 'obsolete'] as const;
export type DifCategory = (typeof DIF_CATEGORIES)[number];

/** `null`: always NULL; `optional`: NULL allowed; `required`: a device element is passed. */
export const DEVICE_INFO_RULES = ['null', 'optional', 'required'] as const;
export type DeviceInfoRule = (typeof DEVICE_INFO_RULES)[number];

export const INSTALLER_KINDS = ['classCoInstaller', 'deviceCoInstaller', 'classInstaller'] as const;
export type InstallerKind = (typeof INSTALLER_KINDS)[number];

export const OS_VERSIONS = ['vista', 'win7', 'win8', 'win10', 'win11'] as const;
export type OsVersion = (typeof OS_VERSIONS)[number];

export interface DifInfo {
  readonly name: string;
  readonly value: number;
  readonly category: DifCategory;
  readonly deviceInfoData: DeviceInfoRule;
  /** The SetupDi function Windows runs as the default handler, or null when there is none. */
  readonly defaultHandler: string | null;
  /** Set when the default handler exists only on some versions (DIF_FINISHINSTALL_ACTION). */
  readonly defaultHandlerOn?: readonly OsVersion[];
  /** Installer kinds the documentation lists as handling the code ("Who handles" ✓). */
  readonly handledBy: readonly InstallerKind[];
  readonly meaning: string;
  /** The windows-driver-docs page (under windows-driver-docs-pr/install/) or header it comes from. */
  readonly source: string;
  readonly note?: string;
}

const ALL: readonly InstallerKind[] = ['classCoInstaller', 'deviceCoInstaller', 'classInstaller'];
const CLASS_ONLY: readonly InstallerKind[] = ['classCoInstaller', 'classInstaller'];
const NONE: readonly InstallerKind[] = [];

function dif(
  name: string,
  value: number,
  category: DifCategory,
  deviceInfoData: DeviceInfoRule,
  handledBy: readonly InstallerKind[],
  defaultHandler: string | null,
  meaning: string,
  extra: { source?: string; note?: string; defaultHandlerOn?: readonly OsVersion[] } = {},
): DifInfo {
  const page = `${name.toLowerCase().replace(/_/g, '-')}.md`;
  const { source = page, note, defaultHandlerOn } = extra;
  return {
    name, value, category, deviceInfoData, handledBy, defaultHandler, meaning, source,
    ...(note ? { note } : {}),
    ...(defaultHandlerOn ? { defaultHandlerOn } : {}),
  };
}

const HEADER_ONLY = { source: 'Wine include/setupapi.h', note: 'header only: reserved, no documentation' };

export const DIF_CODES: readonly DifInfo[] = [
  dif('DIF_SELECTDEVICE', 0x01, 'public', 'optional', CLASS_ONLY, 'SetupDiSelectDevice', 'choose a driver for the device (or for the class when DeviceInfoData is NULL)'),
  dif('DIF_INSTALLDEVICE', 0x02, 'public', 'required', ALL, 'SetupDiInstallDevice', 'install the selected driver and start the device'),
  dif('DIF_ASSIGNRESOURCES', 0x03, 'private', 'optional', NONE, null, 'reserved for the system'),
  dif('DIF_PROPERTIES', 0x04, 'obsolete', 'optional', NONE, null, 'replaced by DIF_ADDPROPERTYPAGE_ADVANCED'),
  dif('DIF_REMOVE', 0x05, 'public', 'required', ALL, 'SetupDiRemoveDevice', 'the device is about to be removed'),
  dif('DIF_FIRSTTIMESETUP', 0x06, 'private', 'null', CLASS_ONLY, null, 'class work during GUI-mode setup (vendors only for non-PnP detection)', {
    note: 'private, except that vendors may handle it for non-PnP detection',
  }),
  dif('DIF_FOUNDDEVICE', 0x07, 'private', 'optional', NONE, null, 'reserved for the system'),
  dif('DIF_SELECTCLASSDRIVERS', 0x08, 'obsolete', 'optional', NONE, null, 'obsolete since Windows 2000'),
  dif('DIF_VALIDATECLASSDRIVERS', 0x09, 'obsolete', 'optional', NONE, null, 'obsolete since Windows 2000'),
  dif('DIF_INSTALLCLASSDRIVERS', 0x0a, 'private', 'optional', NONE, null, 'reserved for the system'),
  dif('DIF_CALCDISKSPACE', 0x0b, 'private', 'optional', NONE, null, 'reserved for the system'),
  dif('DIF_DESTROYPRIVATEDATA', 0x0c, 'public', 'optional', ['classInstaller'], null, 'the class installer frees what it stored in ClassInstallReserved', {
    note: 'co-installers "do not handle" it but are called and must return NO_ERROR',
  }),
  dif('DIF_VALIDATEDRIVER', 0x0d, 'obsolete', 'optional', NONE, null, 'obsolete since Windows 2000'),
  dif('DIF_MOVEDEVICE', 0x0e, 'obsolete', 'optional', NONE, null, 'obsolete since Windows 2000'),
  dif('DIF_DETECT', 0x0f, 'public', 'null', CLASS_ONLY, null, 'detect non-PnP devices of the class'),
  dif('DIF_INSTALLWIZARD', 0x10, 'obsolete', 'optional', NONE, null, 'replaced by the DIF_NEWDEVICEWIZARD_* codes'),
  dif('DIF_DESTROYWIZARDDATA', 0x11, 'obsolete', 'optional', NONE, null, 'obsolete since Windows 2000'),
  dif('DIF_PROPERTYCHANGE', 0x12, 'public', 'required', ALL, 'SetupDiChangeState', 'enable, disable, start, stop or restart the device'),
  dif('DIF_ENABLECLASS', 0x13, 'private', 'optional', NONE, null, 'reserved for the system'),
  dif('DIF_DETECTVERIFY', 0x14, 'private', 'optional', NONE, null, 'reserved for the system'),
  dif('DIF_INSTALLDEVICEFILES', 0x15, 'public', 'required', CLASS_ONLY, 'SetupDiInstallDriverFiles', 'copy (or only queue) the driver, interface and co-installer files'),
  dif('DIF_UNREMOVE', 0x16, 'public', 'required', ALL, 'SetupDiUnremoveDevice', 'reinstate a root-enumerated non-PnP device in a hardware profile'),
  dif('DIF_SELECTBESTCOMPATDRV', 0x17, 'public', 'required', CLASS_ONLY, 'SetupDiSelectBestCompatDrv', 'pick the best driver from the compatible list', {
    note: 'documented as deprecated and no longer invoked since Windows 10 1703; logs still show it (WDD dif-selectbestcompatdrv.md; Logs pbatard/libwdi #200)',
  }),
  dif('DIF_ALLOW_INSTALL', 0x18, 'public', 'required', CLASS_ONLY, null, 'veto or allow installing the selected driver'),
  dif('DIF_REGISTERDEVICE', 0x19, 'public', 'required', CLASS_ONLY, 'SetupDiRegisterDeviceInfo', 'register a new non-PnP device node'),
  dif('DIF_NEWDEVICEWIZARD_PRESELECT', 0x1a, 'public', 'required', CLASS_ONLY, null, 'wizard pages shown before select-driver'),
  dif('DIF_NEWDEVICEWIZARD_SELECT', 0x1b, 'public', 'required', CLASS_ONLY, null, 'wizard pages that replace select-driver'),
  dif('DIF_NEWDEVICEWIZARD_PREANALYZE', 0x1c, 'public', 'required', CLASS_ONLY, null, 'wizard pages after the driver is chosen, before registration'),
  dif('DIF_NEWDEVICEWIZARD_POSTANALYZE', 0x1d, 'public', 'required', CLASS_ONLY, null, 'wizard pages after registration, before drivers install'),
  dif('DIF_NEWDEVICEWIZARD_FINISHINSTALL', 0x1e, 'public', 'required', ALL, null, 'finish-install wizard pages, and the chance to flag finish-install actions'),
  dif('DIF_UNUSED1', 0x1f, 'private', 'optional', NONE, null, 'unused', HEADER_ONLY),
  dif('DIF_INSTALLINTERFACES', 0x20, 'public', 'required', ALL, 'SetupDiInstallDeviceInterfaces', 'register the device interfaces'),
  dif('DIF_DETECTCANCEL', 0x21, 'private', 'optional', NONE, null, 'reserved for the system'),
  dif('DIF_REGISTER_COINSTALLERS', 0x22, 'public', 'required', CLASS_ONLY, 'SetupDiRegisterCoDeviceInstallers', 'register the device-specific co-installers'),
  dif('DIF_ADDPROPERTYPAGE_ADVANCED', 0x23, 'public', 'optional', ALL, null, 'add custom device property pages'),
  dif('DIF_ADDPROPERTYPAGE_BASIC', 0x24, 'private', 'optional', NONE, null, 'reserved for the system'),
  dif('DIF_RESERVED1', 0x25, 'private', 'optional', NONE, null, 'reserved', HEADER_ONLY),
  dif('DIF_TROUBLESHOOTER', 0x26, 'public', 'required', ALL, null, 'start a troubleshooter (Windows 2000, XP and Server 2003 only)'),
  dif('DIF_POWERMESSAGEWAKE', 0x27, 'public', 'required', ALL, null, 'custom text on the power management page'),
  dif('DIF_ADDREMOTEPROPERTYPAGE_ADVANCED', 0x28, 'private', 'optional', NONE, null, 'property pages for a remote device', {
    source: 'Wine include/setupapi.h',
    note: 'no documentation page; treated as reserved',
  }),
  dif('DIF_UPDATEDRIVER_UI', 0x29, 'private', 'required', NONE, null, 'sent when Update Driver starts (seen in logs)', {
    note: 'real logs show it called with a device element',
  }),
  dif('DIF_FINISHINSTALL_ACTION', 0x2a, 'public', 'required', ALL, 'SetupDiFinishInstallAction', 'run finish-install actions in an interactive administrator context', {
    defaultHandlerOn: ['vista', 'win7'],
    note: 'SetupDiFinishInstallAction exists on Windows Vista and Windows 7 only (previous-versions ff551022)',
  }),
  dif('DIF_RESERVED2', 0x30, 'private', 'optional', NONE, null, 'reserved', HEADER_ONLY),
];

const byName = new Map(DIF_CODES.map((d) => [d.name, d]));
const byValue = new Map(DIF_CODES.map((d) => [d.value, d]));

export function difByName(name: string): DifInfo | undefined {
  return byName.get(name);
}

export function difByValue(value: number): DifInfo | undefined {
  return byValue.get(value >>> 0);
}

/**
 * The documented default handler of a DIF on an OS version: the SetupDi function name, or
 * null. Unknown DIF values have none.
 */
export function documentedDefaultHandler(value: number, os: OsVersion): string | null {
  const info = difByValue(value);
  if (!info || !info.defaultHandler) return null;
  if (info.defaultHandlerOn && !info.defaultHandlerOn.includes(os)) return null;
  return info.defaultHandler;
}
