/**
 * difDispatch: one SetupDiCallClassInstaller(dif, set, did) call, on its own.
 *
 * Its states are the dispatch states of dispatchStates.ts (the same ones every DIF of a
 * deviceInstall runs through), over a context that is the dispatch state itself.
 */
import { setup } from 'xstate';
import { initialDispatchState, planlessDispatchState, type DispatchState } from '../../src/domain/dispatchRules.js';
import { toRunResult } from '../../src/domain/runResult.js';
import { identity } from '../common/update.js';
import type { DifDispatchContext, DifDispatchEvent, DifDispatchInput, DifDispatchOutput } from './difDispatch.types.js';
import { dispatchImplementations, dispatchStates } from './dispatchStates.js';

const lens = identity<DispatchState>();
const dispatch = dispatchImplementations<DifDispatchContext, DifDispatchEvent>(lens);

export const difDispatchMachine = setup({
  types: {} as {
    context: DifDispatchContext;
    events: DifDispatchEvent;
    input: DifDispatchInput;
    output: DifDispatchOutput;
  },
  actions: dispatch.actions,
  guards: dispatch.guards,
}).createMachine({
  id: 'difDispatch',
  description: 'One SetupDiCallClassInstaller call: co-installers, class installer, default handler, postprocessing',
  context: ({ input }) => (input ? initialDispatchState(input) : planlessDispatchState()),
  ...dispatchStates({ id: 'difDispatch', lens }),
  output: ({ context }) => toRunResult(context),
});
