/**
 * Memory a replay lets go of (issue 11, target 2: "keep no more than the result needs"):
 * src/journal/heap.ts's one full collection after a long header, and the executor keeping nothing
 * of a run once it has ended (src/executor/implementations.ts empties the arguments object it
 * reuses for guards, which used to keep the last run's context, with every call record, alive).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { dispatch, recordDif } from '../../src/host/runDif.js';
import { collectGarbage, LONG_HEADER } from '../../src/journal/heap.js';
import { replayJournal } from '../../src/journal/replay.js';
import { validateScenario } from '../../src/scenario/load.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Whether the object `make` returns is collected once `make`'s caller holds no reference to it. */
async function collected(make: () => object): Promise<boolean> {
  const ref = new WeakRef(make());
  await tick(); // a WeakRef's target is kept until the job that made it ends
  expect(collectGarbage()).toBe(true);
  await tick();
  return ref.deref() === undefined;
}

describe('collectGarbage', () => {
  it('collects an object nothing refers to, and leaves neither gc nor --expose-gc behind', async () => {
    const before = typeof (globalThis as { gc?: unknown }).gc;
    expect(await collected(() => ({ big: new Array(1000).fill(1) }))).toBe(true);
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe(before);
    // a context made after it has no gc of its own: the flag was set back
    expect(runInNewContext('typeof gc')).toBe(before === 'function' ? 'function' : 'undefined');
  });

  it('does not collect what is still referred to', async () => {
    const kept: object[] = [];
    expect(
      await collected(() => {
        const o = { kept: true };
        kept.push(o);
        return o;
      }),
    ).toBe(false);
    expect(kept).toHaveLength(1);
  });
});

describe('the executor keeps nothing of a run', () => {
  it('a call record of a finished dispatch is collected once its result is dropped', async () => {
    const { scenario } = validateScenario({
      device: { description: 'd' },
      classCoInstallers: [{ name: 'a.dll', on: { '*': { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED' } } }],
      classInstaller: { name: 'ci.dll', on: { '*': { returns: 'ERROR_DI_DO_DEFAULT' } } },
    });
    // the guard that last ran read a context whose call log holds this record
    expect(await collected(() => dispatch(scenario, 0x02, { engine: 'executor' }).calls[0])).toBe(true);
  });
});

describe('a journal with a long header', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'devinst-heap-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replays from a file to the live run’s result, through the collection after its header', async () => {
    const long = 'x'.repeat(1000);
    const count = Math.ceil(LONG_HEADER / 1000) + 10;
    const doc = {
      device: { description: 'long header' },
      classCoInstallers: Array.from({ length: count }, (_, i) => ({ name: `${long}${i}.dll`, on: { '*': { pre: i % 2 === 0 ? 'ERROR_DI_POSTPROCESSING_REQUIRED' : 'NO_ERROR' } } })),
    };
    const { journal, result } = recordDif(doc, 0x02);
    expect(journal.indexOf('\n')).toBeGreaterThanOrEqual(LONG_HEADER);
    const file = path.join(dir, 'long.jsonl');
    writeFileSync(file, journal);
    expect(await replayJournal({ path: file })).toEqual(result);
  });
});
