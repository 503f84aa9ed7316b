/**
 * InstallResult: the stable, plain-JSON outcome of a whole installation run (what
 * `devinst install --json` prints).
 */
import type { OsVersion } from '../difCodes.js';
import type { ProfileName } from '../profiles.js';
import type { Json } from '../scenario.js';
import type { DifRecord, InstallState, LifecycleViolation } from './installState.js';
import { outcomeOf, type Outcome } from './progress.js';

export interface InstallResult {
  readonly sequence: string;
  readonly os: OsVersion;
  readonly profile: ProfileName;
  readonly outcome: Outcome;
  readonly failure: { readonly dif: string; readonly hex: string } | null;
  readonly difs: readonly DifRecord[];
  readonly finishInstall: { readonly marked: boolean; readonly attempts: number; readonly pending: boolean; readonly results: readonly string[] };
  /** An installer set DI_NEEDREBOOT or DI_NEEDRESTART: reported once, at the end, as Windows callers do. */
  readonly needsReboot: boolean;
  readonly driverKey: Readonly<Record<string, Json>>;
  /** Every violation of the run, dispatch rules and guideline rules, in the order they happened. */
  readonly violations: readonly LifecycleViolation[];
  readonly notes: readonly string[];
}

export function toInstallResult(s: InstallState): InstallResult {
  const results = s.attempts.toArray();
  return {
    sequence: s.plan.sequence.name,
    os: s.plan.os,
    profile: s.plan.profile,
    outcome: outcomeOf(s),
    failure: s.failure,
    difs: s.difs.toArray(),
    finishInstall: { marked: s.everMarked, attempts: results.length, pending: s.marked, results },
    needsReboot: s.needsReboot,
    driverKey: s.driverKey.value,
    violations: s.violations.toArray(),
    notes: s.notes.toArray(),
  };
}
