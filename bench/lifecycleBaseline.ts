/**
 * The lifecycle exploration against the code issue 11 measured (commit 98bd288; target 5: at least
 * 10× faster per installation): that commit's build, read-only in a directory of its own, and this
 * tree's, both imported into this process and run at the same bounds, interleaved (ABBA, so that
 * neither always runs after the other; no forced GC, which discards JIT work), the best of three rounds
 * each; wall time and this process's CPU time (user + system). An installation is one run of the
 * exploration (one scenario with one timeline).
 *
 * The build is the one bench/baseline.ts finds (`--baseline DIR`, DEVINST_BENCH_BASELINE, or built
 * once from this checkout's history); without one the table says so in one line and the target is
 * not measured.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { SequenceName } from '../src/domain/lifecycle/types.js';
import { DEFAULT_LIFECYCLE_BOUNDS, exploreLifecycle, type LifecycleBounds } from '../src/explore/lifecycle/lifecycleExplorer.js';
import { findBaseline } from './baseline.js';
import { fmt, metOrNot, timed } from './support.js';

const TARGET = 10;

/** What both builds' explorers report and take (98bd288's API is a subset of this tree's). */
interface Explorer {
  exploreLifecycle(options: { profile: 'windows'; bounds: LifecycleBounds }): { runs: number; distinctStates: number; transitions: number; configurations: number };
}

/** The baseline's explorer module (src/explore/lifecycle/ now; src/explore/ at 98bd288), loaded synchronously. */
function loadBaseline(dir: string): { explorer: Explorer } | string {
  const candidates = ['dist/src/explore/lifecycle/lifecycleExplorer.js', 'dist/src/explore/lifecycleExplorer.js'].map((p) => join(dir, p));
  const file = candidates.find((p) => existsSync(p));
  if (!file) return `no built explorer in ${dir} (looked for ${candidates.join(', ')}; build it with npx tsc -p tsconfig.build.json)`;
  return { explorer: createRequire(import.meta.url)(file) as Explorer };
}

interface Best {
  wall: number;
  cpu: number;
  r: ReturnType<Explorer['exploreLifecycle']>;
}

export function benchLifecycleBaseline(say: (line: string) => void, options: { readonly quick: boolean }): void {
  say('### Lifecycle exploration against the code the issue measured');
  say('');
  const { baseline: found, why } = findBaseline();
  const dir = found?.dir;
  if (dir === undefined) {
    say(`Not measured: ${why}.`);
    say('');
    say(`Time per installation, commit 98bd288 ÷ this tree: target ≥ ${TARGET}× — not measured`);
    say('');
    return;
  }
  const loaded = loadBaseline(dir);
  if (typeof loaded === 'string') {
    say(`Not measured: ${loaded}.`);
    say('');
    say(`Time per installation, commit 98bd288 ÷ this tree: target ≥ ${TARGET}× — not measured`);
    say('');
    return;
  }
  const { explorer: baseline } = loaded;
  const commit = found!.commit;
  const ours: Explorer = { exploreLifecycle: (o) => exploreLifecycle(o) };
  const rounds = options.quick ? 1 : 3;
  const sequences: readonly SequenceName[] = options.quick ? ['remove', 'properties'] : ['hardware-first', 'reinstall', 'remove', 'properties'];
  const timelines = options.quick ? [DEFAULT_LIFECYCLE_BOUNDS.maxTimeline] : [...new Set([DEFAULT_LIFECYCLE_BOUNDS.maxTimeline, 2])];
  const b = DEFAULT_LIFECYCLE_BOUNDS;
  say(
    `Measured with \`npm run bench -- --only lifecycle${options.quick ? ' --quick' : ''} --baseline ${dir}\` on Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. ` +
      `The lifecycle exploration (windows; 0–${b.maxClassCoInstallers} class and 0–${b.maxDeviceCoInstallers} device co-installers, ${b.codes.length} codes) at the default timeline bound (${b.maxTimeline}) and at the bound the issue measured (2), ` +
      `by commit ${commit}'s build and by this tree's, both in this process, interleaved (the order alternating round by round), best of ${rounds} round${rounds === 1 ? '' : 's'}; an installation is one run (a scenario with one timeline).`,
  );
  say('');
  say(`| lifecycle (\`--sequence\`, windows) | timeline bound | runs | distinct end states | machine steps, ${commit} / this tree | ${commit} | this tree | ms per installation, ${commit} / this tree | ${commit} ÷ this tree (wall / CPU) |`);
  say('|---|---|---|---|---|---|---|---|---|');
  const run = (explorer: Explorer, sequence: SequenceName, maxTimeline: number) => {
    const { value: r, wall, cpu } = timed(() => explorer.exploreLifecycle({ profile: 'windows', bounds: { ...b, sequence, maxTimeline } }));
    return { r, wall, cpu };
  };
  const keep = (best: Best | undefined, next: Best): Best => (best === undefined ? next : { r: next.r, wall: Math.min(best.wall, next.wall), cpu: Math.min(best.cpu, next.cpu) });
  // Warm-up: both builds compiled by the JIT before the first figure.
  for (const explorer of [baseline, ours]) for (const sequence of sequences) run(explorer, sequence, Math.min(2, b.maxTimeline));
  for (const sequence of sequences) run(ours, sequence, b.maxTimeline);
  let atDefault = { theirs: 0, ours: 0, theirsCpu: 0, oursCpu: 0 };
  const differences: string[] = [];
  const stepGaps: string[] = [];
  for (const maxTimeline of timelines) {
    const total = { runs: 0, theirs: 0, ours: 0, theirsCpu: 0, oursCpu: 0 };
    for (const sequence of sequences) {
      let theirs: Best | undefined;
      let mine: Best | undefined;
      for (let round = 0; round < rounds; round++) {
        for (const explorer of round % 2 === 0 ? [baseline, ours] : [ours, baseline]) {
          const t = run(explorer, sequence, maxTimeline);
          if (explorer === baseline) theirs = keep(theirs, t);
          else mine = keep(mine, t);
        }
      }
      const [t, o] = [theirs!, mine!];
      if (t.r.transitions !== o.r.transitions) stepGaps.push(`${fmt(t.r.transitions - o.r.transitions)} for ${sequence} at ${maxTimeline}`);
      if (t.r.runs !== o.r.runs || t.r.distinctStates !== o.r.distinctStates) differences.push(`${sequence} at ${maxTimeline}: runs ${t.r.runs} / ${o.r.runs}, distinct end states ${t.r.distinctStates} / ${o.r.distinctStates}`);
      total.runs += o.r.runs;
      total.theirs += t.wall;
      total.ours += o.wall;
      total.theirsCpu += t.cpu;
      total.oursCpu += o.cpu;
      const same = (x: number, y: number) => (x === y ? fmt(x) : `${fmt(x)} / ${fmt(y)}`);
      say(
        `| ${sequence} | ${maxTimeline} | ${same(t.r.runs, o.r.runs)} | ${same(t.r.distinctStates, o.r.distinctStates)} | ${fmt(t.r.transitions)} / ${fmt(o.r.transitions)} | ${t.wall.toFixed(2)} s | ${o.wall.toFixed(2)} s | ` +
          `${((t.wall * 1000) / t.r.runs).toFixed(4)} / ${((o.wall * 1000) / o.r.runs).toFixed(4)} | ${(t.wall / o.wall).toFixed(1)}× / ${(t.cpu / o.cpu).toFixed(1)}× |`,
      );
    }
    say(
      `| all | ${maxTimeline} | ${fmt(total.runs)} | | | ${total.theirs.toFixed(2)} s | ${total.ours.toFixed(2)} s | ${((total.theirs * 1000) / total.runs).toFixed(4)} / ${((total.ours * 1000) / total.runs).toFixed(4)} | ` +
        `${(total.theirs / total.ours).toFixed(1)}× / ${(total.theirsCpu / total.oursCpu).toFixed(1)}× |`,
    );
    if (maxTimeline === b.maxTimeline) atDefault = total;
  }
  say('');
  say(differences.length === 0 ? 'Both count the same runs and distinct end states.' : `The builds count differently: ${differences.join('; ')}.`);
  if (stepGaps.length > 0) {
    say(
      `${commit} takes more machine steps: ${stepGaps.join(', ')}. The model changed since: a class installer is no longer sent the nested DIF_DESTROYPRIVATEDATA of ` +
        'DIF_REGISTER_COINSTALLERS when no device co-installer is registered (commit efb89ad), one step fewer in the core installation of each of the 18 scenarios with a class installer and no co-installer ' +
        '(3 answers × 2 OS × 3 sessions), which all their runs share.',
    );
  }
  say('');
  const wall = atDefault.theirs / atDefault.ours;
  const cpu = atDefault.theirsCpu / atDefault.oursCpu;
  say(`Time per installation at the default bounds, commit ${commit} ÷ this tree: target ≥ ${TARGET}× — measured ${wall.toFixed(1)}× (CPU time ${cpu.toFixed(1)}×) — ${metOrNot(wall >= TARGET)}`);
  say('');
}
