/**
 * `devinst explore` without the command line: run an exploration, turn each failure into a minimal
 * counterexample (scenario file + journal, confirmed by replay through the real machine), and report.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { difLabel } from '../domain/codes.js';
import { InputError } from '../errors.js';
import { describeFsError, writeOutput } from '../files/output.js';
import type { InstallResult } from '../domain/lifecycle/installResult.js';
import { PROFILES, type ProfileName, type Semantics } from '../domain/profiles.js';
import { recordDif } from '../host/runDif.js';
import { recordInstall } from '../host/runInstall.js';
import { checkInstall, observeInstall, type DispatchInvariant, type LifecycleInvariant } from '../invariants/index.js';
import { replayJournal } from '../journal/replay.js';
import { validateScenario } from '../scenario/load.js';
import type { ScenarioDocument } from '../scenario/schema.js';
import { behavioursOf, confirm, recordWithSemantics, shrink } from './counterexample.js';
import { exploreDispatch, type DispatchExploration, type ExploreProgress } from './dispatchExplorer.js';
import { codeText, describeConfig, mutantSemantics, scenarioDocument, type DispatchBounds } from './dispatchSpace.js';
import { exploreLifecycle, type LifecycleBounds, type LifecycleExploration } from './lifecycleExplorer.js';

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

export interface DispatchExploreRequest {
  readonly profile: ProfileName;
  readonly mutant?: string;
  readonly dif: number;
  readonly bounds: DispatchBounds;
  readonly out?: string;
  readonly invariants?: readonly DispatchInvariant[];
  readonly now?: () => Date;
  readonly onProgress?: (progress: ExploreProgress) => void;
}

/** Counterexample files replace the previous run's (src/files/output.ts: links followed, devices written in place). */
function writeFile(file: string, text: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch (error) {
    throw new InputError(`${path.dirname(file)}: cannot create the directory: ${describeFsError(error)}`);
  }
  writeOutput(file, text, { force: true });
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

export function dispatchBoundsReport(dif: number, b: DispatchBounds, mutant: string | undefined): Record<string, unknown> {
  return {
    dif: difLabel(dif),
    maxClassCoInstallers: b.maxClassCoInstallers,
    maxDeviceCoInstallers: b.maxDeviceCoInstallers,
    codes: b.codes.map(codeText),
    privateData: b.privateData,
    ...(mutant ? { mutant } : {}),
  };
}

export function runDispatchExplore(request: DispatchExploreRequest): ExploreReport & { readonly exploration: DispatchExploration } {
  const { profile, mutant, dif, bounds } = request;
  const semantics: Semantics | undefined = mutant ? mutantSemantics(profile, mutant) : undefined;
  const exploration = exploreDispatch({
    profile,
    dif,
    bounds,
    ...(semantics ? { semantics } : {}),
    ...(request.invariants ? { invariants: request.invariants } : {}),
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
  });
  const directory = path.join(request.out ?? DEFAULT_OUT, `${profile}${mutant ? `+${mutant}` : ''}-${difLabel(dif)}`);
  const now = request.now ?? (() => new Date());
  const effective = semantics ?? PROFILES[profile];

  const invariants = exploration.results.map(({ invariant, failure }): InvariantReport => {
    if (!failure) return { name: invariant.name, sentence: invariant.sentence, holds: true, counterexample: null };
    const start = { config: failure.trace.config, behaviours: behavioursOf(failure.trace) };
    const shrunk = shrink(invariant, profile, dif, effective, start);
    const { config, behaviours } = shrunk.candidate;
    const document = scenarioDocument(profile, dif, config, behaviours, {
      name: `${invariant.name} counterexample`,
      description: `devinst explore (${profile}${mutant ? `, mutant ${mutant}` : ''}): ${shrunk.failure}`,
    });
    const scenarioFile = path.join(directory, `${invariant.name}.scenario.json`);
    const journalFile = path.join(directory, `${invariant.name}.journal.jsonl`);
    const { result, journal } = mutant
      ? recordWithSemantics(document, dif, effective, mutant, now)
      : recordDif(document, dif, { scenarioFile, now });
    writeFile(scenarioFile, json(document));
    writeFile(journalFile, journal);
    const confirmation = confirm(invariant, journal, semantics, result);
    return {
      name: invariant.name,
      sentence: invariant.sentence,
      holds: false,
      counterexample: {
        failure: confirmation.failure ?? shrunk.failure,
        length: failure.trace.answers.length,
        events: journal.split('\n').length - 3,
        configuration: describeConfig(config),
        removed: shrunk.removed,
        scenario: scenarioFile,
        journal: journalFile,
        replays: confirmation.replays,
        reproduced: confirmation.failure !== null,
      },
    };
  });

  return {
    kind: 'dispatch',
    profile,
    mutant: mutant ?? null,
    bounds: dispatchBoundsReport(dif, bounds, mutant),
    configurations: exploration.configurations,
    distinctStates: exploration.distinctStates,
    transitions: exploration.transitions,
    depth: exploration.depth,
    runs: null,
    seconds: exploration.seconds,
    directory,
    invariants,
    exploration,
  };
}

// The lifecycle -------------------------------------------------------------------------------

export interface LifecycleExploreRequest {
  readonly profile: ProfileName;
  readonly bounds: LifecycleBounds;
  readonly out?: string;
  readonly invariants?: readonly LifecycleInvariant[];
  readonly now?: () => Date;
  readonly onProgress?: (p: { runs: number; distinct: number; seconds: number }) => void;
}

type Doc = Record<string, unknown> & { timeline?: unknown[]; classCoInstallers?: unknown[]; deviceCoInstallers?: unknown[]; classInstaller?: unknown; session?: unknown };

/** Smaller lifecycle scenarios: one timeline event, one installer, or the session removed. */
function smallerDocuments(doc: Doc): Doc[] {
  const out: Doc[] = [];
  const without = (list: unknown[] | undefined, key: 'timeline' | 'classCoInstallers' | 'deviceCoInstallers') =>
    (list ?? []).forEach((_, i) => {
      const rest = list!.filter((__, j) => j !== i);
      const { [key]: _gone, ...others } = doc;
      out.push(rest.length > 0 ? { ...others, [key]: rest } : others);
    });
  without(doc.timeline, 'timeline');
  without(doc.deviceCoInstallers, 'deviceCoInstallers');
  without(doc.classCoInstallers, 'classCoInstallers');
  if (doc.classInstaller !== undefined) {
    const { classInstaller: _gone, ...others } = doc;
    out.push(others);
  }
  if (doc.session !== undefined) {
    const { session: _gone, ...others } = doc;
    out.push(others);
  }
  return out;
}

function lifecycleFailure(invariant: LifecycleInvariant, doc: Doc): string | null {
  return checkInstall([invariant], observeInstall(doc))[0]?.failure ?? null;
}

export function runLifecycleExplore(request: LifecycleExploreRequest): ExploreReport & { readonly exploration: LifecycleExploration } {
  const { profile, bounds } = request;
  const exploration = exploreLifecycle({
    profile,
    bounds,
    ...(request.invariants ? { invariants: request.invariants } : {}),
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
  });
  const directory = path.join(request.out ?? DEFAULT_OUT, `${profile}-${bounds.sequence}`);
  const now = request.now ?? (() => new Date());

  const invariants = exploration.results.map(({ invariant, failure }): InvariantReport => {
    if (!failure) return { name: invariant.name, sentence: invariant.sentence, holds: true, counterexample: null };
    let doc = failure.document as Doc;
    let message = lifecycleFailure(invariant, doc) ?? failure.message;
    let removed = 0;
    for (let progress = true; progress; ) {
      progress = false;
      for (const candidate of smallerDocuments(doc)) {
        const f = lifecycleFailure(invariant, candidate);
        if (f !== null) {
          doc = candidate;
          message = f;
          removed += 1;
          progress = true;
          break;
        }
      }
    }
    const document = { name: `${invariant.name} counterexample`, description: `devinst explore (${profile}, ${bounds.sequence}): ${message}`, ...doc } as ScenarioDocument;
    const scenarioFile = path.join(directory, `${invariant.name}.scenario.json`);
    const journalFile = path.join(directory, `${invariant.name}.journal.jsonl`);
    const { result, journal } = recordInstall(document, { scenarioFile, now });
    writeFile(scenarioFile, json(document));
    writeFile(journalFile, journal);
    const replayed = replayJournal(journal) as InstallResult;
    const replays = JSON.stringify(replayed) === JSON.stringify(result);
    const again = invariant.check(validateScenario(document).scenario, replayed);
    return {
      name: invariant.name,
      sentence: invariant.sentence,
      holds: false,
      counterexample: {
        failure: again?.failure ?? message,
        length: Array.isArray(document.timeline) ? document.timeline.length : 0,
        events: journal.split('\n').length - 3,
        configuration: describeLifecycle(document),
        removed,
        scenario: scenarioFile,
        journal: journalFile,
        replays,
        reproduced: again !== null,
      },
    };
  });

  return {
    kind: 'lifecycle',
    profile,
    mutant: null,
    bounds: { sequence: bounds.sequence, maxClassCoInstallers: bounds.maxClassCoInstallers, maxDeviceCoInstallers: bounds.maxDeviceCoInstallers, codes: bounds.codes.map(codeText), maxTimeline: bounds.maxTimeline },
    configurations: exploration.configurations,
    distinctStates: exploration.distinctStates,
    transitions: exploration.transitions,
    depth: bounds.maxTimeline,
    runs: exploration.runs,
    seconds: exploration.seconds,
    directory,
    invariants,
    exploration,
  };
}

function describeLifecycle(doc: Doc): string {
  const n = (list: unknown[] | undefined) => list?.length ?? 0;
  return `${n(doc.classCoInstallers)} class + ${n(doc.deviceCoInstallers)} device co-installers, ${doc.classInstaller ? 'a class installer' : 'no class installer'}, os ${String(doc.os)}, ${n(doc.timeline)} timeline events`;
}

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
