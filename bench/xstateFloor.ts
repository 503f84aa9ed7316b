/**
 * XState's own floor for the dispatch bench: the XState path the issue asks for, idealised.
 *
 * Issue 11 asks the XState path (what runDif runs when an inspector is attached) for one microstep
 * per answer and context updates cheaper than immer. The cheapest machine with that shape has one
 * state and takes each answer as one self-transition with one plain `assign`; it runs here exactly
 * as runDif runs difDispatch with an inspector (createActor with a no-op `inspect`, start, one
 * `send` per answer, the final snapshot, stop). No rule is evaluated and no call is planned, so
 * the figure is a lower bound on any XState-path dispatch of that many answers: whatever the
 * difDispatch machine's structure, its inspected actor cannot be faster than this.
 */
import { assign, createActor, setup } from 'xstate';

const floorMachine = setup({
  types: {} as { context: { answers: number }; events: { type: 'answer' } | { type: 'end' } },
}).createMachine({
  id: 'floor',
  context: { answers: 0 },
  initial: 'calling',
  states: {
    calling: {
      on: {
        answer: { target: 'calling', reenter: true, actions: assign({ answers: ({ context }) => context.answers + 1 }) },
        end: 'done',
      },
    },
    done: { type: 'final' },
  },
});

const ANSWER = { type: 'answer' } as const;
const END = { type: 'end' } as const;

/** One run of the floor machine taking `answers` answers (the last one ends it), inspected by a no-op. */
export function xstateFloorRun(answers: number): number {
  const actor = createActor(floorMachine, { inspect: () => {} });
  actor.start();
  for (let i = 1; i < answers; i++) actor.send(ANSWER);
  actor.send(END);
  const snapshot = actor.getSnapshot();
  actor.stop();
  return snapshot.context.answers;
}

/**
 * Less than any run: an actor of the floor machine created, started and stopped, with no event and
 * no inspector. What XState costs per dispatch before the first answer, whatever the machine.
 */
export function xstateBareActor(): boolean {
  const actor = createActor(floorMachine);
  actor.start();
  actor.stop();
  return actor.getSnapshot().status === 'stopped';
}
