/**
 * The real system of the model-based test: the deviceInstall machine, stepped with the same pure
 * fold `runInstall` uses, its installer calls answered by the same host functions
 * (src/host/answers.ts). After core installation the test sends environment events one at a time;
 * after each, the driver answers every installer call the machine makes (a finish-install process)
 * until it waits for the environment again.
 */
import type { SnapshotFrom } from 'xstate';
import { deviceInstallMachine } from '../../machines/deviceInstall/deviceInstall.machine.js';
import type { DeviceInstallEvent, Frame } from '../../machines/deviceInstall/deviceInstall.types.js';
import { pendingOf, top } from '../../machines/deviceInstall/dispatchFrames.js';
import { InstallPlan, scenarioForDif } from '../../src/domain/lifecycle/installState.js';
import type { InstallResult } from '../../src/domain/lifecycle/installResult.js';
import type { TimelineEvent } from '../../src/domain/lifecycle/types.js';
import type { Scenario } from '../../src/domain/scenario.js';
import { answerPending, effectsOf, type CallCounters } from '../../src/host/answers.js';
import { createFold } from '../../src/host/fold.js';
import { validateScenario } from '../../src/scenario/load.js';

type InstallSnapshot = SnapshotFrom<typeof deviceInstallMachine>;

const fold = createFold(deviceInstallMachine);

export class InstallDriver {
  private snapshot: InstallSnapshot;
  private readonly scenario: Scenario;
  private readonly counters: CallCounters = new Map();
  /** The environment events sent so far (the timeline a whole run would need). */
  readonly sent: TimelineEvent[] = [];

  constructor(readonly document: Record<string, unknown>) {
    this.scenario = validateScenario(document).scenario;
    this.snapshot = fold.initial(new InstallPlan(this.scenario));
    this.settle();
  }

  /** Answers installer calls until the machine waits for an environment event (or is done). */
  private settle(): void {
    for (;;) {
      if (this.snapshot.status !== 'active') return;
      if (this.snapshot.matches('hung')) throw new Error('the installation hung; the model-based test has no dialogs');
      const stack: readonly Frame[] = this.snapshot.context.frames.value;
      const pending = pendingOf(stack);
      if (!pending) return;
      const dif = top(stack)!.dif;
      const seen = scenarioForDif(this.snapshot.context.install);
      const answer = answerPending(seen, dif, pending, this.counters);
      const effects = effectsOf(seen, dif, pending);
      const event: DeviceInstallEvent = effects.length > 0 && answer.type !== 'defaultHandler.returned' ? { ...answer, effects: [...effects] } : answer;
      this.step(event);
    }
  }

  private step(event: DeviceInstallEvent): void {
    const before = this.snapshot;
    this.snapshot = fold.next(before, event);
    if (this.snapshot === before) throw new Error(`deviceInstall did not accept ${event.type} in ${JSON.stringify(before.value)}`);
  }

  send(event: TimelineEvent): void {
    this.sent.push(event);
    this.step(event);
    this.settle();
  }

  /** What the model predicts, read from the machine. */
  observe(): { readonly marked: boolean; readonly attempts: number; readonly admin: boolean | null; readonly started: boolean } {
    const s = this.snapshot.context.install;
    return { marked: s.marked, attempts: s.attempts.length, admin: s.session ? s.session.admin : null, started: s.deviceStarted };
  }

  /** Ends the timeline and returns the InstallResult. */
  finish(): InstallResult {
    this.step({ type: 'timeline.ended' });
    if (this.snapshot.status !== 'done') throw new Error(`deviceInstall is ${this.snapshot.status} after the timeline ended`);
    return this.snapshot.output!;
  }
}
