import { z } from 'zod';
import type { Boxed } from '../../src/domain/appendLog.js';
import { DI_FLAGS, DI_FLAGSEX } from '../../src/domain/flags.js';
import type { DifRecord, InstallPlan, InstallState } from '../../src/domain/lifecycle/installState.js';
import type { InstallResult } from '../../src/domain/lifecycle/installResult.js';
import type { Step } from '../../src/domain/lifecycle/sequences.js';
import type { DifContext, Effect, TimelineEvent } from '../../src/domain/lifecycle/types.js';
import type { Json } from '../../src/domain/scenario.js';
import { answerSchemas } from '../difDispatch/difDispatch.types.js';
import type { DispatchSnapshot } from './dispatchFrames.js';

/** Bump when a change makes old install journals replay differently. */
export const DEVICE_INSTALL_VERSION = 1;

export type DeviceInstallInput = InstallPlan;
export type DeviceInstallOutput = InstallResult;

/** One DIF in progress: a difDispatch snapshot, stepped purely. */
export interface Frame {
  readonly dif: number;
  readonly context: DifContext;
  readonly nestedIn?: string;
  readonly snapshot: DispatchSnapshot;
  /** For DIF_REGISTER_COINSTALLERS: the nested DIF_DESTROYPRIVATEDATA has run. */
  readonly nestedDone: boolean;
  /** DIFs that ran inside this one, listed after it in the InstallResult (the order DIFs are sent). */
  readonly nested: readonly DifRecord[];
}

export interface DeviceInstallContext {
  install: InstallState;
  /** The DIFs in progress, innermost last (not drafted by immer). */
  frames: Boxed<readonly Frame[]>;
  /** The sequence step being dispatched, or null during a finish-install attempt. */
  step: Step | null;
}

/** Answers carry the effects the installer performed in that call (docs/lifecycle.md "Effects"). */
export type AnswerEvent =
  | {
      type: 'coInstaller.returned';
      who: 'classCoInstaller' | 'deviceCoInstaller';
      index: number;
      phase: 'pre' | 'post';
      code: string;
      privateData?: Json;
      effects?: Effect[];
    }
  | { type: 'classInstaller.returned'; code: string; effects?: Effect[] }
  | { type: 'defaultHandler.returned'; code: string };

export type DeviceInstallEvent =
  | AnswerEvent
  | TimelineEvent
  /** The host's watchdog gives up on a hung installation. */
  | { type: 'watchdog.expired' }
  /** The host has no more timeline events: the run ends. */
  | { type: 'timeline.ended' };

const phase = z.enum(['pre', 'post']);
const flagNames = z.array(z.enum(DI_FLAGS.map((f) => f.name) as [string, ...string[]]));
const flagExNames = z.array(z.enum(DI_FLAGSEX.map((f) => f.name) as [string, ...string[]]));
/** A normalised Effect (src/domain/lifecycle/types.ts), exactly as the host journals it. */
const effect = z.discriminatedUnion('type', [
  z.strictObject({ type: z.enum(['setFlags', 'clearFlags']), flags: flagNames, phase }),
  z.strictObject({ type: z.enum(['setFlagsEx', 'clearFlagsEx']), flags: flagExNames, phase }),
  z.strictObject({ type: z.literal('writeProperty'), name: z.string(), value: z.json(), phase }),
  z.strictObject({ type: z.literal('readProperty'), name: z.string(), phase }),
  z.strictObject({ type: z.literal('keepInDll'), name: z.string(), value: z.json(), phase }),
  z.strictObject({ type: z.literal('readFromDll'), name: z.string(), phase }),
  z.strictObject({ type: z.literal('showDialog'), phase }),
  z.strictObject({ type: z.literal('startProcess'), image: z.string(), wait: z.boolean(), signed: z.boolean(), phase }),
  z.strictObject({ type: z.literal('loadLibrary'), dll: z.string(), signed: z.boolean(), phase }),
  z.strictObject({ type: z.literal('addPropertyPages'), count: z.int().positive(), phase }),
  z.strictObject({ type: z.literal('callDefaultHandler'), phase }),
  z.strictObject({ type: z.literal('finishInstallWork'), succeeds: z.boolean(), phase }),
]);

/** What an install journal entry's event must look like. */
export const deviceInstallEventSchema = z.discriminatedUnion('type', [
  answerSchemas.coInstaller.extend({ effects: z.array(effect).optional() }),
  answerSchemas.classInstaller.extend({ effects: z.array(effect).optional() }),
  answerSchemas.defaultHandler,
  z.strictObject({ type: z.literal('user.loggedOn'), admin: z.boolean() }),
  z.strictObject({ type: z.literal('user.loggedOff') }),
  z.strictObject({ type: z.literal('device.reenumerated') }),
  z.strictObject({ type: z.literal('device.reattached') }),
  z.strictObject({ type: z.literal('system.restarted') }),
  z.strictObject({ type: z.literal('user.finishInstallRequested'), admin: z.boolean() }),
  z.strictObject({ type: z.literal('watchdog.expired') }),
  z.strictObject({ type: z.literal('timeline.ended') }),
]);
