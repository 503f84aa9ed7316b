/**
 * EveryPostRequestHonoured: every co-installer that asked for postprocessing is called back exactly
 * once, also when the request failed.
 * Source: WDD co-installer-operation.md, images/dif-flow.png step 6 and the facts below it (WDD images/dif-flow.png: every failure arrow
 * joins the postprocessing box; WDD co-installer-operation.md; WDD handling-dif-codes.md); WDD co-installer-interface.md;
 * choice C4 (a second request in postprocessing is not honoured).
 */
import { asksForPostprocessing, describeCall, isCoInstaller } from './reference.js';
import { fails, type DispatchInvariant } from '../types.js';

interface Ghost {
  /** Asked, not called back yet (sorted). */
  readonly waiting: readonly number[];
  /** Called back (sorted). */
  readonly done: readonly number[];
}

const sorted = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);

export const everyPostRequestHonoured: DispatchInvariant<Ghost> = {
  name: 'EveryPostRequestHonoured',
  sentence: 'Every co-installer that returned ERROR_DI_POSTPROCESSING_REQUIRED in preprocessing is called back exactly once, also when the request failed.',
  source: 'WDD co-installer-operation.md, images/dif-flow.png step 6 and facts, WDD co-installer-interface.md; WDD images/dif-flow.png, co-installer-operation.md, handling-dif-codes.md; choice C4',
  machine: 'difDispatch',
  init: () => ({ waiting: [], done: [] }),
  step(ghost, { call }) {
    if (asksForPostprocessing(call)) return { ...ghost, waiting: sorted([...ghost.waiting, call.index!]) };
    if (!isCoInstaller(call) || call.phase !== 'post') return ghost;
    if (ghost.done.includes(call.index!)) return fails(`${describeCall(call)} is a second callback to the same co-installer`);
    if (!ghost.waiting.includes(call.index!)) return ghost; // not a requester: NoPostWithoutRequest's business
    return { waiting: ghost.waiting.filter((i) => i !== call.index), done: sorted([...ghost.done, call.index!]) };
  },
  end(ghost) {
    if (ghost.waiting.length === 0) return null;
    const list = ghost.waiting.join(', ');
    return fails(`co-installer${ghost.waiting.length > 1 ? 's' : ''} ${list} asked for postprocessing but ${ghost.waiting.length > 1 ? 'were' : 'was'} never called back`);
  },
};
