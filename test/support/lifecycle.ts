/**
 * Small helpers for the lifecycle tests (docs/lifecycle.md). They only read results and files:
 * every expected value stays written out literally in the tests themselves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { InstallResult } from '../../src/domain/lifecycle/installResult.js';
import type { DifRecord } from '../../src/domain/lifecycle/installState.js';
import type { ScenarioDocument } from '../../src/scenario/schema.js';
import { ROOT } from './scenarios.js';

/** The device of the bundled violation examples. */
export const WIDGET = {
  description: 'Contoso Widget',
  classGuid: '{88BAE032-5A81-49f0-BC3D-A4FF138216D6}',
  className: 'USBDevice',
} as const;

/** The DIF names of `difs`, in the order they finished. */
export const difNames = (r: InstallResult): string[] => r.difs.map((d) => d.dif);

/** The DIF names with a marker for nested calls: `DIF_X` or `DIF_X<DIF_Y` (nested in DIF_Y). */
export const difPath = (r: InstallResult): string[] => r.difs.map((d) => (d.nestedIn ? `${d.dif}<${d.nestedIn}` : d.dif));

/** Whether the installer called `name` took part (in any phase) in this DIF. */
export const called = (d: DifRecord, name: string): boolean => d.calls.some((c) => c.name === name);

/** The violation rule ids of a run, in order. */
export const rules = (r: InstallResult): string[] => r.violations.map((v) => v.rule);

/** A bundled example, `name` relative to examples/ without `.json` (e.g. `violations/state-kept-in-dll`). */
export function lifecycleExample(name: string): ScenarioDocument {
  return JSON.parse(readFileSync(lifecycleExamplePath(name), 'utf8')) as ScenarioDocument;
}

export function lifecycleExamplePath(name: string): string {
  return path.join(ROOT, 'examples', `${name}.json`);
}

/** Every top-level example and every violation example, as names for lifecycleExample. */
export function allExampleNames(): string[] {
  const json = (dir: string) =>
    readdirSync(path.join(ROOT, 'examples', dir))
      .filter((f) => f.endsWith('.json'))
      .map((f) => path.posix.join(dir, f.slice(0, -'.json'.length)))
      .sort();
  return [...json('.'), ...json('violations')];
}

/** The file names (without `.json`) of examples/violations/. */
export function violationExampleNames(): string[] {
  return allExampleNames()
    .filter((n) => n.startsWith('violations/'))
    .map((n) => n.slice('violations/'.length));
}
