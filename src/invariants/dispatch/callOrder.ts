/**
 * CallOrder: class co-installers in list order, then device co-installers in list order, then the
 * class installer, then the default handler, then postprocessing callbacks.
 * Source: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/co-installer-operation.md
 * (steps 1–6); images/dif-flow.png; WDD co-installer-operation.md, images/dif-flow.png.
 */
import type { CallRecord } from '../../domain/dispatchRules.js';
import { fails, type DispatchInvariant } from '../types.js';

/** Rank of a call in the documented order; co-installer preprocessing also orders by index. */
function rank(call: CallRecord): [number, number] {
  if (call.phase === 'pre') return [call.who === 'classCoInstaller' ? 0 : 1, call.index ?? 0];
  if (call.who === 'classInstaller') return [2, 0];
  if (call.who === 'defaultHandler') return [3, 0];
  return [4, 0];
}

export const callOrder: DispatchInvariant<readonly [number, number] | null> = {
  name: 'CallOrder',
  sentence: 'Class co-installers are called in list order, then device co-installers in list order, then the class installer, then the default handler, then the postprocessing callbacks.',
  source: 'WDD co-installer-operation.md, images/dif-flow.png',
  machine: 'difDispatch',
  init: () => null,
  step(last, { call }) {
    const r = rank(call);
    if (last !== null && (r[0] < last[0] || (r[0] === last[0] && r[0] < 2 && r[1] <= last[1]) || (r[0] === last[0] && r[0] >= 2 && r[0] < 4))) {
      return fails(`${call.who}${call.index ? ` ${call.index}` : ''} (${call.phase ?? 'call'}) came after a later step of the documented order`);
    }
    return r;
  },
  end: () => null,
};
