/**
 * Preloaded (`node --import`) into a CLI run by bench/baseline.ts: when the process exits it writes
 * its own CPU time (user + system, all threads) and peak RSS to the file DEVINST_BENCH_FIGURES names.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.DEVINST_BENCH_FIGURES;
if (file) {
  process.on('exit', () => {
    const used = process.cpuUsage();
    writeFileSync(file, JSON.stringify({ cpu: (used.user + used.system) / 1e6, peakMiB: process.resourceUsage().maxRSS / 1024 }));
  });
}
