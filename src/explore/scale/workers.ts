/**
 * `devinst explore --workers N`: the run split into N slices (slice.ts), each explored in its own
 * worker thread (node:worker_threads), merged into the single run's result (merge.ts).
 *
 * Workers load the built module (dist/src/explore/scale/worker.js): the CLI runs from dist/, and
 * from the TypeScript sources (the project's tests) the same built file is used, so `npm run build`
 * must have run.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DispatchExploration, ExploreProgress } from '../dispatch/dispatchExplorer.js';
import { mergeSlices, type SliceResult, type SliceRun } from './merge.js';
import type { SliceRequest } from './runSlice.js';
import { slices } from './slice.js';

/** The most worker threads accepted. */
export const MAX_WORKERS = 64;

function workerModule(): URL {
  const fromSources = fileURLToPath(import.meta.url).endsWith('.ts');
  // dist/src/explore/scale/workers.js → ./worker.js; src/explore/scale/workers.ts → dist/src/explore/scale/worker.js
  const url = new URL(fromSources ? '../../../dist/src/explore/scale/worker.js' : './worker.js', import.meta.url);
  if (!existsSync(url)) throw new Error(`the explore worker is missing (${fileURLToPath(url)}): run npm run build`);
  return url;
}

type Message = { readonly progress: ExploreProgress } | { readonly result: SliceResult };

/** Explores `run` in `count` worker threads; the result is the one a single run gives. */
export async function exploreWithWorkers(run: SliceRun, count: number, onProgress?: (progress: ExploreProgress) => void): Promise<DispatchExploration> {
  const started = performance.now();
  const parts = slices(run.bounds, count).filter((only) => only.length > 0);
  const url = workerModule();
  const latest: (ExploreProgress | undefined)[] = parts.map(() => undefined);
  let lastShown = started;
  const workers: Worker[] = [];
  const show = () => {
    const now = performance.now();
    if (!onProgress || now - lastShown < 1000) return;
    lastShown = now;
    const seen = latest.filter((p): p is ExploreProgress => p !== undefined);
    const total = (f: (p: ExploreProgress) => number) => seen.reduce((s, p) => s + f(p), 0);
    onProgress({ generated: total((p) => p.generated), distinct: total((p) => p.distinct), queue: total((p) => p.queue), depth: Math.max(0, ...seen.map((p) => p.depth)), seconds: (now - started) / 1000 });
  };
  const results = parts.map(
    (only, s) =>
      new Promise<SliceResult>((resolve, reject) => {
        const workerData: SliceRequest & { progress: boolean } = { run, only, progress: onProgress !== undefined };
        const worker = new Worker(url, { workerData });
        workers.push(worker);
        let result: SliceResult | undefined;
        worker.on('message', (message: Message) => {
          if ('result' in message) result = message.result;
          else {
            latest[s] = message.progress;
            show();
          }
        });
        worker.on('error', reject);
        worker.on('exit', (code) => (result ? resolve(result) : reject(new Error(`explore worker ${s + 1} of ${parts.length} stopped (exit code ${code}) without a result`))));
      }),
  );
  try {
    const merged = mergeSlices(run, await Promise.all(results));
    return { ...merged, seconds: (performance.now() - started) / 1000 };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
