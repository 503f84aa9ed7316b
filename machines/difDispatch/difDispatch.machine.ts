/**
 * difDispatch: one SetupDiCallClassInstaller(dif, set, did) call.
 *
 * Wiring only: every guard and every context update is a one-line call into
 * src/domain/dispatchRules.ts. The machine performs no I/O and runs no installer. It announces
 * the call it waits for with the intent action `requestCall` (and in `context.pending`); the host
 * answers with a `*.returned` event, which is all the journal records.
 */
import { produce, type Draft } from 'immer';
import { and, assign, setup } from 'xstate';
import { parseStatus } from '../../src/domain/codes.js';
import * as rules from '../../src/domain/dispatchRules.js';
import { toRunResult } from '../../src/domain/runResult.js';
import type { DifDispatchContext, DifDispatchEvent, DifDispatchInput, DifDispatchOutput } from './difDispatch.types.js';

/**
 * An assign whose recipe mutates an immer draft of the context. The recipe also rides on the action
 * as `draftRecipe`, for the derived executor (src/executor/): the recipes assign top-level fields
 * only (logs are append-only versions, PrivateData is boxed), so it runs them on a shallow copy.
 */
function update(recipe: (draft: DifDispatchContext, event: DifDispatchEvent) => void) {
  const action = assign<DifDispatchContext, DifDispatchEvent, undefined, DifDispatchEvent, never>(({ context, event }) =>
    // The draft has the context's shape; its AppendLog fields are left undrafted by immer.
    produce(context, (draft: Draft<DifDispatchContext>) => recipe(draft as unknown as DifDispatchContext, event)),
  );
  return Object.assign(action, { draftRecipe: recipe });
}

const code = (event: DifDispatchEvent): number => parseStatus(event.code);

export const difDispatchMachine = setup({
  types: {} as {
    context: DifDispatchContext;
    events: DifDispatchEvent;
    input: DifDispatchInput;
    output: DifDispatchOutput;
  },
  actions: {
    /** Intent for the host: answer `context.pending`. Does nothing inside the machine. */
    requestCall: (_, _params: rules.PendingCall | null) => {},
    requestPre: update((s) => rules.applyRequestPre(s)),
    recordPreAnswer: update((s, e) => {
      if (e.type === 'coInstaller.returned') rules.applyPreAnswer(s, code(e), e.privateData);
    }),
    assumeDoDefault: update((s) => rules.applyNoClassInstaller(s)),
    requestClassInstaller: update((s) => rules.applyRequestClassInstaller(s)),
    recordClassInstallerAnswer: update((s, e) => rules.applyClassInstallerAnswer(s, code(e))),
    skipDefaultStep: update((s) => rules.applyDefaultStepSkipped(s)),
    recordNoDefaultHandler: update((s) => rules.applyNoDefaultHandler(s)),
    requestDefaultHandler: update((s) => rules.applyRequestDefaultHandler(s)),
    recordDefaultHandlerAnswer: update((s, e) => rules.applyDefaultHandlerAnswer(s, code(e))),
    queuePostprocessing: update((s) => rules.applyQueuePostprocessing(s)),
    requestPost: update((s) => rules.applyRequestPost(s)),
    recordPostAnswer: update((s, e) => rules.applyPostAnswer(s, code(e))),
  },
  guards: {
    isRejected: ({ context }) => context.plan.rejection !== null,
    hasNextCoInstaller: ({ context }) => rules.hasNextCoInstaller(context),
    answersPendingCoInstaller: ({ context, event }) =>
      event.type === 'coInstaller.returned' && rules.answersPending(context, { who: event.who, index: event.index, phase: event.phase }),
    answersPendingClassInstaller: ({ context }) => rules.answersPending(context, { who: 'classInstaller' }),
    answersPendingDefaultHandler: ({ context }) => rules.answersPending(context, { who: 'defaultHandler' }),
    routesToPostprocessing: ({ context }) => context.route === 'postprocessing',
    routesToClassInstaller: ({ context }) => context.route === 'class-installer',
    routesToReturn: ({ context }) => context.route === 'return',
    hasClassInstaller: ({ context }) => context.plan.classInstaller !== null,
    defaultStepReached: ({ context }) => rules.defaultStepReached(context),
    hasDefaultHandler: ({ context }) => rules.hasDefaultHandler(context),
    hasNextPostprocessing: ({ context }) => rules.hasNextPostprocessing(context),
  },
}).createMachine({
  id: 'difDispatch',
  description: 'One SetupDiCallClassInstaller call: co-installers, class installer, default handler, postprocessing',
  context: ({ input }) => (input ? rules.initialDispatchState(input) : rules.planlessDispatchState()),
  initial: 'starting',
  states: {
    starting: {
      description: 'The implementation may refuse the call before calling anyone (unknown DIF, NULL DeviceInfoData)',
      always: [{ guard: 'isRejected', target: 'done' }, { target: 'preprocessing' }],
    },
    preprocessing: {
      description: 'Class co-installers, then device co-installers, in list order (PostProcessing = FALSE)',
      initial: 'choosing',
      states: {
        choosing: {
          always: [{ guard: 'hasNextCoInstaller', target: 'calling' }, { target: '#difDispatch.classInstaller' }],
        },
        calling: {
          entry: ['requestPre', { type: 'requestCall', params: ({ context }) => context.pending }],
          on: {
            'coInstaller.returned': { guard: 'answersPendingCoInstaller', target: 'routing', actions: 'recordPreAnswer' },
          },
        },
        routing: {
          description: 'After an answer: go on, or leave preprocessing as the profile routes a failure',
          always: [
            { guard: 'routesToPostprocessing', target: '#difDispatch.postprocessing' },
            { guard: 'routesToClassInstaller', target: '#difDispatch.classInstaller' },
            { guard: 'routesToReturn', target: '#difDispatch.done' },
            { target: 'choosing' },
          ],
        },
      },
    },
    classInstaller: {
      description: 'The class installer, if the class has one; none means ERROR_DI_DO_DEFAULT',
      initial: 'choosing',
      states: {
        choosing: {
          always: [
            { guard: 'hasClassInstaller', target: 'calling' },
            { target: '#difDispatch.defaultHandler', actions: 'assumeDoDefault' },
          ],
        },
        calling: {
          entry: ['requestClassInstaller', { type: 'requestCall', params: ({ context }) => context.pending }],
          on: {
            'classInstaller.returned': {
              guard: 'answersPendingClassInstaller',
              target: '#difDispatch.defaultHandler',
              actions: 'recordClassInstallerAnswer',
            },
          },
        },
      },
    },
    defaultHandler: {
      description: "The DIF's default handler, when the status is ERROR_DI_DO_DEFAULT and DI_NODI_DEFAULTACTION is clear",
      initial: 'choosing',
      states: {
        choosing: {
          always: [
            { guard: and(['defaultStepReached', 'hasDefaultHandler']), target: 'calling' },
            { guard: 'defaultStepReached', target: '#difDispatch.postprocessing', actions: 'recordNoDefaultHandler' },
            { target: '#difDispatch.postprocessing', actions: 'skipDefaultStep' },
          ],
        },
        calling: {
          entry: ['requestDefaultHandler', { type: 'requestCall', params: ({ context }) => context.pending }],
          on: {
            'defaultHandler.returned': {
              guard: 'answersPendingDefaultHandler',
              target: '#difDispatch.postprocessing',
              actions: 'recordDefaultHandlerAnswer',
            },
          },
        },
      },
    },
    postprocessing: {
      description: 'Co-installers that asked for it, called back with InstallResult and their PrivateData',
      entry: 'queuePostprocessing',
      initial: 'choosing',
      states: {
        choosing: {
          always: [{ guard: 'hasNextPostprocessing', target: 'calling' }, { target: '#difDispatch.done' }],
        },
        calling: {
          entry: ['requestPost', { type: 'requestCall', params: ({ context }) => context.pending }],
          on: {
            'coInstaller.returned': { guard: 'answersPendingCoInstaller', target: 'choosing', actions: 'recordPostAnswer' },
          },
        },
      },
    },
    done: {
      type: 'final',
      description: 'SetupDiCallClassInstaller returns TRUE iff the status is NO_ERROR',
    },
  },
  output: ({ context }) => toRunResult(context),
});
