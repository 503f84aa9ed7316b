/**
 * `devinst explore --workers N`: the run split into N slices (slice.ts), explored side by side by N
 * threads, merged into the single run's result (merge.ts). The calling thread explores the first
 * slice itself (its modules are loaded and it would only wait otherwise); N - 1 worker threads
 * (node:worker_threads) explore the others. Progress goes through shared memory, since every thread
 * is busy exploring: each worker writes its latest counts into its own cells, and the calling thread
 * adds them up.
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
import { exploreSlice, PROGRESS_CELLS, readProgress, type WorkerRequest } from './runSlice.js';
import { slices } from './slice.js';

/** The most threads accepted. */
export const MAX_WORKERS = 64;

/**
 * What a worker thread does before it explores, in estimated cost (slice.ts): loading devinst's
 * modules again (about 0.35 s) and warming the JIT as the calling thread also must. Measured at
 * 4 + 3 co-installers and six codes: 23,664 estimated for about 2.4 s of warm exploration, so
 * 0.4 s is about 4,000. Only the balance depends on it, never the result.
 */
export const WORKER_START_COST = 4000;

function workerModule(): URL {
  const fromSources = fileURLToPath(import.meta.url).endsWith('.ts');
  // dist/src/explore/scale/workers.js → ./worker.js; src/explore/scale/workers.ts → dist/src/explore/scale/worker.js
  const url = new URL(fromSources ? '../../../dist/src/explore/scale/worker.js' : './worker.js', import.meta.url);
  if (!existsSync(url)) throw new Error(`the explore worker is missing (${fileURLToPath(url)}): run npm run build`);
  return url;
}

function inWorker(url: URL, request: WorkerRequest, name: string): { readonly result: Promise<SliceResult>; readonly worker: Worker } {
  const worker = new Worker(url, { workerData: request, name });
  const result = new Promise<SliceResult>((resolve, reject) => {
    let posted: SliceResult | undefined;
    worker.on('message', (message: SliceResult) => (posted = message));
    worker.on('error', reject);
    worker.on('exit', (code) => (posted ? resolve(posted) : reject(new Error(`${name} stopped (exit code ${code}) without a result`))));
  });
  // Awaited once the calling thread's own slice is done; if that slice throws, the workers are
  // stopped and their results never awaited: that rejection is not an unhandled one.
  result.catch(() => undefined);
  return { result, worker };
}

/** Explores `run` in `count` threads; the result is the one a single run gives (`seconds`: wall time, threads started included). */
export async function exploreWithWorkers(run: SliceRun, count: number, onProgress?: (progress: ExploreProgress) => void): Promise<DispatchExploration> {
  const started = performance.now();
  const [own, ...others] = slices(run.bounds, count, WORKER_START_COST).filter((only) => only.length > 0);
  const cells = others.map(() => new Float64Array(new SharedArrayBuffer(PROGRESS_CELLS * Float64Array.BYTES_PER_ELEMENT)));
  const url = others.length > 0 ? workerModule() : undefined;
  const running = others.map((only, s) => inWorker(url!, { run, only, progress: cells[s] }, `explore worker ${s + 1} of ${others.length}`));
  let mine: ExploreProgress | undefined;
  const report = () => {
    if (!onProgress) return;
    const seen = [mine, ...cells.map(readProgress)].filter((p): p is ExploreProgress => p !== undefined);
    const total = (f: (p: ExploreProgress) => number) => seen.reduce((s, p) => s + f(p), 0);
    onProgress({ generated: total((p) => p.generated), distinct: total((p) => p.distinct), queue: total((p) => p.queue), depth: Math.max(0, ...seen.map((p) => p.depth)), seconds: (performance.now() - started) / 1000 });
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    const first = exploreSlice({ run, only: own }, onProgress ? (p) => ((mine = p), report()) : undefined);
    if (onProgress) timer = setInterval(report, 1000);
    const merged = mergeSlices(run, [first, ...(await Promise.all(running.map((r) => r.result)))]);
    return { ...merged, seconds: (performance.now() - started) / 1000 };
  } finally {
    if (timer) clearInterval(timer);
    await Promise.all(running.map((r) => r.worker.terminate()));
  }
}
