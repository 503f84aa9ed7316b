/**
 * RunResult: the stable, plain-JSON outcome of one DIF dispatch (what `devinst run --json` prints).
 * SetupDiCallClassInstaller returns TRUE iff the final status is NO_ERROR
 * (MicrosoftDocs/sdk-api `sdk-api-src/content/setupapi/nf-setupapi-setupdicallclassinstaller.md`).
 */
import { describeStatus } from './codes.js';
import type { ProfileName } from './profiles.js';
import type { CallRecord, DispatchState } from './dispatchRules.js';
import { Status } from './statusCodes.js';
import type { DispatchRuleId, Violation } from './violations.js';
import type { LifecycleRuleId } from './lifecycle/rules.js';

export interface RunResult {
  readonly dif: string;
  readonly profile: ProfileName;
  readonly result: { readonly hex: string; readonly name: string | null; readonly success: boolean };
  readonly calls: readonly CallRecord[];
  /** Dispatch-rule violations; with effects (src/host/difEffects.ts) also the guideline breaches they cause. */
  readonly violations: readonly Violation<DispatchRuleId | LifecycleRuleId>[];
  /** Where the profile's implementation did something the documented behaviour would not, and installers it could not call. */
  readonly notes: readonly string[];
  /** An installer's call never returned (a dialog nobody can answer): `calls` end with it and `result` is never reached. */
  readonly hung?: true;
}

export function toRunResult(s: DispatchState): RunResult {
  const status = describeStatus(s.status);
  return {
    dif: s.plan.difName,
    profile: s.plan.profile,
    result: { hex: status.hex, name: status.name ?? null, success: s.status === Status.NO_ERROR },
    calls: s.calls.toArray(),
    violations: s.violations.toArray(),
    notes: s.notes.toArray(),
  };
}
