/**
 * The space `devinst explore` searches for one DIF: the configurations up to the bounds, the answer
 * alphabet, the planted bugs (mutants), and how a configuration plus the answers its installers gave
 * becomes a scenario document that the real host (src/host/runDif.ts) answers the same way.
 */
import { describeStatus, difLabel, hex } from '../../domain/codes.js';
import { planDispatch, type DispatchPlan } from '../../domain/dispatchPlan.js';
import { PROFILES, type ProfileName, type Semantics } from '../../domain/profiles.js';
import type { Json } from '../../domain/scenario.js';
import { Status } from '../../domain/statusCodes.js';
import { validateScenario } from '../../scenario/load.js';
import type { ScenarioDocument } from '../../scenario/schema.js';

/** One configuration: how many installers of each kind, and the two switches that change the path. */
export interface DispatchConfig {
  readonly classCoInstallers: number;
  readonly deviceCoInstallers: number;
  readonly classInstaller: boolean;
  /** DI_NODI_DEFAULTACTION in the install params' Flags. */
  readonly noDefaultAction: boolean;
  /** Whether the call has a device (a DeviceInfoData). */
  readonly device: boolean;
}

export interface DispatchBounds {
  readonly maxClassCoInstallers: number;
  readonly maxDeviceCoInstallers: number;
  /** The answer alphabet: every installer and default handler call may return each of these. */
  readonly codes: readonly number[];
  /**
   * What a co-installer stores in Context.PrivateData when it answers in preprocessing:
   * `both` (its index, or nothing: each is a separate answer), `index` (always its index), `none`.
   */
  readonly privateData: PrivateDataChoice;
}

export const PRIVATE_DATA_CHOICES = ['both', 'index', 'none'] as const;
export type PrivateDataChoice = (typeof PRIVATE_DATA_CHOICES)[number];

export const DEFAULT_CODES: readonly number[] = [
  Status.NO_ERROR,
  Status.ERROR_DI_POSTPROCESSING_REQUIRED,
  Status.ERROR_DI_DO_DEFAULT,
  Status.ERROR_FILE_NOT_FOUND,
];

export const DEFAULT_DISPATCH_BOUNDS: DispatchBounds = {
  maxClassCoInstallers: 2,
  maxDeviceCoInstallers: 2,
  codes: DEFAULT_CODES,
  privateData: 'both',
};

/** The largest bound accepted per kind (the space grows about tenfold per co-installer). */
export const MAX_COINSTALLER_BOUND = 6;

/**
 * Every configuration up to the bounds, smallest first (so that, among counterexamples of the same
 * length, breadth-first search meets the one with the fewest installers first). Without a device no
 * device co-installer is ever called (every profile; wine and ReactOS refuse the call outright), so
 * only the configuration with none is kept: the others would be copies of it.
 */
export function configurations(bounds: Pick<DispatchBounds, 'maxClassCoInstallers' | 'maxDeviceCoInstallers'>): DispatchConfig[] {
  const all: DispatchConfig[] = [];
  for (const device of [true, false]) {
    for (let c = 0; c <= bounds.maxClassCoInstallers; c++) {
      for (let d = 0; d <= (device ? bounds.maxDeviceCoInstallers : 0); d++) {
        for (const classInstaller of [false, true]) {
          for (const noDefaultAction of [false, true]) all.push({ classCoInstallers: c, deviceCoInstallers: d, classInstaller, noDefaultAction, device });
        }
      }
    }
  }
  const size = (k: DispatchConfig) => k.classCoInstallers + k.deviceCoInstallers + (k.classInstaller ? 1 : 0) + (k.noDefaultAction ? 1 : 0) + (k.device ? 0 : 1);
  return all.map((config, order) => ({ config, order })).sort((a, b) => size(a.config) - size(b.config) || a.order - b.order).map((x) => x.config);
}

export function describeConfig(k: DispatchConfig): string {
  return [
    `${k.classCoInstallers} class + ${k.deviceCoInstallers} device co-installers`,
    k.classInstaller ? 'a class installer' : 'no class installer',
    k.noDefaultAction ? 'DI_NODI_DEFAULTACTION' : null,
    k.device ? null : 'no device',
  ]
    .filter((x) => x !== null)
    .join(', ');
}

// Behaviours: what each installer answered, as a scenario states it. ---------------------------

export interface CoInstallerAnswers {
  readonly pre?: number;
  /** What it stored in Context.PrivateData (undefined: nothing). */
  readonly privateData?: Json;
  readonly post?: number | 'propagate';
}

/** The answers of one run, by installer. Co-installers by their kind and 0-based position in its list. */
export interface Behaviours {
  readonly classCoInstallers: readonly CoInstallerAnswers[];
  readonly deviceCoInstallers: readonly CoInstallerAnswers[];
  readonly classInstaller?: number;
  readonly defaultHandler?: number;
}

export const NO_BEHAVIOURS: Behaviours = { classCoInstallers: [], deviceCoInstallers: [] };

/** A status as a scenario writes it: its name where it has one, else `0x…`. */
export function codeText(code: number): string {
  return describeStatus(code).name ?? hex(code);
}

export const DEVICE_ELEMENT = {
  description: 'explored device',
  hardwareId: 'ROOT\\DEVINST_EXPLORE',
  classGuid: '{4d36e97d-e325-11ce-bfc1-08002be10318}',
  className: 'System',
} as const;

/** The scenario document of a configuration whose installers answer as `behaviours` says. */
export function scenarioDocument(
  profile: ProfileName,
  dif: number,
  config: DispatchConfig,
  behaviours: Behaviours = NO_BEHAVIOURS,
  about?: { readonly name?: string; readonly description?: string },
): ScenarioDocument {
  const difName = difLabel(dif);
  const co = (prefix: string, entry: string, count: number, answers: readonly CoInstallerAnswers[]) =>
    Array.from({ length: count }, (_, i) => {
      const a = answers[i];
      const behaviour: Record<string, Json> = {};
      if (a?.pre !== undefined) behaviour.pre = codeText(a.pre);
      if (a?.privateData !== undefined) behaviour.privateData = a.privateData;
      if (a?.post !== undefined) behaviour.post = a.post === 'propagate' ? 'propagate' : codeText(a.post);
      const name = `${prefix}${i + 1}.dll,${entry}`;
      return Object.keys(behaviour).length > 0 ? { name, on: { [difName]: behaviour } } : { name };
    });
  const doc: Record<string, unknown> = {
    ...(about?.name ? { name: about.name } : {}),
    ...(about?.description ? { description: about.description } : {}),
    profile,
    dif: difName,
    ...(config.device ? { device: { ...DEVICE_ELEMENT } } : {}),
    ...(config.noDefaultAction ? { flags: ['DI_NODI_DEFAULTACTION'] } : {}),
  };
  if (config.classCoInstallers > 0) doc.classCoInstallers = co('cc', 'ClassCoInstall', config.classCoInstallers, behaviours.classCoInstallers);
  if (config.deviceCoInstallers > 0) doc.deviceCoInstallers = co('dc', 'DeviceCoInstall', config.deviceCoInstallers, behaviours.deviceCoInstallers);
  if (config.classInstaller) {
    doc.classInstaller =
      behaviours.classInstaller !== undefined ? { name: 'ci.dll,ClassInstall', on: { [difName]: { returns: codeText(behaviours.classInstaller) } } } : { name: 'ci.dll,ClassInstall' };
  }
  if (behaviours.defaultHandler !== undefined) doc.defaultHandlers = { [difName]: codeText(behaviours.defaultHandler) };
  return doc as ScenarioDocument;
}

/** The plan of a configuration (installers' answers do not change it). */
export function planOf(profile: ProfileName, dif: number, config: DispatchConfig, semantics: Semantics = PROFILES[profile]): DispatchPlan {
  const { scenario } = validateScenario(scenarioDocument(profile, dif, config));
  return planDispatch(scenario, dif, semantics);
}

// Mutants: planted bugs, as semantics overrides. --------------------------------------------

export interface Mutant {
  readonly description: string;
  readonly patch: Partial<Semantics>;
}

export const MUTANTS: Readonly<Record<string, Mutant>> = {
  'forward-postprocessing': { description: 'postprocessing calls back in preprocessing order instead of reverse order', patch: { postprocessing: 'forward' } },
  'no-post-after-failure': {
    description: 'a co-installer that fails preprocessing makes the call return at once: nobody is called back',
    patch: { onPreFailure: { classCoInstaller: 'return', deviceCoInstaller: 'return' } },
  },
  'ignore-nodefaultaction': { description: 'DI_NODI_DEFAULTACTION is ignored: the default handler runs anyway', patch: { noDefaultActionFlag: 'ignored' } },
  'never-postprocess': { description: 'ERROR_DI_POSTPROCESSING_REQUIRED is never honoured', patch: { postprocessing: 'never' } },
  'class-installer-after-failure': {
    description: 'a co-installer failure still calls the class installer',
    patch: { onPreFailure: { classCoInstaller: 'class-installer', deviceCoInstaller: 'class-installer' } },
  },
  'shared-private-data': { description: 'all co-installers share one Context.PrivateData that is never reset', patch: { privateData: 'shared-context' } },
  'do-default-succeeds': { description: 'ERROR_DI_DO_DEFAULT with no default handler run becomes NO_ERROR', patch: { unhandledDoDefault: 'success' } },
};

export const MUTANT_NAMES = Object.keys(MUTANTS);

export function mutantSemantics(profile: ProfileName, mutant: string): Semantics {
  const m = MUTANTS[mutant];
  if (!m) throw new Error(`unknown mutant "${mutant}"`);
  return { ...PROFILES[profile], ...m.patch };
}
