/**
 * Scaling explore out (src/explore/scale/): slices of the configurations, explored apart and merged,
 * give what a single run gives: the same counts and verdicts and the same shortest counterexamples
 * (each compared with a single exploration, never with recorded numbers). --workers runs the
 * built worker (dist/, `npm run build`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseStatus } from '../../src/domain/codes.js';
import { exploreDispatch, type DispatchExploration } from '../../src/explore/dispatch/dispatchExplorer.js';
import { configurations, DEFAULT_CODES, mutantSemantics, type DispatchBounds } from '../../src/explore/dispatch/dispatchSpace.js';
import { mergeSlices, type SliceRun } from '../../src/explore/scale/merge.js';
import { exploreSlice } from '../../src/explore/scale/runSlice.js';
import { costEstimate, parseShardSpec, slices } from '../../src/explore/scale/slice.js';
import { exploreWithWorkers } from '../../src/explore/scale/workers.js';
import { cli } from '../support/cli.js';

const DIF = parseStatus('0x19');
const bounds = (c: number, d: number, codes: readonly number[] = DEFAULT_CODES): DispatchBounds => ({ maxClassCoInstallers: c, maxDeviceCoInstallers: d, codes, privateData: 'both' });

/** What must agree between a single run and merged slices. */
function verdicts(e: DispatchExploration) {
  return {
    configurations: e.configurations,
    distinctStates: e.distinctStates,
    transitions: e.transitions,
    finalStates: e.finalStates,
    depth: e.depth,
    results: e.results.map(({ invariant, failure }) => ({
      name: invariant.name,
      failure: failure && { message: failure.message, at: failure.at, config: failure.trace.config, plan: failure.trace.plan, answers: failure.trace.answers },
    })),
  };
}

function single(run: SliceRun): DispatchExploration {
  return exploreDispatch({ profile: run.profile, dif: run.dif, bounds: run.bounds, ...(run.mutant ? { semantics: mutantSemantics(run.profile, run.mutant) } : {}) });
}

const RUNS: readonly (readonly [string, SliceRun])[] = [
  ['windows 2 + 2 (every invariant holds)', { profile: 'windows', mutant: null, dif: DIF, bounds: bounds(2, 2) }],
  ['reactos 2 + 2 (invariants fail)', { profile: 'reactos', mutant: null, dif: DIF, bounds: bounds(2, 2) }],
  ['windows + forward-postprocessing 2 + 1', { profile: 'windows', mutant: 'forward-postprocessing', dif: DIF, bounds: bounds(2, 1) }],
  ['wine 1 + 2, two codes', { profile: 'wine', mutant: null, dif: DIF, bounds: bounds(1, 2, [0, parseStatus('ERROR_FILE_NOT_FOUND')]) }],
];

describe('slices', () => {
  it('should put every configuration in exactly one slice, the same way each time', () => {
    for (const count of [1, 2, 3, 4, 7, 100]) {
      const b = bounds(3, 2);
      const all = configurations(b).length;
      const s = slices(b, count);
      expect(s).toHaveLength(count);
      expect(s.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: all }, (_, i) => i));
      expect(slices(b, count)).toEqual(s);
      for (const list of s) expect([...list].sort((x, y) => x - y)).toEqual(list);
    }
  });

  it('should balance the estimated cost (no slice above 1.25 times its share at 4 + 3 with 2 and 4 slices)', () => {
    const b = bounds(4, 3);
    const configs = configurations(b);
    const total = configs.reduce((s, k) => s + costEstimate(k), 0);
    for (const count of [2, 4]) {
      const loads = slices(b, count).map((list) => list.reduce((s, i) => s + costEstimate(configs[i]), 0));
      expect(Math.max(...loads)).toBeLessThan((1.25 * total) / count);
    }
  });

  it('should read K/N as 0-based and refuse anything else with the reason', () => {
    expect(parseShardSpec('0/4')).toEqual({ index: 0, count: 4 });
    expect(parseShardSpec(' 3 / 4 ')).toEqual({ index: 3, count: 4 });
    expect(parseShardSpec('4/4')).toMatch(/K runs from 0 to 3/);
    expect(parseShardSpec('1/0')).toMatch(/slice count/);
    expect(parseShardSpec('a/4')).toMatch(/expected K\/N/);
    expect(parseShardSpec('1')).toMatch(/expected K\/N/);
  });
});

describe('merged slices', () => {
  it.each(RUNS)('should give what one run gives: %s', (_, run) => {
    const whole = verdicts(single(run));
    for (const count of [2, 4]) {
      const parts = slices(run.bounds, count).map((only) => exploreSlice({ run, only }));
      expect(verdicts(mergeSlices(run, parts))).toEqual(whole);
    }
  });

  it('should find failures in the runs chosen to have them (so the comparison covers counterexamples)', () => {
    for (const [name, run] of RUNS.slice(1, 3)) expect([name, single(run).results.some((r) => r.failure !== null)]).toEqual([name, true]);
  });

  it('should refuse slices that leave configurations out or hold one twice', () => {
    const [, run] = RUNS[0];
    const [a, b] = slices(run.bounds, 2).map((only) => exploreSlice({ run, only }));
    expect(() => mergeSlices(run, [a])).toThrow(/leave out/);
    expect(() => mergeSlices(run, [a, b, a])).toThrow(/in two slices/);
  });

  it('should give the same result from 2 and from 3 worker threads (the built worker)', async () => {
    const [, run] = RUNS[1];
    const whole = verdicts(single(run));
    expect(verdicts(await exploreWithWorkers(run, 2))).toEqual(whole);
    expect(verdicts(await exploreWithWorkers(run, 3))).toEqual(whole);
  });
});

describe('devinst explore --shard, explore merge, --workers', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devinst-explore-scale-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const BOUND = ['--max-class-coinstallers', '2', '--max-device-coinstallers', '1', '--mutant', 'forward-postprocessing'];
  /** Every file under a directory, relative path → text. */
  const files = (root: string) => Object.fromEntries(fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(root, f)).isFile()).sort().map((f) => [f, fs.readFileSync(path.join(root, f), 'utf8')]));
  // Time and memory are the run's own (a merge sums the slices' tables): everything else must be equal.
  const withoutSeconds = (text: string) => text.replace(/\d+\.\d+ s \([\d,]+ distinct states\/s\)/, 'T s').replace(/^memory: .*$/m, 'memory: M');

  it('should merge four shards into the single run: same summary, same counterexample files, same exit code', async () => {
    const one = await cli('explore', ...BOUND, '--out', path.join(dir, 'single'));
    expect(one.code).toBe(1);
    const shardFiles: string[] = [];
    fs.mkdirSync(path.join(dir, 'shards'));
    for (let k = 0; k < 4; k++) {
      const file = path.join(dir, 'shards', `shard-${k}.json`);
      const o = await cli('explore', ...BOUND, '--shard', `${k}/4`, '--out', file);
      expect([o.code, o.err]).toEqual([0, '']);
      expect(o.out).toContain(`shard ${k}/4`);
      shardFiles.push(file);
    }
    const merged = await cli('explore', 'merge', ...[...shardFiles].reverse(), '--out', path.join(dir, 'merged'));
    expect([merged.code, merged.err]).toEqual([1, '']);
    expect(withoutSeconds(merged.out.replaceAll(path.join(dir, 'merged'), 'OUT'))).toEqual(withoutSeconds(one.out.replaceAll(path.join(dir, 'single'), 'OUT')));
    expect(one.out).toContain('✘ PostIsReverseOfPre');
    expect(files(path.join(dir, 'merged'))).toEqual(files(path.join(dir, 'single')));
    expect(Object.keys(files(path.join(dir, 'single'))).length).toBeGreaterThan(0);
    // A directory stands for its .json files.
    const fromDirectory = await cli('explore', 'merge', path.join(dir, 'shards'), '--out', path.join(dir, 'merged'));
    expect([fromDirectory.code, fromDirectory.out]).toEqual([merged.code, merged.out]);
  });

  it('should print with --workers 2 what one worker prints', async () => {
    const one = await cli('explore', ...BOUND, '--out', path.join(dir, 'w1'), '--json');
    const two = await cli('explore', ...BOUND, '--out', path.join(dir, 'w2'), '--json', '--workers', '2');
    expect(two.code).toBe(one.code);
    const strip = (text: string, out: string) => ({ ...JSON.parse(text.replaceAll(JSON.stringify(out).slice(1, -1), 'OUT')), seconds: 0, tableBytes: 0, peakMemoryBytes: 0, bytesPerState: 0 });
    expect(strip(two.out, path.join(dir, 'w2'))).toEqual(strip(one.out, path.join(dir, 'w1')));
  });

  it('should refuse bad specs, mismatched and missing shards with one line and exit 2', async () => {
    const shard = async (spec: string, file: string, ...more: string[]) => cli('explore', '--max-class-coinstallers', '1', '--max-device-coinstallers', '1', '--shard', spec, '--out', file, ...more);
    const a = path.join(dir, 'a0.json');
    const b = path.join(dir, 'a1.json');
    const other = path.join(dir, 'b1.json');
    expect((await shard('0/2', a)).code).toBe(0);
    expect((await shard('1/2', b)).code).toBe(0);
    expect((await cli('explore', '--max-class-coinstallers', '1', '--max-device-coinstallers', '0', '--shard', '1/2', '--out', other)).code).toBe(0);
    const cases: [string[], RegExp][] = [
      [['explore', '--shard', '2/2'], /^devinst: --shard: slice 2 of 2 does not exist/],
      [['explore', '--shard', 'x'], /^devinst: --shard: expected K\/N/],
      [['explore', '--workers', '0'], /^devinst: --workers: expected a whole number from 1 to 64/],
      [['explore', '--workers', '2', '--shard', '0/2'], /^devinst: --shard and --workers exclude each other/],
      [['explore', '--sequence', 'hardware-first', '--workers', '2'], /^devinst: --workers applies to dispatch exploration/],
      [['explore', '--max-class-coinstallers', '1', '--max-device-coinstallers', '1', '--shard', '0/2', '--out', a], /already exists; not overwritten \(use --force/],
      [['explore', 'merge', a], /^devinst: explore merge: shard 1 of 2 missing/],
      [['explore', 'merge', a, a], /a0\.json: shard 0\/2 again/],
      [['explore', 'merge', a, other], /b1\.json: a shard of another run than .*a0\.json \(maxDeviceCoInstallers 1 vs 0\)/],
      [['explore', 'merge', a, path.join(dir, 'missing.json')], /missing\.json: cannot read: no such file or directory/],
      [['explore', 'merge', a, b, '--workers', '2'], /^devinst: explore merge: --workers does not apply/],
      [['explore', '--workers', '2', '--max-states', '100'], /^devinst: --max-states applies to one search in one thread, not to --workers or --shard/],
      [['explore', '--shard', '0/2', '--max-memory', '500', '--out', path.join(dir, 'x.json')], /^devinst: --max-memory applies to one search in one thread/],
    ];
    const notShard = path.join(dir, 'not-a-shard.json');
    fs.writeFileSync(notShard, '{"kind":"something else"}\n');
    cases.push([['explore', 'merge', notShard], /not-a-shard\.json: not a shard result/]);
    const newer = path.join(dir, 'newer.json');
    fs.writeFileSync(newer, fs.readFileSync(b, 'utf8').replace('"version": 1', '"version": 2'));
    cases.push([['explore', 'merge', a, newer], /newer\.json: shard format version 2; this devinst reads version 1/]);
    for (const [argv, message] of cases) {
      const o = await cli(...argv);
      expect([argv.join(' '), o.code, o.out]).toEqual([argv.join(' '), 2, '']);
      expect(o.err.trimEnd().split('\n')).toHaveLength(1);
      expect(o.err).toMatch(message);
    }
    expect((await shard('0/2', a, '--force')).code).toBe(0);
    expect((await cli('explore', 'merge', a, b, '--json')).code).toBe(0);
  });
});
