/**
 * `devinst explore` of one DIF dispatch without the command line: run the exploration, turn each
 * failure into a minimal counterexample (scenario file + journal, confirmed by replay through the
 * machine explored), and report.
 */
import path from 'node:path';
import { difLabel } from '../../domain/codes.js';
import { PROFILES, type ProfileName, type Semantics } from '../../domain/profiles.js';
import { recordDif } from '../../host/runDif.js';
import type { DispatchInvariant } from '../../invariants/index.js';
import { DEFAULT_OUT, json, writeFile, type ExploreReport, type InvariantReport } from '../report.js';
import { behavioursOf, confirm, recordWithSemantics, shrink } from './counterexample.js';
import { startDispatchSearch, type DispatchExploration, type DispatchSearch, type ExploreProgress } from './dispatchExplorer.js';
import { drive, type DriveOptions } from '../drive.js';
import type { SearchBounds } from '../engine/searchControl.js';
import type { DispatchMachine } from './dispatchSteps.js';
import { codeText, describeConfig, mutantSemantics, scenarioDocument, type DispatchBounds } from './dispatchSpace.js';

/** `maxStates` and `memoryBudget` stop the search early: the report is then partial. */
export interface DispatchExploreRequest extends SearchBounds {
  readonly profile: ProfileName;
  readonly mutant?: string;
  readonly dif: number;
  readonly bounds: DispatchBounds;
  readonly out?: string;
  readonly invariants?: readonly DispatchInvariant[];
  /** The machine to explore (default: difDispatch); its counterexamples are recorded and confirmed through it. */
  readonly machine?: DispatchMachine;
  /** Names a changed machine in the report and the output folder (like a mutant). */
  readonly machineLabel?: string;
  readonly now?: () => Date;
  readonly onProgress?: (progress: ExploreProgress) => void;
}

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

export type DispatchExploreReport = ExploreReport & { readonly exploration: DispatchExploration };

/** Explores (in one go) and reports. */
export function runDispatchExplore(request: DispatchExploreRequest): DispatchExploreReport {
  const search = startSearch(request);
  search.run();
  return dispatchReport(request, search.result());
}

/** Explores a slice at a time (Ctrl-C, `options.interrupts`, stops it with a partial report), and reports. */
export async function runDispatchExploreDriven(request: DispatchExploreRequest, options: DriveOptions): Promise<DispatchExploreReport> {
  return dispatchReport(request, await drive(startSearch(request), options));
}

function startSearch(request: DispatchExploreRequest): DispatchSearch {
  const { profile, mutant, dif, bounds, machine } = request;
  const semantics: Semantics | undefined = mutant ? mutantSemantics(profile, mutant) : undefined;
  return startDispatchSearch({
    profile,
    dif,
    bounds,
    ...(semantics ? { semantics } : {}),
    ...(request.invariants ? { invariants: request.invariants } : {}),
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    ...(machine ? { machine } : {}),
    ...(request.maxStates !== undefined ? { maxStates: request.maxStates } : {}),
    ...(request.memoryBudget !== undefined ? { memoryBudget: request.memoryBudget } : {}),
  });
}

/**
 * The report of an exploration done (by one run, or merged from slices: src/explore/scale/): each
 * failure's shortest trace shrunk, written as scenario + journal, and confirmed by replay.
 */
export function dispatchReport(request: DispatchExploreRequest, exploration: DispatchExploration): DispatchExploreReport {
  const { profile, mutant, dif, bounds, machine } = request;
  const semantics: Semantics | undefined = mutant ? mutantSemantics(profile, mutant) : undefined;
  const label = [mutant, machine ? (request.machineLabel ?? 'changed-machine') : undefined].filter(Boolean).join('+');
  const directory = path.join(request.out ?? DEFAULT_OUT, `${profile}${label ? `+${label}` : ''}-${difLabel(dif)}`);
  const now = request.now ?? (() => new Date());
  const effective = semantics ?? PROFILES[profile];

  const invariants = exploration.results.map(({ invariant, failure }): InvariantReport => {
    if (!failure) return { name: invariant.name, sentence: invariant.sentence, holds: true, counterexample: null };
    const start = { config: failure.trace.config, behaviours: behavioursOf(failure.trace, machine) };
    const shrunk = shrink(invariant, profile, dif, effective, start, machine);
    const { config, behaviours } = shrunk.candidate;
    const document = scenarioDocument(profile, dif, config, behaviours, {
      name: `${invariant.name} counterexample`,
      description: `devinst explore (${profile}${mutant ? `, mutant ${mutant}` : ''}): ${shrunk.failure}`,
    });
    const scenarioFile = path.join(directory, `${invariant.name}.scenario.json`);
    const journalFile = path.join(directory, `${invariant.name}.journal.jsonl`);
    const { result, journal } =
      mutant || machine ? recordWithSemantics(document, dif, effective, label, now, machine) : recordDif(document, dif, { scenarioFile, now });
    writeFile(scenarioFile, json(document));
    writeFile(journalFile, journal);
    const confirmation = confirm(invariant, journal, semantics, result, machine);
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
    partial: exploration.stopped,
    memory: { tableBytes: exploration.tableBytes, peakBytes: exploration.peakMemory },
    directory,
    invariants,
    exploration,
  };
}
