/**
 * The device-installation lifecycle: the scenario keys it adds (normalised), installer effects,
 * timeline events, and the InstallResult. No xstate here.
 */
import type { Json } from '../json.js';

export const SEQUENCE_NAMES = ['hardware-first', 'reinstall', 'remove', 'properties'] as const;
export type SequenceName = (typeof SEQUENCE_NAMES)[number];

export const ARCHITECTURES = ['x64', 'x86'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

/** Where a DIF runs: the non-interactive DrvInst process (server) or an interactive user process (client). */
export type DifContext = 'server' | 'client';

/** Installer effects (docs/lifecycle.md "Effects"), normalised. Each happens in the phase it is listed under. */
export type Effect =
  | { readonly type: 'setFlags' | 'clearFlags'; readonly flags: readonly string[]; readonly phase: 'pre' | 'post' }
  | { readonly type: 'setFlagsEx' | 'clearFlagsEx'; readonly flags: readonly string[]; readonly phase: 'pre' | 'post' }
  | { readonly type: 'writeProperty'; readonly name: string; readonly value: Json; readonly phase: 'pre' | 'post' }
  | { readonly type: 'readProperty'; readonly name: string; readonly phase: 'pre' | 'post' }
  | { readonly type: 'keepInDll'; readonly name: string; readonly value: Json; readonly phase: 'pre' | 'post' }
  | { readonly type: 'readFromDll'; readonly name: string; readonly phase: 'pre' | 'post' }
  | { readonly type: 'showDialog'; readonly phase: 'pre' | 'post' }
  | { readonly type: 'startProcess'; readonly image: string; readonly wait: boolean; readonly signed: boolean; readonly phase: 'pre' | 'post' }
  | { readonly type: 'loadLibrary'; readonly dll: string; readonly signed: boolean; readonly phase: 'pre' | 'post' }
  | { readonly type: 'addPropertyPages'; readonly count: number; readonly phase: 'pre' | 'post' }
  | { readonly type: 'callDefaultHandler'; readonly phase: 'pre' | 'post' }
  | { readonly type: 'finishInstallWork'; readonly succeeds: boolean; readonly phase: 'pre' | 'post' };

export type EffectType = Effect['type'];

/** Timeline events after core installation (docs/lifecycle.md "The timeline"), as they appear in scenario and journal. */
export type TimelineEvent =
  | { readonly type: 'user.loggedOn'; readonly admin: boolean }
  | { readonly type: 'user.loggedOff' }
  | { readonly type: 'device.reenumerated' }
  | { readonly type: 'device.reattached' }
  | { readonly type: 'system.restarted' }
  | { readonly type: 'user.finishInstallRequested'; readonly admin: boolean };

export const TIMELINE_EVENT_TYPES = [
  'user.loggedOn',
  'user.loggedOff',
  'device.reenumerated',
  'device.reattached',
  'system.restarted',
  'user.finishInstallRequested',
] as const;

/** Who is logged on: an administrator, a standard user, or nobody (null). */
export type Session = { readonly admin: boolean } | null;

/** The lifecycle part of a normalised Scenario. */
export interface LifecycleSpec {
  /** A named sequence, or an explicit list of DIF values. */
  readonly sequence: SequenceName | readonly number[];
  readonly timeline: readonly TimelineEvent[];
  /** Who is logged on when core installation ends. */
  readonly session: Session;
  readonly arch: Architecture;
  /** The result of SetupDiRegisterCoDeviceInstallers (DIF_REGISTER_COINSTALLERS's default handler); NO_ERROR unless set. */
  readonly registerCoInstallers: number;
  /** Selecting the driver (DIF_SELECTBESTCOMPATDRV's default handler) changes the device's setup class. */
  readonly selectChangesClass?: boolean;
}
