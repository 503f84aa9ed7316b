/**
 * Exhaustive exploration around the user's own scenario: every point of the space (space.ts) is
 * run through the real machines — the difDispatch machine for one DIF, the deviceInstall machine
 * for a sequence — and every invariant and every guideline rule is judged on it (evaluate.ts).
 * For each name that breaks, the shortest counterexample is kept: the fewest changes from the
 * user's scenario, then the fewest installer calls, then the first in enumeration order. It is
 * written as a scenario file and the journal of its run, and the journal is replayed through the
 * machine (what `devinst replay` does) to confirm it breaks the same rule again.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { difLabel } from '../domain/codes.js';
import { DISPATCH_RULES } from '../domain/violations.js';
import { sequencePlan } from '../domain/lifecycle/sequences.js';
import { recordDif } from '../host/runDif.js';
import { recordInstall } from '../host/runInstall.js';
import { catalogueEntry, INVARIANTS, RULES } from '../invariants/catalogue.js';
import { evaluateDispatch, evaluateInstall, evaluateJournal, type Breach } from '../invariants/evaluate.js';
import { replayJournal } from '../journal/replay.js';
import { validateScenario } from '../scenario/load.js';
import { DEFAULT_OUT } from './adapter.js';
import { describeChanges, documentAt, points, type Point } from './points.js';
import { buildSpace, resolveRequest, type Space, type SpaceRequest } from './space.js';

/** The largest space explored unless the caller raises it. */
export const DEFAULT_LIMIT = 100_000;

export interface AroundRequest extends SpaceRequest {
  /** Where counterexamples are written (default .devinst-out/explore/<scenario name>). */
  readonly out?: string;
  /** Names the scenario's counterexample folder. */
  readonly label?: string;
  readonly limit?: number;
  readonly now?: () => Date;
  readonly onStart?: (space: Space) => void;
  readonly onProgress?: (p: { done: number; total: number; seconds: number }) => void;
  readonly progressEveryMs?: number;
}

export interface AroundCounterexample {
  readonly breach: Breach;
  /** Positions changed from the user's scenario. */
  readonly distance: number;
  readonly changes: readonly string[];
  /** Installer calls in the counterexample's run. */
  readonly calls: number;
  readonly scenarioFile: string;
  readonly journalFile: string;
  readonly scenario: Record<string, unknown>;
  readonly journal: string;
  /** Replaying the journal gives the recorded result, and the replayed run breaks the same name again. */
  readonly replays: boolean;
  readonly reproduced: boolean;
}

export interface AroundReport {
  readonly space: Space;
  readonly runs: number;
  readonly seconds: number;
  readonly directory: string;
  /** Every name checked, in catalogue order: invariants of the run's machine, then the rules it can break (a dispatch: the dispatch rules). */
  readonly checked: readonly { readonly name: string; readonly kind: 'invariant' | 'rule'; readonly holds: boolean }[];
  readonly counterexamples: readonly AroundCounterexample[];
}

interface Best {
  readonly breach: Breach;
  readonly point: Point;
  readonly distance: number;
  readonly calls: number;
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

export function exploreAround(document: unknown, given: AroundRequest = {}): AroundReport {
  validateScenario(document);
  const request = resolveRequest(document, given);
  const sequenceDifs = request.sequence ? new Set(sequencePlan(request.sequence).steps.map((s) => s.dif)) : new Set<number>();
  const space = buildSpace(document, request, sequenceDifs);
  const limit = request.limit ?? DEFAULT_LIMIT;
  if (space.size > limit) throw new RangeError(`the space has ${space.size.toLocaleString('en-US')} points, more than the limit of ${limit.toLocaleString('en-US')}`);
  request.onStart?.(space);
  const evaluate = (doc: unknown) => (space.mode === 'dispatch' ? evaluateDispatch(doc, space.dif) : evaluateInstall(doc));

  const best = new Map<string, Best>();
  const started = performance.now();
  const every = request.progressEveryMs ?? 1000;
  let lastProgress = started;
  let runs = 0;
  for (const point of points(space)) {
    const distance = point.reduce((n, c) => n + (c === 0 ? 0 : 1), 0);
    const evaluated = evaluate(documentAt(space, point));
    runs += 1;
    for (const breach of evaluated.breaches) {
      const known = best.get(breach.name);
      if (!known || distance < known.distance || (distance === known.distance && evaluated.calls < known.calls)) {
        best.set(breach.name, { breach, point: [...point], distance, calls: evaluated.calls });
      }
    }
    if (request.onProgress && runs % 64 === 0) {
      const now = performance.now();
      if (now - lastProgress >= every) {
        lastProgress = now;
        request.onProgress({ done: runs, total: space.size, seconds: (now - started) / 1000 });
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;

  const label = request.label ?? 'scenario';
  const directory = path.join(request.out ?? DEFAULT_OUT, `${label}-${space.mode === 'dispatch' ? difLabel(space.dif) : space.sequence}`);
  const now = request.now ?? (() => new Date());
  const counterexamples = [...best.values()].map((b): AroundCounterexample => {
    const { $schema: _relative, ...base } = documentAt(space, b.point);
    const scenario = {
      ...base,
      name: `${b.breach.name} counterexample${typeof base.name === 'string' ? ` of ${base.name}` : ''}`,
      description: `devinst explore: ${b.breach.failure}${b.distance > 0 ? ` Changed from the scenario: ${describeChanges(space, b.point).join('; ')}.` : ' The scenario as written.'}`,
      ...(space.mode === 'dispatch' ? { dif: difLabel(space.dif) } : { sequence: space.sequence }),
    };
    const scenarioFile = path.join(directory, `${b.breach.name}.scenario.json`);
    const journalFile = path.join(directory, `${b.breach.name}.journal.jsonl`);
    const recorded = space.mode === 'dispatch' ? recordDif(scenario, space.dif, { scenarioFile, now }) : recordInstall(scenario, { scenarioFile, now });
    write(scenarioFile, json(scenario));
    write(journalFile, recorded.journal);
    const replays = JSON.stringify(replayJournal(recorded.journal)) === JSON.stringify(recorded.result);
    const reproduced = evaluateJournal(recorded.journal, journalFile).breaches.some((x) => x.name === b.breach.name);
    return { breach: b.breach, distance: b.distance, changes: describeChanges(space, b.point), calls: b.calls, scenarioFile, journalFile, scenario, journal: recorded.journal, replays, reproduced };
  });

  const machineKind = space.mode === 'dispatch' ? 'dispatch' : 'lifecycle';
  const checked = [
    ...Object.values(INVARIANTS).filter((e) => e.kind === machineKind).map((e) => ({ name: e.name, kind: 'invariant' as const, holds: !best.has(e.name) })),
    ...Object.values(RULES)
      .filter((e) => space.mode === 'lifecycle' || Object.hasOwn(DISPATCH_RULES, e.name))
      .map((e) => ({ name: e.name, kind: 'rule' as const, holds: !best.has(e.name) })),
  ];
  const order = new Map(checked.map((c, i) => [c.name, i]));
  counterexamples.sort((a, b) => (order.get(a.breach.name) ?? 1e9) - (order.get(b.breach.name) ?? 1e9));
  return { space, runs, seconds, directory, checked, counterexamples };
}

export { catalogueEntry };
