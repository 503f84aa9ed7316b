/**
 * The result file of `devinst explore --shard K/N` and its reading back by `devinst explore merge`.
 *
 * One JSON object, versioned:
 *
 *     { "kind": "devinst-explore-shard", "version": 1,
 *       "shard": { "index": K, "count": N },
 *       "run": { profile, mutant, dif, bounds (codes as numbers), invariants (names), machineVersion },
 *       "result": { configurations (indices), distinctStates, transitions, finalStates, depth,
 *                   monitorSteps, seconds, failures (per invariant: null, or its first failure in
 *                   the slice with the configuration index and the answers of its trace),
 *                   stopped (null, or why the slice's memory guard ended it early: the merge is
 *                   then partial), tableBytes, peakMemory } }
 *
 * Merge refuses, with one line naming the file (exit 2): another kind or version, a file that is not
 * this format, shards of different runs (the first field that differs is named) or of different
 * slice counts, a shard given twice, and missing shards.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DIF_DISPATCH_VERSION } from '../../../machines/difDispatch/difDispatch.types.js';
import { PROFILE_NAMES } from '../../domain/profiles.js';
import { InputError } from '../../errors.js';
import { describeFsError } from '../../files/output.js';
import { DISPATCH_INVARIANTS } from '../../invariants/index.js';
import { formatPath } from '../../scenario/jsonText.js';
import { parseJsonValue } from '../../scenario/jsonParse.js';
import { MUTANT_NAMES, MUTANTS, PRIVATE_DATA_CHOICES } from '../dispatch/dispatchSpace.js';
import type { SliceResult, SliceRun } from './merge.js';
import type { ShardSpec } from './slice.js';

export const SHARD_KIND = 'devinst-explore-shard';
export const SHARD_VERSION = 1;

const count = z.int().nonnegative();
const answer = z.strictObject({ code: z.int().min(0).max(0xffffffff), storesPrivateData: z.boolean() });

const runSchema = z.strictObject({
  profile: z.enum(PROFILE_NAMES as unknown as [string, ...string[]]),
  mutant: z.string().nullable(),
  dif: z.int().min(0).max(0xffffffff),
  bounds: z.strictObject({
    maxClassCoInstallers: count,
    maxDeviceCoInstallers: count,
    codes: z.array(z.int().min(0).max(0xffffffff)).min(1),
    privateData: z.enum(PRIVATE_DATA_CHOICES),
  }),
  invariants: z.array(z.string()),
  machineVersion: z.int(),
});

const shardSchema = z.strictObject({
  kind: z.literal(SHARD_KIND),
  version: z.literal(SHARD_VERSION),
  shard: z.strictObject({ index: count, count: z.int().positive() }),
  run: runSchema,
  result: z.strictObject({
    configurations: z.array(count),
    distinctStates: count,
    transitions: count,
    finalStates: count,
    depth: count,
    monitorSteps: count,
    seconds: z.number().nonnegative(),
    failures: z.array(z.strictObject({ message: z.string(), at: z.enum(['step', 'end']), config: count, answers: z.array(answer) }).nullable()),
    stopped: z.strictObject({ reason: z.enum(['max-states', 'memory', 'interrupted']), limit: count, explored: count }).nullable(),
    tableBytes: count,
    peakMemory: count,
  }),
});

export type ShardFile = z.infer<typeof shardSchema>;

export interface Shard {
  readonly file: string;
  readonly spec: ShardSpec;
  readonly run: SliceRun;
  readonly result: SliceResult;
}

/** The shard file's content (JSON text, ending in a newline). */
export function shardText(spec: ShardSpec, run: SliceRun, result: SliceResult): string {
  const file: ShardFile = {
    kind: SHARD_KIND,
    version: SHARD_VERSION,
    shard: { index: spec.index, count: spec.count },
    run: {
      profile: run.profile,
      mutant: run.mutant,
      dif: run.dif,
      bounds: { maxClassCoInstallers: run.bounds.maxClassCoInstallers, maxDeviceCoInstallers: run.bounds.maxDeviceCoInstallers, codes: [...run.bounds.codes], privateData: run.bounds.privateData },
      invariants: [...result.invariants],
      machineVersion: DIF_DISPATCH_VERSION,
    },
    result: {
      configurations: [...result.configurations],
      distinctStates: result.distinctStates,
      transitions: result.transitions,
      finalStates: result.finalStates,
      depth: result.depth,
      monitorSteps: result.monitorSteps,
      seconds: Number(result.seconds.toFixed(3)),
      failures: result.failures.map((f) => (f ? { message: f.message, at: f.at, config: f.config, answers: f.answers.map((a) => ({ ...a })) } : null)),
      stopped: result.stopped ? { ...result.stopped } : null,
      tableBytes: result.tableBytes,
      peakMemory: result.peakMemory,
    },
  };
  return JSON.stringify(file, null, 2) + '\n';
}

/** Reads and checks one shard file (InputError, one line, on anything wrong). */
export function readShard(file: string): Shard {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot read: ${describeFsError(error)}`);
  }
  const value = parseJsonValue(file, text, { jsonc: false });
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (typeof value !== 'object' || value === null || kind !== SHARD_KIND) throw new InputError(`${file}: not a shard result of devinst explore --shard (no "kind": "${SHARD_KIND}")`);
  const version = (value as { version?: unknown }).version;
  if (version !== SHARD_VERSION) throw new InputError(`${file}: shard format version ${JSON.stringify(version)}; this devinst reads version ${SHARD_VERSION}`);
  const parsed = shardSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = formatPath(issue.path);
    const message = issue.code === 'unrecognized_keys' ? `unknown key "${issue.keys[0]}"` : issue.message;
    throw new InputError(`${file}: ${where ? `${where}: ` : ''}${message}`);
  }
  const s = parsed.data;
  if (s.shard.index >= s.shard.count) throw new InputError(`${file}: shard.index ${s.shard.index} is not below shard.count ${s.shard.count}`);
  if (s.run.machineVersion !== DIF_DISPATCH_VERSION) throw new InputError(`${file}: explored difDispatch version ${s.run.machineVersion}; this devinst has version ${DIF_DISPATCH_VERSION}`);
  if (s.run.mutant !== null && !Object.hasOwn(MUTANTS, s.run.mutant)) throw new InputError(`${file}: run.mutant: unknown mutant "${s.run.mutant}" (this devinst has ${MUTANT_NAMES.join(', ')})`);
  const names = DISPATCH_INVARIANTS.map((i) => i.name);
  if (s.run.invariants.join(',') !== names.join(',')) throw new InputError(`${file}: checked the invariants ${s.run.invariants.join(', ')}; this devinst checks ${names.join(', ')}`);
  if (s.result.failures.length !== names.length) throw new InputError(`${file}: result.failures has ${s.result.failures.length} entries for ${names.length} invariants`);
  return {
    file,
    spec: s.shard,
    run: { profile: s.run.profile as SliceRun['profile'], mutant: s.run.mutant, dif: s.run.dif, bounds: s.run.bounds },
    result: { ...s.result, invariants: s.run.invariants },
  };
}

/** The first field in which two shards' runs differ, as `name: a vs b`, or null. */
function difference(a: SliceRun, b: SliceRun): string | null {
  const flat = (r: SliceRun) => ({
    profile: r.profile,
    mutant: r.mutant ?? 'none',
    dif: `0x${r.dif.toString(16)}`,
    maxClassCoInstallers: r.bounds.maxClassCoInstallers,
    maxDeviceCoInstallers: r.bounds.maxDeviceCoInstallers,
    codes: r.bounds.codes.map((c) => `0x${c.toString(16)}`).join(','),
    privateData: r.bounds.privateData,
  });
  const x = flat(a);
  const y = flat(b);
  for (const key of Object.keys(x) as (keyof typeof x)[]) if (x[key] !== y[key]) return `${key} ${String(x[key])} vs ${String(y[key])}`;
  return null;
}

/** The files named, a directory standing for its `*.json` files (sorted), so that no shell glob is needed. */
export function shardFiles(names: readonly string[]): string[] {
  return names.flatMap((name) => {
    let entries: string[];
    try {
      if (!statSync(name).isDirectory()) return [name];
      entries = readdirSync(name);
    } catch {
      return [name]; // readShard says why it cannot be read
    }
    const json = entries.filter((f) => f.toLowerCase().endsWith('.json')).sort();
    if (json.length === 0) throw new InputError(`${name}: a directory without .json files (expected shard result files)`);
    return json.map((f) => path.join(name, f));
  });
}

/** Reads the shard files of one run (directories: their .json files): all of them, each once, of the same run and slice count. */
export function readShards(names: readonly string[]): Shard[] {
  const files = shardFiles(names);
  if (files.length === 0) throw new InputError('explore merge: expected the shard result files to merge');
  const shards = files.map(readShard);
  const first = shards[0];
  const byIndex = new Map<number, Shard>();
  for (const s of shards) {
    const differs = difference(first.run, s.run);
    if (differs !== null) throw new InputError(`${s.file}: a shard of another run than ${first.file} (${differs})`);
    if (s.spec.count !== first.spec.count) throw new InputError(`${s.file}: shard ${s.spec.index}/${s.spec.count}, but ${first.file} is one of ${first.spec.count} shards`);
    const twin = byIndex.get(s.spec.index);
    if (twin) throw new InputError(`${s.file}: shard ${s.spec.index}/${s.spec.count} again (also ${twin.file})`);
    byIndex.set(s.spec.index, s);
  }
  const missing = Array.from({ length: first.spec.count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    const list = missing.length > 5 ? `${missing.slice(0, 5).join(', ')}, … (${missing.length} in all)` : missing.join(', ');
    throw new InputError(`explore merge: shard${missing.length === 1 ? '' : 's'} ${list} of ${first.spec.count} missing: merge every shard of the run`);
  }
  return [...byIndex.values()].sort((a, b) => a.spec.index - b.spec.index);
}
