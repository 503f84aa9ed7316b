/**
 * Refinement for the deviceInstall machine: the derived executor (src/executor/, through
 * src/host/installFold.ts) and XState's own `transition` (the inert actor scope of
 * src/host/fold.ts) are stepped side by side, every step from the same snapshot pair, and their
 * results compared: state value, status, tags, the whole context and the output (as serialised),
 * the intent actions of the step (type and resolved params), and whether the event moved the
 * machine at all.
 *
 * - Exhaustively: every state and transition the lifecycle exploration (`devinst explore
 *   --sequence`) visits at its default bounds, for every sequence (windows), and at smaller bounds
 *   for reactos and wine. The exploration itself drives the pair: its fold is the pair (it steps
 *   each state it meets once, however many runs pass through an equal one).
 * - Randomly: whole installations from the shipped installation arbitrary (every profile, OS,
 *   sequence, effect and timeline event it draws), each run by install() through the pair.
 *
 * And the journals recordInstall writes through the executor are byte-identical to those it writes
 * through XState (every bundled example, random installations).
 */
import fc from 'fast-check';
import type { DeviceInstallEvent } from '../../machines/deviceInstall/deviceInstall.types.js';
import type { InstallPlan } from '../../src/domain/lifecycle/installState.js';
import { DEFAULT_LIFECYCLE_BOUNDS, exploreLifecycle, type LifecycleBounds } from '../../src/explore/lifecycle/lifecycleExplorer.js';
import { installFold, type InstallFold, type InstallSnapshot } from '../../src/host/installFold.js';
import { install, recordInstall } from '../../src/host/runInstall.js';
import { validateScenario } from '../../src/scenario/load.js';
import { installationArbitrary } from '../../src/testing/index.js';
import { allExampleNames, lifecycleExample } from '../support/lifecycle.js';
import { Mismatches } from '../support/refinement.js';

/** A snapshot pair: the executor's (what the host reads) and XState's beside it. */
class Pair implements InstallSnapshot {
  constructor(
    readonly ours: InstallSnapshot,
    readonly theirs: InstallSnapshot,
  ) {}
  get value() {
    return this.ours.value;
  }
  get status() {
    return this.ours.status;
  }
  get context() {
    return this.ours.context;
  }
  get output() {
    return this.ours.output;
  }
  get tags() {
    return this.ours.tags;
  }
}

const intents = (fold: InstallFold) => JSON.stringify(fold.actions.map((a) => ({ type: a.type, params: a.params })));

/** The fold that steps both and compares every step; `steps` counts the steps taken, `announced` those with intents. */
function pairedFold(mismatches: Mismatches): InstallFold<Pair> & { steps: number; announced: number } {
  const executor = installFold('executor');
  const xstate = installFold('xstate');
  const compare = (where: () => string, ours: InstallSnapshot, theirs: InstallSnapshot) => {
    mismatches.compare(where, ours, theirs);
    if (intents(executor) !== intents(xstate)) mismatches.add(where, `intents ${intents(executor)} ≠ ${intents(xstate)}`);
    if (executor.actions.length > 0) fold.announced += 1;
  };
  const fold = {
    steps: 0,
    announced: 0,
    actions: [],
    initial(plan: InstallPlan) {
      const pair = new Pair(executor.initial(plan), xstate.initial(plan));
      compare(() => `initial state of ${JSON.stringify(plan)}`, pair.ours, pair.theirs);
      return pair;
    },
    next(pair: Pair, event: DeviceInstallEvent) {
      fold.steps += 1;
      const ours = executor.next(pair.ours, event);
      const theirs = xstate.next(pair.theirs, event);
      const where = () => `${JSON.stringify(pair.theirs.value)} on ${JSON.stringify(event)}`;
      compare(where, ours, theirs);
      if ((ours === pair.ours) !== (theirs === pair.theirs)) mismatches.add(where, `moved: executor ${ours !== pair.ours}, XState ${theirs !== pair.theirs}`);
      return ours === pair.ours && theirs === pair.theirs ? pair : new Pair(ours, theirs);
    },
  };
  return fold;
}

const SEQUENCES = ['hardware-first', 'reinstall', 'remove', 'properties'] as const;

/**
 * The size of the default-bounds exploration, worked out from the bounds and the rules
 * (0 class and 0–1 device co-installers, codes NO_ERROR and ERROR_FILE_NOT_FOUND, timelines of up
 * to 4 events from an alphabet of 5, os win7/win10, three sessions):
 * - scenarios: a device co-installer is none or one of 2 answers × finish-install works (4, for
 *   hardware-first and reinstall; 1 otherwise) × 3 effects; the class installer none, DO_DEFAULT,
 *   NO_ERROR or ERROR_FILE_NOT_FOUND; × 2 OS × 3 sessions: (1 + 24) × 4 × 6 = 600 and
 *   (1 + 6) × 4 × 6 = 168.
 * - runs: a scenario whose core installation fails or hangs is one run; one that ends waiting for
 *   the environment is branched into every timeline, 1 + 5 + 25 + 125 + 625 = 781 runs (no timeline
 *   event ends such a run). Hardware-first and reinstall send DIF_INSTALLDEVICE server-side with the
 *   device co-installer called: it fails on ERROR_FILE_NOT_FOUND (12 behaviours) or hangs on its
 *   dialog (4 more), and the class installer's ERROR_FILE_NOT_FOUND fails the rest, so 3 × 6 = 18
 *   scenarios without and 8 × 3 × 6 = 144 with a device co-installer wait: 438 + 162 × 781 = 126,960.
 *   Remove always ends with the removal: 168. Properties runs client-side (a dialog does not hang):
 *   (1 + 3) × 3 × 6 = 72 wait, 96 + 72 × 781 = 56,328.
 */
const EXPECTED_SIZE: Record<(typeof SEQUENCES)[number], { configurations: number; runs: number }> = {
  'hardware-first': { configurations: 600, runs: 126_960 },
  reinstall: { configurations: 600, runs: 126_960 },
  remove: { configurations: 168, runs: 168 },
  properties: { configurations: 168, runs: 56_328 },
};

describe('the derived executor refines the deviceInstall machine', () => {
  const explored: [string, 'windows' | 'reactos' | 'wine', LifecycleBounds][] = [
    ...SEQUENCES.map((sequence): [string, 'windows', LifecycleBounds] => [`windows, ${sequence}, default bounds`, 'windows', { ...DEFAULT_LIFECYCLE_BOUNDS, sequence }]),
    ...(['reactos', 'wine'] as const).map((profile): [string, 'reactos' | 'wine', LifecycleBounds] => [
      `${profile}, hardware-first, one device co-installer, timelines of one event`,
      profile,
      { ...DEFAULT_LIFECYCLE_BOUNDS, sequence: 'hardware-first', maxClassCoInstallers: 0, maxDeviceCoInstallers: 1, maxTimeline: 1 },
    ]),
  ];

  it.each(explored)('should agree with XState on every state and transition the lifecycle exploration visits: %s', (_, profile, bounds) => {
    const mismatches = new Mismatches();
    const fold = pairedFold(mismatches);
    const exploration = exploreLifecycle({ profile, bounds, invariants: [], engine: fold });
    expect(mismatches.found).toEqual([]);
    if (profile === 'windows') expect({ configurations: exploration.configurations, runs: exploration.runs }).toEqual(EXPECTED_SIZE[bounds.sequence]);
    // every initial state and every step taken was compared; runs that reach equal states share the
    // steps from there (src/explore/lifecycle/stateTable.ts), so every state and event the runs meet
    // is among them, as a value
    expect(fold.steps).toBe(exploration.stepped);
    expect(mismatches.compared).toBe(exploration.configurations + exploration.stepped);
    expect(exploration.stepped).toBeLessThanOrEqual(exploration.transitions);
    expect(exploration.runs).toBeGreaterThanOrEqual(exploration.configurations);
    // the intents compared were not all empty: installer calls were announced
    expect(fold.announced).toBeGreaterThan(exploration.configurations);
  });

  it.each(['windows', 'reactos', 'wine'] as const)('should agree with XState along random installations: %s', (profile) => {
    const mismatches = new Mismatches();
    const fold = pairedFold(mismatches);
    fc.assert(
      fc.property(installationArbitrary(profile), (doc) => {
        const before = mismatches.found.length;
        install(validateScenario(doc).scenario, { engine: fold });
        if (mismatches.found.length > before) mismatches.add(() => 'in', JSON.stringify(doc));
        return mismatches.found.length === before;
      }),
      { numRuns: 300, seed: 11 },
    );
    expect(mismatches.found).toEqual([]);
    expect(fold.steps).toBeGreaterThan(300);
    expect(fold.announced).toBeGreaterThan(300);
  });
});

describe('install journals through the derived executor', () => {
  const now = () => new Date('2026-12-01T00:00:00.000Z');
  const both = (doc: unknown) => [recordInstall(doc, { now, engine: 'executor' }), recordInstall(doc, { now, engine: 'xstate' })];

  it.each(allExampleNames())('should be byte-identical to those recorded through XState: examples/%s.json', (name) => {
    const [ours, theirs] = both(lifecycleExample(name));
    expect(ours.journal).toBe(theirs.journal);
    expect(ours.journal.split('\n').length).toBeGreaterThan(3);
    expect(JSON.stringify(ours.result)).toBe(JSON.stringify(theirs.result));
  });

  it('should be byte-identical to those recorded through XState along random installations', () => {
    fc.assert(
      fc.property(installationArbitrary('windows'), (doc) => {
        const [ours, theirs] = both(doc);
        return ours.journal === theirs.journal;
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});
