import type { CallRecord, DispatchState } from '../../domain/dispatchRules.js';
import type { Violation } from '../../domain/violations.js';
import type { DispatchEnd } from '../../invariants/index.js';

/**
 * The `end` data of a final state. The status is the final view's; the calls and violations, which
 * the view leaves out, are rebuilt from the state's trace by the executor, and only if a monitor reads
 * them (few do, so most final states are never replayed). It is a plain object with `status`,
 * `calls` and `violations` (the last two as getters), as the monitors have always been given.
 */
export function finalState(status: number, replay: () => DispatchState): DispatchEnd {
  let replayed: DispatchState | undefined;
  let calls: CallRecord[] | undefined;
  let violations: Violation[] | undefined;
  return {
    status,
    get calls(): readonly CallRecord[] {
      return (calls ??= (replayed ??= replay()).calls.toArray());
    },
    get violations(): readonly Violation[] {
      return (violations ??= (replayed ??= replay()).violations.toArray());
    },
  };
}
