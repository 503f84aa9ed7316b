/** What `devinst explore` reports, for both kinds of exploration, and how it writes files. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ProfileName } from '../domain/profiles.js';
import { InputError } from '../errors.js';
import { describeFsError, writeOutput } from '../files/output.js';
import type { StopInfo } from './engine/searchControl.js';

export const DEFAULT_OUT = '.devinst-out/explore';

export interface Counterexample {
  /** The invariant's failure sentence on the (shrunk) counterexample, run through the machine. */
  readonly failure: string;
  /** Dispatch: answers up to the failure on the shortest trace (breadth-first); lifecycle: timeline events. */
  readonly length: number;
  /** Inputs in the journal, which runs to the end (installer answers; for the lifecycle also timeline events). */
  readonly events: number;
  readonly configuration: string;
  /** Installers, switches or timeline events the shrink loop removed (0: the shortest trace was already minimal). */
  readonly removed: number;
  readonly scenario: string;
  readonly journal: string;
  /** The journal replays to the recorded result through the real machine. */
  readonly replays: boolean;
  /** The replayed run breaks the invariant. */
  readonly reproduced: boolean;
}

export interface InvariantReport {
  readonly name: string;
  readonly sentence: string;
  readonly holds: boolean;
  readonly counterexample: Counterexample | null;
}

export interface ExploreReport {
  readonly kind: 'dispatch' | 'lifecycle';
  readonly profile: ProfileName;
  readonly mutant: string | null;
  readonly bounds: Readonly<Record<string, unknown>>;
  readonly configurations: number;
  readonly distinctStates: number;
  readonly transitions: number;
  /** Dispatch: the longest shortest trace; lifecycle: the longest timeline. */
  readonly depth: number;
  /** Lifecycle only: (scenario, timeline) runs. */
  readonly runs: number | null;
  readonly seconds: number;
  /** Null when the search was complete; else why it stopped: the verdict holds for the states explored only. */
  readonly partial: StopInfo | null;
  /** Dispatch only: the explorer's own tables (typed arrays) at the end, and the most memory in use measured (heap + external). */
  readonly memory: { readonly tableBytes: number; readonly peakBytes: number } | null;
  readonly directory: string;
  readonly invariants: readonly InvariantReport[];
}

/** Counterexample files replace the previous run's (src/files/output.ts: links followed, devices written in place). */
export function writeFile(file: string, text: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch (error) {
    throw new InputError(`${path.dirname(file)}: cannot create the directory: ${describeFsError(error)}`);
  }
  writeOutput(file, text, { force: true });
}

export const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

/** What `--json` prints. */
export function jsonReport(report: ExploreReport): unknown {
  return {
    profile: report.profile,
    bounds: report.bounds,
    distinctStates: report.distinctStates,
    transitions: report.transitions,
    seconds: Number(report.seconds.toFixed(3)),
    partial: report.partial
      ? { reason: report.partial.reason, limit: report.partial.limit, exploredStates: report.partial.explored, queuedStates: report.distinctStates - report.partial.explored }
      : null,
    ...(report.memory
      ? {
          tableBytes: report.memory.tableBytes,
          bytesPerState: Number((report.memory.tableBytes / Math.max(1, report.distinctStates)).toFixed(1)),
          peakMemoryBytes: report.memory.peakBytes,
        }
      : {}),
    invariants: report.invariants.map((i) => ({
      name: i.name,
      holds: i.holds,
      counterexample: i.counterexample ? { scenario: i.counterexample.scenario, journal: i.counterexample.journal } : null,
    })),
  };
}
