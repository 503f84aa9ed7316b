/**
 * UnknownDifPassesThrough: a DIF value the documentation does not list reaches the installers like
 * any other, and has no default handler.
 * Source: spec.md §9.1 and §1.5 (Logs xcp-ng/win-pv-drivers #10: DIF_UPDATEDRIVER_UI passed to
 * co-installers, exit(0xe000020e)); implementations.md D9 (Wine test_class_installer with 0xdeadbeef,
 * run on Windows); semantics.md W10; spec.md §3 (the documented values).
 */
import { isDocumentedDif } from './reference.js';
import { fails, type DispatchInvariant } from '../types.js';

/** Ghost: null (stateless). */
export const unknownDifPassesThrough: DispatchInvariant<null> = {
  name: 'UnknownDifPassesThrough',
  sentence: 'A request with a device and a DIF value the documentation does not list is passed to the installers like any other (never refused), and no default handler function runs for it.',
  source: 'spec.md §9.1, §1.5, §3; Logs xcp-ng/win-pv-drivers #10; implementations.md D9 (Wine tests on Windows)',
  machine: 'difDispatch',
  init: () => null,
  step(ghost, { call }, plan) {
    if (!isDocumentedDif(plan.dif) && call.who === 'defaultHandler' && call.function) {
      return fails(`the default handler ${call.function} ran for the undocumented DIF ${plan.difName}`);
    }
    return ghost;
  },
  end(_ghost, _end, plan) {
    if (isDocumentedDif(plan.dif) || !plan.hasDeviceInfo || !plan.rejection) return null;
    return fails(`the undocumented DIF ${plan.difName} was refused before any installer ran (${plan.rejection.reason})`);
  },
};
