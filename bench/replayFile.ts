/**
 * `node [--expose-gc] dist/bench/replayFile.js FILE`: replays one journal file, streamed
 * (`replayJournal({ path })`), and prints its figures as JSON: the process's own peak RSS, so it
 * imports nothing else (bench/replay.ts runs it). After the replay (the peak already reached) it
 * also gives the heap in use, and, with --expose-gc, what of it is still live after a full
 * collection: the result itself; the rest of the peak is garbage the collector had not reclaimed.
 */
import { replayJournal } from '../src/journal/replay.js';

const MB = 1e6;
const start = performance.now();
const result = await replayJournal({ path: process.argv[2] });
const cpu = process.cpuUsage();
const seconds = (performance.now() - start) / 1000;
const peakMB = (process.resourceUsage().maxRSS * 1024) / MB;
const heapMB = process.memoryUsage().heapUsed / MB;
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
process.stdout.write(
  JSON.stringify({
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakMB,
    heapMB,
    liveMB: gc ? process.memoryUsage().heapUsed / MB : null,
    result: 'outcome' in result ? result.outcome : result.result.hex,
  }),
);
