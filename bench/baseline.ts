/**
 * The code issue 11 measured, built once, to run side by side with this tree's build.
 *
 * Issue 11's exploration and lifecycle targets are ratios against the code as it stood when the
 * issue was written: commit 98bd288, whose explorer stepped a hand copy of the dispatch rules and
 * whose lifecycle exploration stepped XState. This file finds a build of that commit:
 *
 *  1. `--baseline DIR` or the environment variable DEVINST_BENCH_BASELINE: a directory holding a
 *     build of it (`DIR/dist/src/cli/bin.js`), used as is;
 *  2. otherwise, when this checkout's git history holds the commit, a build made once in the temp
 *     directory: the commit's files are written there through a temporary index (the checkout's
 *     own index, HEAD and worktree list are not touched), then `npm ci --ignore-scripts` and
 *     `tsc -p tsconfig.build.json` run there (about a minute, once);
 *  3. otherwise none: the sections that need it say so in one line and mark those targets not measured.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The commit issue 11's figures were measured on (the last with the explorer's hand copy). */
export const BASELINE_COMMIT = '98bd288';

export interface Baseline {
  readonly commit: string;
  readonly dir: string;
  /** The baseline's CLI entry point. */
  readonly bin: string;
}

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const binOf = (dir: string) => join(dir, 'dist', 'src', 'cli', 'bin.js');
let found: { baseline: Baseline | null; why: string } | undefined;

/** The baseline build, or null with one line saying why there is none. */
export function findBaseline(say: (line: string) => void = (line) => process.stderr.write(line + '\n')): { baseline: Baseline | null; why: string } {
  if (found) return found;
  found = locate(say);
  return found;
}

function locate(say: (line: string) => void): { baseline: Baseline | null; why: string } {
  const at = process.argv.indexOf('--baseline');
  const given = at >= 0 ? process.argv[at + 1] : process.env.DEVINST_BENCH_BASELINE;
  if (given) {
    const dir = resolve(given);
    if (!existsSync(binOf(dir))) return { baseline: null, why: `the baseline ${dir} holds no build (${binOf(dir)} is missing)` };
    return { baseline: { commit: BASELINE_COMMIT, dir, bin: binOf(dir) }, why: '' };
  }
  const git = (args: string[], env: NodeJS.ProcessEnv = process.env) => execFileSync('git', args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  try {
    git(['cat-file', '-e', `${BASELINE_COMMIT}^{commit}`]);
  } catch {
    return { baseline: null, why: `this checkout's git history does not hold commit ${BASELINE_COMMIT} (give a build of it with --baseline DIR)` };
  }
  const dir = join(tmpdir(), `devinst-bench-baseline-${BASELINE_COMMIT}`);
  if (existsSync(binOf(dir))) return { baseline: { commit: BASELINE_COMMIT, dir, bin: binOf(dir) }, why: '' };
  say(`bench: building commit ${BASELINE_COMMIT} (the code issue 11 measured) in ${dir}, once (npm ci --ignore-scripts and tsc, about a minute)`);
  try {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const index = join(dir, '.bench-index');
    const env = { ...process.env, GIT_INDEX_FILE: index };
    git(['read-tree', BASELINE_COMMIT], env);
    git([`--work-tree=${dir}`, 'checkout-index', '--all', '--force'], env);
    rmSync(index, { force: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], shell: process.platform === 'win32' });
    execFileSync(process.execPath, [join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    writeFileSync(join(dir, 'BUILT-BY-DEVINST-BENCH'), `commit ${BASELINE_COMMIT}, built ${new Date().toISOString()}\n`);
  } catch (error) {
    const detail = String((error as { stderr?: unknown }).stderr ?? (error as Error).message).trim().split('\n')[0];
    return { baseline: null, why: `building commit ${BASELINE_COMMIT} in ${dir} failed: ${detail}` };
  }
  return existsSync(binOf(dir)) ? { baseline: { commit: BASELINE_COMMIT, dir, bin: binOf(dir) }, why: '' } : { baseline: null, why: `building commit ${BASELINE_COMMIT} left no ${binOf(dir)}` };
}

/** What a CLI run in a child process cost: its wall time, its CPU time (all threads) and peak RSS. */
export interface ChildFigures {
  readonly wall: number;
  readonly cpu: number;
  readonly peakMiB: number;
  /** What the CLI printed on stdout. */
  readonly stdout: string;
}

const PRELOAD = fileURLToPath(new URL('./exitFigures.js', import.meta.url));

/** Runs `node bin args…` with a preload that writes the process's own CPU time and peak RSS as it exits. */
export function runCli(bin: string, args: readonly string[], timeoutMs = 600_000): ChildFigures {
  const out = join(tmpdir(), `devinst-bench-figures-${process.pid}-${Date.now()}.json`);
  const start = performance.now();
  const stdout = execFileSync(process.execPath, ['--import', pathToFileURL(PRELOAD).href, bin, ...args], {
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 1 << 28,
    env: { ...process.env, DEVINST_BENCH_FIGURES: out },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const wall = (performance.now() - start) / 1000;
  const figures = JSON.parse(readAndRemove(out)) as { cpu: number; peakMiB: number };
  return { wall, cpu: figures.cpu, peakMiB: figures.peakMiB, stdout };
}

function readAndRemove(file: string): string {
  const text = readFileSync(file, 'utf8');
  rmSync(file, { force: true });
  return text;
}
