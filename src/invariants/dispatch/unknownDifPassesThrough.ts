/**
 * UnknownDifPassesThrough: a DIF value the documentation does not list reaches the installers like
 * any other, and has no default handler.
 * Source: WDD co-installer-operation.md; Logs xcp-ng/xcp #83 (docs/semantics.md C1); WDD images/dif-flow.png; SDK ns-setupapi-sp_devinstall_params_a.md (Logs xcp-ng/win-pv-drivers #10: DIF_UPDATEDRIVER_UI passed to
 * co-installers, exit(0xe000020e)); WDD co-installer-operation.md; Wine dlls/setupapi/tests/devinst.c (Wine test_class_installer with 0xdeadbeef,
 * run on Windows); semantics.md W10; WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h (the documented values).
 */
import { isDocumentedDif } from './reference.js';
import { fails, type DispatchInvariant } from '../types.js';

/** Ghost: null (stateless). */
export const unknownDifPassesThrough: DispatchInvariant<null> = {
  name: 'UnknownDifPassesThrough',
  sentence: 'A request with a device and a DIF value the documentation does not list is passed to the installers like any other (never refused), and no default handler function runs for it.',
  source: 'WDD co-installer-operation.md; Logs xcp-ng/xcp #83 (docs/semantics.md C1); WDD images/dif-flow.png; SDK ns-setupapi-sp_devinstall_params_a.md; WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h; Logs xcp-ng/win-pv-drivers #10; Wine dlls/setupapi/tests/devinst.c (Wine tests on Windows)',
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
