/**
 * `npm run bench -- --only scale`: `devinst explore --workers 2` against one worker (issue 11,
 * target 4), on 4 + 3 co-installers and six codes. Each run is the built CLI's own `main` in a
 * child process of its own (so each has its own memory and JIT, as a user's run has), the two
 * kinds interleaved round by round and the fastest of each kept: the machine is shared, and the
 * minimum is the least disturbed. Throughput is distinct states per second of exploration (the
 * figure explore prints: from the start of the exploration to the merged result, starting the
 * worker thread included); the whole process (start-up, module loading, report) is given too, and
 * the CPU time, which tells how much work splitting adds. The load average is printed, since other
 * work on the machine takes cores away from the two threads.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCALE_CODES = [
  'NO_ERROR',
  'ERROR_DI_POSTPROCESSING_REQUIRED',
  'ERROR_DI_DO_DEFAULT',
  'ERROR_FILE_NOT_FOUND',
  'ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION',
  'ERROR_DI_DONT_INSTALL',
];

const TARGET = 1.7;

interface ChildFigures {
  /** The report's seconds (the exploration). */
  readonly seconds: number;
  /** The whole process, from its start to the report printed. */
  readonly processSeconds: number;
  readonly cpuSeconds: number;
  readonly distinctStates: number;
  readonly transitions: number;
  readonly verdicts: string;
}

/** In the child: runs `devinst explore …` through the CLI's main and prints its figures as JSON. */
export async function scaleChild(argv: readonly string[]): Promise<void> {
  const { main } = await import('../src/cli/program.js');
  let out = '';
  const code = await main([...argv], { stdout: (t) => (out += t), stderr: (t) => process.stderr.write(t + '\n'), color: false, version: 'bench' });
  if (code > 1) throw new Error(`explore exited with ${code}`);
  const report = JSON.parse(out) as { seconds: number; distinctStates: number; transitions: number; invariants: { name: string; holds: boolean }[] };
  const cpu = process.cpuUsage();
  const figures: ChildFigures = {
    seconds: report.seconds,
    processSeconds: performance.now() / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    distinctStates: report.distinctStates,
    transitions: report.transitions,
    verdicts: report.invariants.map((i) => `${i.name}:${i.holds ? 'holds' : 'fails'}`).join(','),
  };
  process.stdout.write(JSON.stringify(figures) + '\n');
}

function run(bench: string, args: readonly string[]): ChildFigures {
  const out = execFileSync(process.execPath, [bench, '--scale-child', JSON.stringify(args)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop()!) as ChildFigures;
}

export function benchScale(say: (line: string) => void, quick: boolean): void {
  const benchFile = fileURLToPath(import.meta.url);
  const [c, d] = quick ? [3, 3] : [4, 3];
  const rounds = quick ? 1 : 3;
  const out = mkdtempSync(join(tmpdir(), 'devinst-bench-scale-'));
  const base = ['explore', '--max-class-coinstallers', String(c), '--max-device-coinstallers', String(d), '--codes', SCALE_CODES.join(','), '--json', '--out', out];
  const load = [loadavg()[0]];
  const best: Record<'one' | 'two', ChildFigures | undefined> = { one: undefined, two: undefined };
  const all: Record<'one' | 'two', ChildFigures[]> = { one: [], two: [] };
  try {
    for (let r = 0; r < rounds; r++) {
      for (const kind of ['one', 'two'] as const) {
        const f = run(benchFile, kind === 'one' ? base : [...base, '--workers', '2']);
        all[kind].push(f);
        if (!best[kind] || f.seconds < best[kind].seconds) best[kind] = f;
      }
      load.push(loadavg()[0]);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const one = best.one!;
  const two = best.two!;
  const same = [...all.one, ...all.two].every((f) => f.distinctStates === one.distinctStates && f.transitions === one.transitions && f.verdicts === one.verdicts);
  const fastestProcess = (list: ChildFigures[]) => Math.min(...list.map((f) => f.processSeconds));
  const rate = (f: ChildFigures) => f.distinctStates / f.seconds;
  const ratio = rate(two) / rate(one);
  const processRatio = fastestProcess(all.one) / fastestProcess(all.two);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  say('');
  say('### Scale-out: explore --workers 2 against one worker');
  say('');
  say(
    `Measured with \`npm run bench -- --only scale${quick ? ' --quick' : ''}\` on Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; ${c} + ${d} co-installers, codes ${SCALE_CODES.join(', ')}; ` +
      `each run a child process of its own, ${rounds} interleaved round${rounds === 1 ? '' : 's'}, the fastest kept; ${cpus().length} cores, load average ${load.map((l) => l.toFixed(1)).join(' → ')} (1 minute, before and after each round).`,
  );
  say('');
  say('| workers | distinct states | transitions | exploration | distinct states/s | whole process | CPU time (all threads) |');
  say('|---|---|---|---|---|---|---|');
  for (const [label, f, list] of [['1', one, all.one], ['2', two, all.two]] as const) {
    say(`| ${label} | ${fmt(f.distinctStates)} | ${fmt(f.transitions)} | ${f.seconds.toFixed(2)} s | ${fmt(rate(f))} | ${fastestProcess(list).toFixed(2)} s | ${Math.min(...list.map((x) => x.cpuSeconds)).toFixed(2)} s |`);
  }
  say('');
  say(`Identical distinct states, transitions and verdicts in every run: ${same ? 'yes' : 'NO'}.`);
  say(`Target (issue 11, 4): workers-2 throughput ÷ single-worker throughput ≥ ${TARGET}× — measured ${ratio.toFixed(2)}× — ${ratio >= TARGET && same ? 'met' : 'not met'} (whole process: ${processRatio.toFixed(2)}×).`);
}

// Run as `node dist/bench/scale.js --scale-child '[…argv]'`: one measured run (benchScale starts it).
const childAt = process.argv.indexOf('--scale-child');
if (childAt >= 0 && process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await scaleChild(JSON.parse(process.argv[childAt + 1]) as string[]);
}
