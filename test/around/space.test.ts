/**
 * The space around a scenario and its search. The documented alphabets: a co-installer answers
 * NO_ERROR, ERROR_DI_POSTPROCESSING_REQUIRED or a Win32 error and never originates
 * ERROR_DI_DO_DEFAULT (MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/co-installer-interface.md);
 * it may not ask for postprocessing of DIF_ALLOW_INSTALL (dif-allow-install.md); it returns NO_ERROR
 * from DIF_DESTROYPRIVATEDATA (dif-destroyprivatedata.md); a class installer answers NO_ERROR,
 * ERROR_DI_DO_DEFAULT or a Win32 error (handling-dif-codes.md).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exploreAround } from '../../src/around/explore.js';
import { documentAt, points } from '../../src/around/points.js';
import { buildSpace } from '../../src/around/space.js';
import { parseDif, statusLabel } from '../../src/domain/codes.js';

const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
const toaster = read('examples/toaster.json');
const labels = (choices: readonly { pre: number; post?: number | 'propagate' }[]) =>
  choices.map((c) => `${statusLabel(c.pre).split(' ')[0]}${c.post === undefined ? '' : `/${c.post === 'propagate' ? 'propagate' : statusLabel(c.post).split(' ')[0]}`}`);

describe('the space', () => {
  it('a co-installer: its own answer first, then NO_ERROR, a Win32 error, and a postprocessing request answered by propagate, NO_ERROR or a Win32 error', () => {
    const space = buildSpace(toaster, {});
    expect(space.positions).toHaveLength(1);
    const [p] = space.positions;
    expect(p.axis === 'answers' && labels(p.choices)).toEqual([
      'NO_ERROR',
      'ERROR_DI_POSTPROCESSING_REQUIRED/propagate',
      'ERROR_DI_POSTPROCESSING_REQUIRED/NO_ERROR',
      'ERROR_DI_POSTPROCESSING_REQUIRED/ERROR_FILE_NOT_FOUND',
      'ERROR_FILE_NOT_FOUND',
    ]);
  });

  it('no postprocessing request for DIF_ALLOW_INSTALL; only NO_ERROR from DIF_DESTROYPRIVATEDATA', () => {
    const allow = buildSpace(toaster, { dif: parseDif('DIF_ALLOW_INSTALL') }).positions[0];
    expect(allow.axis === 'answers' && labels(allow.choices)).toEqual(['NO_ERROR', 'ERROR_FILE_NOT_FOUND']);
    const destroy = buildSpace(toaster, { dif: parseDif('DIF_DESTROYPRIVATEDATA') }).positions[0];
    expect(destroy.axis === 'answers' && labels(destroy.choices)).toEqual(['NO_ERROR']);
  });

  it('a class installer answers NO_ERROR, ERROR_DI_DO_DEFAULT or a Win32 error; choice 0 everywhere is the scenario as written', () => {
    const doc = read('examples/class-installer-handles.json');
    const space = buildSpace(doc, {});
    const ci = space.positions.find((p) => p.axis === 'answers' && p.kind === 'classInstaller')!;
    expect(ci.axis === 'answers' && [...labels(ci.choices)].sort()).toEqual(['ERROR_DI_DO_DEFAULT', 'ERROR_FILE_NOT_FOUND', 'NO_ERROR']);
    expect(documentAt(space, space.positions.map(() => 0))).toBe(doc);
    expect([...points(space)].length).toBe(space.size);
  });
});

describe('exploreAround', () => {
  it('reports the space before it starts and progress while it runs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devinst-around-'));
    try {
      const events: string[] = [];
      const report = exploreAround(read('examples/class-coinstaller-postprocessing.json'), {
        out: dir,
        progressEveryMs: 0,
        onStart: (space) => events.push(`start ${space.size}`),
        onProgress: (p) => events.push(`progress ${p.done}/${p.total}`),
      });
      expect(events[0]).toBe(`start ${report.space.size}`);
      expect(events.length).toBeGreaterThan(2);
      expect(events.slice(1).every((e) => /^progress \d+\/\d+$/.test(e))).toBe(true);
      expect(report.runs).toBe(report.space.size);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
