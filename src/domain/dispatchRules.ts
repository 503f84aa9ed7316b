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
 * windows semantics (MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/; reactos and wine
 * differ where src/domain/profiles.ts says, after reactos/reactos and wine-mirror/wine dlls/setupapi/devinst.c):
 *  - preprocessing: NO_ERROR → next; ERROR_DI_POSTPROCESSING_REQUIRED → remember the co-installer
 *    and its PrivateData, go on; anything else → that is the status and preprocessing, the class
 *    installer and the default handler are skipped (co-installer-operation.md, images/dif-flow.png);
 *  - class installer: its answer is the status; no class installer → ERROR_DI_DO_DEFAULT (dif-flow.png);
 *  - default handler: reached when the status is ERROR_DI_DO_DEFAULT and DI_NODI_DEFAULTACTION is
 *    clear (ns-setupapi-sp_devinstall_params_a.md); no handler → the status stays ERROR_DI_DO_DEFAULT
 *    (observed: Logs xcp-ng/win-pv-drivers #10, pbatard/libwdi #200; Wine tests on Windows);
 *  - postprocessing always runs, in reverse order, InstallResult = the current status, each return
 *    becoming the status (co-installer-operation.md; co-installer-interface.md; docs/semantics.md W7, choice C3).
 */
import { AppendLog, Boxed } from './appendLog.js';
import { hex } from './codes.js';
import type { CallerKind, DispatchState, Phase } from './dispatchState.js';
import { Flag } from './flags.js';
import type { Json } from './json.js';
import type { PreFailureRoute } from './profiles.js';
import { Status } from './statusCodes.js';
import { checkAnswer } from './violations.js';

export * from './dispatchState.js';

/** The implementation refuses the call before calling anyone (see DispatchPlan.rejection). */
export function isRejected(s: DispatchState): boolean {
  return s.plan.rejection !== null;
}

// Preprocessing ----------------------------------------------------------------------------

/** Entering preprocessing, or after a co-installer let it go on: is there a co-installer left to call? */
export function hasNextCoInstaller(s: DispatchState): boolean {
  return s.cursor < s.plan.coInstallers.length;
}

/** While a co-installer is being called: does another one follow it? */
export function anotherCoInstallerFollows(s: DispatchState): boolean {
  return s.cursor + 1 < s.plan.coInstallers.length;
}

/**
 * Where the pending co-installer's preprocessing answer sends the call: 'continue' for NO_ERROR and
 * ERROR_DI_POSTPROCESSING_REQUIRED, else the profile's route for a failure of that kind of
 * co-installer (windows: to postprocessing, co-installer-operation.md; ReactOS and Wine differ).
 */
export function preAnswerRoute(s: DispatchState, code: number): 'continue' | PreFailureRoute {
  if (code === Status.NO_ERROR || code === Status.ERROR_DI_POSTPROCESSING_REQUIRED) return 'continue';
  return s.plan.semantics.onPreFailure[s.plan.coInstallers[s.cursor].who];
}

export function applyRequestPre(s: DispatchState): void {
  const c = s.plan.coInstallers[s.cursor];
  s.pending = { who: c.who, index: c.index, name: c.name, phase: 'pre' };
}

export function applyPreAnswer(s: DispatchState, code: number, privateData: Json | undefined): void {
  const c = s.plan.coInstallers[s.cursor];
  const { semantics } = s.plan;
  const route = preAnswerRoute(s, code);
  s.cursor += 1;
  s.pending = null;
  s.calls = s.calls.add({ who: c.who, index: c.index, name: c.name, phase: 'pre', returned: hex(code) });
  s.violations = s.violations.appendAll(checkAnswer({ who: c.who, index: c.index, name: c.name, dif: s.plan.dif, flagsEx: s.plan.flagsEx, phase: 'pre', code }));

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
    else s.requested = s.requested.add({ who: c.who, index: c.index, name: c.name, privateData: stored });
    return;
  }
  s.status = code;
  if (route === 'class-installer') s.notes = s.notes.append(`co-installer ${c.index} failed with ${hex(code)}; this implementation still calls the class installer`);
  if (route === 'return') s.notes = s.notes.append(`co-installer ${c.index} failed with ${hex(code)}; this implementation returns at once`);
}

// Class installer ---------------------------------------------------------------------------

export function hasClassInstaller(s: DispatchState): boolean {
  return s.plan.classInstaller !== null;
}

export function applyNoClassInstaller(s: DispatchState): void {
  s.status = Status.ERROR_DI_DO_DEFAULT;
}

export function applyRequestClassInstaller(s: DispatchState): void {
  s.pending = { who: 'classInstaller', name: s.plan.classInstaller!.name };
}

export function applyClassInstallerAnswer(s: DispatchState, code: number): void {
  const name = s.plan.classInstaller!.name;
  s.pending = null;
  s.calls = s.calls.add({ who: 'classInstaller', name, returned: hex(code) });
  s.violations = s.violations.appendAll(checkAnswer({ who: 'classInstaller', name, dif: s.plan.dif, flagsEx: s.plan.flagsEx, code }));
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
  s.calls = s.calls.add({ who: 'defaultHandler', function: null, returned: hex(s.status) });
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
  // Two literals rather than a conditional spread: an object spread is far slower than a literal.
  s.pending =
    handler.stubResult !== undefined ? { who: 'defaultHandler', function: handler.function, stubResult: handler.stubResult } : { who: 'defaultHandler', function: handler.function };
}

export function applyDefaultHandlerAnswer(s: DispatchState, code: number): void {
  s.pending = null;
  s.calls = s.calls.add({ who: 'defaultHandler', function: s.plan.defaultHandler!.function, returned: hex(code) });
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

/** While a co-installer is called back: does another callback follow it? */
export function anotherPostprocessingFollows(s: DispatchState): boolean {
  return s.cursor + 1 < s.postQueue.length;
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
  s.calls = s.calls.add({ who: r.who, index: r.index, name: r.name, phase: 'post', installResult: hex(installResult), privateData: r.privateData, returned: hex(code) });
  s.violations = s.violations.appendAll(
    checkAnswer({ who: r.who, index: r.index, name: r.name, dif: s.plan.dif, flagsEx: s.plan.flagsEx, phase: 'post', installResult, code }),
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
