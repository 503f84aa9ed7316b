/**
 * A fast stepper for one SetupDiCallClassInstaller dispatch: the difDispatch machine's steps, taken
 * without XState. Stepping the machine through `transition()` costs tens of microseconds per event
 * (immer drafts, snapshot objects, the microstep loop); exhaustive exploration takes millions of
 * steps, so it uses this instead.
 *
 * It is the machine, transcribed: every waiting state and every eventless transition of
 * machines/difDispatch/difDispatch.machine.ts appears below once, with its guards in the same order,
 * and every guard and context update is the same function of src/domain/dispatchRules.ts. Where the
 * machine has immer produce a new context per action, the stepper makes one shallow copy per step (copyState) and
 * lets the reducers assign its top-level fields (the reducers never mutate anything below the top
 * level: logs are append-only versions, PrivateData is boxed), so earlier states stay intact and can
 * be branched from. test/explore/stepperRefinesMachine.test.ts checks that the stepper and the machine
 * go through identical states and end with identical RunResults (the refinement check).
 */
import { parseStatus } from '../../domain/codes.js';
import type { DispatchPlan } from '../../domain/dispatchPlan.js';
import * as rules from '../../domain/dispatchRules.js';
import type { CallRecord, DispatchState } from '../../domain/dispatchRules.js';
import { toRunResult, type RunResult } from '../../domain/runResult.js';
import type { Json } from '../../domain/scenario.js';
import type { DifDispatchEvent } from '../../../machines/difDispatch/difDispatch.types.js';

/** The machine's states where it waits for an event (its other states are left by eventless transitions). */
export type WaitingNode = 'preprocessing.calling' | 'classInstaller.calling' | 'defaultHandler.calling' | 'postprocessing.calling' | 'done';

export interface StepperState {
  /** The machine's state value, as `stateName` (src/journal/replay.ts) writes it. */
  readonly node: WaitingNode;
  readonly ds: DispatchState;
}

/**
 * Called right after a context update that recorded a call: the state as that update left it, the
 * position of the new call in `ds.calls`, and where this call's violations start in `ds.violations`.
 * (Within one step the status can change again after a call is recorded, e.g. no class installer
 * after the last co-installer; the hook sees it exactly as it was right after the call.)
 */
export type CallHook = (ds: DispatchState, callIndex: number, violationsFrom: number) => void;

const done = (ds: DispatchState): StepperState => ({ node: 'done', ds });

/** Every field of DispatchState, optional ones included. */
type AllFields = { -readonly [K in keyof DispatchState]-?: DispatchState[K] };

/**
 * A shallow copy of a dispatch state, written out field by field rather than spread: every copy then
 * has the same hidden class, so the rule functions' property reads stay monomorphic. (Spread copies
 * of states built in different places take several hidden classes, which makes those reads and the
 * spread itself megamorphic: several times slower.) A class rather than an object literal: V8 tracks
 * where literals are allocated and, once it sees that a site's objects live long (the explorer keeps
 * some states), allocates them in old space from then on and throws away the code that allocates
 * there, to compile it again. The fields are `declare`d (assigned in the constructor, not defined
 * first as class fields are); the check below the class keeps the list complete.
 */
class DispatchCopy implements AllFields {
  declare plan: AllFields['plan'];
  declare status: AllFields['status'];
  declare cursor: AllFields['cursor'];
  declare requested: AllFields['requested'];
  declare postQueue: AllFields['postQueue'];
  declare shared: AllFields['shared'];
  declare route: AllFields['route'];
  declare pending: AllFields['pending'];
  declare calls: AllFields['calls'];
  declare violations: AllFields['violations'];
  declare notes: AllFields['notes'];

  constructor(ds: DispatchState) {
    this.plan = ds.plan;
    this.status = ds.status;
    this.cursor = ds.cursor;
    this.requested = ds.requested;
    this.postQueue = ds.postQueue;
    this.shared = ds.shared;
    this.route = ds.route;
    this.pending = ds.pending;
    this.calls = ds.calls;
    this.violations = ds.violations;
    this.notes = ds.notes;
  }
}

// Fails to compile when DispatchState gains a field this list (and the constructor above) lacks.
type Copied = 'plan' | 'status' | 'cursor' | 'requested' | 'postQueue' | 'shared' | 'route' | 'pending' | 'calls' | 'violations' | 'notes';
const everyFieldCopied: Record<Exclude<keyof DispatchState, Copied>, never> = {};
void everyFieldCopied;

export function copyState(ds: DispatchState): DispatchState {
  return new DispatchCopy(ds);
}

/** Tells the hook about each call recorded since `calls` (the reducer just run started at `violations`). */
function recorded(ds: DispatchState, hook: CallHook | undefined, calls: number, violations: number): void {
  if (hook) for (let i = calls; i < ds.calls.length; i++) hook(ds, i, violations);
}

// Eventless transitions, one function per transient state, guards in the machine's order. ------

/** `starting`: always [isRejected → done, → preprocessing]. */
function starting(ds: DispatchState, hook: CallHook | undefined): StepperState {
  if (ds.plan.rejection !== null) return done(ds);
  return preprocessingChoosing(ds, hook);
}

/** `preprocessing.choosing`: always [hasNextCoInstaller → calling, → classInstaller]. */
function preprocessingChoosing(ds: DispatchState, hook: CallHook | undefined): StepperState {
  if (rules.hasNextCoInstaller(ds)) {
    rules.applyRequestPre(ds); // entry of preprocessing.calling
    return { node: 'preprocessing.calling', ds };
  }
  return classInstallerChoosing(ds, hook);
}

/** `preprocessing.routing`: always [routesToPostprocessing, routesToClassInstaller, routesToReturn, → choosing]. */
function preprocessingRouting(ds: DispatchState, hook: CallHook | undefined): StepperState {
  if (ds.route === 'postprocessing') return postprocessing(ds, hook);
  if (ds.route === 'class-installer') return classInstallerChoosing(ds, hook);
  if (ds.route === 'return') return done(ds);
  return preprocessingChoosing(ds, hook);
}

/** `classInstaller.choosing`: always [hasClassInstaller → calling, → defaultHandler / assumeDoDefault]. */
function classInstallerChoosing(ds: DispatchState, hook: CallHook | undefined): StepperState {
  if (ds.plan.classInstaller !== null) {
    rules.applyRequestClassInstaller(ds); // entry of classInstaller.calling
    return { node: 'classInstaller.calling', ds };
  }
  rules.applyNoClassInstaller(ds);
  return defaultHandlerChoosing(ds, hook);
}

/**
 * `defaultHandler.choosing`: always [defaultStepReached ∧ hasDefaultHandler → calling,
 * defaultStepReached → postprocessing / recordNoDefaultHandler, → postprocessing / skipDefaultStep].
 */
function defaultHandlerChoosing(ds: DispatchState, hook: CallHook | undefined): StepperState {
  if (rules.defaultStepReached(ds) && rules.hasDefaultHandler(ds)) {
    rules.applyRequestDefaultHandler(ds); // entry of defaultHandler.calling
    return { node: 'defaultHandler.calling', ds };
  }
  if (rules.defaultStepReached(ds)) {
    const calls = ds.calls.length;
    const violations = ds.violations.length;
    rules.applyNoDefaultHandler(ds);
    recorded(ds, hook, calls, violations);
    return postprocessing(ds, hook);
  }
  rules.applyDefaultStepSkipped(ds);
  return postprocessing(ds, hook);
}

/** Entering `postprocessing` (entry queuePostprocessing), then `postprocessing.choosing`. */
function postprocessing(ds: DispatchState, hook: CallHook | undefined): StepperState {
  rules.applyQueuePostprocessing(ds);
  return postprocessingChoosing(ds, hook);
}

/** `postprocessing.choosing`: always [hasNextPostprocessing → calling, → done]. */
function postprocessingChoosing(ds: DispatchState, hook: CallHook | undefined): StepperState {
  if (rules.hasNextPostprocessing(ds)) {
    rules.applyRequestPost(ds); // entry of postprocessing.calling
    return { node: 'postprocessing.calling', ds };
  }
  return done(ds);
}

// The machine's start and its event transitions. ----------------------------------------------

/** The machine's initial state for a plan: its context, then every eventless step up to the first call. */
export function startDispatch(plan: DispatchPlan, hook?: CallHook): StepperState {
  return starting(rules.initialDispatchState(plan), hook);
}

/**
 * Answers the pending call with `code` (and, in preprocessing, the PrivateData the co-installer
 * stored, or undefined). The caller guarantees there is a pending call: this is the event the
 * machine's guard accepts (`answersPending…`), already decoded. Returns a new state.
 */
export function answerPending(state: StepperState, code: number, privateData?: Json, hook?: CallHook): StepperState {
  const ds = copyState(state.ds);
  const calls = ds.calls.length;
  const violations = ds.violations.length;
  switch (state.node) {
    case 'preprocessing.calling':
      rules.applyPreAnswer(ds, code, privateData);
      recorded(ds, hook, calls, violations);
      return preprocessingRouting(ds, hook);
    case 'classInstaller.calling':
      rules.applyClassInstallerAnswer(ds, code);
      recorded(ds, hook, calls, violations);
      return defaultHandlerChoosing(ds, hook);
    case 'defaultHandler.calling':
      rules.applyDefaultHandlerAnswer(ds, code);
      recorded(ds, hook, calls, violations);
      return postprocessing(ds, hook);
    case 'postprocessing.calling':
      rules.applyPostAnswer(ds, code);
      recorded(ds, hook, calls, violations);
      return postprocessingChoosing(ds, hook);
    case 'done':
      throw new Error('the dispatch is over: nothing to answer');
  }
}

/**
 * Sends a machine event, with the machine's guards: an event that does not answer the pending call
 * (or any event once done) is ignored and the same state is returned, as XState does.
 */
export function sendEvent(state: StepperState, event: DifDispatchEvent, hook?: CallHook): StepperState {
  const ds = state.ds;
  switch (state.node) {
    case 'preprocessing.calling':
    case 'postprocessing.calling':
      if (event.type !== 'coInstaller.returned' || !rules.answersPending(ds, { who: event.who, index: event.index, phase: event.phase })) return state;
      // recordPreAnswer reads privateData only from the event; recordPostAnswer ignores it.
      return answerPending(state, parseStatus(event.code), state.node === 'preprocessing.calling' ? event.privateData : undefined, hook);
    case 'classInstaller.calling':
      if (event.type !== 'classInstaller.returned' || !rules.answersPending(ds, { who: 'classInstaller' })) return state;
      return answerPending(state, parseStatus(event.code), undefined, hook);
    case 'defaultHandler.calling':
      if (event.type !== 'defaultHandler.returned' || !rules.answersPending(ds, { who: 'defaultHandler' })) return state;
      return answerPending(state, parseStatus(event.code), undefined, hook);
    case 'done':
      return state;
  }
}

/** The machine's output in `done`. */
export function runResultOf(state: StepperState): RunResult {
  if (state.node !== 'done') throw new Error(`the dispatch is not over (${state.node})`);
  return toRunResult(state.ds);
}

/** The call recorded at `index` (a convenience for hooks). */
export function callAt(ds: DispatchState, index: number): CallRecord {
  return ds.calls.at(index)!;
}
