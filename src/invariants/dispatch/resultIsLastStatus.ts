/**
 * ResultIsLastStatus: SetupDiCallClassInstaller returns the status the last status-setting call left.
 * Source: WDD co-installer-operation.md, handling-dif-codes.md, images/dif-flow.png (reference algorithm) and SDK nf-setupapi-setupdicallclassinstaller.md (SDK nf-setupapi-setupdicallclassinstaller.md:
 * TRUE, or FALSE with the error); WDD images/dif-flow.png; SDK ns-setupapi-sp_devinstall_params_a.md and Logs exit(0xe000020e) (docs/semantics.md C2) (no default handler: ERROR_DI_DO_DEFAULT, Logs
 * exit(0xe000020e); Wine tests run on Windows, WDD calling-the-default-dif-code-handlers.md).
 */
import { currentReferenceStatus, hex, nextReferenceStatus, type ReferenceStatus } from './reference.js';
import { fails, type DispatchInvariant } from '../types.js';

export const resultIsLastStatus: DispatchInvariant<ReferenceStatus> = {
  name: 'ResultIsLastStatus',
  sentence: 'The request ends with the status the reference algorithm leaves: the last postprocessing answer, else the default handler\'s, class installer\'s or failing co-installer\'s answer, else ERROR_DI_DO_DEFAULT.',
  source: 'WDD co-installer-operation.md, handling-dif-codes.md, images/dif-flow.png; SDK nf-setupapi-setupdicallclassinstaller.md; SDK ns-setupapi-sp_devinstall_params_a.md; Logs exit(0xe000020e) (docs/semantics.md C2); Logs exit(0xe000020e); WDD calling-the-default-dif-code-handlers.md',
  machine: 'difDispatch',
  init: () => null,
  step: (status, { call }) => nextReferenceStatus(status, call),
  end(status, end, plan) {
    if (plan.rejection) return null; // a refused call: judged by UnknownDifPassesThrough and NullDeviceInfoNoDeviceCoInstallers
    const expected = currentReferenceStatus(status);
    return (end.status >>> 0) === expected ? null : fails(`the request ended with ${hex(end.status)} where the reference algorithm leaves ${hex(expected)}`);
  },
};
