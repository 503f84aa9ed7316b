/**
 * DefaultHandlerIffDoDefault: the default-handler step is reached exactly when nothing failed, the
 * class installer answered ERROR_DI_DO_DEFAULT or there is none, and DI_NODI_DEFAULTACTION is clear.
 * Source: WDD images/dif-flow.png; SDK ns-setupapi-sp_devinstall_params_a.md; WDD co-installer-operation.md, images/dif-flow.png steps 3–5 (WDD images/dif-flow.png; SDK
 * ns-setupapi-sp_devinstall_params_a.md; WDD calling-the-default-dif-code-handlers.md); choice C2
 * (the step of a DIF without a handler is still reached: "Default installer: Enter/Exit" in Logs
 * pbatard/libwdi #200, #228).
 */
import { code, DI_NODI_DEFAULTACTION, ERROR_DI_DO_DEFAULT, failsPreprocessing } from './reference.js';
import { fails, type DispatchInvariant } from '../types.js';

interface Ghost {
  readonly failed: boolean;
  /** The class installer's answer was ERROR_DI_DO_DEFAULT (null: not called). */
  readonly classInstallerDoDefault: boolean | null;
  readonly reached: boolean;
}

export const defaultHandlerIffDoDefault: DispatchInvariant<Ghost> = {
  name: 'DefaultHandlerIffDoDefault',
  sentence: 'The default-handler step is reached if and only if no co-installer failed preprocessing, the class installer returned ERROR_DI_DO_DEFAULT or is absent, and DI_NODI_DEFAULTACTION is clear.',
  source: 'WDD images/dif-flow.png; SDK ns-setupapi-sp_devinstall_params_a.md; WDD co-installer-operation.md, images/dif-flow.png steps 3–5; WDD calling-the-default-dif-code-handlers.md; choice C2',
  machine: 'difDispatch',
  init: () => ({ failed: false, classInstallerDoDefault: null, reached: false }),
  step(ghost, { call }) {
    if (failsPreprocessing(call)) return { ...ghost, failed: true };
    if (call.who === 'classInstaller') return { ...ghost, classInstallerDoDefault: code(call.returned) === ERROR_DI_DO_DEFAULT };
    if (call.who === 'defaultHandler') return { ...ghost, reached: true };
    return ghost;
  },
  end(ghost, _end, plan) {
    if (plan.rejection) return null; // a refused call: judged by UnknownDifPassesThrough and NullDeviceInfoNoDeviceCoInstallers
    const flagClear = (plan.flags & DI_NODI_DEFAULTACTION) === 0;
    const asks = plan.classInstaller === null || ghost.classInstallerDoDefault === true;
    const expected = !ghost.failed && asks && flagClear;
    if (expected === ghost.reached) return null;
    if (expected) return fails('the default-handler step was never reached, although nothing failed, the class installer asked for the default (or is absent) and DI_NODI_DEFAULTACTION is clear');
    const why = ghost.failed ? 'a co-installer failed preprocessing' : !flagClear ? 'DI_NODI_DEFAULTACTION is set' : 'the class installer did not return ERROR_DI_DO_DEFAULT';
    return fails(`the default-handler step was reached although ${why}`);
  },
};
