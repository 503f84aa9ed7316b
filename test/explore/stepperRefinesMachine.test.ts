/**
 * Refinement: the fast stepper (src/explore/dispatchStepper.ts) takes exactly the steps of the
 * difDispatch machine. For random scenarios (the property tests' arbitraries, every profile), random
 * semantics (every combination of Semantics choices, so planted mutants are covered too), random
 * DIFs and random answer sequences (answers to the pending call, and events that do not answer it,
 * which both must ignore), after every event:
 *  - the machine's state value is the stepper's node,
 *  - the machine's context is the stepper's state, field by field (as JSON),
 *  - the calls each recorded, with the status right after and the violations they caused, agree
 *    (what the explorer's invariant monitors see),
 * and the machine's output is the stepper's RunResult.
 */
import fc from 'fast-check';
import { difDispatchMachine } from '../../machines/difDispatch/difDispatch.machine.js';
import type { DifDispatchEvent } from '../../machines/difDispatch/difDispatch.types.js';
import { hex } from '../../src/domain/codes.js';
import { planDispatch } from '../../src/domain/dispatchPlan.js';
import type { PendingCall } from '../../src/domain/dispatchRules.js';
import type { Semantics } from '../../src/domain/profiles.js';
import type { Json } from '../../src/domain/scenario.js';
import { answerPending, runResultOf, sendEvent, startDispatch, type CallHook, type StepperState } from '../../src/explore/dispatch/dispatchStepper.js';
import { machineTrace } from '../../src/explore/dispatch/machineTrace.js';
import { createFold } from '../../src/host/fold.js';
import { stateName } from '../../src/journal/replay.js';
import { validateScenario } from '../../src/scenario/load.js';
import type { DispatchObservation } from '../../src/invariants/index.js';
import { difArb, scenarioDocArb } from '../../properties/arbitraries/scenario.js';

const semanticsArb: fc.Arbitrary<Semantics> = fc.record({
  participation: fc.constantFrom('device-info' as const, 'reactos-mask' as const),
  unknownDif: fc.constantFrom('pass-to-installers' as const, 'not-supported' as const),
  nullDeviceInfo: fc.constantFrom('class-installers-only' as const, 'rejected' as const, 'crash' as const),
  entryPoint: fc.constantFrom('default-entry' as const, 'comma-required' as const, 'untrimmed-split' as const),
  onPreFailure: fc.record({
    classCoInstaller: fc.constantFrom('postprocessing' as const, 'class-installer' as const, 'return' as const),
    deviceCoInstaller: fc.constantFrom('postprocessing' as const, 'class-installer' as const, 'return' as const),
  }),
  postprocessing: fc.constantFrom('reverse' as const, 'forward' as const, 'never' as const),
  privateData: fc.constantFrom('per-coinstaller' as const, 'shared-context' as const),
  defaultHandlers: fc.constantFrom('documented' as const, 'reactos' as const, 'wine' as const),
  noDefaultActionFlag: fc.constantFrom('honoured' as const, 'ignored' as const),
  unhandledDoDefault: fc.constantFrom('kept' as const, 'success' as const),
  ciFailedFlag: fc.constantFrom('skips-class-installer' as const, 'ignored' as const),
});

const CODES = [0, 0xe0000226, 0xe000020e, 0x2, 0x5b3, 0xe000022b, 0x1234];
const PRIVATE_DATA: (Json | undefined)[] = [undefined, 7, 'x', null, { n: 1 }];

/** One input: which code, which PrivateData, and whether to send a stray event instead (which must be ignored). */
const inputArb = fc.record({ code: fc.nat(CODES.length - 1), data: fc.nat(PRIVATE_DATA.length - 1), stray: fc.nat(9) });

function answerFor(pending: PendingCall, input: { code: number; data: number; stray: number }): DifDispatchEvent {
  const code = hex(CODES[input.code]);
  if (input.stray === 0) {
    // Something the pending call does not accept: another installer, phase or kind.
    if (pending.who === 'classInstaller') return { type: 'defaultHandler.returned', code };
    if (pending.who === 'defaultHandler') return { type: 'classInstaller.returned', code };
    return { type: 'coInstaller.returned', who: pending.who, index: pending.index! + 1, phase: pending.phase!, code };
  }
  if (input.stray === 1 && pending.who !== 'classInstaller' && pending.who !== 'defaultHandler') {
    return { type: 'coInstaller.returned', who: pending.who, index: pending.index!, phase: pending.phase === 'pre' ? 'post' : 'pre', code };
  }
  switch (pending.who) {
    case 'classInstaller':
      return { type: 'classInstaller.returned', code };
    case 'defaultHandler':
      return { type: 'defaultHandler.returned', code: pending.stubResult !== undefined ? hex(pending.stubResult) : code };
    default: {
      const data = PRIVATE_DATA[input.data];
      return {
        type: 'coInstaller.returned',
        who: pending.who,
        index: pending.index!,
        phase: pending.phase!,
        code,
        ...(data !== undefined ? { privateData: data } : {}),
      };
    }
  }
}

const fold = createFold(difDispatchMachine);
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('the fast stepper refines the difDispatch machine', () => {
  it('should go through the same states, record the same calls and end with the same RunResult', () => {
    const profiles = ['windows', 'reactos', 'wine'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...profiles).chain((p) => scenarioDocArb(p)),
        fc.option(semanticsArb, { freq: 2, nil: undefined }),
        difArb,
        fc.array(inputArb, { maxLength: 30 }),
        (doc, semantics, dif, inputs) => {
          const { scenario } = validateScenario(doc);
          const plan = planDispatch(scenario, dif, semantics);

          const seen: DispatchObservation[] = [];
          let answer: DifDispatchEvent | undefined;
          const hook: CallHook = (ds, i, v) => {
            seen.push({ call: ds.calls.at(i)!, status: ds.status, violations: ds.violations.toArray().slice(v), ...(answer ? { answer } : {}) });
            answer = undefined;
          };

          let machine = fold.initial(plan);
          let stepper: StepperState = startDispatch(plan, hook);
          const events: DifDispatchEvent[] = [];
          const same = () => {
            expect(stepper.node).toBe(stateName(machine));
            expect(plain(stepper.ds)).toEqual(plain(machine.context));
          };
          same();
          for (const input of inputs) {
            if (machine.status !== 'active') break;
            const event = answerFor(machine.context.pending!, input);
            events.push(event);
            machine = fold.next(machine, event);
            answer = event;
            stepper = sendEvent(stepper, event, hook);
            answer = undefined;
            same();
          }
          // Finish with well-formed answers so every run reaches `done`.
          for (let n = 0; machine.status === 'active'; n++) {
            const event = answerFor(machine.context.pending!, { code: n % CODES.length, data: n % PRIVATE_DATA.length, stray: 9 });
            events.push(event);
            machine = fold.next(machine, event);
            answer = event;
            stepper = sendEvent(stepper, event, hook);
            answer = undefined;
            same();
          }
          expect(machine.status).toBe('done');
          expect(runResultOf(stepper)).toEqual(machine.output);

          // What the monitors see: the stepper's hook against the machine's microsteps.
          const trace = machineTrace(plan, events);
          expect(plain(seen)).toEqual(plain(trace.observations));
          expect(trace.output).toEqual(machine.output);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('should ignore every event once done, and answerPending should refuse to answer then', () => {
    const { scenario } = validateScenario({});
    const state = startDispatch(planDispatch(scenario, 0x02));
    expect(state.node).toBe('defaultHandler.calling');
    const end = answerPending(state, 0);
    expect(end.node).toBe('done');
    expect(sendEvent(end, { type: 'defaultHandler.returned', code: '0x00000000' })).toBe(end);
    expect(() => answerPending(end, 0)).toThrow('the dispatch is over');
    // The state answered from is left as it was (branching is safe).
    expect(state.ds.calls.length).toBe(0);
    expect(state.node).toBe('defaultHandler.calling');
  });
});
