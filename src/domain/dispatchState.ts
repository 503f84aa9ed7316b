/**
 * The state of one SetupDiCallClassInstaller call (what the difDispatch machine's context holds),
 * and the call records and pending calls it is made of. The rules that change it are in
 * dispatchRules.ts.
 */
import { AppendLog, Boxed } from './appendLog.js';
import type { DispatchPlan, PlannedCoInstaller } from './dispatchPlan.js';
import type { Json } from './json.js';
import { Status } from './statusCodes.js';
import type { Violation } from './violations.js';

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

/** The shared Context before any co-installer writes it (Boxed values are immutable: one for every dispatch). */
const UNINITIALISED = new Boxed<Json>(UNINITIALISED_PRIVATE_DATA);

export function initialDispatchState(plan: DispatchPlan): DispatchState {
  return {
    plan,
    status: plan.rejection ? plan.rejection.status : Status.NO_ERROR,
    cursor: 0,
    requested: AppendLog.empty(),
    postQueue: AppendLog.empty(),
    shared: UNINITIALISED,
    pending: null,
    calls: AppendLog.empty(),
    violations: AppendLog.empty(),
    notes:
      plan.rejection === null && plan.skipped.length === 0
        ? AppendLog.empty()
        : AppendLog.of([
            ...(plan.rejection ? [plan.rejection.reason] : []),
            ...plan.skipped.map((s) => `${s.who}${s.index !== undefined ? ` ${s.index}` : ''} "${s.declared}" not called: ${s.reason}`),
          ]),
  };
}

