/**
 * Refinement, exhaustively at the default bounds: every state and every transition that
 * `devinst explore` visits (each profile, DIF_INSTALLDEVICE, DEFAULT_DISPATCH_BOUNDS) is stepped
 * again through XState itself — the difDispatch machine's own `transition` (with the same inert
 * actor scope `runDif` and replay use, src/host/fold.ts) — and the derived executor's result is
 * compared with XState's: the state value, the status, the tags, the whole context (equal once
 * serialised as the journal and the RunResult serialise it: logs as arrays) and the output.
 *
 * The explored states are abstract (the VIEW keeps what a later step reads); each stands for the
 * concrete state its first path reaches, which the test rebuilds along the exploration's own
 * transitions, in XState and in the executor side by side.
 */
import { difDispatchMachine } from '../../machines/difDispatch/difDispatch.machine.js';
import { PROFILE_NAMES } from '../../src/domain/profiles.js';
import { parseDif } from '../../src/domain/codes.js';
import { DEFAULT_DIF as DEFAULT_DIF_NAME } from '../../src/host/runDif.js';
import { createFold } from '../../src/host/fold.js';
import { exploreDispatch } from '../../src/explore/dispatch/dispatchExplorer.js';
import { configurations, DEFAULT_DISPATCH_BOUNDS, planOf } from '../../src/explore/dispatch/dispatchSpace.js';
import { answerEvent, dispatchSteps, type StepperState } from '../../src/explore/dispatch/dispatchSteps.js';
import { Mismatches } from '../support/refinement.js';

const DEFAULT_DIF = parseDif(DEFAULT_DIF_NAME);
type Snapshot = ReturnType<ReturnType<typeof createFold<typeof difDispatchMachine>>['initial']>;

describe.each(PROFILE_NAMES)('the derived executor refines the machine: %s, default bounds', (profile) => {
  it('should agree with XState on every explored state and transition', () => {
    const steps = dispatchSteps();
    const fold = createFold(difDispatchMachine);
    const plans = configurations(DEFAULT_DISPATCH_BOUNDS).map((c) => planOf(profile, DEFAULT_DIF, c));
    const executorStates: StepperState[] = [];
    const snapshots: Snapshot[] = [];
    const mismatches = new Mismatches();
    const compare = (where: string, ours: StepperState, theirs: Snapshot) =>
      mismatches.compare(() => where, { value: steps.executor.value(ours), status: ours.status, context: ours.context, output: ours.output, tags: steps.executor.tags(ours) }, theirs);
    const exploration = exploreDispatch({
      profile,
      dif: DEFAULT_DIF,
      bounds: DEFAULT_DISPATCH_BOUNDS,
      onInitial: (id, config) => {
        executorStates[id] = steps.start(plans[config]);
        snapshots[id] = fold.initial(plans[config]);
        compare(`initial state ${id}`, executorStates[id], snapshots[id]);
      },
      onTransition: (from, answer, to, isNew) => {
        const ours = executorStates[from];
        const pending = ours.context.pending!;
        const event = answerEvent(pending, answer.code, answer.storesPrivateData ? pending.index : undefined);
        const next = steps.send(ours, event);
        const theirs = fold.next(snapshots[from], event);
        compare(`state ${from} on ${JSON.stringify(event)}`, next, theirs);
        if (isNew) {
          executorStates[to] = next;
          snapshots[to] = theirs;
        }
      },
    });
    expect(mismatches.found).toEqual([]);
    // every distinct state was rebuilt, and every transition compared
    expect(executorStates.filter(Boolean)).toHaveLength(exploration.distinctStates);
    expect(mismatches.compared).toBe(exploration.configurations + exploration.transitions);
  });
});
