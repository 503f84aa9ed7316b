/**
 * The lifecycle exploration (`devinst explore --sequence`, src/explore/lifecycle/) at its default
 * bounds, per sequence: the same exploration stepped through the derived executor (what explore
 * runs) and through XState's own transition (what it ran before), side by side in this process,
 * interleaved, the best of a few rounds each. An installation is one run of the exploration (one
 * scenario with one timeline); the figure is the time per installation through XState against
 * through the executor, on wall time and on this process's CPU time (user + system), which other
 * work on a shared machine disturbs less. Then the same exploration against the code issue 11
 * measured (its target 5: at least 10× per installation), in bench/lifecycleBaseline.ts.
 */
import { DEFAULT_LIFECYCLE_BOUNDS, exploreLifecycle, type LifecycleExploration } from '../src/explore/lifecycle/lifecycleExplorer.js';
import type { SequenceName } from '../src/domain/lifecycle/types.js';
import type { InstallEngine } from '../src/host/installFold.js';
import { benchLifecycleBaseline } from './lifecycleBaseline.js';
import { fmt, timed } from './support.js';

interface Timing {
  readonly r: LifecycleExploration;
  readonly seconds: number;
  readonly cpuSeconds: number;
}

function timedRun(sequence: SequenceName, engine: InstallEngine): Timing {
  const { value: r, wall: seconds, cpu: cpuSeconds } = timed(() => exploreLifecycle({ profile: 'windows', bounds: { ...DEFAULT_LIFECYCLE_BOUNDS, sequence }, engine }));
  return { r, seconds, cpuSeconds };
}

const best = (a: Timing | undefined, b: Timing): Timing =>
  a === undefined ? b : { r: b.r, seconds: Math.min(a.seconds, b.seconds), cpuSeconds: Math.min(a.cpuSeconds, b.cpuSeconds) };

export function benchLifecycle(say: (line: string) => void, options: { readonly quick: boolean }): void {
  const ms = (seconds: number, runs: number) => ((seconds * 1000) / runs).toFixed(3);
  const sequences: readonly SequenceName[] = options.quick ? ['remove', 'properties'] : ['hardware-first', 'reinstall', 'remove', 'properties'];
  const rounds = options.quick ? 1 : 3;
  const b = DEFAULT_LIFECYCLE_BOUNDS;
  say('### Lifecycle exploration (`devinst explore --sequence`): derived executor vs XState');
  say('');
  say(`Measured with \`npm run bench -- --only lifecycle${options.quick ? ' --quick' : ''}\` on Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`);
  say(
    `The lifecycle exploration at its default bounds (windows; 0–${b.maxClassCoInstallers} class and 0–${b.maxDeviceCoInstallers} device co-installers, ` +
      `${b.codes.length} codes, timelines of up to ${b.maxTimeline} events), stepped through the derived executor and through XState's transition, ` +
      `side by side in one process, interleaved, best of ${rounds} round${rounds === 1 ? '' : 's'}; an installation is one run (a scenario with one timeline).`,
  );
  say('');
  say('| lifecycle (`--sequence`, default bounds, windows) | scenarios | runs | distinct end states | machine steps | executor | XState | ms per installation, executor / XState | XState ÷ executor (wall / CPU) |');
  say('|---|---|---|---|---|---|---|---|---|');
  // Warm-up: both paths compiled by the JIT before the first figure.
  for (const engine of ['executor', 'xstate'] as const) exploreLifecycle({ profile: 'windows', bounds: { ...b, sequence: 'remove' }, engine });
  const total = { runs: 0, executor: 0, xstate: 0, executorCpu: 0, xstateCpu: 0 };
  for (const sequence of sequences) {
    let ours: Timing | undefined;
    let theirs: Timing | undefined;
    for (let round = 0; round < rounds; round++) {
      theirs = best(theirs, timedRun(sequence, 'xstate'));
      ours = best(ours, timedRun(sequence, 'executor'));
    }
    const r = ours!.r;
    if (r.runs !== theirs!.r.runs || r.distinctStates !== theirs!.r.distinctStates || r.transitions !== theirs!.r.transitions) {
      throw new Error(`bench: ${sequence}: the executor and XState explorations differ (${r.runs}/${r.distinctStates}/${r.transitions} against ${theirs!.r.runs}/${theirs!.r.distinctStates}/${theirs!.r.transitions})`);
    }
    total.runs += r.runs;
    total.executor += ours!.seconds;
    total.xstate += theirs!.seconds;
    total.executorCpu += ours!.cpuSeconds;
    total.xstateCpu += theirs!.cpuSeconds;
    say(
      `| ${sequence} | ${fmt(r.configurations)} | ${fmt(r.runs)} | ${fmt(r.distinctStates)} | ${fmt(r.transitions)} | ${ours!.seconds.toFixed(2)} s | ${theirs!.seconds.toFixed(2)} s | ` +
        `${ms(ours!.seconds, r.runs)} / ${ms(theirs!.seconds, r.runs)} | ${(theirs!.seconds / ours!.seconds).toFixed(1)}× / ${(theirs!.cpuSeconds / ours!.cpuSeconds).toFixed(1)}× |`,
    );
  }
  const wall = total.xstate / total.executor;
  const cpu = total.xstateCpu / total.executorCpu;
  say(
    `| all | | ${fmt(total.runs)} | | | ${total.executor.toFixed(2)} s | ${total.xstate.toFixed(2)} s | ${ms(total.executor, total.runs)} / ${ms(total.xstate, total.runs)} | ${wall.toFixed(1)}× / ${cpu.toFixed(1)}× |`,
  );
  say('');
  say(`Time per installation, XState ÷ derived executor (the same explorer, the machine stepped either way): ${wall.toFixed(1)}× (CPU time ${cpu.toFixed(1)}×).`);
  say('');
  benchLifecycleBaseline(say, options);
}
