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
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, metOrNot } from './support.js';

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
  /** CPU time of the whole process (all threads) during main(): the exploration and the report. */
  readonly runCpuSeconds: number;
  /** CPU time of the calling thread during main() (Linux: /proc/thread-self/stat), else null. */
  readonly mainThreadCpuSeconds: number | null;
  readonly distinctStates: number;
  readonly transitions: number;
  readonly verdicts: string;
}

/** The calling thread's CPU time (user + system) on Linux, from /proc/thread-self/stat (clock ticks, 100 a second). */
function threadCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** In the child: runs `devinst explore …` through the CLI's main and prints its figures as JSON. */
export async function scaleChild(argv: readonly string[]): Promise<void> {
  const { main } = await import('../src/cli/program.js');
  let out = '';
  const cpuBefore = process.cpuUsage();
  const threadBefore = threadCpuSeconds();
  const code = await main([...argv], { stdout: (t) => (out += t), stderr: (t) => process.stderr.write(t + '\n'), color: false, version: 'bench' });
  const threadAfter = threadCpuSeconds();
  const cpuRun = process.cpuUsage(cpuBefore);
  if (code > 1) throw new Error(`explore exited with ${code}`);
  const report = JSON.parse(out) as { seconds: number; distinctStates: number; transitions: number; invariants: { name: string; holds: boolean }[] };
  const cpu = process.cpuUsage();
  const figures: ChildFigures = {
    seconds: report.seconds,
    processSeconds: performance.now() / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    runCpuSeconds: (cpuRun.user + cpuRun.system) / 1e6,
    mainThreadCpuSeconds: threadBefore === undefined || threadAfter === undefined ? null : threadAfter - threadBefore,
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

interface Pair {
  readonly c: number;
  readonly d: number;
  readonly one: ChildFigures[];
  readonly two: ChildFigures[];
}

/** `rounds` interleaved rounds of one worker and two at c + d co-installers. */
function measure(benchFile: string, out: string, c: number, d: number, rounds: number, load: number[]): Pair {
  const base = ['explore', '--max-class-coinstallers', String(c), '--max-device-coinstallers', String(d), '--codes', SCALE_CODES.join(','), '--json', '--out', out];
  const pair: Pair = { c, d, one: [], two: [] };
  for (let r = 0; r < rounds; r++) {
    pair.one.push(run(benchFile, base));
    pair.two.push(run(benchFile, [...base, '--workers', '2']));
    load.push(loadavg()[0]);
  }
  return pair;
}

const fastest = (list: readonly ChildFigures[]) => list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
const least = (list: readonly ChildFigures[], f: (x: ChildFigures) => number | null) => Math.min(...list.map((x) => f(x) ?? Number.NaN));
const rate = (f: ChildFigures) => f.distinctStates / f.seconds;

function autogroupOn(): boolean {
  try {
    return readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() === '1';
  } catch {
    return false;
  }
}

export function benchScale(say: (line: string) => void, quick: boolean): void {
  const benchFile = fileURLToPath(import.meta.url);
  const out = mkdtempSync(join(tmpdir(), 'devinst-bench-scale-'));
  const load = [loadavg()[0]];
  const pairs: Pair[] = [];
  try {
    pairs.push(quick ? measure(benchFile, out, 3, 3, 1, load) : measure(benchFile, out, 4, 3, 3, load));
    if (!quick) pairs.push(measure(benchFile, out, 5, 3, 2, load));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  say('');
  say('### Scale-out: explore --workers 2 against one worker');
  say('');
  say(
    `Measured with \`npm run bench -- --only scale${quick ? ' --quick' : ''}\` on Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; codes ${SCALE_CODES.join(', ')}; ` +
      `each run the built CLI's main in a child process of its own, one worker and two interleaved round by round, the fastest kept; ${cpus().length} cores, ` +
      `load average ${load.map((l) => l.toFixed(1)).join(' → ')} (1 minute, at the start and after each round). ` +
      'Exploration: from its start to the merged result (explore\'s own figure, starting the worker thread included); CPU time of the calling thread from /proc/thread-self (Linux).',
  );
  say('');
  say('| c + d | workers | distinct states | transitions | exploration | distinct states/s | whole process | CPU, all threads | CPU, calling thread | CPU, the other threads |');
  say('|---|---|---|---|---|---|---|---|---|---|');
  for (const p of pairs) {
    for (const [label, list] of [['1', p.one], ['2', p.two]] as const) {
      const f = fastest(list);
      say(
        `| ${p.c} + ${p.d} | ${label} | ${fmt(f.distinctStates)} | ${fmt(f.transitions)} | ${f.seconds.toFixed(2)} s | ${fmt(rate(f))} | ${least(list, (x) => x.processSeconds).toFixed(2)} s | ` +
          `${least(list, (x) => x.runCpuSeconds).toFixed(2)} s | ${least(list, (x) => x.mainThreadCpuSeconds).toFixed(2)} s | ${least(list, (x) => (x.mainThreadCpuSeconds === null ? null : x.runCpuSeconds - x.mainThreadCpuSeconds)).toFixed(2)} s |`,
      );
    }
  }
  say('');
  for (const p of pairs) {
    const ratio = rate(fastest(p.two)) / rate(fastest(p.one));
    // On two idle cores a run takes about as long as its busiest thread: one worker's calling thread
    // (V8's helper threads use the other core), against the busier of two workers' threads.
    const busiest = least(p.two, (x) => (x.mainThreadCpuSeconds === null ? null : Math.max(x.mainThreadCpuSeconds, x.runCpuSeconds - x.mainThreadCpuSeconds)));
    const estimate = least(p.one, (x) => x.mainThreadCpuSeconds) / busiest;
    const same = [...p.one, ...p.two].every((f) => f.distinctStates === p.one[0].distinctStates && f.transitions === p.one[0].transitions && f.verdicts === p.one[0].verdicts);
    const head = p.c === 4 && p.d === 3 ? `Target (issue 11, 4): workers-2 throughput ÷ single-worker throughput on 4 + 3 ≥ ${TARGET}× — measured ${ratio.toFixed(2)}× — ${metOrNot(ratio >= TARGET && same)}` : `${p.c} + ${p.d}: workers-2 throughput ÷ single-worker throughput ${ratio.toFixed(2)}×`;
    say(
      `${head}; identical distinct states, transitions and verdicts in every run: ${same ? 'yes' : 'NO'}; whole process ${(least(p.one, (x) => x.processSeconds) / least(p.two, (x) => x.processSeconds)).toFixed(2)}×` +
        `${Number.isFinite(estimate) ? `; from CPU times, on two idle cores about ${estimate.toFixed(2)}×` : ''}.`,
    );
    // However the configurations are split, the split's threads together do at least the single
    // run's work: on n cores they cannot finish sooner than its CPU time (all threads) ÷ n.
    const cores = cpus().length;
    const oneCpu = least(p.one, (x) => x.runCpuSeconds);
    const twoCpu = least(p.two, (x) => x.runCpuSeconds);
    const ceiling = (cores * fastest(p.one).seconds) / oneCpu;
    say(
      `  Ceiling on ${cores} cores: a split doing no more work than one worker ends no sooner than that worker's CPU time (all threads, ${oneCpu.toFixed(2)} s) ÷ ${cores}, ` +
        `so at most ${cores} × ${fastest(p.one).seconds.toFixed(2)} s ÷ ${oneCpu.toFixed(2)} s = ${ceiling.toFixed(2)}×${p.c === 4 && p.d === 3 ? (ceiling < TARGET ? `, below the ${TARGET}× target for any partition` : `, above the ${TARGET}× target`) : ''}; ` +
        `the two-worker runs used ${twoCpu.toFixed(2)} s of CPU, ${(twoCpu / oneCpu).toFixed(2)}× the single run's.`,
    );
  }
  if (autogroupOn()) {
    say('');
    say("The kernel shares CPU time out by session (sched_autogroup_enabled = 1): while other sessions keep both cores busy, one process gets one session's share however many threads it runs, so the wall-clock ratio means something only on an otherwise idle machine.");
  }
}

// Run as `node dist/bench/scale.js --scale-child '[…argv]'`: one measured run (benchScale starts it).
const childAt = process.argv.indexOf('--scale-child');
if (childAt >= 0 && process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await scaleChild(JSON.parse(process.argv[childAt + 1]) as string[]);
}
