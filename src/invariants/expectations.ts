/**
 * Which invariants each semantics profile keeps and which it breaks: the windows profile keeps
 * every one; reactos and wine break those where their implementations depart from the documented
 * behaviour (ReactOS and Wine dlls/setupapi/devinst.c; docs/semantics.md §3). The property suite asserts every row
 * (properties/invariants.*.property.ts); docs/invariants.md and docs/profiles.md show them.
 */
import type { ProfileName } from '../domain/profiles.js';

export type Expectation = 'holds' | 'breaks';

/** Why a profile breaks an invariant: the implementation choice, with its reference. */
export interface Break {
  readonly expectation: 'breaks';
  readonly because: string;
}

export type ProfileExpectation = { readonly expectation: 'holds' } | Break;

const holds: ProfileExpectation = { expectation: 'holds' };
const breaks = (because: string): Break => ({ expectation: 'breaks', because });

/** Rows for every dispatch and lifecycle invariant; windows is always `holds`. */
export const PROFILE_EXPECTATIONS: Readonly<Record<string, Readonly<Record<Exclude<ProfileName, 'windows'>, ProfileExpectation>>>> = {
  CallOrder: { reactos: holds, wine: holds },
  PostIsReverseOfPre: {
    reactos: breaks('ReactOS calls back in forward order, class list then device list (ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller)'),
    wine: holds,
  },
  EveryPostRequestHonoured: {
    reactos: holds,
    wine: breaks('Wine never calls a co-installer back; ERROR_DI_POSTPROCESSING_REQUIRED is only traced (Wine dlls/setupapi/devinst.c SetupDiCallClassInstaller)'),
  },
  NoPostWithoutRequest: { reactos: holds, wine: holds },
  FailureStopsChain: {
    reactos: breaks('ReactOS still calls the class installer (or, with none, the default handler) after a co-installer failed (ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller)'),
    wine: breaks('Wine ignores a failing device co-installer and calls the class installer and default handler (Wine dlls/setupapi/devinst.c SetupDiCallClassInstaller)'),
  },
  DefaultHandlerIffDoDefault: {
    reactos: breaks('ReactOS has no handler-less "default installer" step and reaches the default handler after a failure (ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller)'),
    wine: breaks('Wine ignores DI_NODI_DEFAULTACTION (Wine dlls/setupapi/devinst.c SetupDiCallClassInstaller)'),
  },
  InstallResultChains: {
    reactos: breaks('ReactOS turns an unhandled ERROR_DI_DO_DEFAULT into NO_ERROR before postprocessing (ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller)'),
    wine: holds,
  },
  PrivateDataRoundTrips: {
    reactos: breaks('ReactOS shares one never-initialised Context: a co-installer inherits the PrivateData of the one before (ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller)'),
    wine: holds,
  },
  ResultIsLastStatus: {
    reactos: breaks('ReactOS returns NO_ERROR for an ERROR_DI_DO_DEFAULT no handler took (ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller)'),
    wine: holds,
  },
  CoInstallersNeverOriginateDoDefault: { reactos: holds, wine: holds },
  ClassInstallerAtMostOnce: { reactos: holds, wine: holds },
  UnknownDifPassesThrough: {
    reactos: breaks('ReactOS refuses a DIF outside its switch with ERROR_NOT_SUPPORTED (ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller)'),
    wine: holds,
  },
  NullDeviceInfoNoDeviceCoInstallers: {
    reactos: breaks('ReactOS dereferences the NULL DeviceInfoData (ReactOS and Wine dlls/setupapi/devinst.c)'),
    wine: breaks('Wine rejects a NULL DeviceInfoData with ERROR_INVALID_PARAMETER (Wine dlls/setupapi/devinst.c SetupDiCallClassInstaller)'),
  },
  DeviceCoInstallersOnlyAfterRegistration: { reactos: holds, wine: holds },
  FailedStepAbortsInstall: { reactos: holds, wine: holds },
  DestroyPrivateDataWhenListDiscarded: { reactos: holds, wine: holds },
  DllStateNeverSurvivesADif: { reactos: holds, wine: holds },
  DriverKeyStatePersists: { reactos: holds, wine: holds },
  NoUiInServerContext: { reactos: holds, wine: holds },
  FinishInstallOnlyIfMarked: { reactos: holds, wine: holds },
  FinishInstallOnlyInInteractiveAdminContext: { reactos: holds, wine: holds },
  FinishInstallRetriesUntilSuccess: { reactos: holds, wine: holds },
  FinishInstallOneChance: { reactos: holds, wine: holds },
};

export function expectationOf(name: string, profile: ProfileName): ProfileExpectation {
  if (profile === 'windows') return holds;
  const row = PROFILE_EXPECTATIONS[name];
  if (!row) throw new Error(`no profile expectations for invariant ${name}`);
  return row[profile];
}
