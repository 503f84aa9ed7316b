/**
 * Running a whole installation: the deviceInstall machine decides; the host answers each installer
 * call (with the effects the scenario gives it), plays the timeline, fires the watchdog when the
 * installation hangs, and says when the timeline is over. Every one of those inputs is journaled.
 */
import { createActor, type InspectionEvent, type Observer } from 'xstate';
import { deviceInstallMachine } from '../../machines/deviceInstall/deviceInstall.machine.js';
import { DEVICE_INSTALL_VERSION, type DeviceInstallEvent, type Frame } from '../../machines/deviceInstall/deviceInstall.types.js';
import { pendingOf, top } from '../../machines/deviceInstall/dispatchFrames.js';
import { InstallPlan, scenarioForDif } from '../domain/lifecycle/installState.js';
import type { InstallResult } from '../domain/lifecycle/installResult.js';
import type { SequencePlan } from '../domain/lifecycle/sequences.js';
import type { Scenario } from '../domain/scenario.js';
import { JournalRecorder } from '../journal/format.js';
import { validateScenario } from '../scenario/load.js';
import type { ScenarioDocument } from '../scenario/schema.js';
import { answerPending, effectsOf, type CallCounters } from './answers.js';
import { installFold, type InstallEngine, type InstallFold, type InstallSnapshot } from './installFold.js';
import { checkOptions, type RunOptions } from './options.js';

interface Stepper {
  snapshot(): InstallSnapshot;
  send(event: DeviceInstallEvent): void;
}

/** A live actor when the run is observed (`inspect`), else the pure fold of the engine (the derived executor by default). */
function stepper(plan: InstallPlan, inspect: RunOptions['inspect'], engine: InstallEngine | InstallFold | undefined): Stepper {
  if (inspect) {
    const actor = createActor(deviceInstallMachine, { input: plan, inspect: inspect as Observer<InspectionEvent> });
    actor.start();
    return { snapshot: () => actor.getSnapshot() as unknown as InstallSnapshot, send: (event) => actor.send(event) };
  }
  const fold = typeof engine === 'object' ? engine : installFold(engine);
  let snapshot = fold.initial(plan);
  return { snapshot: () => snapshot, send: (event) => void (snapshot = fold.next(snapshot, event)) };
}

/** The next input the host gives the machine in this snapshot. */
function nextInput(scenario: Scenario, snapshot: InstallSnapshot, timeline: { next: number }, counters: CallCounters): DeviceInstallEvent {
  if (snapshot.value === 'hung') return { type: 'watchdog.expired' };
  const stack: readonly Frame[] = snapshot.context.frames.value;
  const pending = pendingOf(stack);
  if (pending) {
    const dif = top(stack)!.dif;
    const seen = scenarioForDif(snapshot.context.install);
    const answer = answerPending(seen, dif, pending, counters);
    const effects = effectsOf(seen, dif, pending);
    return effects.length > 0 && answer.type !== 'defaultHandler.returned' ? Object.assign({}, answer, { effects: [...effects] }) : answer;
  }
  const event = scenario.lifecycle.timeline[timeline.next];
  if (event) {
    timeline.next += 1;
    return event;
  }
  return { type: 'timeline.ended' };
}

export function install(
  scenario: Scenario,
  options: RunOptions & {
    readonly onEvent?: (event: DeviceInstallEvent) => void;
    readonly sequence?: SequencePlan;
    /** How the machine is stepped without `inspect`: the derived executor (default), XState's transition, or a fold of one's own (the refinement test's). */
    readonly engine?: InstallEngine | InstallFold;
  } = {},
): InstallResult {
  const s = stepper(new InstallPlan(scenario, options.sequence), options.inspect, options.engine);
  const counters: CallCounters = new Map();
  const timeline = { next: 0 };
  for (let snapshot = s.snapshot(); snapshot.status === 'active'; snapshot = s.snapshot()) {
    const event = nextInput(scenario, snapshot, timeline, counters);
    options.onEvent?.(event);
    options.onInput?.(event);
    const before = snapshot;
    s.send(event);
    if (s.snapshot() === before) throw new Error(`deviceInstall did not accept ${event.type} in ${JSON.stringify(before.value)}`);
  }
  const final = s.snapshot();
  if (final.status !== 'done') throw new Error(`deviceInstall stopped with status ${final.status}`);
  return final.output!;
}

/** Runs the scenario's whole installation (its "sequence", "session" and "timeline"). */
export function runInstall(scenario: ScenarioDocument | unknown, options: RunOptions = {}): InstallResult {
  checkOptions('runInstall', options);
  return install(validateScenario(scenario).scenario, options);
}

/** Runs like runInstall and also returns the journal that replays to the same InstallResult. */
export function recordInstall(document: ScenarioDocument | unknown, options: RunOptions & { readonly engine?: InstallEngine } = {}): { result: InstallResult; journal: string } {
  checkOptions('recordInstall', options);
  const { scenario } = validateScenario(document);
  const now = options.now ?? (() => new Date());
  const recorder = new JournalRecorder(
    {
      machine: deviceInstallMachine.id,
      machineVersion: DEVICE_INSTALL_VERSION,
      run: { kind: 'install' },
      scenario: document,
      ...(options.scenarioFile ? { scenarioFile: options.scenarioFile } : {}),
      createdAt: now().toISOString(),
    },
    now,
  );
  const result = install(scenario, { ...options, onEvent: (event) => recorder.append(deviceInstallMachine.id, DEVICE_INSTALL_VERSION, event) });
  return { result, journal: recorder.close(result.outcome) };
}
