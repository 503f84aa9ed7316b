/**
 * CoInstallersNeverOriginateDoDefault: a co-installer may only pass ERROR_DI_DO_DEFAULT on; every
 * origination is reported as a violation (coinstaller-originated-do-default), and nothing else is.
 * Source: WDD co-installer-interface.md (WDD co-installer-interface.md: co-installers must never return it, except
 * passing on the InstallResult they received in postprocessing).
 */
import { code, describeCall, ERROR_DI_DO_DEFAULT, isCoInstaller } from './reference.js';
import { fails, type DispatchInvariant } from '../types.js';

export const coInstallersNeverOriginateDoDefault: DispatchInvariant<null> = {
  name: 'CoInstallersNeverOriginateDoDefault',
  sentence: 'Every co-installer answer of ERROR_DI_DO_DEFAULT that was not its postprocessing InstallResult passed on is reported as a coinstaller-originated-do-default violation, and no other answer is.',
  source: 'WDD co-installer-interface.md',
  machine: 'difDispatch',
  init: () => null,
  step(ghost, { call, violations }) {
    if (!isCoInstaller(call)) return ghost;
    const passedOn = call.phase === 'post' && code(call.installResult) === ERROR_DI_DO_DEFAULT;
    const originated = code(call.returned) === ERROR_DI_DO_DEFAULT && !passedOn;
    const reported = violations.some((v) => v.rule === 'coinstaller-originated-do-default');
    if (originated && !reported) return fails(`${describeCall(call)} originated ERROR_DI_DO_DEFAULT and no violation was reported`);
    if (!originated && reported) return fails(`${describeCall(call)} was reported for originating ERROR_DI_DO_DEFAULT, which it did not`);
    return ghost;
  },
  end: () => null,
};
