/**
 * deviceInstall: a device being installed, reinstalled, removed or shown in Device Manager, over
 * time. It runs the DIF sequence (each DIF a difDispatch step, see dispatchFrames.ts), owns what
 * outlives a DIF (src/domain/lifecycle/installState.ts), and runs the finish-install retry loop.
 * Wiring only: every rule is a call into src/domain/lifecycle/.
 */
import { produce, type Draft } from 'immer';
import { assign, setup } from 'xstate';
import { Boxed } from '../../src/domain/appendLog.js';
import { difLabel, parseStatus } from '../../src/domain/codes.js';
import { applyEffects, type EffectCall } from '../../src/domain/lifecycle/effects.js';
import { applyTakeStep, initialInstallState, nextStep } from '../../src/domain/lifecycle/installState.js';
import { toInstallResult } from '../../src/domain/lifecycle/installResult.js';
import * as progress from '../../src/domain/lifecycle/progress.js';
import { DIF } from '../../src/domain/lifecycle/sequences.js';
import type { TimelineEvent } from '../../src/domain/lifecycle/types.js';
import * as frames from './dispatchFrames.js';
import type { AnswerEvent, DeviceInstallContext, DeviceInstallEvent, DeviceInstallInput, DeviceInstallOutput } from './deviceInstall.types.js';

function update(recipe: (draft: DeviceInstallContext, event: DeviceInstallEvent) => void) {
  return assign<DeviceInstallContext, DeviceInstallEvent, undefined, DeviceInstallEvent, never>(({ context, event }) =>
    produce(context, (draft: Draft<DeviceInstallContext>) => recipe(draft as unknown as DeviceInstallContext, event)),
  );
}

const isAnswer = (e: DeviceInstallEvent): e is AnswerEvent =>
  e.type === 'coInstaller.returned' || e.type === 'classInstaller.returned' || e.type === 'defaultHandler.returned';

const TIMELINE = ['user.loggedOn', 'user.loggedOff', 'device.reenumerated', 'device.reattached', 'system.restarted', 'user.finishInstallRequested'] as const;

/** Applies the answer's effects, then (unless the call hung) steps the innermost DIF with it. */
function forward(c: DeviceInstallContext, event: AnswerEvent): void {
  const stack = c.frames.value;
  const frame = frames.top(stack)!;
  const pending = frames.pendingOf(stack)!;
  if (event.type !== 'defaultHandler.returned' && event.effects && event.effects.length > 0) {
    const call: EffectCall = {
      who: pending.who as EffectCall['who'],
      ...(pending.index !== undefined ? { index: pending.index } : {}),
      name: pending.name ?? '',
      dif: frame.dif,
      ...(pending.phase ? { phase: pending.phase } : {}),
      context: frame.context,
    };
    if (applyEffects(c.install, call, event.effects)) {
      progress.applyHung(c.install, call, stack.flatMap((f) => f.nested));
      return;
    }
  }
  c.frames = new Boxed(frames.stepTop(stack, event));
  if (event.type === 'defaultHandler.returned' && frame.dif === DIF.REGISTER_COINSTALLERS) {
    progress.applyRegistration(c.install, parseStatus(event.code));
  }
}

/** Waiting for the innermost DIF's pending call to be answered (used by both DIF-running phases). */
const DISPATCHING = {
  entry: 'requestCall',
  on: {
    'coInstaller.returned': { guard: 'answersInnermost', target: 'stepping', actions: 'forwardAnswer' },
    'classInstaller.returned': { guard: 'answersInnermost', target: 'stepping', actions: 'forwardAnswer' },
    'defaultHandler.returned': { guard: 'answersInnermost', target: 'stepping', actions: 'forwardAnswer' },
  },
} as const;

export const deviceInstallMachine = setup({
  types: {} as {
    context: DeviceInstallContext;
    events: DeviceInstallEvent;
    input: DeviceInstallInput;
    output: DeviceInstallOutput;
  },
  actions: {
    /** Intent for the host: answer the innermost DIF's pending call. */
    requestCall: () => {},
    startStep: update((c) => {
      const step = applyTakeStep(c.install);
      c.step = step;
      c.frames = new Boxed([frames.newFrame(c.install, step.dif, step.context)]);
    }),
    startFinishInstall: update((c) => {
      c.step = null;
      c.frames = new Boxed([frames.newFrame(c.install, DIF.FINISHINSTALL_ACTION, 'client')]);
    }),
    forwardAnswer: update((c, e) => {
      if (isAnswer(e)) forward(c, e);
    }),
    startNestedDestroy: update((c) => {
      const outer = frames.top(c.frames.value)!;
      c.frames = new Boxed([...c.frames.value, frames.newFrame(c.install, DIF.DESTROYPRIVATEDATA, outer.context, difLabel(outer.dif))]);
    }),
    finishNested: update((c) => {
      const stack = c.frames.value;
      const { record } = frames.recordOf(frames.top(stack)!);
      progress.applyNestedFinished(c.install, record);
      const parent = stack[stack.length - 2];
      c.frames = new Boxed([...stack.slice(0, -2), { ...parent, nestedDone: true, nested: [...parent.nested, record] }]);
    }),
    finishStep: update((c) => {
      const frame = frames.top(c.frames.value)!;
      const { record, status } = frames.recordOf(frame);
      progress.applyStepFinished(c.install, c.step!, record, status, frame.nested);
      c.frames = new Boxed([]);
      c.step = null;
    }),
    finishAttempt: update((c) => {
      const { record, status } = frames.recordOf(frames.top(c.frames.value)!);
      progress.applyFinishInstallAttempt(c.install, record, status);
      c.frames = new Boxed([]);
    }),
    applyTimeline: update((c, e) => progress.applyTimelineEvent(c.install, e as TimelineEvent)),
  },
  guards: {
    hasNextStep: ({ context }) => nextStep(context.install) !== undefined,
    answersInnermost: ({ context, event }) => isAnswer(event) && frames.answersTop(context.frames.value, event),
    isHung: ({ context }) => context.install.hung,
    nestedDestroyDue: ({ context }) => {
      const frame = frames.top(context.frames.value);
      return (
        frame !== undefined &&
        progress.defaultHandlerDestroysOldList(context.install, frame.dif) &&
        !frame.nestedDone &&
        frames.pendingOf(context.frames.value)?.who === 'defaultHandler'
      );
    },
    innermostNestedDone: ({ context }) => {
      const frame = frames.top(context.frames.value);
      return frames.isDone(frame) && frame!.nestedIn !== undefined;
    },
    innermostDone: ({ context }) => frames.isDone(frames.top(context.frames.value)),
    hasFailed: ({ context }) => context.install.failure !== null,
    isRemoval: ({ context }) => context.install.plan.sequence.name === 'remove',
    isMarked: ({ context }) => context.install.marked,
    finishInstallDueAfterCore: ({ context }) => progress.finishInstallDue(context.install, { type: 'core.finished' }),
    finishInstallDueOn: ({ context, event }) =>
      (TIMELINE as readonly string[]).includes(event.type) && progress.finishInstallDue(context.install, event as TimelineEvent),
  },
}).createMachine({
  id: 'deviceInstall',
  description: 'A device installation over time: the DIF sequence, then finish-install actions',
  context: ({ input }) => ({ install: initialInstallState(input), frames: new Boxed([]), step: null }),
  initial: 'coreInstall',
  states: {
    coreInstall: {
      description: 'The DIF sequence (core, server-side installation for hardware-first and reinstall)',
      initial: 'choosing',
      states: {
        choosing: {
          always: [{ guard: 'hasNextStep', target: 'stepping', actions: 'startStep' }, { target: '#deviceInstall.settling' }],
        },
        dispatching: DISPATCHING,
        stepping: {
          always: [
            { guard: 'isHung', target: '#deviceInstall.hung' },
            { guard: 'nestedDestroyDue', target: 'stepping', reenter: true, actions: 'startNestedDestroy' },
            { guard: 'innermostNestedDone', target: 'stepping', reenter: true, actions: 'finishNested' },
            { guard: 'innermostDone', target: 'choosing', actions: 'finishStep' },
            { target: 'dispatching' },
          ],
        },
      },
    },
    settling: {
      description: 'The sequence is over: decide what comes next',
      always: [
        { guard: 'hasFailed', target: 'failed' },
        { guard: 'isRemoval', target: 'removed' },
        { guard: 'finishInstallDueAfterCore', target: 'finishInstallRunning' },
        { guard: 'isMarked', target: 'finishInstallPending' },
        { target: 'installed' },
      ],
    },
    finishInstallPending: {
      description: 'Marked CONFIGFLAG_FINISHINSTALL_ACTION; waiting for an administrator context',
      on: {
        ...Object.fromEntries(
          TIMELINE.map((type) => [
            type,
            [
              { guard: 'finishInstallDueOn', target: 'finishInstallRunning', actions: 'applyTimeline' },
              { actions: 'applyTimeline' },
            ],
          ]),
        ),
        'timeline.ended': { target: 'done' },
      },
    },
    finishInstallRunning: {
      description: 'A finish-install process: DIF_FINISHINSTALL_ACTION through the full dispatch, client side',
      entry: 'startFinishInstall',
      initial: 'stepping',
      states: {
        dispatching: DISPATCHING,
        stepping: {
          always: [
            { guard: 'isHung', target: '#deviceInstall.hung' },
            { guard: 'innermostDone', target: '#deviceInstall.attempted', actions: 'finishAttempt' },
            { target: 'dispatching' },
          ],
        },
      },
    },
    attempted: {
      always: [{ guard: 'isMarked', target: 'finishInstallPending' }, { target: 'installed' }],
    },
    installed: {
      description: 'Installed; later environment events change nothing',
      on: {
        ...Object.fromEntries(TIMELINE.map((type) => [type, { actions: 'applyTimeline' }])),
        'timeline.ended': { target: 'done' },
      },
    },
    hung: {
      description: 'An installer waits on UI nobody can see; only the watchdog ends it',
      on: { 'watchdog.expired': { target: 'done' } },
    },
    failed: { type: 'final', description: 'A step failed; the installation was abandoned' },
    removed: { type: 'final', description: 'The device was removed' },
    done: { type: 'final', description: 'The run ended (timeline exhausted, or the watchdog fired)' },
  },
  output: ({ context }) => toInstallResult(context.install),
});
