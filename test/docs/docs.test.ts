/**
 * The docs match the code: the committed JSON Schema is the one the zod schema emits, and
 * docs/semantics.md names every rule id and every profile choice the code has.
 */
import { readFileSync } from 'node:fs';
import { PROFILES, PROFILE_NAMES } from '../../src/domain/profiles.js';
import { DISPATCH_RULES } from '../../src/domain/violations.js';
import { scenarioJsonSchema } from '../../src/scenario/schema.js';

const read = (file: string) => readFileSync(file, 'utf8');

describe('docs', () => {
  it('docs/scenario.schema.json is the schema the code emits (regenerate: node dist/scripts/writeSchema.js docs/scenario.schema.json)', () => {
    expect(JSON.parse(read('docs/scenario.schema.json'))).toEqual(scenarioJsonSchema());
  });

  it('docs/semantics.md documents every violation rule id', () => {
    const semantics = read('docs/semantics.md');
    for (const rule of Object.keys(DISPATCH_RULES)) expect(semantics).toContain(`\`${rule}\``);
  });

  it('docs/semantics.md tables every profile choice with each profile\'s value', () => {
    const semantics = read('docs/semantics.md');
    for (const key of Object.keys(PROFILES.windows)) {
      const row = semantics.split('\n').find((line) => line.startsWith(`| \`${key}\``));
      expect(row).toBeDefined();
      for (const profile of PROFILE_NAMES) {
        const value = (PROFILES[profile] as unknown as Record<string, unknown>)[key];
        const words = typeof value === 'string' ? [value] : Object.values(value as Record<string, string>);
        for (const word of words) expect(row).toContain(`\`${word}\``);
      }
    }
  });

  it('docs/lifecycle.md documents every lifecycle and dispatch rule id, and examples/violations has a scenario for each', async () => {
    const { LIFECYCLE_RULES } = await import('../../src/domain/lifecycle/rules.js');
    const { existsSync } = await import('node:fs');
    const lifecycle = read('docs/lifecycle.md');
    for (const rule of [...Object.keys(LIFECYCLE_RULES), ...Object.keys(DISPATCH_RULES)]) {
      expect(lifecycle).toContain(`\`${rule}\``);
      expect(existsSync(`examples/violations/${rule}.json`)).toBe(true);
    }
  });

  it('docs/machines.md names the mounts of the dispatch states that deviceInstall has', async () => {
    const { deviceInstallMachine } = await import('../../machines/deviceInstall/deviceInstall.machine.js');
    const machines = read('docs/machines.md');
    for (const [path, id] of [
      ['coreInstall.dif', 'sequenceDif'],
      ['coreInstall.dif.defaultHandler.calling.destroyPrivateData', 'nestedDif'],
      ['finishInstallRunning', 'finishInstallDif'],
    ]) {
      expect(machines).toContain(`| \`${path}\` | \`${id}\` |`);
      expect(deviceInstallMachine.getStateNodeById(id).path.join('.')).toBe(path);
    }
  });

  it('docs/journal.md names the format and machine versions the code writes', async () => {
    const { JOURNAL_FORMAT, JOURNAL_FORMAT_VERSION } = await import('../../src/journal/format.js');
    const { DIF_DISPATCH_VERSION } = await import('../../machines/difDispatch/difDispatch.types.js');
    const journal = read('docs/journal.md');
    expect(journal).toContain(`"format":"${JOURNAL_FORMAT}","formatVersion":${JOURNAL_FORMAT_VERSION}`);
    expect(journal).toContain(`"machineVersion":${DIF_DISPATCH_VERSION}`);
    const { DEVICE_INSTALL_VERSION } = await import('../../machines/deviceInstall/deviceInstall.types.js');
    expect(journal).toContain(`"machine":"deviceInstall"`);
    expect(journal).toContain(`"machineVersion":${DEVICE_INSTALL_VERSION}`);
  });
});
