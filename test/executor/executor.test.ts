/**
 * The derived executor against XState itself, on small charts that use each feature it supports
 * (compound states, relative and `#id` targets, eventless transitions, guarded event transitions,
 * parameterised guards and actions, and/or/not, entry/exit/transition actions in SCXML order,
 * reentering transitions, wildcard descriptors, forbidden (empty) transitions, done events of
 * compound states, final states and output), and the features it refuses.
 */
import { and, assign, createActor, initialTransition, not, or, raise, setup, stateIn, transition, type AnyStateMachine, type EventObject } from 'xstate';
import { Executor, UnsupportedMachineError } from '../../src/executor/index.js';

type Ctx = { n: number; log: string[] };
type Ev = { type: 'inc'; by: number } | { type: 'go' } | { type: 'back' } | { type: 'stop' } | { type: 'noop' };

const note = (what: string) => assign<Ctx, Ev, undefined, Ev, never>(({ context }) => ({ log: [...context.log, what] }));

const chart = setup({
  types: {} as { context: Ctx; events: Ev; input: { start: number }; output: { n: number; log: string[] } },
  actions: {
    add: assign(({ context }, params) => ({ n: context.n + (params as { by: number }).by })),
    addEvent: assign({ n: ({ context, event }) => context.n + (event.type === 'inc' ? event.by : 0) }),
    enterA: note('enter a'),
    exitA: note('exit a'),
    enterB: note('enter b'),
    exitB: note('exit b'),
    enterB1: note('enter b1'),
    exitB1: note('exit b1'),
    enterTop: note('enter top'),
    onGo: note('go'),
    noteAny: note('any event'),
    noteInc: note('inc.*'),
    intent: (_: unknown, _params: { n: number }) => {},
  },
  guards: {
    atLeast: ({ context }, params: { n: number }) => context.n >= params.n,
    isEven: ({ context }) => context.n % 2 === 0,
    big: ({ event }) => event.type === 'inc' && event.by > 10,
  },
}).createMachine({
  id: 'chart',
  context: ({ input }) => ({ n: input.start, log: [] }),
  entry: 'enterTop',
  initial: 'a',
  // Wildcards: any event no inner state takes (b2's empty `noop` transition blocks it there).
  on: { '*': { actions: 'noteAny' }, 'inc.*': { actions: 'noteInc' } },
  states: {
    a: {
      entry: ['enterA', { type: 'intent', params: ({ context }) => ({ n: context.n }) }],
      exit: 'exitA',
      always: [{ guard: { type: 'atLeast', params: { n: 100 } }, target: 'done' }],
      on: {
        inc: [
          { guard: 'big', actions: 'addEvent', target: '#chart.b.b2' },
          { actions: 'addEvent' },
        ],
        go: { target: 'b', actions: 'onGo' },
      },
    },
    b: {
      entry: 'enterB',
      exit: 'exitB',
      initial: 'b1',
      on: { back: 'a', stop: { target: 'b', reenter: true } },
      onDone: { target: 'done', actions: { type: 'add', params: { by: 1000 } } },
      states: {
        b1: {
          entry: 'enterB1',
          exit: 'exitB1',
          always: [{ guard: and(['isEven', not({ type: 'atLeast', params: { n: 50 } })]), target: 'b2', actions: { type: 'add', params: { by: 1 } } }],
          on: { inc: { actions: 'addEvent' } },
        },
        b2: {
          on: { inc: [{ guard: or(['isEven', { type: 'atLeast', params: { n: 40 } }]), target: 'b3', actions: 'addEvent' }], noop: {} },
        },
        b3: { type: 'final' },
      },
    },
    done: { type: 'final' },
  },
  output: ({ context }) => ({ n: context.n, log: context.log }),
});

const EVENTS: Ev[] = [{ type: 'inc', by: 1 }, { type: 'inc', by: 20 }, { type: 'go' }, { type: 'back' }, { type: 'stop' }, { type: 'noop' }, { type: 'inc', by: 2 }];

/** Every event sequence up to `depth`, stepped by both, compared after each event. */
function compareAll(machine: AnyStateMachine, input: unknown, events: EventObject[], depth: number) {
  const executor = new Executor(machine);
  let compared = 0;
  const visit = (snapshot: ReturnType<typeof initialTransition>[0], state: ReturnType<Executor['initial']>, d: number) => {
    expect(executor.value(state)).toEqual(snapshot.value);
    expect(state.context).toEqual(snapshot.context);
    expect(state.status).toBe(snapshot.status);
    expect(state.output).toEqual(snapshot.output);
    expect([...executor.tags(state)].sort()).toEqual([...snapshot.tags].sort());
    compared += 1;
    if (d === 0 || snapshot.status !== 'active') return;
    for (const e of events) {
      expect(executor.can(state, e)).toBe(snapshot.can(e));
      const next = executor.send(state, e);
      // sendIfCan: send's state exactly when XState's snapshot can take the event
      const ifCan = executor.sendIfCan(state, e);
      expect(ifCan === undefined).toBe(!snapshot.can(e));
      if (ifCan !== undefined) expect([executor.value(ifCan), ifCan.context, ifCan.status, ifCan.output]).toEqual([executor.value(next), next.context, next.status, next.output]);
      visit(transition(machine, snapshot, e)[0], next, d - 1);
    }
  };
  visit(initialTransition(machine, input)[0], executor.initial(input as never), depth);
  return compared;
}

describe('the derived executor steps a chart as XState does', () => {
  test.each([0, 1, 38])('every sequence of 4 events from n = %i: same value, context, status, output and tags', (start) => {
    expect(compareAll(chart, { start }, EVENTS, 4)).toBeGreaterThan(100);
  });

  test('consume: a run that hands each state over (context written in place) ends as XState does, and leaves earlier states of a branching run alone', () => {
    const executor = new Executor(chart);
    const sequences: Ev[][] = [[]];
    for (let d = 0; d < 4; d++) for (const seq of sequences.splice(0)) for (const e of EVENTS) sequences.push([...seq, e]);
    let compared = 0;
    for (const seq of sequences) {
      let snapshot = initialTransition(chart, { start: 1 })[0];
      let state = executor.initial({ start: 1 });
      const kept = executor.initial({ start: 1 });
      const keptContext = JSON.stringify(kept.context);
      for (const e of seq) {
        if (snapshot.status !== 'active') break; // an actor drops events once done (compareAll stops there too)
        snapshot = transition(chart, snapshot, e)[0];
        state = executor.send(state, e, { consume: true });
      }
      expect(executor.value(state)).toEqual(snapshot.value);
      expect(state.context).toEqual(snapshot.context);
      expect(state.status).toBe(snapshot.status);
      expect(state.output).toEqual(snapshot.output);
      // a state stepped without consume is a value: sending from it twice changes nothing in it
      if (seq.length > 0) executor.send(executor.send(kept, seq[0]), seq[0]);
      expect(JSON.stringify(kept.context)).toBe(keptContext);
      compared += 1;
    }
    expect(compared).toBe(EVENTS.length ** 4);
  });

  test('sendIfCan with consume: a run that steps only what it can ends as XState does, and an event it cannot take leaves the state as it was', () => {
    const executor = new Executor(chart);
    const sequences: Ev[][] = [[]];
    for (let d = 0; d < 4; d++) for (const seq of sequences.splice(0)) for (const e of EVENTS) sequences.push([...seq, e]);
    let refused = 0;
    for (const seq of sequences) {
      let snapshot = initialTransition(chart, { start: 1 })[0];
      let state = executor.initial({ start: 1 });
      for (const e of seq) {
        if (snapshot.status !== 'active') {
          expect(executor.sendIfCan(state, e, { consume: true })).toBeUndefined(); // nothing steps a finished run
          break;
        }
        const before = JSON.stringify([executor.value(state), state.context, state.status]);
        const next = executor.sendIfCan(state, e, { consume: true });
        if (next === undefined) {
          expect(snapshot.can(e)).toBe(false);
          expect(JSON.stringify([executor.value(state), state.context, state.status])).toBe(before);
          refused += 1;
          continue;
        }
        snapshot = transition(chart, snapshot, e)[0];
        state = next;
      }
      expect([executor.value(state), state.context, state.status, state.output]).toEqual([snapshot.value, snapshot.context, snapshot.status, snapshot.output]);
    }
    expect(refused).toBeGreaterThan(100);
  });

  test('an eventless transition of the initial state can end the machine at once', () => {
    expect(compareAll(chart, { start: 100 }, EVENTS, 4)).toBe(1);
    expect(new Executor(chart).initial({ start: 100 }).status).toBe('done');
  });

  test('intent actions are recorded with their resolved params, never run', () => {
    const intents: { type: string; params: unknown }[] = [];
    new Executor(chart).initial({ start: 7 }, { intents });
    expect(intents).toEqual([{ type: 'intent', params: { n: 7 } }]);
  });

  test('provide() replaces guards and actions by name', () => {
    const changed = chart.provide({ guards: { big: () => true } });
    const state = new Executor(changed).send(new Executor(changed).initial({ start: 0 }), { type: 'inc', by: 1 } as EventObject);
    expect(new Executor(changed).value(state)).toEqual({ b: 'b2' });
    expect(compareAll(changed, { start: 0 }, EVENTS, 3)).toBeGreaterThan(10);
  });

  test('watch: sees every assign of a step (before and after) as onAssign does, while the step writes its own copy in place', () => {
    const executor = new Executor(chart);
    const start = executor.initial({ start: 2 });
    const startContext = JSON.stringify(start.context);
    const watched: string[] = [];
    const hooked: string[] = [];
    // `go` runs exitA, onGo, enterB, enterB1, then b1's eventless transition (n = 2 is even): exitB1, add — six assigns.
    const viaWatch = executor.send(start, { type: 'go' }, { watch: { before: (c: Ctx) => watched.push(`before ${c.log.length}`), after: (c: Ctx) => watched.push(`after ${c.log.length} n=${c.n}`) } as never });
    const viaHook = executor.send(start, { type: 'go' }, { onAssign: ((before: Ctx, after: Ctx) => hooked.push(`before ${before.log.length}`, `after ${after.log.length} n=${after.n}`)) as never });
    expect(watched).toEqual(hooked);
    expect(watched).toEqual(['before 2', 'after 3 n=2', 'before 3', 'after 4 n=2', 'before 4', 'after 5 n=2', 'before 5', 'after 6 n=2', 'before 6', 'after 7 n=2', 'before 7', 'after 7 n=3']);
    expect(viaWatch.context).toEqual(viaHook.context);
    expect(executor.value(viaWatch)).toEqual({ b: 'b2' });
    // the state it started from is unchanged
    expect(JSON.stringify(start.context)).toBe(startContext);
  });

  test('a hook that steps the same executor from inside a step is refused, and the executor stays usable', () => {
    const executor = new Executor(chart);
    const start = executor.initial({ start: 0 });
    expect(() => executor.send(start, { type: 'go' }, { onAssign: () => executor.send(start, { type: 'go' }) })).toThrow(/called again from inside a step/);
    expect(executor.value(executor.send(start, { type: 'go' }))).toEqual({ b: 'b2' });
  });

  test('an actor ends with the same output', () => {
    const actor = createActor(chart, { input: { start: 40 } }).start();
    const executor = new Executor(chart);
    let state = executor.initial({ start: 40 });
    for (const e of [{ type: 'go' }, { type: 'inc', by: 1 }] as Ev[]) {
      actor.send(e);
      state = executor.send(state, e);
    }
    expect(actor.getSnapshot().status).toBe('done');
    expect(state.output).toEqual(actor.getSnapshot().output);
    expect(state.output).toEqual({ n: 1042, log: expect.arrayContaining(['exit b1', 'exit b']) });
  });
});

describe('what it refuses, with the state node named', () => {
  const base = setup({ types: {} as { events: { type: 'x' } }, delays: { soon: 10 } });
  test.each([
    ['parallel states', base.createMachine({ id: 'p', type: 'parallel', states: { a: {}, b: {} } }), /#p: parallel states/],
    ['history states', base.createMachine({ id: 'h', initial: 'a', states: { a: {}, hist: { type: 'history' } } }), /#h\.hist: history states/],
    ['delayed transitions', base.createMachine({ id: 'd', initial: 'a', states: { a: { after: { soon: 'b' } }, b: {} } }), /#d\.a: delayed/],
    ['invoke', setup({ actors: { child: setup({}).createMachine({}) } }).createMachine({ id: 'i', initial: 'a', states: { a: { invoke: { src: 'child' } } } }), /#i\.a: invoke/],
    ['raise', base.createMachine({ id: 'r', initial: 'a', states: { a: { entry: raise({ type: 'x' }) } } }), /entry of #r\.a.*xstate\.raise is not supported/],
    ['stateIn', base.createMachine({ id: 's', initial: 'a', states: { a: { on: { x: { guard: stateIn('#s.a') as never, target: 'a' } } } } }), /stateIn/],
  ])('%s', (_name, machine, message) => {
    expect(() => new Executor(machine as AnyStateMachine)).toThrow(UnsupportedMachineError);
    expect(() => new Executor(machine as AnyStateMachine)).toThrow(message);
  });
});
