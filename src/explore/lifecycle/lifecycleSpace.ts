/**
 * The space the lifecycle exploration walks (src/explore/lifecycle/lifecycleExplorer.ts): its
 * bounds, the scenarios within them (smallest first) as scenario documents, and the alphabet of
 * timeline events.
 */
import type { SequenceName, TimelineEvent } from '../../domain/lifecycle/types.js';
import type { ProfileName } from '../../domain/profiles.js';
import type { Json } from '../../domain/scenario.js';
import { Status } from '../../domain/statusCodes.js';
import type { ScenarioDocument } from '../../scenario/schema.js';
import { codeText, DEVICE_ELEMENT } from '../dispatch/dispatchSpace.js';

export interface LifecycleBounds {
  readonly sequence: SequenceName;
  readonly maxClassCoInstallers: number;
  readonly maxDeviceCoInstallers: number;
  readonly codes: readonly number[];
  readonly maxTimeline: number;
}

export const DEFAULT_LIFECYCLE_CODES: readonly number[] = [Status.NO_ERROR, Status.ERROR_FILE_NOT_FOUND];
export const DEFAULT_LIFECYCLE_BOUNDS: Omit<LifecycleBounds, 'sequence'> = { maxClassCoInstallers: 0, maxDeviceCoInstallers: 1, codes: DEFAULT_LIFECYCLE_CODES, maxTimeline: 4 };

export const TIMELINE_ALPHABET: readonly TimelineEvent[] = [
  { type: 'user.loggedOn', admin: true },
  { type: 'user.loggedOn', admin: false },
  { type: 'device.reenumerated' },
  { type: 'system.restarted' },
  { type: 'user.finishInstallRequested', admin: true },
];

const KEY_DIF: Record<SequenceName, string> = {
  'hardware-first': 'DIF_INSTALLDEVICE',
  reinstall: 'DIF_INSTALLDEVICE',
  remove: 'DIF_REMOVE',
  properties: 'DIF_ADDPROPERTYPAGE_ADVANCED',
};

const FINISH = ['none', 'succeeds', 'fails-once', 'fails'] as const;
const EFFECT = ['none', 'dll-state', 'dialog'] as const;

interface CoBehaviour {
  readonly answer: number;
  readonly finish: (typeof FINISH)[number];
  readonly effect: (typeof EFFECT)[number];
}

type Behaviour = Record<string, { pre?: string | string[]; effects?: Json[] }>;

function coInstallerOn(sequence: SequenceName, b: CoBehaviour): Behaviour {
  const key = KEY_DIF[sequence];
  const on: Behaviour = {};
  const add = (dif: string, part: { pre?: string | string[]; effects?: Json[] }) => {
    const was = on[dif] ?? {};
    on[dif] = { ...was, ...(part.pre !== undefined ? { pre: part.pre } : {}), ...(part.effects ? { effects: [...(was.effects ?? []), ...part.effects] } : {}) };
  };
  if (b.answer !== Status.NO_ERROR) add(key, { pre: codeText(b.answer) });
  if (b.finish !== 'none') {
    add('DIF_NEWDEVICEWIZARD_FINISHINSTALL', { effects: [{ setFlagsEx: ['DI_FLAGSEX_FINISHINSTALL_ACTION'] }] });
    add('DIF_FINISHINSTALL_ACTION', { pre: b.finish === 'succeeds' ? 'NO_ERROR' : b.finish === 'fails' ? 'ERROR_FILE_NOT_FOUND' : ['ERROR_FILE_NOT_FOUND', 'NO_ERROR'] });
  }
  if (b.effect === 'dll-state') {
    add(key, { effects: [{ keepInDll: { name: 'state', value: 1 } }] });
    add('DIF_DESTROYPRIVATEDATA', { effects: [{ readFromDll: 'state' }] });
  }
  if (b.effect === 'dialog') add(key, { effects: ['showDialog'] });
  return on;
}

/** One scenario of the space, without its timeline. */
export interface LifecycleConfig {
  readonly os: 'win7' | 'win10';
  readonly session: { readonly admin: boolean } | null;
  readonly classCoInstallers: readonly CoBehaviour[];
  readonly deviceCoInstallers: readonly CoBehaviour[];
  /** The class installer's answer to the key DIF, or null: no class installer. */
  readonly classInstaller: number | null;
}

export function lifecycleDocument(profile: ProfileName, sequence: SequenceName, c: LifecycleConfig, timeline: readonly TimelineEvent[]): ScenarioDocument {
  const co = (prefix: string, entry: string, list: readonly CoBehaviour[]) =>
    list.map((b, i) => {
      const on = coInstallerOn(sequence, b);
      return Object.keys(on).length > 0 ? { name: `${prefix}${i + 1}.dll,${entry}`, on } : { name: `${prefix}${i + 1}.dll,${entry}` };
    });
  return {
    profile,
    os: c.os,
    sequence,
    device: { ...DEVICE_ELEMENT },
    ...(c.session ? { session: { ...c.session } } : {}),
    ...(c.classCoInstallers.length > 0 ? { classCoInstallers: co('cc', 'ClassCoInstall', c.classCoInstallers) } : {}),
    ...(c.deviceCoInstallers.length > 0 ? { deviceCoInstallers: co('dc', 'DeviceCoInstall', c.deviceCoInstallers) } : {}),
    ...(c.classInstaller !== null ? { classInstaller: { name: 'ci.dll,ClassInstall', on: { [KEY_DIF[sequence]]: { returns: codeText(c.classInstaller) } } } } : {}),
    ...(timeline.length > 0 ? { timeline: timeline.map((e) => ({ ...e })) } : {}),
  } as ScenarioDocument;
}

function* lists<T>(alphabet: readonly T[], max: number): Generator<T[]> {
  for (let length = 0; length <= max; length++) {
    const at = new Array<number>(length).fill(0);
    for (;;) {
      yield at.map((i) => alphabet[i]);
      let i = length - 1;
      while (i >= 0 && at[i] === alphabet.length - 1) at[i--] = 0;
      if (i < 0) break;
      at[i] += 1;
    }
  }
}

/** Every configuration, smallest first. */
export function lifecycleConfigs(bounds: LifecycleBounds): LifecycleConfig[] {
  const finishes = bounds.sequence === 'hardware-first' || bounds.sequence === 'reinstall' ? FINISH : (['none'] as const);
  const behaviours: CoBehaviour[] = [];
  for (const answer of bounds.codes) for (const finish of finishes) for (const effect of EFFECT) behaviours.push({ answer, finish, effect });
  const classAnswers = [null, ...new Set([Status.ERROR_DI_DO_DEFAULT, ...bounds.codes])];
  const out: LifecycleConfig[] = [];
  for (const deviceCoInstallers of lists(behaviours, bounds.maxDeviceCoInstallers)) {
    for (const classCoInstallers of lists(behaviours, bounds.maxClassCoInstallers)) {
      for (const classInstaller of classAnswers) {
        for (const os of ['win10', 'win7'] as const) {
          for (const session of [null, { admin: false }, { admin: true }]) out.push({ os, session, classCoInstallers, deviceCoInstallers, classInstaller });
        }
      }
    }
  }
  const size = (c: LifecycleConfig) => c.classCoInstallers.length + c.deviceCoInstallers.length + (c.classInstaller === null ? 0 : 1);
  return out.map((c, i) => ({ c, i })).sort((a, b) => size(a.c) - size(b.c) || a.i - b.i).map((x) => x.c);
}
