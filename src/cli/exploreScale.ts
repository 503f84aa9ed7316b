/**
 * Scaling `devinst explore` out (src/explore/scale/, docs/scaling.md):
 *
 * - `--workers N`: the run split across N worker threads, merged in the process;
 * - `--shard K/N`: slice K (0-based) of N explored by this process alone, its result written to a
 *   shard file (`--out FILE`, never over an existing file without --force; default under
 *   .devinst-out/explore/shards/), exit 0 whatever it found: the verdict is the merge's;
 * - `devinst explore merge <shard files…>`: the slices combined into the summary, counterexamples
 *   and exit code a single run gives.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { difLabel } from '../domain/codes.js';
import { EXIT_PARTIAL, ExitStatus, InputError } from '../errors.js';
import { describeFsError, prepareOutput } from '../files/output.js';
import type { ExploreProgress } from '../explore/dispatch/dispatchExplorer.js';
import { configurations, describeConfig } from '../explore/dispatch/dispatchSpace.js';
import { dispatchReport, type DispatchExploreRequest } from '../explore/dispatch/runDispatch.js';
import { DEFAULT_OUT, jsonReport, type ExploreReport } from '../explore/report.js';
import { mergeSlices, MergeError, type SliceRun } from '../explore/scale/merge.js';
import { exploreSlice } from '../explore/scale/runSlice.js';
import { readShards, shardText } from '../explore/scale/shardFile.js';
import { parseShardSpec, slices, type ShardSpec } from '../explore/scale/slice.js';
import { exploreWithWorkers, MAX_WORKERS } from '../explore/scale/workers.js';
import type { CliIo } from './io.js';
import type { Colors } from './render.js';

export interface ScaleOptions {
  workers?: string;
  shard?: string;
  force?: boolean;
}

export interface Scale {
  /** 1: the plain single run. */
  readonly workers: number;
  readonly shard: ShardSpec | null;
}

/** Reads --workers and --shard (and refuses what they exclude). */
export function scaleOf(opts: ScaleOptions & { sequence?: string }): Scale {
  let workers = 1;
  if (opts.workers !== undefined) {
    if (!/^\s*\d+\s*$/.test(opts.workers) || Number(opts.workers) < 1 || Number(opts.workers) > MAX_WORKERS) throw new InputError(`--workers: expected a whole number from 1 to ${MAX_WORKERS}, got "${opts.workers}"`);
    workers = Number(opts.workers);
  }
  let shard: ShardSpec | null = null;
  if (opts.shard !== undefined) {
    const spec = parseShardSpec(opts.shard);
    if (typeof spec === 'string') throw new InputError(`--shard: ${spec}`);
    shard = spec;
  }
  if (opts.sequence !== undefined && (opts.workers !== undefined || shard)) throw new InputError(`--${shard ? 'shard' : 'workers'} applies to dispatch exploration, not to --sequence`);
  if (shard && opts.workers !== undefined) throw new InputError('--shard and --workers exclude each other: a shard runs in one thread (run more shards instead)');
  if (opts.force && !shard) throw new InputError('--force applies to --shard (the shard file named by --out)');
  return { workers, shard };
}

const runOf = (request: DispatchExploreRequest): SliceRun => ({ profile: request.profile, mutant: request.mutant ?? null, dif: request.dif, bounds: request.bounds });

/** The single run's report, from N worker threads. */
export async function exploreInWorkers(request: DispatchExploreRequest, workers: number, onProgress?: (p: ExploreProgress) => void): Promise<ExploreReport> {
  return dispatchReport(request, await exploreWithWorkers(runOf(request), workers, onProgress));
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** `--shard K/N`: explores the slice, writes its shard file, prints what it holds. */
export function exploreShard(request: DispatchExploreRequest, spec: ShardSpec, out: string | undefined, force: boolean, json: boolean, io: CliIo, onProgress?: (p: ExploreProgress) => void): void {
  const run = runOf(request);
  const label = `${run.profile}${run.mutant ? `+${run.mutant}` : ''}-${difLabel(run.dif)}`;
  const file = out ?? path.join(DEFAULT_OUT, 'shards', `${label}-${spec.index}-of-${spec.count}.json`);
  if (out === undefined) {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
    } catch (error) {
      throw new InputError(`${path.dirname(file)}: cannot create the directory: ${describeFsError(error)}`);
    }
  }
  // Checked before the work: a user's file is kept unless --force; the default file is the tool's own.
  const output = prepareOutput(file, { force: force || out === undefined, option: '--out' });
  const only = slices(run.bounds, spec.count)[spec.index];
  const result = exploreSlice({ run, only }, onProgress);
  output.write(shardText(spec, run, result));
  const failed = result.failures.flatMap((f, k) => (f ? [result.invariants[k]] : []));
  // A slice its memory guard stopped is written (merge then gives a partial verdict) and exits 3, so a batch engine sees it.
  const stopped = result.stopped;
  if (json) {
    io.stdout(JSON.stringify({ shard: spec, file, configurations: only.length, distinctStates: result.distinctStates, transitions: result.transitions, seconds: Number(result.seconds.toFixed(3)), failed, partial: stopped }, null, 2));
    if (stopped) throw new ExitStatus(EXIT_PARTIAL);
    return;
  }
  const all = configurations(run.bounds).length;
  io.stdout(
    [
      `devinst explore  shard ${spec.index}/${spec.count} (0-based) of ${label}, 0–${run.bounds.maxClassCoInstallers} class + 0–${run.bounds.maxDeviceCoInstallers} device co-installers: ${only.length} of ${all} configurations` +
        (only.length > 0 ? `, the largest ${describeConfig(configurations(run.bounds)[only[only.length - 1]])}` : ''),
      `${fmt(result.distinctStates)} distinct states, ${fmt(result.transitions)} transitions, depth ${result.depth}, ${result.seconds.toFixed(2)} s`,
      failed.length === 0 ? `no invariant fails in this shard` : `fails in this shard: ${failed.join(', ')}`,
      ...(stopped ? [`PARTIAL: the memory guard stopped this shard after ${fmt(stopped.explored)} states; give it more memory (NODE_OPTIONS=--max-old-space-size=…) or split the run into more shards`] : []),
      `result ${file}; the verdict is the merge's: devinst explore merge <all ${spec.count} shard files>`,
    ].join('\n'),
  );
  if (stopped) throw new ExitStatus(EXIT_PARTIAL);
}

/** `devinst explore merge`, under the explore command. */
export function registerExploreMerge(explore: Command, io: CliIo, colors: Colors, render: (colors: Colors, report: ExploreReport) => string): void {
  explore
    .command('merge')
    .showHelpAfterError(false)
    .description('combine the shard files of one run (devinst explore --shard K/N) into the summary, counterexamples and exit code a single run gives')
    .argument('<files...>', 'every shard result file of the run, in any order (a directory: its .json files)')
    .addHelpText('after', `\nexplore's --out <dir> (where counterexamples are written, default ${DEFAULT_OUT}/), --json and --no-fail apply, before or after the files.`)
    .action((files: string[]) => {
      // explore's own options: the program parses the options of a subcommand's subcommand as its parent's.
      const opts = explore.opts<{ out?: string; json?: boolean; fail?: boolean }>();
      const other = explore.options.map((o) => o.attributeName()).find((k) => !['out', 'json', 'fail'].includes(k) && explore.getOptionValueSource(k) === 'cli');
      if (other !== undefined) throw new InputError(`explore merge: --${other.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} does not apply (only --out, --json and --no-fail do)`);
      if (opts.out !== undefined && opts.out.trim() === '') throw new InputError('--out: expected a directory name');
      const shards = readShards(files);
      const run = shards[0].run;
      let exploration;
      try {
        exploration = mergeSlices(run, shards.map((s) => s.result));
      } catch (error) {
        if (error instanceof MergeError) throw new InputError(`explore merge: ${error.message}`);
        throw error;
      }
      const report = dispatchReport(
        { profile: run.profile, ...(run.mutant ? { mutant: run.mutant } : {}), dif: run.dif, bounds: run.bounds, ...(opts.out ? { out: opts.out } : {}), ...(io.now ? { now: io.now } : {}) },
        exploration,
      );
      io.stdout(opts.json ? JSON.stringify(jsonReport(report), null, 2) : render(colors, report));
      if (opts.fail !== false && report.invariants.some((i) => !i.holds)) throw new ExitStatus(1);
    });
}
