/**
 * `node dist/bench/replayFile.js FILE`: replays one journal file, streamed (`replayJournal({ path })`),
 * and prints its figures as JSON: the process's own peak RSS, so it imports nothing else (bench/replay.ts runs it).
 */
import { replayJournal } from '../src/journal/replay.js';

const start = performance.now();
const result = await replayJournal({ path: process.argv[2] });
const cpu = process.cpuUsage();
process.stdout.write(
  JSON.stringify({
    seconds: (performance.now() - start) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakMB: (process.resourceUsage().maxRSS * 1024) / 1e6,
    result: 'outcome' in result ? result.outcome : result.result.hex,
  }),
);
