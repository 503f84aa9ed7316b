/**
 * ResultIsLastStatus: SetupDiCallClassInstaller returns the status the last status-setting call left.
 * Source: spec.md §1.9 (reference algorithm) and §1.8 (SDK nf-setupapi-setupdicallclassinstaller.md:
 * TRUE, or FALSE with the error); §1.5 and §9.2 (no default handler: ERROR_DI_DO_DEFAULT, Logs
 * exit(0xe000020e); Wine tests run on Windows, implementations.md D6).
 */
import { currentReferenceStatus, hex, nextReferenceStatus, type ReferenceStatus } from './reference.js';
import { fails, type DispatchInvariant } from '../types.js';

export const resultIsLastStatus: DispatchInvariant<ReferenceStatus> = {
  name: 'ResultIsLastStatus',
  sentence: 'The request ends with the status the reference algorithm leaves: the last postprocessing answer, else the default handler\'s, class installer\'s or failing co-installer\'s answer, else ERROR_DI_DO_DEFAULT.',
  source: 'spec.md §1.9, §1.8, §1.5, §9.2; SDK nf-setupapi-setupdicallclassinstaller.md; Logs exit(0xe000020e); implementations.md D6',
  machine: 'difDispatch',
  init: () => null,
  step: (status, { call }) => nextReferenceStatus(status, call),
  end(status, end, plan) {
    if (plan.rejection) return null; // a refused call: judged by UnknownDifPassesThrough and NullDeviceInfoNoDeviceCoInstallers
    const expected = currentReferenceStatus(status);
    return (end.status >>> 0) === expected ? null : fails(`the request ended with ${hex(end.status)} where the reference algorithm leaves ${hex(expected)}`);
  },
};
