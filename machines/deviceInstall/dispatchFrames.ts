/**
 * Running DIFs inside the deviceInstall machine: each DIF is a difDispatch snapshot, stepped with
 * the pure fold (a machine as a step, not a live child), so the whole installation stays one pure
 * fold over one journal. Frames form a stack for the DIF_DESTROYPRIVATEDATA that
 * SetupDiRegisterCoDeviceInstallers sends inside DIF_REGISTER_COINSTALLERS.
 */
import type { SnapshotFrom } from 'xstate';
import { difLabel, parseStatus } from '../../src/domain/codes.js';
import { planDispatch } from '../../src/domain/dispatchPlan.js';
import { answersPending, type PendingCall } from '../../src/domain/dispatchRules.js';
import { scenarioForDif, type DifRecord, type InstallState } from '../../src/domain/lifecycle/installState.js';
import type { DifContext } from '../../src/domain/lifecycle/types.js';
import { createFold } from '../../src/host/fold.js';
import { difDispatchMachine } from '../difDispatch/difDispatch.machine.js';
import type { DifDispatchEvent } from '../difDispatch/difDispatch.types.js';
import type { AnswerEvent, Frame } from './deviceInstall.types.js';

export type DispatchSnapshot = SnapshotFrom<typeof difDispatchMachine>;

const fold = createFold(difDispatchMachine);

export function newFrame(install: InstallState, dif: number, context: DifContext, nestedIn?: string): Frame {
  const snapshot = fold.initial(planDispatch(scenarioForDif(install), dif));
  return { dif, context, ...(nestedIn ? { nestedIn } : {}), snapshot, nestedDone: nestedIn !== undefined, nested: [] };
}

export function top(frames: readonly Frame[]): Frame | undefined {
  return frames[frames.length - 1];
}

/** The call the innermost DIF waits for, or null. */
export function pendingOf(frames: readonly Frame[]): PendingCall | null {
  const frame = top(frames);
  return frame && frame.snapshot.status === 'active' ? frame.snapshot.context.pending : null;
}

export function answersTop(frames: readonly Frame[], event: AnswerEvent): boolean {
  const frame = top(frames);
  if (!frame || frame.snapshot.status !== 'active') return false;
  const address =
    event.type === 'coInstaller.returned'
      ? { who: event.who, index: event.index, phase: event.phase }
      : { who: event.type === 'classInstaller.returned' ? ('classInstaller' as const) : ('defaultHandler' as const) };
  return answersPending(frame.snapshot.context, address);
}

/** The answer as the dispatch machine takes it (effects are the install machine's business). */
export function toDispatchEvent(event: AnswerEvent): DifDispatchEvent {
  if (event.type === 'coInstaller.returned') {
    const { effects: _effects, ...rest } = event;
    return rest;
  }
  if (event.type === 'classInstaller.returned') return { type: event.type, code: event.code };
  return event;
}

export function stepTop(frames: readonly Frame[], event: AnswerEvent): readonly Frame[] {
  const frame = top(frames)!;
  return [...frames.slice(0, -1), { ...frame, snapshot: fold.next(frame.snapshot, toDispatchEvent(event)) }];
}

export function isDone(frame: Frame | undefined): boolean {
  return frame !== undefined && frame.snapshot.status === 'done';
}

export function recordOf(frame: Frame): { record: DifRecord; status: number } {
  const result = frame.snapshot.output!;
  return {
    record: { ...result, context: frame.context, ...(frame.nestedIn ? { nestedIn: frame.nestedIn } : {}) },
    status: parseStatus(result.result.hex),
  };
}

export { difLabel };
