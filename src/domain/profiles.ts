/**
 * Semantics profiles: each is a small set of named choices, read by one dispatch machine.
 *
 * windows — documented and observed Windows behaviour (WDD co-installer-operation.md, images/dif-flow.png; WDD co-installer-operation.md, handling-dif-codes.md, images/dif-flow.png; WDD co-installer-operation.md).
 * reactos — reactos/reactos `dll/win32/setupapi/devinst.c` SetupDiCallClassInstaller and
 *           `misc.c` GetFunctionPointer (ReactOS dll/win32/setupapi/devinst.c, misc.c).
 * wine    — wine-mirror/wine `dlls/setupapi/devinst.c` SetupDiCallClassInstaller and
 *           call_coinstallers (Wine dlls/setupapi/devinst.c).
 * docs/semantics.md tables every choice with its source.
 */
import { documentedDefaultHandler, type InstallerKind, type OsVersion } from './difCodes.js';
import { Status } from './statusCodes.js';

export const PROFILE_NAMES = ['windows', 'reactos', 'wine'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** Where a preprocessing failure sends the call. */
export type PreFailureRoute =
  /** skip the rest of preprocessing, the class installer and the default handler */
  | 'postprocessing'
  /** stop calling co-installers, but still call the class installer (whose answer replaces the status) */
  | 'class-installer'
  /** return the failure at once: nothing else runs, not even postprocessing */
  | 'return';

export interface Semantics {
  /** Which installers a DIF reaches. */
  readonly participation: 'device-info' | 'reactos-mask';
  /** DIF codes the implementation does not know. */
  readonly unknownDif: 'pass-to-installers' | 'not-supported';
  /** A call without a DeviceInfoData (no device, or a DIF that always passes NULL). */
  readonly nullDeviceInfo: 'class-installers-only' | 'rejected' | 'crash';
  /** How `"dll[,entry]"` is resolved. */
  readonly entryPoint: 'default-entry' | 'comma-required' | 'untrimmed-split';
  readonly onPreFailure: { readonly classCoInstaller: PreFailureRoute; readonly deviceCoInstaller: PreFailureRoute };
  /** Whether ERROR_DI_POSTPROCESSING_REQUIRED is honoured, and in which order callbacks run. */
  readonly postprocessing: 'reverse' | 'forward' | 'never';
  /** Whether each co-installer gets its own Context, or all share one that is never reset. */
  readonly privateData: 'per-coinstaller' | 'shared-context';
  /** Which DIF codes have a default handler. */
  readonly defaultHandlers: 'documented' | 'reactos' | 'wine';
  readonly noDefaultActionFlag: 'honoured' | 'ignored';
  /** What ERROR_DI_DO_DEFAULT becomes when no default handler ran. */
  readonly unhandledDoDefault: 'kept' | 'success';
  /** Whether DI_FLAGSEX_CI_FAILED, already set in FlagsEx, keeps the class installer from being loaded. */
  readonly ciFailedFlag: 'skips-class-installer' | 'ignored';
}

export const PROFILES: Readonly<Record<ProfileName, Semantics>> = {
  windows: {
    participation: 'device-info',
    unknownDif: 'pass-to-installers',
    nullDeviceInfo: 'class-installers-only',
    entryPoint: 'default-entry',
    onPreFailure: { classCoInstaller: 'postprocessing', deviceCoInstaller: 'postprocessing' },
    postprocessing: 'reverse',
    privateData: 'per-coinstaller',
    defaultHandlers: 'documented',
    noDefaultActionFlag: 'honoured',
    unhandledDoDefault: 'kept',
    ciFailedFlag: 'ignored',
  },
  reactos: {
    participation: 'reactos-mask',
    unknownDif: 'not-supported',
    nullDeviceInfo: 'crash',
    entryPoint: 'comma-required',
    onPreFailure: { classCoInstaller: 'class-installer', deviceCoInstaller: 'class-installer' },
    postprocessing: 'forward',
    privateData: 'shared-context',
    defaultHandlers: 'reactos',
    noDefaultActionFlag: 'honoured',
    unhandledDoDefault: 'success',
    ciFailedFlag: 'skips-class-installer',
  },
  wine: {
    participation: 'device-info',
    unknownDif: 'pass-to-installers',
    nullDeviceInfo: 'rejected',
    entryPoint: 'untrimmed-split',
    onPreFailure: { classCoInstaller: 'return', deviceCoInstaller: 'class-installer' },
    postprocessing: 'never',
    privateData: 'per-coinstaller',
    defaultHandlers: 'wine',
    noDefaultActionFlag: 'ignored',
    unhandledDoDefault: 'kept',
    ciFailedFlag: 'ignored',
  },
};

const CC_DC_CI: readonly InstallerKind[] = ['classCoInstaller', 'deviceCoInstaller', 'classInstaller'];
const CC_CI: readonly InstallerKind[] = ['classCoInstaller', 'classInstaller'];

/** ReactOS's `CanHandle` switch: who is called per DIF; a DIF outside it is ERROR_NOT_SUPPORTED. */
const REACTOS_MASK: Readonly<Record<string, readonly InstallerKind[]>> = {
  DIF_ADDPROPERTYPAGE_ADVANCED: CC_DC_CI,
  DIF_ADDREMOTEPROPERTYPAGE_ADVANCED: CC_DC_CI,
  DIF_ALLOW_INSTALL: CC_CI,
  DIF_DETECT: CC_CI,
  DIF_DESTROYPRIVATEDATA: ['classInstaller'],
  DIF_INSTALLDEVICE: CC_DC_CI,
  DIF_INSTALLDEVICEFILES: CC_CI,
  DIF_INSTALLINTERFACES: CC_DC_CI,
  DIF_NEWDEVICEWIZARD_FINISHINSTALL: CC_DC_CI,
  DIF_NEWDEVICEWIZARD_POSTANALYZE: CC_CI,
  DIF_NEWDEVICEWIZARD_PREANALYZE: CC_CI,
  DIF_NEWDEVICEWIZARD_PRESELECT: CC_CI,
  DIF_NEWDEVICEWIZARD_SELECT: CC_CI,
  DIF_POWERMESSAGEWAKE: CC_DC_CI,
  DIF_PROPERTYCHANGE: CC_DC_CI,
  DIF_REGISTER_COINSTALLERS: CC_CI,
  DIF_REGISTERDEVICE: CC_CI,
  DIF_REMOVE: CC_DC_CI,
  DIF_SELECTBESTCOMPATDRV: CC_CI,
  DIF_SELECTDEVICE: CC_CI,
  DIF_TROUBLESHOOTER: CC_DC_CI,
  DIF_UNREMOVE: CC_DC_CI,
};

/** The ReactOS participation mask for a DIF value, or undefined when its switch lacks the DIF. */
export function reactosMask(difName: string | undefined): readonly InstallerKind[] | undefined {
  return difName === undefined ? undefined : REACTOS_MASK[difName];
}

export interface DefaultHandler {
  /** The SetupDi function that runs. */
  readonly function: string;
  /** Set for stubs: the handler always fails with this code, whatever the scenario says. */
  readonly stubResult?: number;
}

const REACTOS_HANDLERS: Readonly<Record<string, DefaultHandler>> = {
  DIF_INSTALLDEVICE: { function: 'SetupDiInstallDevice' },
  DIF_INSTALLDEVICEFILES: { function: 'SetupDiInstallDriverFiles' },
  DIF_INSTALLINTERFACES: { function: 'SetupDiInstallDeviceInterfaces' },
  DIF_PROPERTYCHANGE: { function: 'SetupDiChangeState' },
  DIF_REGISTER_COINSTALLERS: { function: 'SetupDiRegisterCoDeviceInstallers' },
  DIF_REGISTERDEVICE: { function: 'SetupDiRegisterDeviceInfo' },
  DIF_REMOVE: { function: 'SetupDiRemoveDevice', stubResult: Status.ERROR_CALL_NOT_IMPLEMENTED },
  DIF_SELECTBESTCOMPATDRV: { function: 'SetupDiSelectBestCompatDrv' },
  DIF_SELECTDEVICE: { function: 'SetupDiSelectDevice' },
  DIF_UNREMOVE: { function: 'SetupDiUnremoveDevice', stubResult: Status.ERROR_CALL_NOT_IMPLEMENTED },
};

/** Wine's switch; DIF_FINISHINSTALL_ACTION, PROPERTYCHANGE, SELECTDEVICE and UNREMOVE are FIXMEs (no handler). */
const WINE_HANDLERS: Readonly<Record<string, DefaultHandler>> = {
  DIF_INSTALLDEVICE: { function: 'SetupDiInstallDevice' },
  DIF_INSTALLDEVICEFILES: { function: 'SetupDiInstallDriverFiles' },
  DIF_INSTALLINTERFACES: { function: 'SetupDiInstallDeviceInterfaces' },
  DIF_REGISTER_COINSTALLERS: { function: 'SetupDiRegisterCoDeviceInstallers' },
  DIF_REGISTERDEVICE: { function: 'SetupDiRegisterDeviceInfo' },
  DIF_REMOVE: { function: 'SetupDiRemoveDevice' },
  DIF_SELECTBESTCOMPATDRV: { function: 'SetupDiSelectBestCompatDrv' },
};

/** The default handler a profile runs for a DIF on an OS version, or null when there is none. */
export function defaultHandlerFor(semantics: Semantics, difValue: number, difName: string | undefined, os: OsVersion): DefaultHandler | null {
  switch (semantics.defaultHandlers) {
    case 'documented': {
      const fn = documentedDefaultHandler(difValue, os);
      return fn ? { function: fn } : null;
    }
    case 'reactos':
      return (difName && REACTOS_HANDLERS[difName]) || null;
    case 'wine':
      return (difName && WINE_HANDLERS[difName]) || null;
    default: {
      const never: never = semantics.defaultHandlers;
      return never;
    }
  }
}

export function isProfileName(name: string): name is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}
