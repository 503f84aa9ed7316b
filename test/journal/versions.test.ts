/**
 * Journals of an earlier machine version: version 1 journals (written before every DIF became a
 * dispatch mounted in the installation's chart, test/fixtures/journals/README.md) hold the same
 * events and replay to the same results; a version this devinst does not know is refused with one
 * line naming it (docs/journal.md "Machine versions").
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEVICE_INSTALL_VERSION } from '../../machines/deviceInstall/deviceInstall.types.js';
import { DIF_DISPATCH_VERSION } from '../../machines/difDispatch/difDispatch.types.js';
import { InputError } from '../../src/errors.js';
import { recordDif } from '../../src/host/runDif.js';
import { recordInstall } from '../../src/host/runInstall.js';
import { replayJournal, transitionLog } from '../../src/journal/replay.js';
import { exampleFile } from '../support/chart.js';
import { ROOT } from '../support/scenarios.js';

const fixture = (name: string) => readFileSync(path.join(ROOT, 'test', 'fixtures', 'journals', name), 'utf8');
const INSTALL_V1 = fixture('finish-install-win7.v1.jsonl');
const DISPATCH_V1 = fixture('class-coinstaller-postprocessing.v1.jsonl');

/** The journal with its header's and entries' machine version replaced. */
function withVersion(journal: string, version: number): string {
  return journal
    .trimEnd()
    .split('\n')
    .map((line, i) => {
      const o = JSON.parse(line) as Record<string, unknown>;
      if (i === 0) o.machineVersion = version;
      else if ('seq' in o) o.version = version;
      return JSON.stringify(o);
    })
    .join('\n');
}

function refusal(text: string, file: string): string {
  let caught: unknown;
  try {
    replayJournal(text, { file });
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InputError);
  const message = (caught as Error).message;
  expect(message).not.toContain('\n');
  return message;
}

describe('journals of the previous machine version', () => {
  it('should be version 1 journals, and this devinst writes version 2', () => {
    expect(JSON.parse(INSTALL_V1.split('\n')[0])).toMatchObject({ machine: 'deviceInstall', machineVersion: 1 });
    expect(JSON.parse(DISPATCH_V1.split('\n')[0])).toMatchObject({ machine: 'difDispatch', machineVersion: 1 });
    expect([DEVICE_INSTALL_VERSION, DIF_DISPATCH_VERSION]).toEqual([2, 2]);
  });

  describe('given an install journal of deviceInstall version 1', () => {
    it('should replay to the result a run of the same scenario gives today', () => {
      const today = recordInstall(exampleFile('finish-install-win7')).result;
      expect(replayJournal(INSTALL_V1)).toEqual(today);
    });

    it('should list the dispatch states of the current chart in its transition log', () => {
      const states = new Set(transitionLog(INSTALL_V1).map((t) => t.to));
      for (const state of [
        'coreInstall.dif.preprocessing.calling',
        'coreInstall.dif.defaultHandler.calling.awaiting',
        'coreInstall.dif.defaultHandler.calling.destroyPrivateData.starting',
        'finishInstallRunning.preprocessing.calling',
        'finishInstallRunning.postprocessing.choosing',
        'finishInstallPending',
        'attempted',
      ]) {
        expect(states.has(state)).toBe(true);
      }
    });
  });

  describe('given a dispatch journal of difDispatch version 1', () => {
    it('should replay to the result a run of the same scenario gives today', () => {
      expect(replayJournal(DISPATCH_V1)).toEqual(recordDif(exampleFile('class-coinstaller-postprocessing')).result);
    });
  });

  describe('given a journal of a version this devinst does not replay', () => {
    it('should refuse an install journal of version 3 with one line naming its version', () => {
      expect(refusal(withVersion(INSTALL_V1, 3), 'old.jsonl')).toBe(
        'old.jsonl:1: written by deviceInstall version 3, but this devinst (version 2) replays only versions 1, 2; it cannot replay it',
      );
    });

    it('should refuse a dispatch journal of version 0 with one line naming its version', () => {
      expect(refusal(withVersion(DISPATCH_V1, 0), 'old.jsonl')).toMatch(/^old\.jsonl:1: written by difDispatch version 0, /);
    });

    it('should refuse an entry whose version differs from the header', () => {
      const lines = DISPATCH_V1.trimEnd().split('\n');
      const entry = JSON.parse(lines[2]) as { version: number };
      entry.version = 2;
      lines[2] = JSON.stringify(entry);
      expect(refusal(lines.join('\n'), 'mixed.jsonl')).toBe('mixed.jsonl:3: entry for difDispatch version 2 in a journal of difDispatch version 1');
    });
  });
});
