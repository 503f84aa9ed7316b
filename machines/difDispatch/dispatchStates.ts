/**
 * The states of one SetupDiCallClassInstaller call, defined once and mounted twice: as the whole
 * difDispatch machine, and inside the deviceInstall machine for every DIF of an installation (and
 * again for the DIF_DESTROYPRIVATEDATA nested in DIF_REGISTER_COINSTALLERS). docs/machines.md says
 * why the states are mounted rather than run as a child actor.
 *
 * Wiring only: every guard and every context update is a one-line call into
 * src/domain/dispatchRules.ts. A machine mounting these states passes a lens to the dispatch state
 * it steps (the difDispatch machine: its whole context; deviceInstall: the innermost DIF's) and,
 * optionally, what it adds around an installer's answer (effects, a hang, a nested dispatch).
 *
 * The machine performs no I/O and runs no installer. It announces the call it waits for with the
 * intent action `requestCall` (and in the dispatch state's `pending`); the host answers with a
 * `*.returned` event, which is all the journal records.
 */
import { and, type EventObject, type MachineContext } from 'xstate';
import { parseStatus } from '../../src/domain/codes.js';
import * as rules from '../../src/domain/dispatchRules.js';
import type { DispatchState, PendingCall } from '../../src/domain/dispatchRules.js';
import type { PreFailureRoute } from '../../src/domain/profiles.js';
import { update, type Lens } from '../common/update.js';
import type { DifDispatchEvent } from './difDispatch.types.js';

/** The answer events a dispatch takes (a machine's own answer events may carry more). */
type Answer = DifDispatchEvent;
const code = (event: EventObject): number => parseStatus((event as Answer).code);

const CLASS_INSTALLER: rules.AnswerAddress = { who: 'classInstaller' };
const DEFAULT_HANDLER: rules.AnswerAddress = { who: 'defaultHandler' };

/** Where a preprocessing failure can go: each route is one guarded transition of `preprocessing.calling`. */
export const FAILURE_ROUTES: readonly PreFailureRoute[] = ['postprocessing', 'class-installer', 'return'];

/** The guards and actions the dispatch states name, over the dispatch state the lens reaches. */
export function dispatchImplementations<C extends MachineContext, E extends EventObject>(lens: Lens<C, DispatchState>) {
  const on = (recipe: (s: DispatchState, event: E) => void) => update<C, E, DispatchState>(recipe, lens, { shallow: true });
  type Args = { context: C; event: E };
  const ds = ({ context }: Args) => lens.get(context);
  const answers = (event: E, type: 'classInstaller.returned' | 'defaultHandler.returned'): boolean => event.type === type;
  return {
    actions: {
      /** Intent for the host: answer the pending call (its params). Does nothing inside the machine. */
      requestCall: (_: unknown, _params: PendingCall | null) => {},
      requestPre: on((s) => rules.applyRequestPre(s)),
      recordPreAnswer: on((s, e) => rules.applyPreAnswer(s, code(e), (e as unknown as Answer & { type: 'coInstaller.returned' }).privateData)),
      assumeDoDefault: on((s) => rules.applyNoClassInstaller(s)),
      requestClassInstaller: on((s) => rules.applyRequestClassInstaller(s)),
      recordClassInstallerAnswer: on((s, e) => rules.applyClassInstallerAnswer(s, code(e))),
      skipDefaultStep: on((s) => rules.applyDefaultStepSkipped(s)),
      recordNoDefaultHandler: on((s) => rules.applyNoDefaultHandler(s)),
      requestDefaultHandler: on((s) => rules.applyRequestDefaultHandler(s)),
      recordDefaultHandlerAnswer: on((s, e) => rules.applyDefaultHandlerAnswer(s, code(e))),
      queuePostprocessing: on((s) => rules.applyQueuePostprocessing(s)),
      requestPost: on((s) => rules.applyRequestPost(s)),
      recordPostAnswer: on((s, e) => rules.applyPostAnswer(s, code(e))),
    },
    guards: {
      isRejected: (a: Args) => rules.isRejected(ds(a)),
      hasNextCoInstaller: (a: Args) => rules.hasNextCoInstaller(ds(a)),
      anotherCoInstallerFollows: (a: Args) => rules.anotherCoInstallerFollows(ds(a)),
      answersPendingCoInstaller: (a: Args) => {
        const e = a.event as unknown as Answer;
        return e.type === 'coInstaller.returned' && rules.answersPending(ds(a), e); // the event names who, index and phase
      },
      answersPendingClassInstaller: (a: Args) => answers(a.event, 'classInstaller.returned') && rules.answersPending(ds(a), CLASS_INSTALLER),
      answersPendingDefaultHandler: (a: Args) => answers(a.event, 'defaultHandler.returned') && rules.answersPending(ds(a), DEFAULT_HANDLER),
      /** The preprocessing answer is a failure, and the profile sends such a failure to `params.route`. */
      failureRoutesTo: (a: Args, params: { route: PreFailureRoute }) => rules.preAnswerRoute(ds(a), code(a.event)) === params.route,
      hasClassInstaller: (a: Args) => rules.hasClassInstaller(ds(a)),
      defaultStepReached: (a: Args) => rules.defaultStepReached(ds(a)),
      hasDefaultHandler: (a: Args) => rules.hasDefaultHandler(ds(a)),
      hasNextPostprocessing: (a: Args) => rules.hasNextPostprocessing(ds(a)),
      anotherPostprocessingFollows: (a: Args) => rules.anotherPostprocessingFollows(ds(a)),
    },
  };
}

/** A transition as the mounting machine adds it (its guard and action names are its own). */
export type ExtraTransition = { readonly guard?: unknown; readonly target?: string; readonly actions?: unknown };

/** A DIF the default handler sends while it runs, mounted inside its call. */
export interface NestedDispatch {
  /** The state's key inside the default handler's call. */
  readonly name: string;
  /** Guard: the handler sends the nested DIF now. */
  readonly due: string;
  /** Action that starts the nested DIF; action that records it when it is done. */
  readonly start: string;
  readonly finish: string;
  /** The nested dispatch's state node (its states, typically dispatchStates again). */
  readonly node: object;
}

export interface MountOptions<C> {
  /** The id of the state node whose states these are: targets are written `#id.…`. */
  readonly id: string;
  readonly lens: Lens<C, DispatchState>;
  /** Tried before the dispatch's own transitions when a co-installer or the class installer answers (e.g. the call hangs). */
  readonly beforeAnswer?: readonly ExtraTransition[];
  /** Actions run first whenever the dispatch accepts a co-installer's or the class installer's answer (e.g. its effects). */
  readonly onAnswer?: readonly string[];
  /** Actions run after the dispatch records the default handler's answer. */
  readonly onDefaultHandlerAnswer?: readonly string[];
  /** A DIF the default handler sends before it returns (the handler's answer is awaited after it). */
  readonly nested?: NestedDispatch;
}

/**
 * The dispatch's states: `{ initial, states }` to spread into the state node with id `options.id`.
 * Every waiting state is tagged `calling` and with the kind of installer called (a viewer
 * highlights them); every preprocessing answer is routed by guarded transitions of the calling
 * state, one per place it can go.
 */
export function dispatchStates<C>(options: MountOptions<C>) {
  const { id, lens } = options;
  const at = (path: string) => `#${id}.${path}`;
  const before = options.beforeAnswer ?? [];
  const withAnswer = (action: string) => [...(options.onAnswer ?? []), action];
  const requestCall = { type: 'requestCall', params: ({ context }: { context: C }) => lens.get(context).pending } as const;
  const answered = (guard: string, extra?: string | object) => (extra ? and([guard, extra as never]) : guard);
  return {
    initial: 'starting',
    states: {
      starting: {
        description: 'The implementation may refuse the call before calling anyone (unknown DIF, NULL DeviceInfoData)',
        always: [{ guard: 'isRejected', target: 'done' }, { target: 'preprocessing' }],
      },
      preprocessing: {
        description: 'Class co-installers, then device co-installers, in list order (PostProcessing = FALSE)',
        tags: ['pre'],
        initial: 'choosing',
        states: {
          choosing: {
            description: 'Call the next co-installer, or go on to the class installer when none is left',
            always: [{ guard: 'hasNextCoInstaller', target: 'calling' }, { target: at('classInstaller') }],
          },
          calling: {
            description:
              "A co-installer's preprocessing call: NO_ERROR or ERROR_DI_POSTPROCESSING_REQUIRED go on; a failure goes where the profile routes it",
            tags: ['calling', 'coInstaller', 'pre'],
            entry: ['requestPre', requestCall],
            on: {
              'coInstaller.returned': [
                ...before,
                ...FAILURE_ROUTES.map((route) => ({
                  guard: answered('answersPendingCoInstaller', { type: 'failureRoutesTo', params: { route } }),
                  target: at(route === 'postprocessing' ? 'postprocessing' : route === 'class-installer' ? 'classInstaller' : 'done'),
                  actions: withAnswer('recordPreAnswer'),
                })),
                {
                  guard: answered('answersPendingCoInstaller', 'anotherCoInstallerFollows'),
                  target: 'calling',
                  reenter: true,
                  actions: withAnswer('recordPreAnswer'),
                },
                { guard: 'answersPendingCoInstaller', target: at('classInstaller'), actions: withAnswer('recordPreAnswer') },
              ],
            },
          },
        },
      },
      classInstaller: {
        description: 'The class installer, if the class has one; none means ERROR_DI_DO_DEFAULT',
        initial: 'choosing',
        states: {
          choosing: {
            description: 'Call the class installer, or assume ERROR_DI_DO_DEFAULT when the class has none',
            always: [
              { guard: 'hasClassInstaller', target: 'calling' },
              { target: at('defaultHandler'), actions: 'assumeDoDefault' },
            ],
          },
          calling: {
            description: "The class installer's call: its answer becomes the status",
            tags: ['calling', 'classInstaller'],
            entry: ['requestClassInstaller', requestCall],
            on: {
              'classInstaller.returned': [
                ...before,
                { guard: 'answersPendingClassInstaller', target: at('defaultHandler'), actions: withAnswer('recordClassInstallerAnswer') },
              ],
            },
          },
        },
      },
      defaultHandler: {
        description: "The DIF's default handler, when the status is ERROR_DI_DO_DEFAULT and DI_NODI_DEFAULTACTION is clear",
        initial: 'choosing',
        states: {
          choosing: {
            description: 'Call the default handler when the step is reached and the DIF has one',
            always: [
              { guard: and(['defaultStepReached', 'hasDefaultHandler']), target: 'calling' },
              { guard: 'defaultStepReached', target: at('postprocessing'), actions: 'recordNoDefaultHandler' },
              { target: at('postprocessing'), actions: 'skipDefaultStep' },
            ],
          },
          calling: {
            description: "The default handler's call: its answer becomes the status",
            tags: ['calling', 'defaultHandler'],
            entry: ['requestDefaultHandler', ...(options.nested ? [] : [requestCall])],
            ...(options.nested ? nestedCall(options.nested, requestCall) : {}),
            on: {
              'defaultHandler.returned': {
                guard: 'answersPendingDefaultHandler',
                target: at('postprocessing'),
                actions: ['recordDefaultHandlerAnswer', ...(options.onDefaultHandlerAnswer ?? [])],
              },
            },
          },
        },
      },
      postprocessing: {
        description: 'Co-installers that asked for it, called back with InstallResult and their PrivateData',
        tags: ['post'],
        entry: 'queuePostprocessing',
        initial: 'choosing',
        states: {
          choosing: {
            description: 'Call back the next co-installer that asked for postprocessing, or finish',
            always: [{ guard: 'hasNextPostprocessing', target: 'calling' }, { target: at('done') }],
          },
          calling: {
            description: "A co-installer's postprocessing call (PostProcessing = TRUE): its answer becomes the status",
            tags: ['calling', 'coInstaller', 'post'],
            entry: ['requestPost', requestCall],
            on: {
              'coInstaller.returned': [
                ...before,
                {
                  guard: answered('answersPendingCoInstaller', 'anotherPostprocessingFollows'),
                  target: 'calling',
                  reenter: true,
                  actions: withAnswer('recordPostAnswer'),
                },
                { guard: 'answersPendingCoInstaller', target: at('done'), actions: withAnswer('recordPostAnswer') },
              ],
            },
          },
        },
      },
      done: {
        type: 'final',
        description: 'SetupDiCallClassInstaller returns TRUE iff the status is NO_ERROR',
      },
    },
  } as unknown as MountedStates;
}

/**
 * The default handler's call when the handler may send a DIF first: the nested dispatch runs, then
 * the handler's own answer is awaited (and only then announced: a run that hangs inside the nested
 * DIF leaves no announced call unanswered).
 */
function nestedCall(nested: NestedDispatch, requestCall: object) {
  return {
    initial: 'checking',
    states: {
      checking: {
        description: 'The handler starts: does it send a DIF of its own first?',
        always: [{ guard: nested.due, target: nested.name, actions: nested.start }, { target: 'awaiting' }],
      },
      [nested.name]: { ...nested.node, onDone: { target: 'awaiting', actions: nested.finish } },
      awaiting: {
        description: "Waiting for the default handler's answer",
        entry: [requestCall],
      },
    },
  };
}

/**
 * What dispatchStates gives, typed loosely on purpose: xstate checks action and guard names where
 * a config is written, and the names here come from two machines' setups. A test
 * (test/machines/definition.test.ts) walks both machines and checks every name has an implementation.
 */
export interface MountedStates {
  readonly initial: 'starting';
  readonly states: {};
}
