/**
 * The explorer keeps the state of each shape as integers (src/explore/dispatch/keptStates.ts): a
 * rebuilt state must be the state kept, field for field and key for key (logs compared as they are
 * serialised), and values get one number only when they are equal all the way down.
 */
import { AppendLog, Boxed } from '../../src/domain/appendLog.js';
import { parseDif } from '../../src/domain/codes.js';
import { PROFILE_NAMES } from '../../src/domain/profiles.js';
import { Status } from '../../src/domain/statusCodes.js';
import { configurations, DEFAULT_DISPATCH_BOUNDS, planOf } from '../../src/explore/dispatch/dispatchSpace.js';
import { dispatchSteps, type StepperState } from '../../src/explore/dispatch/dispatchSteps.js';
import { KeptStates, ValueTable } from '../../src/explore/dispatch/keptStates.js';
import { sharePlanParts } from '../../src/explore/dispatch/sharedPlans.js';
import { DEFAULT_DIF as DEFAULT_DIF_NAME } from '../../src/host/runDif.js';

const DEFAULT_DIF = parseDif(DEFAULT_DIF_NAME);
const CODES = [Status.NO_ERROR, Status.ERROR_DI_POSTPROCESSING_REQUIRED, Status.ERROR_DI_DO_DEFAULT, Status.ERROR_FILE_NOT_FOUND];

/** Every state up to `depth` answers from each configuration's initial state (PrivateData stored or not). */
function statesOf(profile: (typeof PROFILE_NAMES)[number], depth: number): { state: StepperState; config: number }[] {
  const steps = dispatchSteps();
  const plans = configurations(DEFAULT_DISPATCH_BOUNDS).map((c) => planOf(profile, DEFAULT_DIF, c));
  const out: { state: StepperState; config: number }[] = [];
  plans.forEach((plan, config) => {
    let level = [steps.start(plan)];
    for (let d = 0; d <= depth && level.length > 0; d++) {
      const next: StepperState[] = [];
      for (const state of level) {
        if (state.status !== 'active' || state.context.pending === null) continue;
        out.push({ state, config });
        for (const code of CODES) for (const stores of [false, true]) next.push(steps.answer(state, code, stores ? state.context.pending.index : undefined));
      }
      level = next;
    }
  });
  return out;
}

describe.each(PROFILE_NAMES)('kept states are rebuilt exactly: %s', (profile) => {
  it('should rebuild every kept state with the same leaf, the same keys in the same order and equal values', () => {
    const steps = dispatchSteps();
    const plans = configurations(DEFAULT_DISPATCH_BOUNDS).map((c) => planOf(profile, DEFAULT_DIF, c));
    const states = statesOf(profile, 3);
    const kept = new KeptStates();
    states.forEach(({ state }, i) => kept.keep(i, state));
    expect(states.length).toBeGreaterThan(1000);
    states.forEach(({ state, config }, i) => {
      const rebuilt = kept.state(i, plans[config]);
      expect(rebuilt.leaf).toBe(state.leaf);
      expect(rebuilt.status).toBe('active');
      expect(Object.keys(rebuilt.context)).toEqual(Object.keys(state.context));
      // equal as the journal and RunResult serialise them (an append log's buffer may run past its length)
      expect(JSON.stringify(rebuilt.context)).toBe(JSON.stringify(state.context));
      expect(rebuilt.context.plan).toBe(plans[config]);
      // and it steps as the state kept does
      const code = CODES[i % CODES.length];
      expect(JSON.stringify(steps.answer(rebuilt, code).context)).toBe(JSON.stringify(steps.answer(state, code).context));
    });
  });
});

describe('values are numbered by what they are', () => {
  it('should give equal values one number, keep the first one seen, and tell apart what differs anywhere', () => {
    const values = new ValueTable();
    const a = { who: 'classCoInstaller', index: 0, name: 'A', privateData: null };
    const same = { who: 'classCoInstaller', index: 0, name: 'A', privateData: null };
    const id = values.id(a);
    expect(values.id(same)).toBe(id);
    expect(values.value(values.id(same))).toBe(a);
    // key order, a missing key against an undefined one, -0 against 0, a nested difference
    expect(values.id({ index: 0, who: 'classCoInstaller', name: 'A', privateData: null })).not.toBe(values.id(a));
    expect(values.id({ who: 'x', index: undefined })).not.toBe(values.id({ who: 'x' }));
    expect(values.id(-0)).not.toBe(values.id(0));
    expect(values.id({ v: [1, { w: 2 }] })).not.toBe(values.id({ v: [1, { w: 3 }] }));
    expect(values.id({ v: [1, { w: 2 }] })).toBe(values.id({ v: [1, { w: 2 }] }));
    // append logs by their items, boxes by their value
    expect(values.id(AppendLog.of([a]))).toBe(values.id(AppendLog.empty().append(same)));
    expect(values.id(AppendLog.of([a]))).not.toBe(values.id(AppendLog.of([a, a])));
    expect(values.id(new Boxed(1))).toBe(values.id(new Boxed(1)));
    expect(values.id(new Boxed(1))).not.toBe(values.id(new Boxed('1')));
    // anything else by identity
    class Plan {}
    const p = new Plan();
    expect(values.id(p)).toBe(values.id(p));
    expect(values.id(new Plan())).not.toBe(values.id(p));
  });
});

describe('plans share their equal parts', () => {
  it('should give configurations that differ only in the class installer or the flags the very same co-installer list, and change nothing else', () => {
    const configs = configurations({ maxClassCoInstallers: 2, maxDeviceCoInstallers: 1 });
    const plans = configs.map((c) => planOf('windows', DEFAULT_DIF, c));
    const shared = sharePlanParts(plans);
    shared.forEach((plan, i) => {
      expect(JSON.stringify(plan)).toBe(JSON.stringify(plans[i]));
      expect(Object.keys(plan)).toEqual(Object.keys(plans[i]));
      expect(Object.getPrototypeOf(plan)).toBe(Object.getPrototypeOf(plans[i]));
      expect(Object.isFrozen(plan)).toBe(Object.isFrozen(plans[i]));
    });
    const list = (i: number) => JSON.stringify(plans[i].coInstallers);
    for (let i = 0; i < configs.length; i++) {
      for (let j = 0; j < configs.length; j++) {
        if (list(i) === list(j)) expect(shared[i].coInstallers).toBe(shared[j].coInstallers);
        else expect(shared[i].coInstallers).not.toBe(shared[j].coInstallers);
      }
    }
    // before, each plan had a list of its own; now one per distinct list (for 2 + 1: 0+0, 1+0, 2+0, 0+1, 1+1, 2+1)
    expect(new Set(plans.map((p) => p.coInstallers)).size).toBe(configs.length);
    expect(new Set(shared.map((p) => p.coInstallers)).size).toBe(6);
  });
});
