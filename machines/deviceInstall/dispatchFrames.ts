/**
 * The DIFs in progress inside a deviceInstall: a stack of frames, innermost last. Each frame holds
 * one DIF's dispatch state, stepped by the dispatch states mounted in the installation's chart
 * (machines/difDispatch/dispatchStates.ts). The stack is two deep only while
 * SetupDiRegisterCoDeviceInstallers sends DIF_DESTROYPRIVATEDATA inside DIF_REGISTER_COINSTALLERS.
 */
import { Boxed } from '../../src/domain/appendLog.js';
import { parseStatus } from '../../src/domain/codes.js';
import { answersPending, initialDispatchState, type DispatchState, type PendingCall } from '../../src/domain/dispatchRules.js';
import type { EffectCall } from '../../src/domain/lifecycle/effects.js';
import { planForDif, type DifRecord, type InstallState } from '../../src/domain/lifecycle/installState.js';
import type { DifContext } from '../../src/domain/lifecycle/types.js';
import { toRunResult } from '../../src/domain/runResult.js';
import type { Lens } from '../common/update.js';
import type { AnswerEvent, DeviceInstallContext, Frame } from './deviceInstall.types.js';

export function newFrame(install: InstallState, dif: number, context: DifContext, nestedIn?: string): Frame {
  const ds = initialDispatchState(planForDif(install, dif));
  return { dif, context, ...(nestedIn ? { nestedIn } : {}), ds, nestedDone: nestedIn !== undefined, nested: [] };
}

export function top(frames: readonly Frame[]): Frame | undefined {
  return frames[frames.length - 1];
}

/** The dispatch states act on the innermost DIF: a nested dispatch is mounted inside its parent's call. */
export const innermost: Lens<DeviceInstallContext, DispatchState> = {
  get: (c) => top(c.frames.value)!.ds,
  set: (c, ds) => ({ ...c, frames: withTop(c.frames.value, ds) }),
  write: (c, ds) => {
    c.frames = withTop(c.frames.value, ds);
  },
};

/** The stack with the innermost frame's dispatch state replaced. */
function withTop(stack: readonly Frame[], ds: DispatchState): Boxed<readonly Frame[]> {
  const next = stack.slice();
  next[next.length - 1] = { ...stack[stack.length - 1], ds };
  return new Boxed(next);
}

/** The call the innermost DIF waits for, or null. */
export function pendingOf(frames: readonly Frame[]): PendingCall | null {
  const frame = top(frames);
  return frame ? frame.ds.pending : null;
}

/** Whether the answer answers the innermost DIF's pending call. */
export function answersTop(frames: readonly Frame[], event: AnswerEvent): boolean {
  const frame = top(frames);
  if (!frame) return false;
  const address =
    event.type === 'coInstaller.returned'
      ? { who: event.who, index: event.index, phase: event.phase }
      : { who: event.type === 'classInstaller.returned' ? ('classInstaller' as const) : ('defaultHandler' as const) };
  return answersPending(frame.ds, address);
}

/** The installer call an answer's effects happen in. */
export function effectCallOf(frame: Frame): EffectCall {
  const pending = frame.ds.pending!;
  return {
    who: pending.who as EffectCall['who'],
    ...(pending.index !== undefined ? { index: pending.index } : {}),
    name: pending.name ?? '',
    dif: frame.dif,
    ...(pending.phase ? { phase: pending.phase } : {}),
    context: frame.context,
  };
}

export function recordOf(frame: Frame): { record: DifRecord; status: number } {
  const result = toRunResult(frame.ds);
  return {
    // Object.assign, not `{ ...result, context }`: V8 gives an object spread and then extended a map of its own (slow).
    record: Object.assign({}, result, { context: frame.context }, frame.nestedIn ? { nestedIn: frame.nestedIn } : undefined),
    status: parseStatus(result.result.hex),
  };
}
