/**
 * Explore judges the machine, not a copy of it: a change planted in the difDispatch machine's
 * definition — a guard, an action, or one transition's target — changes what `explore` reports.
 * Each planted machine is built from the real one (`machine.provide(...)` for a guard or an action;
 * `createMachine` on a copy of its config with one target changed, with the same implementations)
 * and explored at small bounds in the windows profile, where the real machine keeps every invariant
 * (test/explore/explore.test.ts). Each must make some invariant fail, with a counterexample recorded
 * and confirmed through the planted machine.
 *
 * The plants name what they change by event and by the machine's own implementation names, looked
 * up in the machine, so that a renamed guard or action fails here with a message rather than
 * silently planting nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assign, createMachine } from 'xstate';
import { difDispatchMachine } from '../../machines/difDispatch/difDispatch.machine.js';
import { parseDif } from '../../src/domain/codes.js';
import { DEFAULT_DISPATCH_BOUNDS, type DispatchBounds } from '../../src/explore/dispatch/dispatchSpace.js';
import type { DispatchMachine } from '../../src/explore/dispatch/dispatchSteps.js';
import { runDispatchExplore } from '../../src/explore/run.js';

const SMALL: DispatchBounds = { ...DEFAULT_DISPATCH_BOUNDS, maxClassCoInstallers: 1, maxDeviceCoInstallers: 1 };
const DIF_INSTALLDEVICE = parseDif('DIF_INSTALLDEVICE');

function implemented(kind: 'guards' | 'actions', name: string): string {
  const names = Object.keys(difDispatchMachine.implementations[kind]);
  if (!names.includes(name)) throw new Error(`the planted change names ${kind} ${name}, which the machine no longer has (it has ${names.join(', ')})`);
  return name;
}

/** A deep copy of plain objects and arrays; functions (guards, actions, the context factory) kept as they are. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]));
  return value;
}

type Config = Record<string, unknown> & { states?: Record<string, Config>; on?: Record<string, unknown> };

/** The machine with the target of every transition on `eventType` replaced by the machine's final state. */
function retargeted(eventType: string): DispatchMachine {
  const config = copy(difDispatchMachine.config) as Config;
  const finals = Object.entries(config.states ?? {}).filter(([, s]) => s.type === 'final');
  if (finals.length !== 1) throw new Error('the machine should have one final state at the top');
  const finalTarget = `#${difDispatchMachine.id}.${finals[0][0]}`;
  let changed = 0;
  const walk = (node: Config) => {
    const on = node.on?.[eventType];
    if (on !== undefined) {
      for (const t of Array.isArray(on) ? on : [on]) {
        (t as { target?: unknown }).target = finalTarget;
        changed += 1;
      }
    }
    for (const child of Object.values(node.states ?? {})) walk(child);
  };
  walk(config);
  if (changed === 0) throw new Error(`no transition of the machine takes ${eventType}`);
  return createMachine(config as never, difDispatchMachine.implementations as never) as unknown as DispatchMachine;
}

/** Each plant, and an invariant that its sentence says it must break. */
const PLANTS: [string, () => DispatchMachine, string][] = [
  // A co-installer that asked for postprocessing is never called back.
  ['guard hasNextPostprocessing always false', () => difDispatchMachine.provide({ guards: { [implemented('guards', 'hasNextPostprocessing')]: () => false } }) as DispatchMachine, 'EveryPostRequestHonoured'],
  // The default step is taken whatever the status (DefaultHandlerIffDoDefault).
  ['guard defaultStepReached always true', () => difDispatchMachine.provide({ guards: { [implemented('guards', 'defaultStepReached')]: () => true } }) as DispatchMachine, 'DefaultHandlerIffDoDefault'],
  // Postprocessing requests are never queued.
  ['action queuePostprocessing does nothing', () => difDispatchMachine.provide({ actions: { [implemented('actions', 'queuePostprocessing')]: assign({}) } }) as DispatchMachine, 'EveryPostRequestHonoured'],
  // The class installer's answer ends the call: no default handler, no postprocessing.
  ['target of classInstaller.returned changed to the final state', () => retargeted('classInstaller.returned'), 'DefaultHandlerIffDoDefault'],
];

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devinst-planted-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a change planted in the machine changes what explore reports', () => {
  it('should hold every invariant on the real machine (the baseline)', () => {
    const report = runDispatchExplore({ profile: 'windows', dif: DIF_INSTALLDEVICE, bounds: SMALL, out: dir });
    expect(report.invariants.filter((i) => !i.holds)).toEqual([]);
  });

  it.each(PLANTS.map(([name, plant, expected]) => [name, expected, plant] as const))('%s: some invariant fails (%s among them), reproduced through the planted machine', (name, expected, plant) => {
    const machine = plant();
    const report = runDispatchExplore({ profile: 'windows', dif: DIF_INSTALLDEVICE, bounds: SMALL, out: dir, machine, machineLabel: name.replace(/\W+/g, '-') });
    const failed = report.invariants.filter((i) => !i.holds);
    expect(failed.map((f) => f.name)).toContain(expected);
    for (const f of failed) {
      expect(f.counterexample?.replays).toBe(true);
      expect(f.counterexample?.reproduced).toBe(true);
    }
  });
});
