/**
 * PostIsReverseOfPre: postprocessing callbacks come in the exact reverse order of the requests.
 * Source: WDD co-installer-operation.md, images/dif-flow.png step 6 (WDD co-installer-operation.md: "in reverse order"; images/callco.png);
 * WDD co-installer-operation.md (Logs, log 12: CoInstaller 2 called back before CoInstaller 1).
 */
import { asksForPostprocessing, describeCall, isCoInstaller } from './reference.js';
import { fails, type DispatchInvariant } from '../types.js';

/** Ghost: the co-installers (by index) that asked for postprocessing and are not called back yet, oldest first. */
export const postIsReverseOfPre: DispatchInvariant<readonly number[]> = {
  name: 'PostIsReverseOfPre',
  sentence: 'Each postprocessing callback goes to the co-installer that asked most recently among those not yet called back, so callbacks run in the exact reverse order of the requests.',
  source: 'WDD co-installer-operation.md, images/dif-flow.png step 6; WDD co-installer-operation.md (reverse order); WDD co-installer-operation.md (Logs)',
  machine: 'difDispatch',
  init: () => [],
  step(waiting, { call }) {
    if (asksForPostprocessing(call)) return [...waiting, call.index!];
    if (!isCoInstaller(call) || call.phase !== 'post') return waiting;
    const at = waiting.lastIndexOf(call.index!);
    if (at === -1) return waiting; // not a requester: NoPostWithoutRequest's business
    if (at !== waiting.length - 1) {
      return fails(`${describeCall(call)} was called back before co-installer ${waiting[waiting.length - 1]}, which asked for postprocessing after it`);
    }
    return waiting.slice(0, -1);
  },
  end: () => null,
};
