/**
 * `devinst explore --sequence` without the command line: explore the installation lifecycle, shrink
 * each failing scenario, record it as a journal through the machine, confirm by replay, and report.
 */
import path from 'node:path';
import type { InstallResult } from '../../domain/lifecycle/installResult.js';
import type { ProfileName } from '../../domain/profiles.js';
import { recordInstall } from '../../host/runInstall.js';
import { checkInstall, observeInstall, type LifecycleInvariant } from '../../invariants/index.js';
import { replayJournal } from '../../journal/replay.js';
import { validateScenario } from '../../scenario/load.js';
import type { ScenarioDocument } from '../../scenario/schema.js';
import { codeText } from '../dispatch/dispatchSpace.js';
import { DEFAULT_OUT, json, writeFile, type ExploreReport, type InvariantReport } from '../report.js';
import { exploreLifecycle, type LifecycleBounds, type LifecycleExploration } from './lifecycleExplorer.js';

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
    partial: null,
    memory: null,
    directory,
    invariants,
    exploration,
  };
}

function describeLifecycle(doc: Doc): string {
  const n = (list: unknown[] | undefined) => list?.length ?? 0;
  return `${n(doc.classCoInstallers)} class + ${n(doc.deviceCoInstallers)} device co-installers, ${doc.classInstaller ? 'a class installer' : 'no class installer'}, os ${String(doc.os)}, ${n(doc.timeline)} timeline events`;
}
