/**
 * From a trace the explorer found to a counterexample anyone can run: the installers' answers as a
 * scenario document (whose behaviours make the real host answer exactly as the trace did), shrunk so
 * that no installer can be removed, recorded as a journal, and confirmed by replaying that journal
 * through the real difDispatch machine.
 */
import { difDispatchMachine } from '../../../machines/difDispatch/difDispatch.machine.js';
import { DIF_DISPATCH_VERSION, type DifDispatchEvent } from '../../../machines/difDispatch/difDispatch.types.js';
import { difLabel, parseDif } from '../../domain/codes.js';
import { planDispatch } from '../../domain/dispatchPlan.js';
import { PROFILES, type ProfileName, type Semantics } from '../../domain/profiles.js';
import type { RunResult } from '../../domain/runResult.js';
import { answerPending as hostAnswer } from '../../host/answers.js';
import { createFold } from '../../host/fold.js';
import { checkDispatch, observeDispatch, type DispatchInvariant } from '../../invariants/index.js';
import { JournalRecorder } from '../../journal/format.js';
import { readJournal } from '../../journal/read.js';
import { replayJournal } from '../../journal/replay.js';
import { validateScenario } from '../../scenario/load.js';
import type { ScenarioDocument } from '../../scenario/schema.js';
import type { DispatchTrace } from './dispatchExplorer.js';
import { dispatchSteps, type CallHook, type DispatchMachine } from './dispatchSteps.js';
import { checkMachineTrace, machineTrace } from './machineTrace.js';
import { scenarioDocument, type Behaviours, type CoInstallerAnswers, type DispatchConfig } from './dispatchSpace.js';

/** What each installer answered along a trace (the executor replays it). */
export function behavioursOf(trace: DispatchTrace, machine?: DispatchMachine): Behaviours {
  const steps = dispatchSteps(machine);
  const { config, plan, answers } = trace;
  const co = new Map<number, CoInstallerAnswers>();
  let classInstaller: number | undefined;
  let defaultHandler: number | undefined;
  const hook: CallHook = (ds, i) => {
    const call = ds.calls.at(i)!;
    const code = Number.parseInt(call.returned, 16) >>> 0;
    if (call.who === 'classInstaller') classInstaller = code;
    else if (call.who === 'defaultHandler') {
      // A handler-less step answers nothing; a stub always gives its one answer.
      if (call.function !== null && plan.defaultHandler?.stubResult === undefined) defaultHandler = code;
    } else if (call.phase === 'pre') {
      co.set(call.index!, { ...co.get(call.index!), pre: code });
    } else {
      const installResult = Number.parseInt(call.installResult!, 16) >>> 0;
      co.set(call.index!, { ...co.get(call.index!), post: code === installResult ? 'propagate' : code });
    }
  };
  let state = steps.start(plan, hook);
  for (const a of answers) {
    const pending = state.context.pending!;
    const privateData = a.storesPrivateData ? pending.index! : undefined;
    state = steps.answer(state, a.code, privateData, hook);
    if (privateData !== undefined) co.set(pending.index!, { ...co.get(pending.index!), privateData });
  }
  const list = (from: number, count: number) => Array.from({ length: count }, (_, i) => co.get(from + i + 1) ?? {});
  return {
    classCoInstallers: list(0, config.classCoInstallers),
    deviceCoInstallers: list(config.classCoInstallers, config.deviceCoInstallers),
    ...(classInstaller !== undefined ? { classInstaller } : {}),
    ...(defaultHandler !== undefined ? { defaultHandler } : {}),
  };
}

export interface Candidate {
  readonly config: DispatchConfig;
  readonly behaviours: Behaviours;
}

/**
 * Smaller candidates: each installer removed in turn. (The switches stay: clearing
 * DI_NODI_DEFAULTACTION, say, adds a default-handler call, and a trace from breadth-first search is
 * already as short as any.)
 */
function smaller(c: Candidate): Candidate[] {
  const out: Candidate[] = [];
  const { config, behaviours } = c;
  for (let i = 0; i < config.classCoInstallers; i++) {
    out.push({
      config: { ...config, classCoInstallers: config.classCoInstallers - 1 },
      behaviours: { ...behaviours, classCoInstallers: behaviours.classCoInstallers.filter((_, j) => j !== i) },
    });
  }
  for (let i = 0; i < config.deviceCoInstallers; i++) {
    out.push({
      config: { ...config, deviceCoInstallers: config.deviceCoInstallers - 1 },
      behaviours: { ...behaviours, deviceCoInstallers: behaviours.deviceCoInstallers.filter((_, j) => j !== i) },
    });
  }
  if (config.classInstaller) {
    const { classInstaller: _gone, ...rest } = behaviours;
    out.push({ config: { ...config, classInstaller: false }, behaviours: rest });
  }
  return out;
}

/** The invariant's failure on a candidate run through the real machine (as the host answers its scenario), or null. */
export function failureOn(invariant: DispatchInvariant, profile: ProfileName, dif: number, semantics: Semantics, c: Candidate, machine?: DispatchMachine): string | null {
  const run = observeDispatch(scenarioDocument(profile, dif, c.config, c.behaviours), dif, { semantics, ...(machine ? { machine } : {}) });
  return checkDispatch([invariant], run)[0]?.failure ?? null;
}

/**
 * Removes installers (and switches) one at a time while the invariant still fails, until no single
 * removal keeps the failure: a 1-minimal configuration. Returns what was removed.
 */
export function shrink(invariant: DispatchInvariant, profile: ProfileName, dif: number, semantics: Semantics, start: Candidate, machine?: DispatchMachine): { candidate: Candidate; removed: number; failure: string } {
  let current = start;
  let failure = failureOn(invariant, profile, dif, semantics, current, machine);
  if (failure === null) throw new Error(`${invariant.name}: the counterexample does not fail when run through the machine`);
  let removed = 0;
  for (let progress = true; progress; ) {
    progress = false;
    for (const candidate of smaller(current)) {
      const f = failureOn(invariant, profile, dif, semantics, candidate, machine);
      if (f !== null) {
        current = candidate;
        failure = f;
        removed += 1;
        progress = true;
        break;
      }
    }
  }
  return { candidate: current, removed, failure };
}

/**
 * Records a dispatch journal under given semantics, or through a changed machine (for mutants and
 * planted changes; recordDif uses the profile's own semantics and the real machine).
 */
export function recordWithSemantics(
  document: ScenarioDocument,
  dif: number,
  semantics: Semantics,
  mutant: string,
  now: () => Date,
  machine: DispatchMachine = difDispatchMachine,
): { result: RunResult; journal: string } {
  const { scenario } = validateScenario(document);
  const plan = planDispatch(scenario, dif, semantics);
  const fold = createFold(machine);
  const recorder = new JournalRecorder(
    { machine: difDispatchMachine.id, machineVersion: DIF_DISPATCH_VERSION, run: { kind: 'dispatch', dif: difLabel(dif), mutant } as { kind: string; dif: string }, scenario: document, createdAt: now().toISOString() },
    now,
  );
  const counters = new Map<string, number>();
  let snapshot = fold.initial(plan);
  while (snapshot.status === 'active') {
    const event = hostAnswer(scenario, plan.dif, snapshot.context.pending!, counters);
    recorder.append(difDispatchMachine.id, DIF_DISPATCH_VERSION, event);
    snapshot = fold.next(snapshot, event);
  }
  const result = snapshot.output as RunResult;
  return { result, journal: recorder.close(result.result.hex) };
}

export interface Confirmation {
  /** The journal replays (through `replayJournal`, or for a mutant through the machine with its semantics) to the recorded result. */
  readonly replays: boolean;
  /** The invariant's failure on the replayed run (null: it did not fail). */
  readonly failure: string | null;
}

/**
 * Replays a counterexample's journal through the real difDispatch machine and checks the invariant
 * on what the monitors see. Without a mutant, `replayJournal` (what `devinst replay` runs) must give
 * the recorded result too.
 */
export function confirm(invariant: DispatchInvariant, journal: string, semantics: Semantics | undefined, recorded: RunResult, machine?: DispatchMachine): Confirmation {
  const read = readJournal(journal, 'counterexample journal');
  const { scenario } = validateScenario(read.header.scenario);
  const plan = planDispatch(scenario, parseDif(read.header.run.dif ?? ''), semantics ?? PROFILES[scenario.profile]);
  const events = read.entries.map((e) => e.event as unknown as DifDispatchEvent);
  const trace = machineTrace(plan, events, machine);
  let replays = trace.ignored.length === 0 && trace.output !== undefined && JSON.stringify(trace.output) === JSON.stringify(recorded);
  if (!semantics && !machine) replays &&= JSON.stringify(replayJournal(journal)) === JSON.stringify(recorded);
  const failure = trace.end ? (checkMachineTrace(invariant, plan, trace)?.failure ?? null) : null;
  return { replays, failure };
}
