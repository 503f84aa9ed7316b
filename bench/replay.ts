/**
 * Bench section `replay`: about 1,000,000 journal events replayed (`replayJournal` on the text)
 * against a bare parse of the same text (split into lines, `JSON.parse` each), side by side in
 * one process: (a) many small journals of random scenarios (target ≤ 5×), (b) one long chain
 * (target ≤ 2×); (c) that long journal written to a file and replayed from it (`replayJournal({ path })`,
 * streaming) in a process of its own (bench/replayFile.ts), whose peak RSS is compared with the file's size + 150 MB.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { recordDif } from '../src/host/runDif.js';
import { readJournal } from '../src/journal/read.js';
import { replayJournal } from '../src/journal/replay.js';
import { validateScenario } from '../src/scenario/load.js';
import { scenarioDocArb } from '../properties/arbitraries/scenario.js';
import { fmt, metOrNot, timed } from './support.js';

export interface ReplayBench {
  readonly say: (line: string) => void;
  readonly quick: boolean;
  readonly events: number;

}

const MB = 1e6;

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

/** Wall and CPU seconds of fn (CPU: user + system of the whole process). */
const verdict = (ratio: number, target: number) => `target: ≤ ${target}× — measured ${ratio.toFixed(2)}× — ${metOrNot(ratio <= target)}`;

/**
 * Where replay's time goes beyond the parse, for the same texts: checking every line alone
 * (`readJournal`, the quick path and the header schema), and validating each header's scenario
 * (`validateScenario`, src/scenario/load.ts), each as a multiple of the bare parse.
 */
function partsRow(b: ReplayBench, texts: readonly string[], parse: number): void {
  const read = timed(() => {
    for (const text of texts) readJournal(text);
  });
  // One header at a time (holding every parsed scenario at once would slow the collector down).
  let validating = 0;
  for (const text of texts) {
    const scenario = (JSON.parse(text.slice(0, text.indexOf('\n'))) as { scenario: unknown }).scenario;
    const start = performance.now();
    validateScenario(scenario);
    validating += performance.now() - start;
  }
  const validate = { wall: validating / 1000 };
  b.say(`| … of which: checking the lines alone (\`readJournal\`) | | ${read.wall.toFixed(2)} s | | ${(read.wall / parse).toFixed(2)}× | |`);
  b.say(`| … of which: validating the header scenarios (\`validateScenario\`) | | ${validate.wall.toFixed(2)} s | | ${(validate.wall / parse).toFixed(2)}× | |`);
}

/** Best of `rounds` interleaved rounds (the least disturbed by other work on the machine); returns the bare parse's wall time. */
function replayRow(b: ReplayBench, label: string, texts: readonly string[], events: number, target: number): number {
  const rounds = b.quick ? 1 : 3;
  let parse = { wall: Infinity, cpu: Infinity };
  let replay = { wall: Infinity, cpu: Infinity };
  for (let r = 0; r < rounds; r++) {
    const p = timed(() => bareParse(texts));
    const q = timed(() => {
      for (const text of texts) replayJournal(text);
    });
    parse = { wall: Math.min(parse.wall, p.wall), cpu: Math.min(parse.cpu, p.cpu) };
    replay = { wall: Math.min(replay.wall, q.wall), cpu: Math.min(replay.cpu, q.cpu) };
  }
  const ratio = replay.wall / parse.wall;
  b.say(
    `| ${label} | ${fmt(events)} | ${replay.wall.toFixed(2)} s (${fmt(events / replay.wall)}/s) | ${parse.wall.toFixed(2)} s (${fmt(events / parse.wall)}/s) | ${ratio.toFixed(2)}× (CPU ${(replay.cpu / parse.cpu).toFixed(2)}×) | ${verdict(ratio, target)} |`,
  );
  return parse.wall;
}

/** What bench/replayFile.ts prints. */
interface ChildFigures {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakMB: number;
  /** The heap in use after the replay, and what of it a full collection leaves (the result). */
  readonly heapMB: number;
  readonly liveMB: number | null;
  readonly result: string;
}

export function benchReplay(b: ReplayBench): void {
  const { say } = b;
  say(`### Replay of ${fmt(b.events)} journal events vs a bare JSON-lines parse`);
  say('');
  say(
    `Measured with \`npm run bench -- --only replay${b.quick ? ' --quick' : ''}\` on Node ${process.version}, ${new Date().toISOString().slice(0, 10)}: \`replayJournal(text)\` for each journal against splitting the same text into lines and \`JSON.parse\`-ing each, side by side in one process, best of ${b.quick ? 'one round' : 'three interleaved rounds'} (wall clock; CPU time in brackets).`,
  );
  say('');
  say('| journals | events | replay | bare parse | replay ÷ parse | |');
  say('|---|---|---|---|---|---|');

  // (a) many journals of random scenarios (fixed seeds: the same journals every run)
  const texts: string[] = [];
  let events = 0;
  const profiles = ['windows', 'reactos', 'wine'] as const;
  for (let round = 0; events < b.events; round++) {
    const profile = profiles[round % profiles.length];
    for (const doc of fc.sample(scenarioDocArb(profile), { numRuns: 2000, seed: 42 + round })) {
      const { journal } = recordDif(doc, 0x02);
      texts.push(journal);
      events += journal.split('\n').length - 3;
      if (events >= b.events) break;
    }
  }
  partsRow(b, texts, replayRow(b, `${fmt(texts.length)} random scenarios`, texts, events, 5));
  texts.length = 0;

  // (b) one very long chain: every co-installer asks for postprocessing (2 events each)
  const n = Math.floor((b.events - 2) / 2);
  const long = {
    device: { description: 'long chain' },
    classCoInstallers: Array.from({ length: n }, (_, i) => ({ name: `c${i}.dll`, on: { '*': { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED' } } })),
  };
  let { journal } = recordDif(long, 0x02);
  const longEvents = journal.split('\n').length - 3;
  partsRow(b, [journal], replayRow(b, `1 chain of ${fmt(n)} co-installers`, [journal], longEvents, 2));
  say('');

  // (c) the long journal from a file, streamed, in a process of its own
  const file = join(tmpdir(), `devinst-bench-replay-${process.pid}.jsonl`);
  writeFileSync(file, journal);
  journal = '';
  try {
    const size = statSync(file).size;
    // --expose-gc only lets the child measure what is live once it is done (after its peak)
    const child = [fileURLToPath(new URL('./replayFile.js', import.meta.url)), file];
    const out = execFileSync(process.execPath, ['--expose-gc', ...child], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
    const f = JSON.parse(out) as ChildFigures;
    const bound = size / MB + 150;
    const heap = `heap after the replay ${f.heapMB.toFixed(0)} MB${f.liveMB === null ? '' : `, ${f.liveMB.toFixed(0)} MB of it live after a full collection (the result)`}`;
    say(
      `From a file (\`replayJournal({ path })\`, ${fmt(longEvents)} events, ${(size / MB).toFixed(0)} MB), in its own process (bench/replayFile.ts): ${f.seconds.toFixed(2)} s (CPU ${f.cpuSeconds.toFixed(2)} s, start-up included), result ${f.result}, peak RSS ${f.peakMB.toFixed(0)} MB (${heap}) — target: ≤ file size + 150 MB = ${bound.toFixed(0)} MB — measured ${f.peakMB.toFixed(0)} MB — ${metOrNot(f.peakMB <= bound)}.`,
    );
  } finally {
    rmSync(file, { force: true });
  }
  say('');
}
