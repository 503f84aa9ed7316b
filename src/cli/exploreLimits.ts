/**
 * `devinst explore`'s bounds on the search itself: --max-states and --max-memory (and Ctrl-C),
 * which end it early with a partial verdict and exit code 3 (src/explore/engine/searchControl.ts).
 */
import { Option } from 'commander';
import { InputError } from '../errors.js';
import { DEFAULT_BUDGET_SHARE } from '../explore/engine/memoryBudget.js';
import type { ExploreReport } from '../explore/run.js';
import type { SearchBounds } from '../explore/engine/searchControl.js';

export interface LimitOptions {
  maxStates?: string;
  maxMemory?: string;
}

const MIB = 1024 * 1024;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (bytes: number) => `${(bytes / MIB).toFixed(bytes < 10 * MIB ? 1 : 0)} MiB`;

export const maxStatesOption = () => new Option('--max-states <n>', 'stop after n distinct states, with a partial verdict (exit 3)');
export const maxMemoryOption = () =>
  new Option(
    '--max-memory <MiB>',
    `stop before the heap plus the explorer's tables pass this many MiB, with a partial verdict (exit 3; default ${DEFAULT_BUDGET_SHARE * 100}% of the V8 heap limit, --max-old-space-size)`,
  );

function positive(option: string, value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) throw new InputError(`${option}: expected a whole number of at least 1, got "${value}"`);
  return Number(value);
}

/** The search bounds given, checked (one line, exit 2, on a bad value). */
export function searchBounds(opts: LimitOptions): SearchBounds {
  return {
    ...(opts.maxStates !== undefined ? { maxStates: positive('--max-states', opts.maxStates) } : {}),
    ...(opts.maxMemory !== undefined ? { memoryBudget: positive('--max-memory', opts.maxMemory) * MIB } : {}),
  };
}

/** The first of the options given, for a usage error where they do not apply. */
export function limitGiven(opts: LimitOptions): string | undefined {
  if (opts.maxStates !== undefined) return '--max-states';
  if (opts.maxMemory !== undefined) return '--max-memory';
  return undefined;
}

/** The summary's lines about memory and, when the search stopped early, why and how far it got. */
export function limitLines(report: ExploreReport): string[] {
  const lines: string[] = [];
  if (report.memory) {
    lines.push(
      `memory: ${mib(report.memory.tableBytes)} in the explorer's tables (${(report.memory.tableBytes / Math.max(1, report.distinctStates)).toFixed(1)} bytes per distinct state), ` +
        `at most ${mib(report.memory.peakBytes)} in use (heap + tables)`,
    );
  }
  const p = report.partial;
  if (p) {
    const why =
      p.reason === 'max-states' ? `at --max-states ${fmt(p.limit)}` : p.reason === 'memory' ? `by the memory guard at ${mib(p.limit)} (--max-memory, or the heap's own limit)` : 'by Ctrl-C';
    lines.push(
      `PARTIAL: the search stopped ${why} after ${fmt(report.distinctStates)} distinct states (${fmt(p.explored)} explored, ${fmt(report.distinctStates - p.explored)} still queued); ` +
        'an invariant marked ✔ held on every state reached so far, not necessarily on all',
    );
  }
  return lines;
}
