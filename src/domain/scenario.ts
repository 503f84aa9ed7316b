/**
 * A scenario after validation: names are resolved to numbers and the documented defaults are
 * filled in. The file format (and its JSON Schema) lives in src/scenario/.
 *
 * Defaults follow the documentation: a co-installer with nothing for a DIF returns NO_ERROR
 * (MicrosoftDocs/windows-driver-docs `windows-driver-docs-pr/install/co-installer-interface.md`),
 * a class installer returns ERROR_DI_DO_DEFAULT (`handling-dif-codes.md`), and every default
 * handler succeeds unless the scenario says otherwise.
 */
import type { OsVersion } from './difCodes.js';
import type { Effect, LifecycleSpec } from './lifecycle/types.js';
import type { Json } from './json.js';
import type { ProfileName } from './profiles.js';
import { Status } from './statusCodes.js';

export type { Json } from './json.js';

export interface DeviceSpec {
  readonly description?: string;
  readonly hardwareId?: string;
  readonly classGuid?: string;
  readonly className?: string;
}

export interface CoInstallerBehaviour {
  /** Preprocessing answers: the n-th call of the DIF returns item n, the last one repeating. */
  readonly pre: readonly number[];
  /** What the co-installer stores in Context.PrivateData; `undefined` = it does not touch it. */
  readonly privateData: Json | undefined;
  /** Postprocessing answer: pass InstallResult on, or return this code. */
  readonly post: 'propagate' | number;
  /** What the co-installer does besides answering, each in the phase it names. */
  readonly effects: readonly Effect[];
}

export interface ClassInstallerBehaviour {
  /** Answers: the n-th call of the DIF returns item n, the last one repeating. */
  readonly returns: readonly number[];
  /** What the class installer does besides answering (all in its one call). */
  readonly effects: readonly Effect[];
}

/** `on` is keyed by DIF value; `'*'` covers every DIF not listed. */
export interface InstallerSpec<B> {
  readonly declared: string;
  readonly on: ReadonlyMap<number | '*', B>;
}

export interface Scenario {
  readonly name?: string;
  readonly description?: string;
  /** The DIF `devinst run` dispatches when none is given. */
  readonly dif?: number;
  readonly device: DeviceSpec | null;
  readonly profile: ProfileName;
  readonly os: OsVersion;
  readonly flags: number;
  readonly flagsEx: number;
  readonly classCoInstallers: readonly InstallerSpec<CoInstallerBehaviour>[];
  readonly deviceCoInstallers: readonly InstallerSpec<CoInstallerBehaviour>[];
  readonly classInstaller: InstallerSpec<ClassInstallerBehaviour> | null;
  /** Default handler results by DIF value, `'*'` for every DIF not listed; absent = the handler succeeds. */
  readonly defaultHandlers: ReadonlyMap<number | '*', number>;
  /** The installation lifecycle: sequence, timeline, session, architecture (docs/lifecycle.md). */
  readonly lifecycle: LifecycleSpec;
  /**
   * When selecting the driver changes the device's setup class (`lifecycle.selectChangesClass`):
   * the installers of the class the device had before. They answer DIF_SELECTBESTCOMPATDRV and the
   * DIF_DESTROYPRIVATEDATA its default handler sends; `classInstaller` and `classCoInstallers` above
   * are the new class's, from the next DIF on. Absent: both classes have the same installers.
   */
  readonly previousClass?: ClassInstallers;
}

/** What a setup class contributes to the installer list. */
export interface ClassInstallers {
  readonly classInstaller: InstallerSpec<ClassInstallerBehaviour> | null;
  readonly classCoInstallers: readonly InstallerSpec<CoInstallerBehaviour>[];
}

export const DEFAULT_CO_BEHAVIOUR: CoInstallerBehaviour = { pre: [Status.NO_ERROR], privateData: undefined, post: 'propagate', effects: [] };
export const DEFAULT_CLASS_BEHAVIOUR: ClassInstallerBehaviour = { returns: [Status.ERROR_DI_DO_DEFAULT], effects: [] };

export const DEFAULT_LIFECYCLE: LifecycleSpec = {
  sequence: 'hardware-first',
  timeline: [],
  session: null,
  arch: 'x64',
  registerCoInstallers: Status.NO_ERROR,
};

export function behaviourFor<B>(spec: InstallerSpec<B>, dif: number, fallback: B): B {
  return spec.on.get(dif) ?? spec.on.get('*') ?? fallback;
}

/** The answer for the `call`-th call (0-based) from a list whose last item repeats. */
export function nthAnswer(answers: readonly number[], call: number): number {
  return answers[Math.min(call, answers.length - 1)];
}
