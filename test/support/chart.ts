/**
 * Reading the chart in tests: what an inspector attached to a run sees, microstep by microstep
 * (XState's `@xstate.microstep` inspection events, each with the snapshot it produced).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { InspectionEvent } from 'xstate';
import { runDif } from '../../src/host/runDif.js';
import { runInstall } from '../../src/host/runInstall.js';
import { stateName } from '../../src/journal/replay.js';
import type { ScenarioDocument } from '../../src/scenario/schema.js';
import { ROOT } from './scenarios.js';

export interface SeenStep {
  /** The event the macrostep handles (xstate.init for the start). */
  readonly event: string;
  /** The state value as `stateName` writes it, e.g. `coreInstall.dif.preprocessing.calling`. */
  readonly state: string;
  readonly tags: readonly string[];
}

function collector(): { steps: SeenStep[]; inspect: (e: InspectionEvent) => void } {
  const steps: SeenStep[] = [];
  return {
    steps,
    inspect: (e) => {
      if (e.type !== '@xstate.microstep') return;
      const snapshot = e.snapshot as unknown as { value: unknown; tags: Set<string> };
      steps.push({ event: e.event.type, state: stateName(snapshot), tags: [...snapshot.tags].sort() });
    },
  };
}

/** Every microstep of a whole installation of `doc`, as an inspector sees it. */
export function inspectInstall(doc: unknown): SeenStep[] {
  const c = collector();
  runInstall(doc, { inspect: c.inspect });
  return c.steps;
}

/** Every microstep of one dispatch of `doc`'s DIF, as an inspector sees it. */
export function inspectDif(doc: unknown, dif?: string): SeenStep[] {
  const c = collector();
  runDif(doc, dif, { inspect: c.inspect });
  return c.steps;
}

/** The distinct states in the order first seen. */
export const statesOf = (steps: readonly SeenStep[]): string[] => [...new Set(steps.map((s) => s.state))];

/** Any bundled example, by file name without `.json`. */
export function exampleFile(name: string): ScenarioDocument {
  return JSON.parse(readFileSync(path.join(ROOT, 'examples', `${name}.json`), 'utf8')) as ScenarioDocument;
}
