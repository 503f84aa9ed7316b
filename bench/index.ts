/**
 * `npm run bench`: speed figures, measured in one process, side by side.
 *
 *  1. DIF dispatches per second through the machine, on runDif's two engines (the derived executor
 *     and XState), against the plain-function oracle of the same rules, for chains of 0, 4 and 16
 *     co-installers (bench/dispatch.ts). The ratios are the figures.
 *  2. Replay of about 1,000,000 journal events, against a bare JSON-lines parse of the same text:
 *     (a) many journals of random scenarios, (b) one very long chain.
 *  3. Exhaustive exploration (`devinst explore`, src/explore/): distinct states per second and peak
 *     memory for growing bounds (each run in its own process, so its peak RSS is its own), and the
 *     largest symmetric bound that finishes in 60 seconds.
 *  4. setupapi.dev.log (`devinst log parse|check`, src/log/): the plaso test log concatenated to
 *     about 100 MB and 200 MB; the streaming parser and the checker against reading the file in
 *     1 MiB chunks and splitting it into lines (the ratio is the figure), and the peak RSS of each
 *     run (each in its own process).
 *
 * Options: --quick (about a tenth of the events, smaller exploration bounds, for a smoke run),
 *  4. `devinst install` (the whole hardware-first sequence) against the number of class co-installers:
 *     time per installer call, side by side for growing sizes; flat means linear.
 *
 * --only LIST (comma-separated: dispatch, replay, explore, lifecycle, states, install, log), --write (put the figures into
 * docs/performance.md between its BENCH markers, replacing only the sections measured; with
 * `states`, regenerate the STATES section of docs/invariants.md).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchExplore } from './explore.js';
import { statesSection, writeStatesSection } from '../src/explore/dispatch/stateCounts.js';
import { benchLifecycle } from './lifecycle.js';
import { benchDispatch } from './dispatch.js';
import { install } from '../src/host/runInstall.js';
import { benchReplay } from './replay.js';
import { validateScenario } from '../src/scenario/load.js';
import { checkFile } from '../src/log/checkFiles.js';
import { readLogLines } from '../src/log/decode.js';
import { LogParser } from '../src/log/parser.js';
import { benchScale } from './scale.js';
import { fmt, timed } from './support.js';

const quick = process.argv.includes('--quick');
const write = process.argv.includes('--write');
const SECTIONS = ['dispatch', 'replay', 'explore', 'lifecycle', 'states', 'install', 'log', 'scale'] as const;
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '').split(',').filter((x) => x !== '') : [...SECTIONS];
for (const name of only) {
  if (!(SECTIONS as readonly string[]).includes(name)) {
    process.stderr.write(`bench: --only: unknown section "${name}" (expected ${SECTIONS.join(', ')})\n`);
    process.exit(2);
  }
}
const wants = (name: (typeof SECTIONS)[number]) => only.includes(name);
const TARGET_EVENTS = quick ? 100_000 : 1_000_000;
const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  process.stdout.write(line + '\n');
};

/** Section 4: install time per installer call for growing numbers of class co-installers (no journal kept). */
function benchInstall(): void {
  const sizes = quick ? [250, 1000, 4000] : [1000, 4000, 16000, 64000];
  say('### install: time per installer call against the number of co-installers');
  say('');
  say(`The hardware-first sequence with n class co-installers that answer NO_ERROR, through the deviceInstall machine (\`install\`, as \`devinst install\` runs without --journal). Flat µs per call means linear. Measured with \`npm run bench -- --only install\` on Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`);
  say('');
  say('| class co-installers | installer calls | time | µs per call | against the smallest |');
  say('|---:|---:|---:|---:|---:|');
  let first = 0;
  const warm = validateScenario({ device: { description: 'x' }, classCoInstallers: [{ name: 'c.dll' }] }).scenario;
  for (let i = 0; i < 200; i++) install(warm);
  for (const n of sizes) {
    const scenario = validateScenario({ device: { description: 'x' }, classCoInstallers: Array.from({ length: n }, (_, i) => ({ name: `c${i}.dll,Entry` })) }).scenario;
    let calls = 0;
    const { wall: seconds } = timed(() => install(scenario, { onInput: () => void (calls += 1) }));
    const perCall = (seconds * 1e6) / calls;
    if (first === 0) first = perCall;
    say(`| ${fmt(n)} | ${fmt(calls)} | ${seconds.toFixed(2)} s | ${perCall.toFixed(1)} | ${(perCall / first).toFixed(2)}× |`);
  }
  say('');
}

// setupapi.dev.log ---------------------------------------------------------------------------

type LogJob = 'split' | 'parse' | 'check';
interface LogFigures {
  readonly seconds: number;
  /** CPU time (user + system) of the whole process: less disturbed by other work on a shared machine than wall time. */
  readonly cpuSeconds: number;
  readonly peakMiB: number;
  readonly lines: number;
  readonly blocks: number;
}

/** The plaso test log repeated until the file has at least `bytes` bytes (made once, in the temp directory). */
function concatenatedLog(bytes: number): string {
  const source = readFileSync(fileURLToPath(new URL('../../test/fixtures/logs/plaso-win10-setupapi.dev.log', import.meta.url)));
  const copies = Math.ceil(bytes / source.length);
  const file = join(tmpdir(), `devinst-bench-plaso-x${copies}.log`);
  if (existsSync(file) && statSync(file).size === copies * source.length) return file;
  const out = Buffer.allocUnsafe(copies * source.length);
  for (let i = 0; i < copies; i++) source.copy(out, i * source.length);
  writeFileSync(file, out);
  return file;
}

/** The baseline: read in 1 MiB chunks, decode, split into lines (no parsing). */
function splitLines(file: string): number {
  const fd = openSync(file, 'r');
  const buffer = new Uint8Array(1 << 20);
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  let lines = 0;
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      const text = carry + decoder.decode(buffer.subarray(0, n), { stream: true });
      const parts = text.split(/\r\n|\n|\r/);
      carry = parts.pop() ?? '';
      lines += parts.length;
    }
  } finally {
    closeSync(fd);
  }
  return lines + (carry + decoder.decode() !== '' ? 1 : 0);
}

/** Runs in a child process: one pass over the file, its figures as JSON on stdout. */
function logChild(job: LogJob, file: string): void {
  const start = performance.now();
  let lines = 0;
  let blocks = 0;
  if (job === 'split') lines = splitLines(file);
  else if (job === 'parse') {
    // The streaming parser, as `log check` drives it; the sink counts and drops what it is given.
    const parser = new LogParser(file, { block: () => void blocks++ });
    for (const line of readLogLines(file)) {
      parser.push(line);
      lines++;
    }
    parser.end();
  } else for (const _ of checkFile(file, { profile: 'windows' })) blocks++;
  const cpu = process.cpuUsage();
  const figures: LogFigures = { seconds: (performance.now() - start) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakMiB: process.resourceUsage().maxRSS / 1024, lines, blocks };
  process.stdout.write(JSON.stringify(figures));
}

function logInChild(job: LogJob, file: string): LogFigures {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--log-child', job, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  return JSON.parse(out) as LogFigures;
}

function benchLog(): void {
  const sizes = quick ? [10e6, 20e6] : [100e6, 200e6];
  const label = (b: number) => `${Math.round(b / 1e6)} MB`;
  say(`### setupapi.dev.log: parse and check vs read and split (${sizes.map(label).join(', ')})`);
  say('');
  say(`Measured with \`npm run bench -- --only log${quick ? ' --quick' : ''}\` on Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; every pass in its own process (its peak RSS is its own), best time of ${quick ? 'one round' : 'three interleaved rounds'}, largest peak RSS.`);
  say('The plaso test log (test/fixtures/logs/plaso-win10-setupapi.dev.log, 847,758 bytes, 10,653 lines, 28 DIF blocks) concatenated;');
  say('read+split: 1 MiB chunks, TextDecoder, split at CR/LF; parse: `readLogLines` + `LogParser` (what `log check` streams); check: `checkFile` (`log check`), every top-level block checked under windows.');
  say('');
  say('Times are wall clock; the ratios are also given on CPU time (user + system of the whole process, start-up included), which other work on a shared machine disturbs less.');
  say('');
  say('| file | lines | read+split | parse | check | parse ÷ split (wall / CPU) | check ÷ split (wall / CPU) | peak RSS split / parse / check |');
  say('|---|---|---|---|---|---|---|---|');
  for (const bytes of sizes) {
    const file = concatenatedLog(bytes);
    const size = statSync(file).size;
    // Best of three rounds, interleaved (the fastest run is the one least disturbed by other work on
    // the machine); peak RSS is the largest of the three.
    const rounds = Array.from({ length: quick ? 1 : 3 }, () => (['split', 'parse', 'check'] as const).map((job) => logInChild(job, file)));
    const best = (i: number): LogFigures => ({
      ...rounds[0][i],
      seconds: Math.min(...rounds.map((r) => r[i].seconds)),
      cpuSeconds: Math.min(...rounds.map((r) => r[i].cpuSeconds)),
      peakMiB: Math.max(...rounds.map((r) => r[i].peakMiB)),
    });
    const [split, parse, check] = [best(0), best(1), best(2)];
    say(
      `| ${label(size)} | ${fmt(split.lines)} | ${split.seconds.toFixed(2)} s | ${parse.seconds.toFixed(2)} s | ${check.seconds.toFixed(2)} s | ${(parse.seconds / split.seconds).toFixed(1)}× / ${(parse.cpuSeconds / split.cpuSeconds).toFixed(1)}× | ${(check.seconds / split.seconds).toFixed(1)}× / ${(check.cpuSeconds / split.cpuSeconds).toFixed(1)}× | ${split.peakMiB.toFixed(0)} / ${parse.peakMiB.toFixed(0)} / ${check.peakMiB.toFixed(0)} MiB |`,
    );
  }
  say('');
}

const logChildAt = process.argv.indexOf('--log-child');
if (logChildAt >= 0) {
  logChild(process.argv[logChildAt + 1] as LogJob, process.argv[logChildAt + 2]);
  process.exit(0);
}


if (wants('dispatch') || wants('replay')) {
  say(`Measured with \`npm run bench${quick ? ' -- --quick' : ''}\` on Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`);
  say('');
}
if (wants('dispatch')) benchDispatch({ say, quick });
if (wants('replay')) benchReplay({ say, quick, events: TARGET_EVENTS });
if (wants('explore')) benchExplore(say, quick);
if (wants('lifecycle')) benchLifecycle(say, { quick });
if (wants('install')) benchInstall();
if (wants('log')) benchLog();
if (wants('scale')) benchScale(say, quick);
if (wants('states')) {
  if (write) {
    writeStatesSection();
    process.stdout.write('state counts written to docs/invariants.md\n');
  } else process.stdout.write(statesSection() + '\n');
}

/**
 * Splits BENCH text into blocks: a preamble (lines before the first `### ` heading) and one block per
 * heading. A partial run (--only) replaces the blocks it measured and keeps the others.
 */
function blocks(text: string): { preamble: string[]; sections: Map<string, string[]> } {
  const preamble: string[] = [];
  const sections = new Map<string, string[]>();
  let current: string[] = preamble;
  for (const line of text.split('\n')) {
    if (line.startsWith('### ')) {
      current = [];
      sections.set(line, current);
    }
    current.push(line);
  }
  return { preamble, sections };
}

if (write && lines.length > 0) {
  const file = 'docs/performance.md';
  const doc = readFileSync(file, 'utf8');
  const begin = '<!-- BENCH:BEGIN -->';
  const end = '<!-- BENCH:END -->';
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${begin} … ${end} section`);
  const old = blocks(doc.slice(from + begin.length, to).replace(/^\n/, '').replace(/\n$/, ''));
  const fresh = blocks(lines.join('\n'));
  const preamble = fresh.preamble.length > 0 && fresh.preamble.some((l) => l !== '') ? fresh.preamble : old.preamble;
  const merged = new Map(old.sections);
  for (const [heading, body] of fresh.sections) merged.set(heading, body);
  const body = [...preamble, ...[...merged.values()].flat()].join('\n').replace(/\n{3,}/g, '\n\n');
  writeFileSync(file, `${doc.slice(0, from + begin.length)}\n${body}\n${doc.slice(to)}`);
  process.stdout.write(`figures written to ${file}\n`);
}
