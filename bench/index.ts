/**
 * `npm run bench`: speed figures, measured in one process, side by side.
 *
 *  1. DIF dispatches per second through the machine (pure fold, as runDif does) against the
 *     plain-function oracle of the same rules (properties/oracle/dispatchOracle.ts), for chains
 *     of 0, 4 and 16 co-installers. The ratio is the figure.
 *  2. Replay of about 1,000,000 journal events, against a bare JSON-lines parse of the same text:
 *     (a) many journals of random scenarios, (b) one very long chain.
 *
 * Options: --quick (about a tenth of the events, for a smoke run), --write (put the figures into
 * docs/performance.md between its BENCH markers).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { dispatch, recordDif } from '../src/host/runDif.js';
import { replayJournal } from '../src/journal/replay.js';
import { validateScenario } from '../src/scenario/load.js';
import { oracleDispatch } from '../properties/oracle/dispatchOracle.js';
import { scenarioDocArb } from '../properties/arbitraries/scenario.js';

const quick = process.argv.includes('--quick');
const write = process.argv.includes('--write');
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

say(`Measured with \`npm run bench${quick ? ' -- --quick' : ''}\` on Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`);
say('');
benchDispatch();
benchReplay();

if (write) {
  const file = 'docs/performance.md';
  const doc = readFileSync(file, 'utf8');
  const begin = '<!-- BENCH:BEGIN -->';
  const end = '<!-- BENCH:END -->';
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${begin} … ${end} section`);
  writeFileSync(file, `${doc.slice(0, from + begin.length)}\n${lines.join('\n')}\n${doc.slice(to)}`);
  process.stdout.write(`figures written to ${file}\n`);
}
