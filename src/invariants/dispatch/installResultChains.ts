/**
 * InstallResultChains: each postprocessing callback's InstallResult is the request's current status.
 * Source: WDD co-installer-interface.md; WDD co-installer-operation.md, handling-dif-codes.md, images/dif-flow.png (WDD co-installer-interface.md: InstallResult is the status left
 * by the previous component; the chaining of callbacks is choice C3, WDD co-installer-interface.md InstallResult (docs/semantics.md C3) [inference]);
 * WDD images/dif-flow.png ("if none, Err = ERROR_DI_DO_DEFAULT").
 */
import { code, currentReferenceStatus, describeCall, hex, isCoInstaller, nextReferenceStatus, type ReferenceStatus } from './reference.js';
import { fails, type DispatchInvariant } from '../types.js';

/** Ghost: the reference algorithm's running status (see reference.ts). */
export const installResultChains: DispatchInvariant<ReferenceStatus> = {
  name: 'InstallResultChains',
  sentence: "Each postprocessing callback receives as InstallResult the request's current status: the failing preprocessing answer, else the class installer's or default handler's answer (ERROR_DI_DO_DEFAULT when neither answered), and after the first callback the previous callback's answer.",
  source: 'WDD co-installer-interface.md; WDD co-installer-operation.md, handling-dif-codes.md, images/dif-flow.png; WDD co-installer-interface.md InstallResult (docs/semantics.md C3); WDD co-installer-interface.md, images/dif-flow.png; choice C3',
  machine: 'difDispatch',
  init: () => null,
  step(status, { call }) {
    if (isCoInstaller(call) && call.phase === 'post') {
      const expected = currentReferenceStatus(status);
      if (code(call.installResult) !== expected) {
        return fails(`${describeCall(call)} got InstallResult ${call.installResult} where the request's status was ${hex(expected)}`);
      }
    }
    return nextReferenceStatus(status, call);
  },
  end: () => null,
};
