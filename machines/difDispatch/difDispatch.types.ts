import { z } from 'zod';
import type { DispatchPlan } from '../../src/domain/dispatchPlan.js';
import type { DispatchState, Phase } from '../../src/domain/dispatchRules.js';
import type { RunResult } from '../../src/domain/runResult.js';
import type { Json } from '../../src/domain/json.js';

/**
 * The machine's version, written in every journal it records. Bump it when the chart or the rules
 * change; list in DIF_DISPATCH_REPLAYS the older versions whose journals still replay to the same
 * result (replay refuses the others). 2: preprocessing answers routed by the calling state (no
 * `preprocessing.routing`); the same events and results as 1.
 */
export const DIF_DISPATCH_VERSION = 2;
export const DIF_DISPATCH_REPLAYS: readonly number[] = [1, 2];

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

const hexCode = z.string().regex(/^0x[0-9A-F]{8}$/, { error: 'expected a code as 0x + 8 upper-case hex digits' });

/** The answer events' shapes; the deviceInstall machine's answers extend them with effects. */
export const answerSchemas = {
  coInstaller: z.strictObject({
    type: z.literal('coInstaller.returned'),
    who: z.enum(['classCoInstaller', 'deviceCoInstaller']),
    index: z.int().positive(),
    phase: z.enum(['pre', 'post']),
    code: hexCode,
    privateData: z.json().optional(),
  }),
  classInstaller: z.strictObject({ type: z.literal('classInstaller.returned'), code: hexCode }),
  defaultHandler: z.strictObject({ type: z.literal('defaultHandler.returned'), code: hexCode }),
};

/** What a journal entry's event must look like (checked before replay feeds it to the machine). */
export const difDispatchEventSchema = z.discriminatedUnion('type', [answerSchemas.coInstaller, answerSchemas.classInstaller, answerSchemas.defaultHandler]);
