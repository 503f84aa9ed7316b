/**
 * Exhaustive exploration at small bounds (src/explore/): every registered dispatch invariant holds in
 * the windows profile; reactos and wine break the invariants their implementations depart on (and no
 * others: src/invariants/expectations.ts); every planted mutant is caught; counterexamples are shortest,
 * minimal, written as scenario + journal, and the journal replays through the real machine and breaks
 * the invariant again; the VIEW loses no verdict.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { difLabel, parseDif } from '../../src/domain/codes.js';
import { Status } from '../../src/domain/statusCodes.js';
import { recordDif } from '../../src/host/runDif.js';
import { exploreDispatch, type DispatchExploration } from '../../src/explore/dispatch/dispatchExplorer.js';
import { DEFAULT_DISPATCH_BOUNDS, MUTANT_NAMES, mutantSemantics, type DispatchBounds } from '../../src/explore/dispatch/dispatchSpace.js';
import { DEFAULT_LIFECYCLE_BOUNDS, exploreLifecycle, lifecycleConfigs, lifecycleDocument, TIMELINE_ALPHABET } from '../../src/explore/lifecycle/lifecycleExplorer.js';
import { normalizeScenario, validateScenario } from '../../src/scenario/load.js';
import { runDispatchExplore, runLifecycleExplore } from '../../src/explore/run.js';
import {
  checkDispatch,
  DISPATCH_INVARIANTS,
  expectationOf,
  fails,
  LIFECYCLE_INVARIANTS,
  observeDispatch,
  PROFILE_EXPECTATIONS,
  type DispatchInvariant,
  type LifecycleInvariant,
} from '../../src/invariants/index.js';
import { replayJournal } from '../../src/journal/replay.js';

const SMALL: DispatchBounds = { ...DEFAULT_DISPATCH_BOUNDS, maxClassCoInstallers: 1, maxDeviceCoInstallers: 1 };
const DIF_INSTALLDEVICE = 0x02;
/** DIFs that together reach every profile difference the dispatch invariants watch. */
const DIFS = ['DIF_INSTALLDEVICE', 'DIF_DETECT', 'DIF_ALLOW_INSTALL', 'DIF_REMOVE', '0x00000031'].map((d) => parseDif(d));

const failing = (r: DispatchExploration) => r.results.filter((x) => x.failure !== null).map((x) => x.invariant.name);
const registered = (name: string) => DISPATCH_INVARIANTS.some((i) => i.name === name);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devinst-explore-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('windows', () => {
  it.each(DIFS.map((d) => [difLabel(d), d]))('should hold every registered dispatch invariant for %s at small bounds', (_name, dif) => {
    const r = exploreDispatch({ profile: 'windows', dif, bounds: SMALL });
    expect(r.results.map((x) => x.invariant.name)).toEqual(DISPATCH_INVARIANTS.map((i) => i.name));
    expect(failing(r)).toEqual([]);
    expect(r.distinctStates).toBeGreaterThan(r.configurations);
  });
});

describe.each(['reactos', 'wine'] as const)('%s', (profile) => {
  const union = new Set<string>();
  beforeAll(() => {
    for (const dif of DIFS) for (const name of failing(exploreDispatch({ profile, dif, bounds: SMALL }))) union.add(name);
  });

  it('should break exactly the invariants the profile expectations say it breaks', () => {
    const expected = DISPATCH_INVARIANTS.filter((i) => PROFILE_EXPECTATIONS[i.name] && expectationOf(i.name, profile).expectation === 'breaks').map((i) => i.name);
    expect([...union].sort()).toEqual(expected.sort());
  });

  it('should break the postprocessing and failure invariants where they are registered', () => {
    const breaks = profile === 'reactos' ? ['PostIsReverseOfPre', 'FailureStopsChain'] : ['EveryPostRequestHonoured', 'FailureStopsChain'];
    const holds = profile === 'reactos' ? ['EveryPostRequestHonoured'] : ['PostIsReverseOfPre'];
    const r = exploreDispatch({ profile, dif: DIF_INSTALLDEVICE, bounds: SMALL });
    for (const name of breaks.filter(registered)) expect(failing(r)).toContain(name);
    for (const name of holds.filter(registered)) expect(failing(r)).not.toContain(name);
  });
});

describe('mutants', () => {
  const caughtBy: Record<string, string> = {
    'forward-postprocessing': 'PostIsReverseOfPre',
    'no-post-after-failure': 'EveryPostRequestHonoured',
    'ignore-nodefaultaction': 'DefaultHandlerIffDoDefault',
    'never-postprocess': 'EveryPostRequestHonoured',
    'class-installer-after-failure': 'FailureStopsChain',
    'shared-private-data': 'PrivateDataRoundTrips',
    'do-default-succeeds': 'ResultIsLastStatus',
  };

  it('should name an invariant for every mutant', () => {
    expect(Object.keys(caughtBy).sort()).toEqual([...MUTANT_NAMES].sort());
  });

  it.each(MUTANT_NAMES.map((m) => [m]))('should catch %s', (mutant) => {
    const r = exploreDispatch({ profile: 'windows', dif: DIF_INSTALLDEVICE, bounds: SMALL, semantics: mutantSemantics('windows', mutant) });
    expect(failing(r).length).toBeGreaterThan(0);
    if (registered(caughtBy[mutant])) expect(failing(r)).toContain(caughtBy[mutant]);
  });

  it('should write a counterexample of forward postprocessing that replays under the mutant', () => {
    const report = runDispatchExplore({ profile: 'windows', mutant: 'forward-postprocessing', dif: DIF_INSTALLDEVICE, bounds: SMALL, out: dir, now: () => new Date(0) });
    const c = report.invariants.find((i) => i.name === 'PostIsReverseOfPre')!.counterexample!;
    expect(c.replays).toBe(true);
    expect(c.reproduced).toBe(true);
    // Two co-installers asked for postprocessing (DI_NODI_DEFAULTACTION: no default handler); the
    // mutant called the first back first.
    expect(c.length).toBe(3);
    expect(JSON.parse(fs.readFileSync(c.journal, 'utf8').split('\n')[0]).run.mutant).toBe('forward-postprocessing');
  });
});

describe('counterexamples', () => {
  it('should be written as a scenario and a journal that replays through the machine and breaks the invariant again', () => {
    const report = runDispatchExplore({ profile: 'reactos', dif: DIF_INSTALLDEVICE, bounds: SMALL, out: dir, now: () => new Date(0) });
    const broken = report.invariants.filter((i) => !i.holds);
    expect(broken.length).toBeGreaterThan(0);
    for (const inv of broken) {
      const c = inv.counterexample!;
      expect(c.replays).toBe(true);
      expect(c.reproduced).toBe(true);
      const scenario = JSON.parse(fs.readFileSync(c.scenario, 'utf8'));
      const journal = fs.readFileSync(c.journal, 'utf8');
      // The journal is what recordDif writes for the scenario, and replays to the same RunResult.
      const again = recordDif(scenario, DIF_INSTALLDEVICE, { now: () => new Date(0) });
      expect(replayJournal(journal)).toEqual(again.result);
      // The scenario, run by the catalogue's own runner, breaks the invariant.
      const invariant = DISPATCH_INVARIANTS.find((i) => i.name === inv.name)!;
      expect(checkDispatch([invariant], observeDispatch(scenario, DIF_INSTALLDEVICE)).map((b) => b.name)).toEqual([inv.name]);
    }
  });

  it('should be shortest (breadth-first) and have no installer that can be removed', () => {
    // A planted invariant: no dispatch calls two postprocessing callbacks. The shortest trace needs two
    // co-installers asking for postprocessing, DI_NODI_DEFAULTACTION (no default handler), and two callbacks.
    const twoCallbacks: DispatchInvariant<number> = {
      name: 'AtMostOneCallback',
      sentence: 'At most one postprocessing callback.',
      source: 'test',
      machine: 'difDispatch',
      init: () => 0,
      step: (n, { call }) => (call.phase === 'post' ? (n >= 1 ? fails('a second callback') : n + 1) : n),
      end: () => null,
    };
    const report = runDispatchExplore({
      profile: 'windows',
      dif: DIF_INSTALLDEVICE,
      bounds: { ...SMALL, maxClassCoInstallers: 2, maxDeviceCoInstallers: 2 },
      invariants: [twoCallbacks],
      out: dir,
    });
    const c = report.invariants[0].counterexample!;
    expect(c.length).toBe(4);
    expect(c.removed).toBe(0);
    expect(c.configuration).toContain('DI_NODI_DEFAULTACTION');
    const scenario = JSON.parse(fs.readFileSync(c.scenario, 'utf8'));
    const installers = (scenario.classCoInstallers?.length ?? 0) + (scenario.deviceCoInstallers?.length ?? 0);
    expect(installers).toBe(2);
    expect(scenario.classInstaller).toBeUndefined();
  });

  it('should shrink away installers the shortest trace never called', () => {
    // Fails at the end when DI_NODI_DEFAULTACTION is set and a device co-installer exists: the
    // shortest trace may come from a configuration with uncalled co-installers; none survive shrinking
    // but the one device co-installer.
    const invariant: DispatchInvariant<null> = {
      name: 'NoDeviceCoInstallerFailure',
      sentence: 'No device co-installer fails preprocessing.',
      source: 'test',
      machine: 'difDispatch',
      init: () => null,
      step: (g, { call }) => (call.who === 'deviceCoInstaller' && call.phase === 'pre' && call.returned === '0x00000002' ? fails('device co-installer failed') : g),
      end: () => null,
    };
    const report = runDispatchExplore({ profile: 'windows', dif: DIF_INSTALLDEVICE, bounds: SMALL, invariants: [invariant], out: dir });
    const scenario = JSON.parse(fs.readFileSync(report.invariants[0].counterexample!.scenario, 'utf8'));
    expect(scenario.classCoInstallers).toBeUndefined();
    expect(scenario.deviceCoInstallers).toHaveLength(1);
    expect(scenario.deviceCoInstallers[0].on.DIF_INSTALLDEVICE.pre).toBe('ERROR_FILE_NOT_FOUND');
  });
});

describe('the VIEW', () => {
  it('should reach the verdicts and shortest trace lengths of the full state (every path its own state)', () => {
    const bounds: DispatchBounds = { ...SMALL, codes: [Status.NO_ERROR, Status.ERROR_DI_POSTPROCESSING_REQUIRED, Status.ERROR_DI_DO_DEFAULT] };
    for (const profile of ['windows', 'reactos', 'wine'] as const) {
      const abstract = exploreDispatch({ profile, dif: DIF_INSTALLDEVICE, bounds });
      const full = exploreDispatch({ profile, dif: DIF_INSTALLDEVICE, bounds, view: 'full' });
      expect(full.distinctStates).toBeGreaterThanOrEqual(abstract.distinctStates);
      if (profile === 'windows') expect(full.distinctStates).toBeGreaterThan(abstract.distinctStates);
      const verdicts = (r: DispatchExploration) => r.results.map((x) => [x.invariant.name, x.failure?.trace.answers.length ?? null]);
      expect(verdicts(abstract)).toEqual(verdicts(full));
    }
  });

  it('should count a state once however it is reached, and report progress', () => {
    const seen: number[] = [];
    const r = exploreDispatch({ profile: 'windows', dif: DIF_INSTALLDEVICE, bounds: SMALL, onProgress: (p) => seen.push(p.distinct), progressEveryMs: 0 });
    expect(r.transitions).toBeGreaterThan(r.distinctStates);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((n) => n <= r.distinctStates)).toBe(true);
    // Deterministic: the same counts every run.
    const again = exploreDispatch({ profile: 'windows', dif: DIF_INSTALLDEVICE, bounds: SMALL });
    expect([again.distinctStates, again.transitions, again.depth]).toEqual([r.distinctStates, r.transitions, r.depth]);
  });
});

describe('the lifecycle (--sequence)', () => {
  const tiny = { sequence: 'hardware-first' as const, maxClassCoInstallers: 0, maxDeviceCoInstallers: 1, codes: [Status.NO_ERROR], maxTimeline: 1 };

  it('should hold every registered lifecycle invariant in every profile at tiny bounds', () => {
    for (const profile of ['windows', 'reactos', 'wine'] as const) {
      // windows with a device co-installer (finish-install work, DLL state, dialogs); the others with the class installer only
      const r = exploreLifecycle({ profile, bounds: profile === 'windows' ? tiny : { ...tiny, maxDeviceCoInstallers: 0 } });
      expect(r.results.map((x) => x.invariant.name)).toEqual(LIFECYCLE_INVARIANTS.map((i) => i.name));
      const expected = r.results.filter((x) => expectationOf(x.invariant.name, profile).expectation === 'breaks').map((x) => x.invariant.name);
      expect(r.results.filter((x) => x.failure).map((x) => x.invariant.name)).toEqual(expected);
      expect(r.runs).toBeGreaterThan(r.configurations);
    }
  });

  it('should generate only valid scenario documents (it normalises them without the schema check)', () => {
    let checked = 0;
    for (const sequence of ['hardware-first', 'reinstall', 'remove', 'properties'] as const) {
      for (const config of lifecycleConfigs({ ...DEFAULT_LIFECYCLE_BOUNDS, sequence })) {
        const doc = lifecycleDocument('windows', sequence, config, TIMELINE_ALPHABET);
        expect(validateScenario(doc)).toMatchObject({ warnings: [] });
        expect(normalizeScenario(doc)).toEqual(validateScenario(doc).scenario);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('should write a shortest, shrunk counterexample whose install journal replays and breaks it again', () => {
    // Planted: no administrator log-on after a Windows 7 installation that marked the device.
    const planted: LifecycleInvariant = {
      name: 'NoAdminLogOnWhileMarked',
      sentence: 'test',
      source: 'test',
      machine: 'deviceInstall',
      check: (scenario, result) =>
        scenario.os === 'win7' && result.finishInstall.marked && scenario.lifecycle.timeline.some((e) => e.type === 'user.loggedOn' && e.admin) ? fails('an administrator logged on') : null,
    };
    const report = runLifecycleExplore({ profile: 'windows', bounds: tiny, invariants: [planted], out: dir });
    const c = report.invariants[0].counterexample!;
    expect(c.replays).toBe(true);
    expect(c.reproduced).toBe(true);
    expect(c.length).toBe(1);
    const scenario = JSON.parse(fs.readFileSync(c.scenario, 'utf8'));
    expect(scenario.timeline).toEqual([{ type: 'user.loggedOn', admin: true }]);
    expect(scenario.deviceCoInstallers).toHaveLength(1);
    expect(scenario.classInstaller).toBeUndefined();
    expect(scenario.session).toBeUndefined();
    expect((replayJournal(fs.readFileSync(c.journal, 'utf8')) as { outcome: string }).outcome).toBeDefined();
  });
});
