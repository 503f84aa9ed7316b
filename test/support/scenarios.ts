/**
 * Small builders for scenario documents used by the example-based tests. They only save
 * typing: every expected value stays written out literally in the tests themselves.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ScenarioDocument } from '../../src/scenario/schema.js';

export const ROOT = path.resolve(__dirname, '..', '..');

/** A device element, so DeviceInfoData is non-NULL. */
export const DEVICE = {
  description: 'Test device',
  hardwareId: 'ROOT\\TEST0001',
  classGuid: '{4d36e97d-e325-11ce-bfc1-08002be10318}',
  className: 'System',
} as const;

type CoInstaller = NonNullable<ScenarioDocument['classCoInstallers']>[number];
type ClassInstaller = NonNullable<ScenarioDocument['classInstaller']>;

/** A co-installer that answers `dif` as given (and NO_ERROR to everything else). */
export function co(name: string, dif?: string, behaviour?: NonNullable<CoInstaller['on']>[string]): CoInstaller {
  return dif && behaviour ? { name, on: { [dif]: behaviour } } : { name };
}

/** A class installer that returns `returns` for every DIF. */
export function ci(name: string, returns: string): ClassInstaller {
  return { name, on: { '*': { returns } } };
}

/** A scenario with a device (unless `device: undefined` is passed explicitly). */
export function scenario(doc: ScenarioDocument): ScenarioDocument {
  return { device: DEVICE, ...doc };
}

export const EXAMPLE_NAMES = ['toaster', 'class-installer-handles', 'failing-coinstaller', 'class-coinstaller-postprocessing'] as const;

export function example(name: (typeof EXAMPLE_NAMES)[number]): ScenarioDocument {
  return JSON.parse(readFileSync(path.join(ROOT, 'examples', `${name}.json`), 'utf8')) as ScenarioDocument;
}

export function examplePath(name: (typeof EXAMPLE_NAMES)[number]): string {
  return path.join(ROOT, 'examples', `${name}.json`);
}
