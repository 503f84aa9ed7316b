/**
 * The lifecycle exploration shares work between runs (src/explore/lifecycle/): runs that reach
 * equal states share what follows (stateTable.ts), a check that did not read the timeline gives its
 * verdict to every run of the scenario ending alike, and the invariants' memos are shared by the
 * runs of one scenario (memoIgnoringTimeline). None of it may change what is reported: here the
 * exploration is compared with the plainest one, every (scenario, timeline) installed on its own by
 * install() and judged by every check, at small bounds, with the registered invariants and with
 * checks made to trip over the sharing (one that reads the timeline only through what another
 * check left in a memo, one that reads it only for some results).
 */
import { AppendLog } from '../../src/domain/appendLog.js';
import type { InstallResult } from '../../src/domain/lifecycle/installResult.js';
import type { TimelineEvent } from '../../src/domain/lifecycle/types.js';
import { RecentMap } from '../../src/domain/recentMap.js';
import type { Scenario } from '../../src/domain/scenario.js';
import { Status } from '../../src/domain/statusCodes.js';
import { exploreLifecycle, lifecycleConfigs, lifecycleDocument, TIMELINE_ALPHABET, type LifecycleBounds } from '../../src/explore/lifecycle/lifecycleExplorer.js';
import { equalValues, StateTable } from '../../src/explore/lifecycle/stateTable.js';
import type { InstallSnapshot } from '../../src/host/installFold.js';
import { install } from '../../src/host/runInstall.js';
import { fails, LIFECYCLE_INVARIANTS, type LifecycleInvariant } from '../../src/invariants/index.js';
import { finishInstallFacts } from '../../src/invariants/lifecycle/finishInstallFacts.js';
import { executionOrder, memoIgnoringTimeline } from '../../src/invariants/lifecycle/executionOrder.js';
import { validateScenario } from '../../src/scenario/load.js';

const check = (name: string, fn: LifecycleInvariant['check']): LifecycleInvariant => ({ name, sentence: 'test', source: 'test', machine: 'deviceInstall', check: fn });

/** Checks that trip over shared work if it is shared wrongly. */
const TRAPS: LifecycleInvariant[] = [
  // Reads the timeline through the finish-install facts, and leaves them memoised for the next check of the run.
  check('ReadsChances', (s, r) => (finishInstallFacts(s, r).chances.length > 5 ? fails('more than five chances') : null)),
  // Reads the timeline only through the facts the check before it left (if they were shared).
  check('ReenumeratedChance', (s, r) => (finishInstallFacts(s, r).chances.some((c) => c.trigger.includes('reenumerated')) ? fails('a chance at a re-enumeration') : null)),
  // Reads the timeline for some results only.
  check('PendingAfterTwo', (s, r) => (r.outcome === 'finish-install-pending' && s.lifecycle.timeline.length >= 2 ? fails('pending after two events') : null)),
  // The last event, for results with an attempt; the end state alone.
  check('LastIsRestart', (s, r) => (r.finishInstall.attempts > 0 && s.lifecycle.timeline.at(-1)?.type === 'system.restarted' ? fails('restarted last') : null)),
  check('Notes', (s, r) => (r.notes.length > 1 ? fails(`${r.notes.length} notes`) : null)),
  // The execution order (memoised per result): holds here, judged once per end state.
  check('Calls', (s, r) => (executionOrder(s, r).length > 60 ? fails('many calls') : null)),
];

interface Plain {
  runs: number;
  distinct: number;
  failures: (null | { message: string; timeline: readonly TimelineEvent[]; order: number })[];
}

/** Every (scenario, timeline) installed on its own, breadth-first per scenario as the explorer goes; the first failure of each check at the shortest length, then the smallest scenario. */
function plainExploration(bounds: LifecycleBounds, invariants: readonly LifecycleInvariant[]): Plain {
  const ends = new Set<string>();
  const failures: Plain['failures'] = invariants.map(() => null);
  const found: { length: number; order: number }[] = invariants.map(() => ({ length: Infinity, order: Infinity }));
  let runs = 0;
  lifecycleConfigs(bounds).forEach((config, order) => {
    let level: TimelineEvent[][] = [[]];
    for (let length = 0; level.length > 0; length++) {
      const next: TimelineEvent[][] = [];
      for (const timeline of level) {
        const scenario: Scenario = validateScenario(lifecycleDocument('windows', bounds.sequence, config, timeline)).scenario;
        let waited = false;
        const result: InstallResult = install(scenario, { onEvent: (e) => void (waited ||= e.type === 'timeline.ended') });
        runs += 1;
        ends.add(JSON.stringify(result));
        invariants.forEach((invariant, k) => {
          const f = found[k];
          if (f.length < length || (f.length === length && f.order <= order)) return;
          const failure = invariant.check(scenario, result);
          if (failure) {
            found[k] = { length, order };
            failures[k] = { message: failure.failure, timeline, order };
          }
        });
        // The explorer branches a run that still waits for the environment once its timeline is over.
        if (length < bounds.maxTimeline && waited) for (const event of TIMELINE_ALPHABET) next.push([...timeline, event]);
      }
      level = next;
    }
  });
  return { runs, distinct: ends.size, failures };
}

describe('the lifecycle exploration shares work without changing what it reports', () => {
  const bounds = (sequence: LifecycleBounds['sequence'], maxTimeline: number): LifecycleBounds => ({ sequence, maxClassCoInstallers: 0, maxDeviceCoInstallers: 1, codes: [Status.NO_ERROR, Status.ERROR_FILE_NOT_FOUND], maxTimeline });

  it.each([
    ['hardware-first', 2, ['ReenumeratedChance', 'PendingAfterTwo', 'LastIsRestart', 'Notes']],
    ['properties', 3, ['ReenumeratedChance', 'Notes']],
  ] as const)('should report what installing and judging every run on its own reports: %s, timelines of up to %i events', (sequence, maxTimeline, tripping) => {
    const invariants = [...LIFECYCLE_INVARIANTS, ...TRAPS];
    const b = bounds(sequence, maxTimeline);
    const plain = plainExploration(b, invariants);
    const shared = exploreLifecycle({ profile: 'windows', bounds: b, invariants });
    expect({ runs: shared.runs, distinct: shared.distinctStates }).toEqual({ runs: plain.runs, distinct: plain.distinct });
    const configs = lifecycleConfigs(b);
    expect(shared.results.map((x) => x.failure)).toEqual(
      plain.failures.map((f) => (f ? { message: f.message, document: lifecycleDocument('windows', sequence, configs[f.order], f.timeline) } : null)),
    );
    // the traps trip (hardware-first: through the timeline, through another check's memo, for some results only)
    expect(TRAPS.filter((_, k) => plain.failures[LIFECYCLE_INVARIANTS.length + k] !== null).map((t) => t.name)).toEqual([...tripping]);
    expect(shared.stepped).toBeLessThan(shared.transitions);
  });
});

describe('states told apart by value (stateTable.ts)', () => {
  it('should take append logs by their visible items, whatever their shared buffers hold', () => {
    const base = AppendLog.of(['a']);
    const one = base.append('b');
    const other = base.append('c'); // copies the prefix: its own buffer
    expect(equalValues(one, AppendLog.of(['a', 'b']))).toBe(true);
    expect(equalValues(base, AppendLog.of(['a']))).toBe(true); // base's buffer holds 'b' as well
    expect(equalValues(one, other)).toBe(false);
  });

  it('should tell apart objects of other prototypes, other key orders and maps with other entries', () => {
    class Box {
      constructor(readonly value: number) {}
    }
    expect(equalValues({ value: 1 }, new Box(1))).toBe(false);
    expect(equalValues({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(equalValues({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(equalValues(new Map([['x', 1]]), new Map([['x', 1]]))).toBe(true);
    expect(equalValues(new Map([['x', 1]]), new Map([['x', 2]]))).toBe(false);
    expect(equalValues({ a: undefined }, {})).toBe(false);
  });

  it('should give the entry of an equal state met before, and a new one otherwise', () => {
    const snapshot = (admin: boolean, notes: string[]): InstallSnapshot =>
      ({ value: 'installed', status: 'active', context: { install: { session: { admin }, notes: AppendLog.of(notes) } }, output: undefined, tags: new Set() }) as unknown as InstallSnapshot;
    const table = new StateTable<{ snapshot: InstallSnapshot; counters: Map<string, number> }>();
    const make = (snap: InstallSnapshot, counters: Map<string, number>) => () => ({ snapshot: snap, counters });
    const first = snapshot(true, ['x']);
    const a = table.intern(first, new Map(), make(first, new Map()));
    const same = snapshot(true, ['x']);
    expect(table.intern(same, new Map(), make(same, new Map()))).toBe(a);
    const otherSession = snapshot(false, ['x']);
    expect(table.intern(otherSession, new Map(), make(otherSession, new Map()))).not.toBe(a);
    const otherCounters = snapshot(true, ['x']);
    expect(table.intern(otherCounters, new Map([['co:1:2', 1]]), make(otherCounters, new Map([['co:1:2', 1]])))).not.toBe(a);
    expect(table.size).toBe(3);
  });
});

describe('memos shared across the runs of one scenario', () => {
  it('should refuse a computation that reads the timeline (it would share one run’s timeline with all)', () => {
    const scenario = validateScenario(lifecycleDocument('windows', 'hardware-first', lifecycleConfigs(tiny())[0], [])).scenario;
    const result = install(scenario);
    const reads = memoIgnoringTimeline((s) => s.lifecycle.timeline.length);
    expect(() => reads(scenario, result)).toThrow(/read the timeline/);
    const counts = memoIgnoringTimeline((s, r) => r.difs.length + s.flags);
    expect(counts(scenario, result)).toBe(result.difs.length + scenario.flags);
  });

  it('should keep only the latest entries of a RecentMap', () => {
    const map = new RecentMap<object, number>(2);
    const [a, b, c] = [{}, {}, {}];
    map.set(a, 1);
    map.set(b, 2);
    map.set(a, 3); // updated in place: still two entries
    expect([map.get(a), map.get(b)]).toEqual([3, 2]);
    map.set(c, 4); // the oldest slot (a) goes
    expect([map.get(a), map.get(b), map.get(c)]).toEqual([undefined, 2, 4]);
  });
});

function tiny(): LifecycleBounds {
  return { sequence: 'hardware-first', maxClassCoInstallers: 0, maxDeviceCoInstallers: 0, codes: [Status.NO_ERROR], maxTimeline: 0 };
}
