/**
 * A search that stops early: --max-states, the memory guard and a stop asked for between slices
 * (Ctrl-C) end it with a partial verdict, which says how far it got and keeps the counterexamples
 * found so far; the CLI exits 3 then.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exploreDispatch, startDispatchSearch } from '../../src/explore/dispatch/dispatchExplorer.js';
import { DEFAULT_DISPATCH_BOUNDS, mutantSemantics } from '../../src/explore/dispatch/dispatchSpace.js';
import { drive } from '../../src/explore/drive.js';
import { memoryInUse } from '../../src/explore/engine/memoryBudget.js';
import { parseDif, parseStatus } from '../../src/domain/codes.js';
import { main } from '../../src/cli/program.js';
import { processInterrupts } from '../../src/cli/interrupts.js';
import { cli } from '../support/cli.js';

const SIX = ['NO_ERROR', 'ERROR_DI_POSTPROCESSING_REQUIRED', 'ERROR_DI_DO_DEFAULT', 'ERROR_FILE_NOT_FOUND', 'ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION', 'ERROR_DI_DONT_INSTALL'].map(parseStatus);
const DIF_INSTALLDEVICE = parseDif('DIF_INSTALLDEVICE');
const SMALL = DEFAULT_DISPATCH_BOUNDS;
const BIG = { ...DEFAULT_DISPATCH_BOUNDS, maxClassCoInstallers: 3, maxDeviceCoInstallers: 3, codes: SIX };

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devinst-explore-stop-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('--max-states', () => {
  const full = exploreDispatch({ profile: 'windows', dif: DIF_INSTALLDEVICE, bounds: SMALL, semantics: mutantSemantics('windows', 'forward-postprocessing') });

  it('should stop at exactly n distinct states, breadth-first, and say how far it got', () => {
    expect(full.stopped).toBeNull();
    const n = Math.floor(full.distinctStates / 3);
    const r = exploreDispatch({ profile: 'windows', dif: DIF_INSTALLDEVICE, bounds: SMALL, semantics: mutantSemantics('windows', 'forward-postprocessing'), maxStates: n });
    expect(r.distinctStates).toBe(n);
    expect(r.stopped).toEqual({ reason: 'max-states', limit: n, explored: expect.any(Number) });
    expect(r.stopped!.explored).toBeGreaterThan(0);
    expect(r.stopped!.explored).toBeLessThan(n);
    expect(r.transitions).toBeLessThan(full.transitions);
    expect(r.depth).toBeLessThanOrEqual(full.depth);
  });

  it('should keep the counterexamples found before it stopped: the same shortest traces as the whole search finds', () => {
    const failing = full.results.filter((x) => x.failure !== null);
    expect(failing.length).toBeGreaterThan(0);
    // Just enough states for the earliest failure, well short of the whole space.
    let found = 0;
    for (let n = 16; n < full.distinctStates && found === 0; n *= 2) {
      const r = exploreDispatch({ profile: 'windows', dif: DIF_INSTALLDEVICE, bounds: SMALL, semantics: mutantSemantics('windows', 'forward-postprocessing'), maxStates: n });
      expect(r.stopped?.reason).toBe('max-states');
      r.results.forEach((x, k) => {
        if (x.failure === null) return;
        found += 1;
        expect(x.failure).toEqual(full.results[k].failure);
      });
    }
    expect(found).toBeGreaterThan(0);
  });

  it('should not count as stopped when the search ends first', () => {
    const r = exploreDispatch({ profile: 'windows', dif: DIF_INSTALLDEVICE, bounds: SMALL, maxStates: 10 ** 9 });
    expect(r.stopped).toBeNull();
  });
});

describe('the memory guard', () => {
  it('should stop the search before the heap plus the tables pass the budget', () => {
    const budget = memoryInUse() + 8 * 1024 * 1024;
    const r = exploreDispatch({ profile: 'windows', dif: DIF_INSTALLDEVICE, bounds: BIG, memoryBudget: budget });
    // The whole search holds 126,680 states (docs/invariants.md): far more than 8 MiB more allows.
    expect(r.stopped).toMatchObject({ reason: 'memory', limit: budget });
    expect(r.distinctStates).toBeLessThan(126_680);
    expect(r.distinctStates).toBeGreaterThan(0);
    // Measured every thousand states or so: the heap may gain a few MB past the budget before a measurement stops it.
    expect(r.peakMemory).toBeLessThan(budget + 16 * 1024 * 1024);
    }, 60_000);

  it('should report the bytes its tables hold', () => {
    const r = exploreDispatch({ profile: 'windows', dif: DIF_INSTALLDEVICE, bounds: SMALL });
    // At least the state keys (view id and a ghost id per monitor, 4 bytes each) and a parent pointer.
    expect(r.tableBytes).toBeGreaterThanOrEqual(r.distinctStates * 4 * 2);
    expect(r.peakMemory).toBeGreaterThan(r.tableBytes);
  });
});

describe('a stop between slices (Ctrl-C)', () => {
  it('should end a search run a slice at a time with a partial verdict', () => {
    const search = startDispatchSearch({ profile: 'windows', dif: DIF_INSTALLDEVICE, bounds: BIG });
    expect(search.run(1)).toBe(false);
    search.stop('interrupted');
    expect(search.run(1)).toBe(true);
    const r = search.result();
    expect(r.stopped).toMatchObject({ reason: 'interrupted', limit: 0 });
    expect(r.distinctStates).toBeLessThan(126_680);
    expect(search.result()).toBe(r);
  });

  it('should reach the same verdict in slices as in one go', () => {
    const whole = exploreDispatch({ profile: 'windows', dif: DIF_INSTALLDEVICE, bounds: SMALL, semantics: mutantSemantics('windows', 'forward-postprocessing') });
    const search = startDispatchSearch({ profile: 'windows', dif: DIF_INSTALLDEVICE, bounds: SMALL, semantics: mutantSemantics('windows', 'forward-postprocessing') });
    let slices = 0;
    while (!search.run(0)) slices += 1;
    const r = search.result();
    expect(slices).toBeGreaterThan(1);
    expect(r.stopped).toBeNull();
    expect([r.distinctStates, r.transitions, r.depth]).toEqual([whole.distinctStates, whole.transitions, whole.depth]);
    expect(r.results.map((x) => x.failure)).toEqual(whole.results.map((x) => x.failure));
  });

  it('drive: an interrupt stops the search, and the subscription ends with it', async () => {
    let fire: (() => void) | undefined;
    let subscribed = 0;
    const search = startDispatchSearch({ profile: 'windows', dif: DIF_INSTALLDEVICE, bounds: BIG });
    const done = drive(search, {
      sliceMs: 5,
      interrupts: (f) => {
        subscribed += 1;
        fire = f;
        return () => void (subscribed -= 1);
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(subscribed).toBe(1);
    fire!();
    const r = await done;
    expect(r.stopped?.reason).toBe('interrupted');
    expect(subscribed).toBe(0);
  });
});

describe('devinst explore, stopped early (in-process)', () => {
  it('--max-states: the partial summary and exit 3', async () => {
    const o = await cli('explore', '--max-states', '500', '--out', dir);
    expect(o.code).toBe(3);
    expect(o.out).toMatch(/ 500 distinct states/);
    expect(o.out).toMatch(/^PARTIAL: the search stopped at --max-states 500 after 500 distinct states \([\d,]+ explored, [\d,]+ still queued\)/m);
    expect(o.out).toMatch(/^13 of 13 invariants held so far$/m);
    expect(o.out).toMatch(/^memory: .* bytes per distinct state/m);
  });

  it('--max-states --json: partial, with the bytes per state', async () => {
    const o = await cli('explore', '--max-states', '500', '--out', dir, '--json');
    expect(o.code).toBe(3);
    const report = JSON.parse(o.out);
    expect(report.distinctStates).toBe(500);
    expect(report.partial).toEqual({ reason: 'max-states', limit: 500, exploredStates: expect.any(Number), queuedStates: 500 - report.partial.exploredStates });
    expect(report.bytesPerState).toBeCloseTo(report.tableBytes / 500, 1);
  });

  it('a complete search: partial is null, exit 0', async () => {
    const o = await cli('explore', '--max-class-coinstallers', '1', '--max-device-coinstallers', '1', '--out', dir, '--json');
    expect(o.code).toBe(0);
    expect(JSON.parse(o.out).partial).toBeNull();
  });

  it('--max-memory: stops by the memory guard, exit 3', async () => {
    const o = await cli('explore', '--max-class-coinstallers', '4', '--max-device-coinstallers', '4', '--max-memory', String(Math.ceil(memoryInUse() / 2 ** 20) + 8), '--out', dir);
    expect(o.code).toBe(3);
    expect(o.out).toMatch(/^PARTIAL: the search stopped by the memory guard at \d+ MiB \(--max-memory, or the heap's own limit\)/m);
    }, 60_000);

  it.each([
    [['--max-states', '0'], '--max-states: expected a whole number of at least 1, got "0"'],
    [['--max-states', '1e3'], '--max-states: expected a whole number of at least 1, got "1e3"'],
    [['--max-memory', '-5'], '--max-memory: expected a whole number of at least 1, got "-5"'],
    [['--max-states', '9', '--sequence', 'remove'], '--max-states applies to dispatch exploration, not to a scenario, INF, log or --sequence'],
  ])('%j: one line, exit 2', async (args, message) => {
    const o = await cli('explore', ...args);
    expect(o.code).toBe(2);
    expect(o.err).toBe(`devinst: ${message}\n`);
  });

  it('SIGINT while it runs (as the bin wires it): the partial summary, exit 3', async () => {
    const out: string[] = [];
    const code = main(['explore', '--max-class-coinstallers', '6', '--max-device-coinstallers', '6', '--out', dir], {
      stdout: (t) => void out.push(t),
      stderr: () => undefined,
      color: false,
      version: '0.0.0-test',
      interrupts: processInterrupts,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = process.listenerCount('SIGINT');
    expect(before).toBeGreaterThan(0);
    // What Node does on Ctrl-C, on Windows too: emit SIGINT on process.
    process.emit('SIGINT');
    expect(await code).toBe(3);
    expect(process.listenerCount('SIGINT')).toBe(before - 1);
    expect(out.join('\n')).toMatch(/^PARTIAL: the search stopped by Ctrl-C after [\d,]+ distinct states/m);
  });
});
