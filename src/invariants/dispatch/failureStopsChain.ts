/**
 * FailureStopsChain: a failing preprocessing answer skips every later preprocessing call, the class
 * installer and the default handler; only postprocessing callbacks follow.
 * Source: WDD co-installer-operation.md, images/dif-flow.png step 1 and WDD co-installer-interface.md ("Win32 error"); WDD co-installer-interface.md;
 * WDD images/dif-flow.png; Logs xcp-ng/win-pv-drivers #10 (CoInstaller 1 failed, then exit at once).
 */
import { describeCall, failsPreprocessing } from './reference.js';
import { fails, type DispatchInvariant } from '../types.js';

/** Ghost: the index of the co-installer whose preprocessing answer failed the request, or null. */
export const failureStopsChain: DispatchInvariant<number | null> = {
  name: 'FailureStopsChain',
  sentence: 'Once a co-installer fails preprocessing (any answer but NO_ERROR and ERROR_DI_POSTPROCESSING_REQUIRED), no further co-installer is called in preprocessing and neither the class installer nor the default handler is called.',
  source: 'WDD co-installer-operation.md, images/dif-flow.png step 1, WDD co-installer-interface.md; WDD co-installer-interface.md, images/dif-flow.png; Logs xcp-ng/win-pv-drivers #10',
  machine: 'difDispatch',
  init: () => null,
  step(failedAt, { call }) {
    if (failedAt !== null && call.phase !== 'post') {
      return fails(`${describeCall(call)} was called after co-installer ${failedAt} failed preprocessing`);
    }
    return failsPreprocessing(call) ? call.index! : failedAt;
  },
  end: () => null,
};
