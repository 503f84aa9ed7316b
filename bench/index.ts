/**
 * `npm run bench`: speed figures, measured in one process, side by side.
 *
 *  1. DIF dispatches per second through the machine (pure fold, as runDif does) against the
 *     plain-function oracle of the same rules (properties/oracle/dispatchOracle.ts), for chains
 *     of 0, 4 and 16 co-installers. The ratio is the figure.
 *  2. Replay of about 1,000,000 journal events, against a bare JSON-lines parse of the same text:
 *     (a) many journals of random scenarios, (b) one very long chain.
 *  3. Exhaustive exploration (`devinst explore`, src/explore/): distinct states per second and peak
 *     memory for growing bounds (each run in its own process, so its peak RSS is its own), and the
 *     largest symmetric bound that finishes in 60 seconds.
 *
 * Options: --quick (about a tenth of the events, smaller exploration bounds, for a smoke run),
 * --only LIST (comma-separated: dispatch, replay, explore, states), --write (put the figures into
 * docs/performance.md between its BENCH markers, replacing only the sections measured; with
 * `states`, regenerate the STATES section of docs/invariants.md).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { exploreDispatch } from '../src/explore/dispatch/dispatchExplorer.js';
import { DEFAULT_DISPATCH_BOUNDS, mutantSemantics } from '../src/explore/dispatch/dispatchSpace.js';
import { statesSection, writeStatesSection } from '../src/explore/dispatch/stateCounts.js';
import { exploreLifecycle, DEFAULT_LIFECYCLE_BOUNDS } from '../src/explore/lifecycle/lifecycleExplorer.js';
import type { ProfileName } from '../src/domain/profiles.js';
import { dispatch, recordDif } from '../src/host/runDif.js';
import { parseStatus } from '../src/domain/codes.js';
import { replayJournal } from '../src/journal/replay.js';
import { validateScenario } from '../src/scenario/load.js';
import { oracleDispatch } from '../properties/oracle/dispatchOracle.js';
import { scenarioDocArb } from '../properties/arbitraries/scenario.js';

const quick = process.argv.includes('--quick');
const write = process.argv.includes('--write');
const SECTIONS = ['dispatch', 'replay', 'explore', 'states'] as const;
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
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const peakMiB = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

/** Runs fn repeatedly for about `ms` milliseconds (after a warm-up); returns calls per second. */
function rate(fn: () => void, ms = quick ? 300 : 1500): number {
  const warm = performance.now();
  while (performance.now() - warm < ms / 5) fn();
  let count = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 50; i++) fn();
    count += 50;
    now = performance.now();
  }
  return (count * 1000) / (now - start);
}

function chain(n: number) {
  const half = Math.floor(n / 2);
  const co = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => ({
      name: `${prefix}${i}.dll,Entry`,
      on: { '*': i % 4 === 0 ? { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', privateData: i } : { pre: 'NO_ERROR' } },
    }));
  return {
    device: { description: 'bench device' },
    classCoInstallers: co('class', half),
    deviceCoInstallers: co('device', n - half),
    classInstaller: { name: 'ci.dll', on: { '*': { returns: 'ERROR_DI_DO_DEFAULT' } } },
  };
}

function benchDispatch(): void {
  say('### Dispatch: machine vs plain function');
  say('');
  say('| co-installers | machine dispatches/s | plain-function dispatches/s | plain ÷ machine |');
  say('|---|---|---|---|');
  for (const n of [0, 4, 16]) {
    const doc = chain(n);
    const { scenario } = validateScenario(doc);
    const machine = rate(() => dispatch(scenario, 0x02));
    const plain = rate(() => oracleDispatch(doc, 0x02));
    say(`| ${n} | ${fmt(machine)} | ${fmt(plain)} | ${(plain / machine).toFixed(1)}× |`);
  }
  say('');
}

function bareParse(texts: readonly string[]): number {
  let count = 0;
  for (const text of texts) {
    for (const line of text.split('\n')) {
      if (line !== '') {
        JSON.parse(line);
        count += 1;
      }
    }
  }
  return count;
}

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, (performance.now() - start) / 1000];
}

function replayRow(label: string, texts: readonly string[], events: number): void {
  const [, parseSeconds] = timed(() => bareParse(texts));
  const [, replaySeconds] = timed(() => {
    for (const text of texts) replayJournal(text);
  });
  say(
    `| ${label} | ${fmt(events)} | ${replaySeconds.toFixed(2)} s (${fmt(events / replaySeconds)}/s) | ${parseSeconds.toFixed(2)} s (${fmt(events / parseSeconds)}/s) | ${(replaySeconds / parseSeconds).toFixed(1)}× | ${peakMiB()} MiB |`,
  );
}

function benchReplay(): void {
  say(`### Replay of ${fmt(TARGET_EVENTS)} journal events vs a bare JSON-lines parse`);
  say('');
  say('| journals | events | replay | bare parse | replay ÷ parse | peak RSS so far |');
  say('|---|---|---|---|---|---|');

  // (a) many journals of random scenarios (fixed seeds: the same journals every run)
  const texts: string[] = [];
  let events = 0;
  const profiles = ['windows', 'reactos', 'wine'] as const;
  for (let round = 0; events < TARGET_EVENTS; round++) {
    const profile = profiles[round % profiles.length];
    for (const doc of fc.sample(scenarioDocArb(profile), { numRuns: 2000, seed: 42 + round })) {
      const { journal } = recordDif(doc, 0x02);
      texts.push(journal);
      events += journal.split('\n').length - 3;
      if (events >= TARGET_EVENTS) break;
    }
  }
  replayRow(`${fmt(texts.length)} random scenarios`, texts, events);

  // (b) one very long chain: every co-installer asks for postprocessing (2 events each)
  const n = Math.floor((TARGET_EVENTS - 2) / 2);
  const long = {
    device: { description: 'long chain' },
    classCoInstallers: Array.from({ length: n }, (_, i) => ({ name: `c${i}.dll`, on: { '*': { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED' } } })),
  };
  const { journal } = recordDif(long, 0x02);
  replayRow(`1 chain of ${fmt(n)} co-installers`, [journal], journal.split('\n').length - 3);
  say('');
}

// Exploration ---------------------------------------------------------------------------------

const SIX_CODES = ['NO_ERROR', 'ERROR_DI_POSTPROCESSING_REQUIRED', 'ERROR_DI_DO_DEFAULT', 'ERROR_FILE_NOT_FOUND', 'ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION', 'ERROR_DI_DONT_INSTALL'];

interface ExploreJob {
  readonly profile: ProfileName;
  readonly c: number;
  readonly d: number;
  readonly codes: readonly string[];
  readonly noInvariants?: boolean;
  readonly mutant?: string;
}

interface ExploreFigures {
  readonly distinct: number;
  readonly transitions: number;
  readonly seconds: number;
  readonly peakMiB: number;
  readonly failing: number;
}

/** Runs in a child process: one exploration, its figures as JSON on stdout. */
function exploreChild(job: ExploreJob): void {
  const r = exploreDispatch({
    profile: job.profile,
    dif: 0x02,
    bounds: { ...DEFAULT_DISPATCH_BOUNDS, maxClassCoInstallers: job.c, maxDeviceCoInstallers: job.d, codes: job.codes.map((c) => parseStatusName(c)) },
    ...(job.noInvariants ? { invariants: [] } : {}),
    ...(job.mutant ? { semantics: mutantSemantics(job.profile, job.mutant) } : {}),
  });
  const figures: ExploreFigures = {
    distinct: r.distinctStates,
    transitions: r.transitions,
    seconds: r.seconds,
    peakMiB: process.resourceUsage().maxRSS / 1024,
    failing: r.results.filter((x) => x.failure).length,
  };
  process.stdout.write(JSON.stringify(figures));
}

function parseStatusName(name: string): number {
  return parseStatus(name);
}

/** Runs a job in a fresh process; null when it does not finish within `timeoutMs`. */
function exploreInChild(job: ExploreJob, timeoutMs: number): ExploreFigures | null {
  try {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--explore-child', JSON.stringify(job)], { timeout: timeoutMs, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    return JSON.parse(out) as ExploreFigures;
  } catch (error) {
    if ((error as { signal?: string }).signal === 'SIGTERM') return null;
    throw error;
  }
}

function exploreRow(label: string, job: ExploreJob, f: ExploreFigures): void {
  say(
    `| ${label} | ${job.profile}${job.mutant ? ` + ${job.mutant}` : ''} | ${job.c} + ${job.d} | ${job.codes.length} | ${fmt(f.distinct)} | ${fmt(f.transitions)} | ${f.seconds.toFixed(2)} s | ${fmt(f.distinct / f.seconds)} | ${fmt(f.transitions / f.seconds)} | ${f.peakMiB.toFixed(0)} MiB |`,
  );
}

function benchExplore(): void {
  say('### Exhaustive exploration (`devinst explore`)');
  say('');
  say(`Measured with \`npm run bench -- --only explore${quick ? ' --quick' : ''}\` on Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; one process per row (peak RSS is that run's), one core.`);
  say('DIF_INSTALLDEVICE; 0..c class and 0..d device co-installers, class installer or not, DI_NODI_DEFAULTACTION or not, device or not;');
  say(`every answer from the alphabet (first n of ${SIX_CODES.join(', ')}), PrivateData stored or not; every registered invariant checked on every state.`);
  say('');
  say('| run | profile | c + d | codes | distinct states | transitions | time | distinct states/s | transitions/s | peak RSS |');
  say('|---|---|---|---|---|---|---|---|---|---|');
  const jobs: [string, ExploreJob][] = quick
    ? [
        ['default bounds', { profile: 'windows', c: 2, d: 2, codes: SIX_CODES.slice(0, 4) }],
        ['growing', { profile: 'windows', c: 2, d: 2, codes: SIX_CODES }],
      ]
    : [
        ['default bounds', { profile: 'windows', c: 2, d: 2, codes: SIX_CODES.slice(0, 4) }],
        ['default bounds', { profile: 'reactos', c: 2, d: 2, codes: SIX_CODES.slice(0, 4) }],
        ['default bounds', { profile: 'wine', c: 2, d: 2, codes: SIX_CODES.slice(0, 4) }],
        ['growing', { profile: 'windows', c: 1, d: 1, codes: SIX_CODES }],
        ['growing', { profile: 'windows', c: 2, d: 2, codes: SIX_CODES }],
        ['growing', { profile: 'windows', c: 3, d: 3, codes: SIX_CODES }],
        ['no invariants', { profile: 'windows', c: 3, d: 3, codes: SIX_CODES, noInvariants: true }],
        ['growing', { profile: 'reactos', c: 3, d: 3, codes: SIX_CODES }],
        ['mutant', { profile: 'windows', c: 3, d: 3, codes: SIX_CODES, mutant: 'forward-postprocessing' }],
      ];
  for (const [label, job] of jobs) {
    const f = exploreInChild(job, 600_000);
    if (f) exploreRow(label, job, f);
  }
  say('');
  // The largest bound that finishes in 60 s: symmetric (n class + n device co-installers, six codes)
  // while it fits, then one more co-installer of one kind.
  let largest: { c: number; d: number; f: ExploreFigures } | null = null;
  const over: string[] = [];
  for (let n = quick ? 2 : 3; n <= 6; n++) {
    const f = exploreInChild({ profile: 'windows', c: n, d: n, codes: SIX_CODES }, 60_000);
    if (!f) {
      over.push(`${n} + ${n}`);
      const g = exploreInChild({ profile: 'windows', c: n, d: n - 1, codes: SIX_CODES }, 60_000);
      if (g) largest = { c: n, d: n - 1, f: g };
      else over.push(`${n} + ${n - 1}`);
      break;
    }
    largest = { c: n, d: n, f };
  }
  if (largest) {
    say(
      `Largest bound that finishes in 60 s (windows, six codes): ${largest.c} + ${largest.d} co-installers, ${fmt(largest.f.distinct)} distinct states in ${largest.f.seconds.toFixed(1)} s ` +
        `(${fmt(largest.f.distinct / largest.f.seconds)}/s), peak RSS ${largest.f.peakMiB.toFixed(0)} MiB` +
        (over.length > 0 ? `; ${over.join(' and ')} did not finish in 60 s.` : '.'),
    );
  }
  // The lifecycle at its default bounds, per sequence.
  say('');
  say('| lifecycle (`--sequence`, default bounds, windows) | scenarios | runs | distinct end states | machine steps | time |');
  say('|---|---|---|---|---|---|');
  for (const sequence of quick ? (['remove'] as const) : (['hardware-first', 'reinstall', 'remove', 'properties'] as const)) {
    const r = exploreLifecycle({ profile: 'windows', bounds: { ...DEFAULT_LIFECYCLE_BOUNDS, sequence } });
    say(`| ${sequence} | ${fmt(r.configurations)} | ${fmt(r.runs)} | ${fmt(r.distinctStates)} | ${fmt(r.transitions)} | ${r.seconds.toFixed(2)} s |`);
  }
  say('');
}

const childAt = process.argv.indexOf('--explore-child');
if (childAt >= 0) {
  exploreChild(JSON.parse(process.argv[childAt + 1]) as ExploreJob);
  process.exit(0);
}

if (wants('dispatch') || wants('replay')) {
  say(`Measured with \`npm run bench${quick ? ' -- --quick' : ''}\` on Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`);
  say('');
}
if (wants('dispatch')) benchDispatch();
if (wants('replay')) benchReplay();
if (wants('explore')) benchExplore();
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
