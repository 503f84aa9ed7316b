/**
 * deviceInstall: a device being installed, reinstalled, removed or shown in Device Manager, over
 * time. It runs the DIF sequence, owns what outlives a DIF (src/domain/lifecycle/installState.ts),
 * and runs the finish-install retry loop.
 *
 * Every DIF runs through the dispatch states of machines/difDispatch/dispatchStates.ts, mounted in
 * this chart (docs/machines.md says why): `coreInstall.dif` for each DIF of the sequence,
 * `coreInstall.dif.defaultHandler.calling.destroyPrivateData` for the DIF_DESTROYPRIVATEDATA that
 * SetupDiRegisterCoDeviceInstallers sends inside DIF_REGISTER_COINSTALLERS, and
 * `finishInstallRunning` for DIF_FINISHINSTALL_ACTION. Wiring only: every rule is a call into
 * src/domain/ (dispatchRules.ts for the dispatch, lifecycle/ for the rest).
 */
import { and, setup } from 'xstate';
import { Boxed } from '../../src/domain/appendLog.js';
import { difLabel, parseStatus } from '../../src/domain/codes.js';
import { applyEffects, callHangs } from '../../src/domain/lifecycle/effects.js';
import { applyTakeStep, initialInstallState, nextStep } from '../../src/domain/lifecycle/installState.js';
import { toInstallResult } from '../../src/domain/lifecycle/installResult.js';
import * as progress from '../../src/domain/lifecycle/progress.js';
import { DIF } from '../../src/domain/lifecycle/sequences.js';
import { TIMELINE_EVENT_TYPES, type TimelineEvent } from '../../src/domain/lifecycle/types.js';
import { dispatchImplementations, dispatchStates } from '../difDispatch/dispatchStates.js';
import { update } from '../common/update.js';
import * as frames from './dispatchFrames.js';
import type { AnswerEvent, DeviceInstallContext, DeviceInstallEvent, DeviceInstallInput, DeviceInstallOutput } from './deviceInstall.types.js';

const isAnswer = (e: DeviceInstallEvent): e is AnswerEvent =>
  e.type === 'coInstaller.returned' || e.type === 'classInstaller.returned' || e.type === 'defaultHandler.returned';

const effectsOf = (e: DeviceInstallEvent) => (isAnswer(e) && e.type !== 'defaultHandler.returned' ? (e.effects ?? []) : []);

const TIMELINE = TIMELINE_EVENT_TYPES;

const dispatch = dispatchImplementations<DeviceInstallContext, DeviceInstallEvent>(frames.innermost);

/**
 * A context update of the installation's own: the recipes assign top-level fields of the context
 * and of `install` only (the lifecycle reducers of src/domain/lifecycle/ are written so: logs are
 * append-only versions, frames and the driver key are boxed), so the derived executor may run them
 * on shallow copies instead of immer drafts (machines/common/update.ts).
 */
const change = (recipe: (c: DeviceInstallContext, e: DeviceInstallEvent) => void, when?: (c: DeviceInstallContext, e: DeviceInstallEvent) => boolean) =>
  update<DeviceInstallContext, DeviceInstallEvent>(recipe, undefined, { shallow: true, copies: ['install'], ...(when ? { when } : {}) });

/** A context update that assigns the context's own fields (the frames, the step) and only reads `install`. */
const changeFrames = (recipe: (c: DeviceInstallContext, e: DeviceInstallEvent) => void) => update<DeviceInstallContext, DeviceInstallEvent>(recipe, undefined, { shallow: true });

/** What the installation adds around an installer's answer, in every DIF it runs. */
const hooks = {
  lens: frames.innermost,
  beforeAnswer: [{ guard: 'answerHangs', target: '#deviceInstall.hung', actions: 'recordHang' }],
  onAnswer: ['applyAnswerEffects'],
  onDefaultHandlerAnswer: ['recordRegistration'],
};

/** The DIF_DESTROYPRIVATEDATA that DIF_REGISTER_COINSTALLERS's default handler sends before it writes the new list. */
const nested = {
  name: 'destroyPrivateData',
  due: 'nestedDestroyDue',
  start: 'startNestedDestroy',
  finish: 'finishNested',
  node: {
    id: 'nestedDif',
    description: 'DIF_DESTROYPRIVATEDATA, a whole dispatch nested in the default handler call of DIF_REGISTER_COINSTALLERS',
    tags: ['nested'],
    ...dispatchStates({ id: 'nestedDif', ...hooks }),
  },
};

export const deviceInstallMachine = setup({
  types: {} as {
    context: DeviceInstallContext;
    events: DeviceInstallEvent;
    input: DeviceInstallInput;
    output: DeviceInstallOutput;
  },
  actions: {
    ...dispatch.actions,
    startStep: change((c: DeviceInstallContext) => {
      const step = applyTakeStep(c.install);
      c.step = step;
      c.frames = new Boxed([frames.newFrame(c.install, step.dif, step.context)]);
    }),
    startFinishInstall: changeFrames((c: DeviceInstallContext) => {
      c.step = null;
      c.frames = new Boxed([frames.newFrame(c.install, DIF.FINISHINSTALL_ACTION, 'client')]);
    }),
    /** The installer's effects (flags, properties, DLL state, guideline breaches) happen before it returns. */
    applyAnswerEffects: change(
      (c: DeviceInstallContext, e: DeviceInstallEvent) => applyEffects(c.install, frames.effectCallOf(frames.top(c.frames.value)!), effectsOf(e)),
      (_, e) => effectsOf(e).length > 0,
    ),
    recordHang: change((c: DeviceInstallContext, e: DeviceInstallEvent) => {
      const stack = c.frames.value;
      const call = frames.effectCallOf(frames.top(stack)!);
      applyEffects(c.install, call, effectsOf(e));
      progress.applyHung(c.install, call, stack.flatMap((f) => f.nested));
    }),
    recordRegistration: change(
      (c: DeviceInstallContext, e: DeviceInstallEvent) => progress.applyRegistration(c.install, parseStatus((e as { code: string }).code)),
      (c, e) => e.type === 'defaultHandler.returned' && frames.top(c.frames.value)!.dif === DIF.REGISTER_COINSTALLERS,
    ),
    startNestedDestroy: changeFrames((c: DeviceInstallContext) => {
      const outer = frames.top(c.frames.value)!;
      c.frames = new Boxed([...c.frames.value, frames.newFrame(c.install, DIF.DESTROYPRIVATEDATA, outer.context, difLabel(outer.dif))]);
    }),
    finishNested: change((c: DeviceInstallContext) => {
      const stack = c.frames.value;
      const { record } = frames.recordOf(frames.top(stack)!);
      progress.applyNestedFinished(c.install, record);
      const parent = stack[stack.length - 2];
      c.frames = new Boxed([...stack.slice(0, -2), { ...parent, nestedDone: true, nested: [...parent.nested, record] }]);
    }),
    finishStep: change((c: DeviceInstallContext) => {
      const frame = frames.top(c.frames.value)!;
      const { record, status } = frames.recordOf(frame);
      progress.applyStepFinished(c.install, c.step!, record, status, frame.nested);
      c.frames = new Boxed([]);
      c.step = null;
    }),
    finishAttempt: change((c: DeviceInstallContext) => {
      const { record, status } = frames.recordOf(frames.top(c.frames.value)!);
      progress.applyFinishInstallAttempt(c.install, record, status);
      c.frames = new Boxed([]);
    }),
    applyTimeline: change((c: DeviceInstallContext, e: DeviceInstallEvent) => progress.applyTimelineEvent(c.install, e as TimelineEvent)),
  },
  guards: {
    ...dispatch.guards,
    hasNextStep: ({ context }) => nextStep(context.install) !== undefined,
    answerHangs: ({ context, event }) =>
      isAnswer(event) &&
      frames.answersTop(context.frames.value, event) &&
      callHangs(frames.top(context.frames.value)!, effectsOf(event)),
    nestedDestroyDue: ({ context }) => {
      const frame = frames.top(context.frames.value)!;
      return progress.defaultHandlerDestroysOldList(context.install, frame.dif) && !frame.nestedDone;
    },
    hasFailed: ({ context }) => context.install.failure !== null,
    isRemoval: ({ context }) => context.install.plan.sequence.name === 'remove',
    isMarked: ({ context }) => context.install.marked,
    finishInstallDueAfterCore: ({ context }) => progress.finishInstallDue(context.install, { type: 'core.finished' }),
    finishInstallDueOn: ({ context, event }) =>
      (TIMELINE as readonly string[]).includes(event.type) && progress.finishInstallDue(context.install, event as TimelineEvent),
  },
}).createMachine({
  id: 'deviceInstall',
  description: 'A device installation over time: the DIF sequence, each DIF a full dispatch, then finish-install actions',
  context: ({ input }) => ({ install: initialInstallState(input), frames: new Boxed([]), step: null }),
  initial: 'coreInstall',
  states: {
    coreInstall: {
      description: 'The DIF sequence (core, server-side installation for hardware-first and reinstall)',
      initial: 'choosing',
      states: {
        choosing: {
          description: 'Send the next DIF of the sequence, or settle when the sequence is over',
          always: [{ guard: 'hasNextStep', target: 'dif', actions: 'startStep' }, { target: '#deviceInstall.settling' }],
        },
        dif: {
          id: 'sequenceDif',
          description: 'One DIF of the sequence: SetupDiCallClassInstaller through its whole dispatch',
          ...dispatchStates({ id: 'sequenceDif', ...hooks, nested }),
          onDone: { target: 'choosing', actions: 'finishStep' },
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
      tags: ['finishInstall'],
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
      id: 'finishInstallDif',
      description: 'A finish-install process: DIF_FINISHINSTALL_ACTION through its whole dispatch, client side',
      tags: ['finishInstall'],
      entry: 'startFinishInstall',
      ...dispatchStates({ id: 'finishInstallDif', ...hooks }),
      onDone: { target: 'attempted', actions: 'finishAttempt' },
    },
    attempted: {
      description: 'A finish-install attempt ended: the mark stays for a retry, or the device is installed',
      tags: ['finishInstall'],
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
