/**
 * SP_DEVINSTALL_PARAMS.Flags (DI_*) and .FlagsEx (DI_FLAGSEX_*), exact values.
 *
 * Values: Wine `include/setupapi.h`, MinGW `mingw-w64-headers/include/setupapi.h` and SDK
 * ns-setupapi-sp_devinstall_params_a.md. Groups: MicrosoftDocs/sdk-api `sdk-api-src/content/setupapi/ns-setupapi-sp_devinstall_params_a.md`
 * (W writable by applications and installers, R read-only, Res reserved, Obs obsolete).
 * DI_INF_IS_SORTED uses MinGW's 0x00008000, not the older Wine header's 0x00080000 (Wine include/setupapi.h against MinGW setupapi.h).
 */

export type FlagGroup = 'W' | 'R' | 'Res' | 'Obs' | '-';

export interface FlagInfo {
  readonly name: string;
  readonly value: number;
  readonly group: FlagGroup;
}

export const DI_FLAGS: readonly FlagInfo[] = [
  { name: 'DI_SHOWOEM', value: 0x00000001, group: 'W' },
  { name: 'DI_SHOWCOMPAT', value: 0x00000002, group: 'Res' },
  { name: 'DI_SHOWCLASS', value: 0x00000004, group: 'Res' },
  { name: 'DI_SHOWALL', value: 0x00000007, group: 'Res' },
  { name: 'DI_NOVCP', value: 0x00000008, group: 'W' },
  { name: 'DI_DIDCOMPAT', value: 0x00000010, group: 'R' },
  { name: 'DI_DIDCLASS', value: 0x00000020, group: 'R' },
  { name: 'DI_AUTOASSIGNRES', value: 0x00000040, group: 'Res' },
  { name: 'DI_NEEDRESTART', value: 0x00000080, group: 'W' },
  { name: 'DI_NEEDREBOOT', value: 0x00000100, group: 'W' },
  { name: 'DI_NOBROWSE', value: 0x00000200, group: 'W' },
  { name: 'DI_MULTMFGS', value: 0x00000400, group: 'R' },
  { name: 'DI_DISABLED', value: 0x00000800, group: 'Res' },
  { name: 'DI_GENERALPAGE_ADDED', value: 0x00001000, group: 'Res' },
  { name: 'DI_RESOURCEPAGE_ADDED', value: 0x00002000, group: 'W' },
  { name: 'DI_PROPERTIES_CHANGE', value: 0x00004000, group: 'W' },
  { name: 'DI_INF_IS_SORTED', value: 0x00008000, group: 'W' },
  { name: 'DI_ENUMSINGLEINF', value: 0x00010000, group: 'W' },
  { name: 'DI_DONOTCALLCONFIGMG', value: 0x00020000, group: 'W' },
  { name: 'DI_INSTALLDISABLED', value: 0x00040000, group: 'W' },
  { name: 'DI_COMPAT_FROM_CLASS', value: 0x00080000, group: 'W' },
  { name: 'DI_CLASSINSTALLPARAMS', value: 0x00100000, group: 'W' },
  { name: 'DI_NODI_DEFAULTACTION', value: 0x00200000, group: 'W' },
  { name: 'DI_QUIETINSTALL', value: 0x00800000, group: 'W' },
  { name: 'DI_NOFILECOPY', value: 0x01000000, group: 'W' },
  { name: 'DI_FORCECOPY', value: 0x02000000, group: 'Res' },
  { name: 'DI_DRIVERPAGE_ADDED', value: 0x04000000, group: 'W' },
  { name: 'DI_USECI_SELECTSTRINGS', value: 0x08000000, group: 'W' },
  { name: 'DI_OVERRIDE_INFFLAGS', value: 0x10000000, group: 'Res' },
  { name: 'DI_PROPS_NOCHANGEUSAGE', value: 0x20000000, group: 'Obs' },
  { name: 'DI_NOSELECTICONS', value: 0x40000000, group: 'Obs' },
  { name: 'DI_NOWRITE_IDS', value: 0x80000000, group: 'W' },
];

export const DI_FLAGSEX: readonly FlagInfo[] = [
  { name: 'DI_FLAGSEX_USEOLDINFSEARCH', value: 0x00000001, group: 'Res' },
  { name: 'DI_FLAGSEX_CI_FAILED', value: 0x00000004, group: 'R' },
  { name: 'DI_FLAGSEX_FINISHINSTALL_ACTION', value: 0x00000008, group: 'W' },
  { name: 'DI_FLAGSEX_DIDINFOLIST', value: 0x00000010, group: 'R' },
  { name: 'DI_FLAGSEX_DIDCOMPATINFO', value: 0x00000020, group: 'R' },
  { name: 'DI_FLAGSEX_FILTERCLASSES', value: 0x00000040, group: 'W' },
  { name: 'DI_FLAGSEX_SETFAILEDINSTALL', value: 0x00000080, group: 'W' },
  { name: 'DI_FLAGSEX_DEVICECHANGE', value: 0x00000100, group: 'Res' },
  { name: 'DI_FLAGSEX_ALWAYSWRITEIDS', value: 0x00000200, group: 'W' },
  { name: 'DI_FLAGSEX_PROPCHANGE_PENDING', value: 0x00000400, group: 'W' },
  { name: 'DI_FLAGSEX_ALLOWEXCLUDEDDRVS', value: 0x00000800, group: 'W' },
  { name: 'DI_FLAGSEX_NOUIONQUERYREMOVE', value: 0x00001000, group: 'Obs' },
  { name: 'DI_FLAGSEX_USECLASSFORCOMPAT', value: 0x00002000, group: 'W' },
  { name: 'DI_FLAGSEX_NO_DRVREG_MODIFY', value: 0x00008000, group: 'W' },
  { name: 'DI_FLAGSEX_IN_SYSTEM_SETUP', value: 0x00010000, group: 'R' },
  { name: 'DI_FLAGSEX_INET_DRIVER', value: 0x00020000, group: 'W' },
  { name: 'DI_FLAGSEX_APPENDDRIVERLIST', value: 0x00040000, group: 'W' },
  { name: 'DI_FLAGSEX_PREINSTALLBACKUP', value: 0x00080000, group: 'Res' },
  { name: 'DI_FLAGSEX_BACKUPONREPLACE', value: 0x00100000, group: 'Res' },
  { name: 'DI_FLAGSEX_DRIVERLIST_FROM_URL', value: 0x00200000, group: 'W' },
  { name: 'DI_FLAGSEX_EXCLUDE_OLD_INET_DRIVERS', value: 0x00800000, group: 'W' },
  { name: 'DI_FLAGSEX_POWERPAGE_ADDED', value: 0x01000000, group: 'W' },
  { name: 'DI_FLAGSEX_FILTERSIMILARDRIVERS', value: 0x02000000, group: 'W' },
  { name: 'DI_FLAGSEX_INSTALLEDDRIVER', value: 0x04000000, group: 'W' },
  { name: 'DI_FLAGSEX_NO_CLASSLIST_NODE_MERGE', value: 0x08000000, group: '-' },
  { name: 'DI_FLAGSEX_ALTPLATFORM_DRVSEARCH', value: 0x10000000, group: '-' },
  { name: 'DI_FLAGSEX_RESTART_DEVICE_ONLY', value: 0x20000000, group: '-' },
  { name: 'DI_FLAGSEX_RECURSIVESEARCH', value: 0x40000000, group: '-' },
  { name: 'DI_FLAGSEX_SEARCH_PUBLISHED_INFS', value: 0x80000000, group: '-' },
];

/** The flags the dispatch rules read, by name. */
export const Flag = {
  DI_NEEDRESTART: 0x00000080,
  DI_NEEDREBOOT: 0x00000100,
  DI_NODI_DEFAULTACTION: 0x00200000,
  DI_QUIETINSTALL: 0x00800000,
} as const;

export const FlagEx = {
  DI_FLAGSEX_CI_FAILED: 0x00000004,
  DI_FLAGSEX_FINISHINSTALL_ACTION: 0x00000008,
  DI_FLAGSEX_SETFAILEDINSTALL: 0x00000080,
} as const;

const flagByName = new Map(DI_FLAGS.map((f) => [f.name, f]));
const flagExByName = new Map(DI_FLAGSEX.map((f) => [f.name, f]));

export function flagByNameOf(kind: 'flags' | 'flagsEx', name: string): FlagInfo | undefined {
  return (kind === 'flags' ? flagByName : flagExByName).get(name);
}

/** ORs a list of flag names into one value; the names must already be validated. */
export function combineFlags(kind: 'flags' | 'flagsEx', names: readonly string[]): number {
  let value = 0;
  for (const name of names) {
    const info = flagByNameOf(kind, name);
    if (!info) throw new Error(`unknown ${kind === 'flags' ? 'DI_' : 'DI_FLAGSEX_'} flag ${name}`);
    value = (value | info.value) >>> 0;
  }
  return value;
}

/** The names of the single-bit flags set in `value` (composite DI_SHOWALL is left out). */
export function flagNames(kind: 'flags' | 'flagsEx', value: number): string[] {
  const table = kind === 'flags' ? DI_FLAGS : DI_FLAGSEX;
  return table.filter((f) => f.name !== 'DI_SHOWALL' && (value & f.value) >>> 0 === f.value).map((f) => f.name);
}
