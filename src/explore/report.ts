/** What `devinst explore` reports, for both kinds of exploration, and how it writes files. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ProfileName } from '../domain/profiles.js';

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
  readonly directory: string;
  readonly invariants: readonly InvariantReport[];
}

export function writeFile(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
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
    invariants: report.invariants.map((i) => ({
      name: i.name,
      holds: i.holds,
      counterexample: i.counterexample ? { scenario: i.counterexample.scenario, journal: i.counterexample.journal } : null,
    })),
  };
}
