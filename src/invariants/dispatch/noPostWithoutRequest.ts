/**
 * NoPostWithoutRequest: only co-installers that asked for postprocessing are called back.
 * Source: WDD co-installer-operation.md, images/dif-flow.png step 6 ("every co-installer that asked for postprocessing") and its facts
 * ("Only co-installers are called back"); WDD co-installer-interface.md; WDD co-installer-operation.md.
 */
import { asksForPostprocessing, describeCall, isCoInstaller } from './reference.js';
import { fails, type DispatchInvariant } from '../types.js';

/** Ghost: the co-installers (sorted indices) that asked for postprocessing in this call. */
export const noPostWithoutRequest: DispatchInvariant<readonly number[]> = {
  name: 'NoPostWithoutRequest',
  sentence: 'A co-installer is called back in postprocessing only if it returned ERROR_DI_POSTPROCESSING_REQUIRED in this request\'s preprocessing.',
  source: 'WDD co-installer-operation.md, images/dif-flow.png step 6 and facts; WDD co-installer-interface.md, co-installer-operation.md',
  machine: 'difDispatch',
  init: () => [],
  step(requested, { call }) {
    if (asksForPostprocessing(call)) return [...requested, call.index!].sort((a, b) => a - b);
    if (isCoInstaller(call) && call.phase === 'post' && !requested.includes(call.index!)) {
      return fails(`${describeCall(call)} was called back although it never asked for postprocessing`);
    }
    return requested;
  },
  end: () => null,
};
