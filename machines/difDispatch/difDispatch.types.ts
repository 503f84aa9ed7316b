import type { DispatchPlan } from '../../src/domain/dispatchPlan.js';
import type { DispatchState, Phase } from '../../src/domain/dispatchRules.js';
import type { RunResult } from '../../src/domain/runResult.js';
import type { Json } from '../../src/domain/scenario.js';

/** Bump when a change makes old journals replay differently; replay refuses other versions. */
export const DIF_DISPATCH_VERSION = 1;

export type DifDispatchInput = DispatchPlan;
export type DifDispatchContext = DispatchState;
export type DifDispatchOutput = RunResult;

/**
 * The machine's only inputs: installers' and default handlers' answers, reported by the host.
 * Codes travel as `0x` + 8 hex digits. `privateData` (preprocessing only) is present when the
 * co-installer stored something in Context.PrivateData.
 */
export type DifDispatchEvent =
  | {
      type: 'coInstaller.returned';
      who: 'classCoInstaller' | 'deviceCoInstaller';
      index: number;
      phase: Phase;
      code: string;
      privateData?: Json;
    }
  | { type: 'classInstaller.returned'; code: string }
  | { type: 'defaultHandler.returned'; code: string };

export const DIF_DISPATCH_EVENT_TYPES = ['coInstaller.returned', 'classInstaller.returned', 'defaultHandler.returned'] as const;
