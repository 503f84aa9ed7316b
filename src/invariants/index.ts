/**
 * The invariant catalogue (docs/invariants.md): every invariant, by name. Dispatch invariants are
 * monitors over one SetupDiCallClassInstaller call (difDispatch); lifecycle invariants judge a whole
 * installation run (deviceInstall); journal invariants judge a recorded run and its journal.
 */
import type { DispatchInvariant, LifecycleInvariant } from './types.js';
import { callOrder } from './dispatch/callOrder.js';
import { postIsReverseOfPre } from './dispatch/postIsReverseOfPre.js';
import { everyPostRequestHonoured } from './dispatch/everyPostRequestHonoured.js';
import { noPostWithoutRequest } from './dispatch/noPostWithoutRequest.js';
import { failureStopsChain } from './dispatch/failureStopsChain.js';
import { defaultHandlerIffDoDefault } from './dispatch/defaultHandlerIffDoDefault.js';
import { installResultChains } from './dispatch/installResultChains.js';
import { privateDataRoundTrips } from './dispatch/privateDataRoundTrips.js';
import { resultIsLastStatus } from './dispatch/resultIsLastStatus.js';
import { coInstallersNeverOriginateDoDefault } from './dispatch/coInstallersNeverOriginateDoDefault.js';
import { classInstallerAtMostOnce } from './dispatch/classInstallerAtMostOnce.js';
import { unknownDifPassesThrough } from './dispatch/unknownDifPassesThrough.js';
import { nullDeviceInfoNoDeviceCoInstallers } from './dispatch/nullDeviceInfoNoDeviceCoInstallers.js';
import { deviceCoInstallersOnlyAfterRegistration } from './lifecycle/deviceCoInstallersOnlyAfterRegistration.js';
import { failedStepAbortsInstall } from './lifecycle/failedStepAbortsInstall.js';
import { destroyPrivateDataWhenListDiscarded } from './lifecycle/destroyPrivateDataWhenListDiscarded.js';
import { dllStateNeverSurvivesADif } from './lifecycle/dllStateNeverSurvivesADif.js';
import { driverKeyStatePersists } from './lifecycle/driverKeyStatePersists.js';
import { noUiInServerContext } from './lifecycle/noUiInServerContext.js';
import { finishInstallOnlyIfMarked } from './lifecycle/finishInstallOnlyIfMarked.js';
import { finishInstallOnlyInInteractiveAdminContext } from './lifecycle/finishInstallOnlyInInteractiveAdminContext.js';
import { finishInstallRetriesUntilSuccess } from './lifecycle/finishInstallRetriesUntilSuccess.js';
import { finishInstallOneChance } from './lifecycle/finishInstallOneChance.js';

/** A monitor with its ghost type forgotten: the catalogue holds monitors of different ghosts. */
const monitor = <G>(invariant: DispatchInvariant<G>): DispatchInvariant => invariant as unknown as DispatchInvariant;

export const DISPATCH_INVARIANTS: readonly DispatchInvariant[] = [
  monitor(callOrder),
  monitor(postIsReverseOfPre),
  monitor(everyPostRequestHonoured),
  monitor(noPostWithoutRequest),
  monitor(failureStopsChain),
  monitor(defaultHandlerIffDoDefault),
  monitor(installResultChains),
  monitor(privateDataRoundTrips),
  monitor(resultIsLastStatus),
  monitor(coInstallersNeverOriginateDoDefault),
  monitor(classInstallerAtMostOnce),
  monitor(unknownDifPassesThrough),
  monitor(nullDeviceInfoNoDeviceCoInstallers),
];

export const LIFECYCLE_INVARIANTS: readonly LifecycleInvariant[] = [
  deviceCoInstallersOnlyAfterRegistration,
  failedStepAbortsInstall,
  destroyPrivateDataWhenListDiscarded,
  dllStateNeverSurvivesADif,
  driverKeyStatePersists,
  noUiInServerContext,
  finishInstallOnlyIfMarked,
  finishInstallOnlyInInteractiveAdminContext,
  finishInstallRetriesUntilSuccess,
  finishInstallOneChance,
];

export { JOURNAL_INVARIANTS, type JournalInvariant, type RecordedRun } from './journal.js';
export { PROFILE_EXPECTATIONS, expectationOf, type Expectation } from './expectations.js';
export { observeDispatch, checkDispatch, observationsOf, observeInstall, checkInstall, type DispatchRun, type InstallRun, type InvariantBreach, type ObserveOptions } from './observe.js';
export * from './types.js';
