/**
 * `npm run bench -- --only dispatch`: one DIF_INSTALLDEVICE through the difDispatch machine, on
 * each of dispatch()'s two engines (src/host/runDif.ts), against the plain-function oracle of the
 * same rules (properties/oracle/dispatchOracle.ts), for chains of 0, 4 and 16 co-installers (half
 * class, half device; every fourth asks for postprocessing) and a class installer returning
 * ERROR_DI_DO_DEFAULT:
 *
 *  - executor: the derived executor (src/executor/), what runDif runs when nothing inspects it;
 *  - XState actor: what runDif runs when an inspector is attached (here a no-op inspector: the
 *    figure is XState's own cost, not an inspector's);
 *  - XState transition(): XState's pure transition functions (src/host/fold.ts), which runDif ran
 *    before it had two engines (for comparison with earlier figures; no target);
 *  - XState's floor (bench/xstateFloor.ts): a one-state machine taking the same number of answers,
 *    one microstep and one plain assign each, through an inspected actor: the fastest any XState
 *    path with that many answers can be, so the XState target is reachable only where it is ≤ 50×;
 *    and below it, that machine's actor created, started and stopped with no event and no inspector.
 *
 * Each figure is the best of three interleaved rounds (other work on the machine slows single
 * rounds), after a warm-up of every engine on every size (XState's code takes a second or more to
 * reach its optimised form); the ratio is oracle dispatches per second ÷ engine dispatches per second. Targets
 * (issue 11): executor ≤ 10×, XState ≤ 50×.
 */
import { dispatch } from '../src/host/runDif.js';
import { validateScenario } from '../src/scenario/load.js';
import { oracleDispatch } from '../properties/oracle/dispatchOracle.js';
import { fmt, metOrNot } from './support.js';
import { xstateBareActor, xstateFloorRun } from './xstateFloor.js';

export interface DispatchBenchOptions {
  readonly say: (line: string) => void;
  readonly quick: boolean;
}

export const EXECUTOR_TARGET = 10;
export const XSTATE_TARGET = 50;


/** Calls per second of fn over about `ms` milliseconds (after a short warm-up). */
function rate(fn: () => void, ms: number): number {
  const warm = performance.now();
  while (performance.now() - warm < ms / 5) fn();
  let count = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 50; i++) fn();
    count += 50;
    now = performance.now();
  }
  return (count * 1000) / (now - start);
}

/** The benchmark's scenario document: n co-installers, half class, half device. */
export function chain(n: number) {
  const half = Math.floor(n / 2);
  const co = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => ({
      name: `${prefix}${i}.dll,Entry`,
      on: { '*': i % 4 === 0 ? { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', privateData: i } : { pre: 'NO_ERROR' } },
    }));
  return {
    device: { description: 'bench device' },
    classCoInstallers: co('class', half),
    deviceCoInstallers: co('device', n - half),
    classInstaller: { name: 'ci.dll', on: { '*': { returns: 'ERROR_DI_DO_DEFAULT' } } },
  };
}

/** How many answers one dispatch of the scenario takes (the calls it makes). */
const answersOf = (scenario: Parameters<typeof dispatch>[0]): number => dispatch(scenario, 0x02, { engine: 'executor' }).calls.length;

const verdict = (ratio: number, target: number) => `target: ≤ ${target}× — measured ${ratio.toFixed(1)}× — ${metOrNot(ratio <= target)}`;

export function benchDispatch({ say, quick }: DispatchBenchOptions): void {
  const ms = quick ? 200 : 1000;
  say('### Dispatch: machine vs plain function');
  say('');
  say('| co-installers | answers | plain-function dispatches/s | executor dispatches/s | executor ÷ plain | XState actor dispatches/s | actor ÷ plain | XState transition() dispatches/s | transition() ÷ plain | XState floor runs/s | floor ÷ plain |');
  say('|---|---|---|---|---|---|---|---|---|---|---|');
  const verdicts: string[] = [];
  // XState's code takes long to reach its optimised form: warm every engine up on every size first.
  const warmInspect = () => {};
  for (const n of [0, 4, 16]) {
    const doc = chain(n);
    const { scenario } = validateScenario(doc);
    rate(() => oracleDispatch(doc, 0x02), ms);
    rate(() => dispatch(scenario, 0x02, { engine: 'executor' }), ms);
    rate(() => dispatch(scenario, 0x02, { inspect: warmInspect }), ms);
    rate(() => dispatch(scenario, 0x02, { engine: 'xstate' }), ms);
    rate(() => xstateFloorRun(answersOf(scenario)), ms);
  }
  const floors: string[] = [];
  const bares: string[] = [];
  rate(xstateBareActor, ms);
  let bare = 0;
  for (let round = 0; round < 3; round++) bare = Math.max(bare, rate(xstateBareActor, ms));
  for (const n of [0, 4, 16]) {
    const doc = chain(n);
    const { scenario } = validateScenario(doc);
    let plain = 0;
    let executor = 0;
    let actor = 0;
    let pure = 0;
    let floor = 0;
    const answers = answersOf(scenario);
    const inspect = () => {};
    for (let round = 0; round < 3; round++) {
      plain = Math.max(plain, rate(() => oracleDispatch(doc, 0x02), ms));
      executor = Math.max(executor, rate(() => dispatch(scenario, 0x02, { engine: 'executor' }), ms));
      actor = Math.max(actor, rate(() => dispatch(scenario, 0x02, { inspect }), ms));
      pure = Math.max(pure, rate(() => dispatch(scenario, 0x02, { engine: 'xstate' }), ms));
      floor = Math.max(floor, rate(() => xstateFloorRun(answers), ms));
    }
    const e = plain / executor;
    const a = plain / actor;
    const p = plain / pure;
    const f = plain / floor;
    say(`| ${n} | ${answers} | ${fmt(plain)} | ${fmt(executor)} | ${e.toFixed(1)}× | ${fmt(actor)} | ${a.toFixed(1)}× | ${fmt(pure)} | ${p.toFixed(1)}× | ${fmt(floor)} | ${f.toFixed(1)}× |`);
    verdicts.push(`- ${n} co-installers: executor ${verdict(e, EXECUTOR_TARGET)}; XState actor ${verdict(a, XSTATE_TARGET)}`);
    bares.push(`${n}: ${(plain / bare).toFixed(1)}×`);
    floors.push(`${n} co-installers (${answers} answers): ${f.toFixed(1)}×${f > XSTATE_TARGET ? ', above the target' : f > XSTATE_TARGET / 2 ? ', more than half the target' : ''}`);
  }
  say('');
  for (const line of verdicts) say(line);
  say(`- XState's floor (a one-state machine, one microstep and one plain assign per answer, inspected actor) ÷ plain: ${floors.join('; ')}.`);
  say(`- Less than any dispatch: the floor machine's actor created, started and stopped, no event, no inspector: ${fmt(bare)}/s, ÷ plain at ${bares.join(', ')} co-installers.`);
  say('');
}
