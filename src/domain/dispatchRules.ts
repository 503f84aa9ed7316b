/**
 * The rules of one SetupDiCallClassInstaller call, as pure functions over the dispatch state.
 * The difDispatch machine (machines/difDispatch/) is wiring only: its guards and actions call
 * these. Functions named `apply…` mutate an immer draft; the rest only read.
 *
 * Draft discipline: values that go into an AppendLog are never read through the draft (immer
 * would hand out proxies that it revokes, and it does not look inside AppendLogs). So the plan
 * (a PlanRecord), the logs and ReactOS's shared PrivateData (a Boxed value) are all of kinds immer
 * does not draft, and only top-level fields of the state are assigned.
 *
 * windows semantics (WDD co-installer-operation.md, handling-dif-codes.md, images/dif-flow.png reference algorithm; WDD calling-the-default-dif-code-handlers.md):
 *  - preprocessing: NO_ERROR → next; ERROR_DI_POSTPROCESSING_REQUIRED → remember the co-installer
 *    and its PrivateData, go on; anything else → that is the status and preprocessing, the class
 *    installer and the default handler are skipped (co-installer-operation.md, images/dif-flow.png);
 *  - class installer: its answer is the status; no class installer → ERROR_DI_DO_DEFAULT (dif-flow.png);
 *  - default handler: reached when the status is ERROR_DI_DO_DEFAULT and DI_NODI_DEFAULTACTION is
 *    clear (ns-setupapi-sp_devinstall_params_a.md); no handler → the status stays ERROR_DI_DO_DEFAULT
 *    (observed: Logs xcp-ng/win-pv-drivers #10, pbatard/libwdi #200; Wine tests on Windows);
 *  - postprocessing always runs, in reverse order, InstallResult = the current status, each return
 *    becoming the status (co-installer-operation.md; co-installer-interface.md; WDD co-installer-interface.md InstallResult (docs/semantics.md C3) [inference]).
 */
import { AppendLog, Boxed } from './appendLog.js';
import { hex } from './codes.js';
import type { DispatchPlan, PlannedCoInstaller } from './dispatchPlan.js';
import { Flag } from './flags.js';
import type { PreFailureRoute } from './profiles.js';
import type { Json } from './scenario.js';
import { Status } from './statusCodes.js';
import { checkAnswer, type Violation } from './violations.js';

export type CallerKind = 'classCoInstaller' | 'deviceCoInstaller' | 'classInstaller' | 'defaultHandler';
export type Phase = 'pre' | 'post';

/** One call as RunResult reports it. Keys appear only where they apply. */
export interface CallRecord {
  readonly who: CallerKind;
  readonly index?: number;
  readonly name?: string;
  readonly function?: string | null;
  readonly phase?: Phase;
  readonly installResult?: string;
  readonly privateData?: Json;
  readonly returned: string;
}

/** The call the dispatch is waiting on: what the host must answer next. */
export interface PendingCall {
  readonly who: CallerKind;
  readonly index?: number;
  readonly name?: string;
  readonly phase?: Phase;
  readonly installResult?: number;
  readonly privateData?: Json;
  readonly function?: string;
  /** Set for stub default handlers: the only answer they give. */
  readonly stubResult?: number;
}

export interface PostRequest {
  readonly who: PlannedCoInstaller['who'];
  readonly index: number;
  readonly name: string;
  readonly privateData: Json;
}

export interface DispatchState {
  readonly plan: DispatchPlan;
  status: number;
  /** Next co-installer to call in preprocessing, then next entry of postQueue. */
  cursor: number;
  requested: AppendLog<PostRequest>;
  postQueue: AppendLog<PostRequest>;
  /** ReactOS: the one Context.PrivateData all co-installers share. */
  shared: Boxed<Json>;
  route: 'continue' | PreFailureRoute;
  pending: PendingCall | null;
  calls: AppendLog<CallRecord>;
  violations: AppendLog<Violation>;
  notes: AppendLog<string>;
}

/** What ReactOS's never-initialised shared Context holds before any co-installer writes it. */
export const UNINITIALISED_PRIVATE_DATA = '(uninitialised stack memory)';

/**
 * The state of a dispatch that has no plan. XState builds one whenever the pure `transition()`
 * function makes its throw-away actor (it computes an initial snapshot without input), so it must
 * be cheap; a machine started without a plan goes straight to `done` with ERROR_INVALID_PARAMETER.
 */
export function planlessDispatchState(): DispatchState {
  return initialDispatchState(PLANLESS);
}

const PLANLESS: DispatchPlan = Object.freeze({
  dif: 0,
  difName: '0x00000000',
  profile: 'windows',
  os: 'win10',
  semantics: undefined as never,
  flags: 0,
  flagsEx: 0,
  hasDeviceInfo: false,
  rejection: { status: Status.ERROR_INVALID_PARAMETER, reason: 'no dispatch plan was given' },
  coInstallers: [],
  classInstaller: null,
  defaultHandler: null,
  skipped: [],
});

export function initialDispatchState(plan: DispatchPlan): DispatchState {
  return {
    plan,
    status: plan.rejection ? plan.rejection.status : Status.NO_ERROR,
    cursor: 0,
    requested: AppendLog.empty(),
    postQueue: AppendLog.empty(),
    shared: new Boxed<Json>(UNINITIALISED_PRIVATE_DATA),
    route: 'continue',
    pending: null,
    calls: AppendLog.empty(),
    violations: AppendLog.empty(),
    notes: AppendLog.of([
      ...(plan.rejection ? [plan.rejection.reason] : []),
      ...plan.skipped.map((s) => `${s.who}${s.index !== undefined ? ` ${s.index}` : ''} "${s.declared}" not called: ${s.reason}`),
    ]),
  };
}

// Preprocessing ----------------------------------------------------------------------------

export function hasNextCoInstaller(s: DispatchState): boolean {
  return s.route === 'continue' && s.cursor < s.plan.coInstallers.length;
}

export function applyRequestPre(s: DispatchState): void {
  const c = s.plan.coInstallers[s.cursor];
  s.pending = { who: c.who, index: c.index, name: c.name, phase: 'pre' };
}

export function applyPreAnswer(s: DispatchState, code: number, privateData: Json | undefined): void {
  const c = s.plan.coInstallers[s.cursor];
  const { semantics } = s.plan;
  s.cursor += 1;
  s.pending = null;
  s.calls = s.calls.append({ who: c.who, index: c.index, name: c.name, phase: 'pre', returned: hex(code) });
  s.violations = s.violations.append(...checkAnswer({ who: c.who, index: c.index, name: c.name, dif: s.plan.dif, flagsEx: s.plan.flagsEx, phase: 'pre', code }));

  let stored: Json;
  if (semantics.privateData === 'shared-context') {
    if (privateData !== undefined) s.shared = new Boxed(privateData);
    stored = s.shared.value;
  } else {
    stored = privateData ?? null;
  }

  if (code === Status.NO_ERROR) return;
  if (code === Status.ERROR_DI_POSTPROCESSING_REQUIRED) {
    if (semantics.postprocessing === 'never') s.notes = s.notes.append(`co-installer ${c.index} asked for postprocessing; this implementation never calls back`);
    else s.requested = s.requested.append({ who: c.who, index: c.index, name: c.name, privateData: stored });
    return;
  }
  s.status = code;
  s.route = semantics.onPreFailure[c.who];
  if (s.route === 'class-installer') s.notes = s.notes.append(`co-installer ${c.index} failed with ${hex(code)}; this implementation still calls the class installer`);
  if (s.route === 'return') s.notes = s.notes.append(`co-installer ${c.index} failed with ${hex(code)}; this implementation returns at once`);
}

// Class installer ---------------------------------------------------------------------------

export function applyNoClassInstaller(s: DispatchState): void {
  s.status = Status.ERROR_DI_DO_DEFAULT;
}

export function applyRequestClassInstaller(s: DispatchState): void {
  s.pending = { who: 'classInstaller', name: s.plan.classInstaller!.name };
}

export function applyClassInstallerAnswer(s: DispatchState, code: number): void {
  const name = s.plan.classInstaller!.name;
  s.pending = null;
  s.calls = s.calls.append({ who: 'classInstaller', name, returned: hex(code) });
  s.violations = s.violations.append(...checkAnswer({ who: 'classInstaller', name, dif: s.plan.dif, flagsEx: s.plan.flagsEx, code }));
  s.status = code;
}

// Default handler ---------------------------------------------------------------------------

/** Whether the default-handler step is reached: the status asks for it and DI_NODI_DEFAULTACTION allows it. */
export function defaultStepReached(s: DispatchState): boolean {
  if (s.status !== Status.ERROR_DI_DO_DEFAULT) return false;
  if (s.plan.semantics.noDefaultActionFlag === 'ignored') return true;
  return (s.plan.flags & Flag.DI_NODI_DEFAULTACTION) === 0;
}

export function hasDefaultHandler(s: DispatchState): boolean {
  return s.plan.defaultHandler !== null;
}

/**
 * The step is reached but the DIF has no handler. Windows logs "Default installer: Enter/Exit", so
 * the call is recorded with `function: null`; ReactOS has no such step (it only turns the status
 * into NO_ERROR), so nothing is recorded there.
 */
export function applyNoDefaultHandler(s: DispatchState): void {
  if (s.plan.semantics.unhandledDoDefault === 'success') {
    applyUnhandledDoDefault(s);
    return;
  }
  s.calls = s.calls.append({ who: 'defaultHandler', function: null, returned: hex(s.status) });
}

/** The step is not reached (DI_NODI_DEFAULTACTION, or the status is not ERROR_DI_DO_DEFAULT). */
export function applyDefaultStepSkipped(s: DispatchState): void {
  applyUnhandledDoDefault(s);
}

function applyUnhandledDoDefault(s: DispatchState): void {
  if (s.status === Status.ERROR_DI_DO_DEFAULT && s.plan.semantics.unhandledDoDefault === 'success') {
    s.status = Status.NO_ERROR;
    s.notes = s.notes.append('ERROR_DI_DO_DEFAULT with no default handler run is turned into NO_ERROR by this implementation');
  }
}

export function applyRequestDefaultHandler(s: DispatchState): void {
  const handler = s.plan.defaultHandler!;
  s.pending = { who: 'defaultHandler', function: handler.function, ...(handler.stubResult !== undefined ? { stubResult: handler.stubResult } : {}) };
}

export function applyDefaultHandlerAnswer(s: DispatchState, code: number): void {
  s.pending = null;
  s.calls = s.calls.append({ who: 'defaultHandler', function: s.plan.defaultHandler!.function, returned: hex(code) });
  s.status = code;
}

// Postprocessing ----------------------------------------------------------------------------

export function applyQueuePostprocessing(s: DispatchState): void {
  const order = s.plan.semantics.postprocessing;
  s.postQueue = AppendLog.of(order === 'reverse' ? s.requested.toArray().reverse() : order === 'forward' ? s.requested.toArray() : []);
  s.cursor = 0;
}

export function hasNextPostprocessing(s: DispatchState): boolean {
  return s.cursor < s.postQueue.length;
}

export function applyRequestPost(s: DispatchState): void {
  const r = s.postQueue.at(s.cursor)!;
  s.pending = { who: r.who, index: r.index, name: r.name, phase: 'post', installResult: s.status, privateData: r.privateData };
}

export function applyPostAnswer(s: DispatchState, code: number): void {
  const r = s.postQueue.at(s.cursor)!;
  const installResult = s.status;
  s.cursor += 1;
  s.pending = null;
  s.calls = s.calls.append({ who: r.who, index: r.index, name: r.name, phase: 'post', installResult: hex(installResult), privateData: r.privateData, returned: hex(code) });
  s.violations = s.violations.append(
    ...checkAnswer({ who: r.who, index: r.index, name: r.name, dif: s.plan.dif, flagsEx: s.plan.flagsEx, phase: 'post', installResult, code }),
  );
  s.status = code;
}

// Answers -----------------------------------------------------------------------------------

/** What an event claims to answer; checked against the pending call so a misordered journal is refused. */
export interface AnswerAddress {
  readonly who: CallerKind;
  readonly index?: number;
  readonly phase?: Phase;
}

export function answersPending(s: DispatchState, address: AnswerAddress): boolean {
  const p = s.pending;
  return p !== null && p.who === address.who && p.index === address.index && p.phase === address.phase;
}
