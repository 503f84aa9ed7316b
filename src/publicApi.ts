/**
 * The run functions as the library exports them: typed with ScenarioDocument, so a typo in a
 * scenario literal (`deviceCoInstalers`, `"os": "win12"`) is a type error for callers, while
 * src/host/ keeps accepting unknown for the CLI and the tests, which validate at run time anyway.
 */
import type { CodeInput } from './domain/codes.js';
import type { InstallResult } from './domain/lifecycle/installResult.js';
import type { RunResult } from './domain/runResult.js';
import type { Scenario } from './domain/scenario.js';
import { recordDif as recordDifAny, runDif as runDifAny, type RunOptions } from './host/runDif.js';
import { recordInstall as recordInstallAny, runInstall as runInstallAny } from './host/runInstall.js';
import type { ScenarioDocument } from './scenario/schema.js';

/** Runs `dif` (a name or number; default: the scenario's `dif`, else its sequence's main DIF, else DIF_INSTALLDEVICE). */
export const runDif: (scenario: ScenarioDocument | Scenario, dif?: CodeInput, options?: RunOptions) => RunResult = runDifAny;
/** Runs like runDif and also returns the journal (JSON Lines text) that replays to the same result. */
export const recordDif: (scenario: ScenarioDocument, dif?: CodeInput, options?: RunOptions) => { result: RunResult; journal: string } = recordDifAny;
/** Runs the scenario's whole installation (its "sequence", "session" and "timeline"). */
export const runInstall: (scenario: ScenarioDocument, options?: RunOptions) => InstallResult = runInstallAny;
/** Runs like runInstall and also returns the journal that replays to the same InstallResult. */
export const recordInstall: (scenario: ScenarioDocument, options?: RunOptions) => { result: InstallResult; journal: string } = recordInstallAny;
