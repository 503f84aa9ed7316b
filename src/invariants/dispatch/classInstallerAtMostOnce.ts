/**
 * ClassInstallerAtMostOnce: the class installer is called at most once per request, never in postprocessing.
 * Source: WDD co-installer-operation.md, images/dif-flow.png facts ("Only co-installers are called back. The class installer is never
 * called a second time"; WDD co-installer-operation.md; WDD calling-the-default-dif-code-handlers.md).
 */
import { fails, type DispatchInvariant } from '../types.js';

/** Ghost: whether the class installer has been called. */
export const classInstallerAtMostOnce: DispatchInvariant<boolean> = {
  name: 'ClassInstallerAtMostOnce',
  sentence: 'The class installer is called at most once per request, and never as a postprocessing callback.',
  source: 'WDD co-installer-operation.md, images/dif-flow.png (facts); WDD co-installer-operation.md, calling-the-default-dif-code-handlers.md',
  machine: 'difDispatch',
  init: () => false,
  step(called, { call }) {
    if (call.who !== 'classInstaller') return called;
    if (call.phase !== undefined) return fails(`the class installer ${call.name} was called with a ${call.phase}processing context`);
    if (called) return fails(`the class installer ${call.name} was called a second time`);
    return true;
  },
  end: () => null,
};
