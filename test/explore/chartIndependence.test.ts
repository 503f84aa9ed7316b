/**
 * The explorer reads the chart, it does not list it: the difDispatch machine with every state
 * renamed (same structure, same guards and actions) explores to the same distinct states,
 * transitions and verdicts as the machine itself, in every profile. Nothing in src/explore/ or
 * src/executor/ names a state of the chart.
 */
import { createMachine } from 'xstate';
import { difDispatchMachine } from '../../machines/difDispatch/difDispatch.machine.js';
import { parseDif } from '../../src/domain/codes.js';
import { PROFILE_NAMES } from '../../src/domain/profiles.js';
import { exploreDispatch, type DispatchExploration } from '../../src/explore/dispatch/dispatchExplorer.js';
import { DEFAULT_DISPATCH_BOUNDS, type DispatchBounds } from '../../src/explore/dispatch/dispatchSpace.js';
import type { DispatchMachine } from '../../src/explore/dispatch/dispatchSteps.js';

const SMALL: DispatchBounds = { ...DEFAULT_DISPATCH_BOUNDS, maxClassCoInstallers: 1, maxDeviceCoInstallers: 1 };
const DIF_INSTALLDEVICE = parseDif('DIF_INSTALLDEVICE');

type Node = Record<string, unknown> & { states?: Record<string, Node> };

const renamed = (key: string) => `renamed_${key}`;

/** A target, renamed segment by segment (`#id.a.b` keeps the machine id; relative targets are keys). */
function retarget(target: unknown): unknown {
  if (typeof target !== 'string') return target;
  if (target.startsWith('#')) {
    const [id, ...path] = target.slice(1).split('.');
    return `#${[id, ...path.map(renamed)].join('.')}`;
  }
  return target.split('.').map(renamed).join('.');
}

function renameTransitions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(renameTransitions);
  if (typeof value === 'string') return retarget(value);
  if (value !== null && typeof value === 'object') {
    const t = { ...(value as Record<string, unknown>) };
    if ('target' in t) t.target = Array.isArray(t.target) ? t.target.map(retarget) : retarget(t.target);
    return t;
  }
  return value;
}

function renameNode(node: Node): Node {
  const out: Node = { ...node };
  if (typeof node.initial === 'string') out.initial = renamed(node.initial);
  if (node.always) out.always = renameTransitions(node.always);
  if (node.on) out.on = Object.fromEntries(Object.entries(node.on as Record<string, unknown>).map(([e, t]) => [e, renameTransitions(t)]));
  if (node.states) out.states = Object.fromEntries(Object.entries(node.states).map(([k, s]) => [renamed(k), renameNode(s)]));
  return out;
}

const renamedMachine = createMachine(renameNode(difDispatchMachine.config as unknown as Node) as never, difDispatchMachine.implementations as never) as unknown as DispatchMachine;

const summary = (r: DispatchExploration) => ({
  distinctStates: r.distinctStates,
  transitions: r.transitions,
  finalStates: r.finalStates,
  failing: r.results.filter((x) => x.failure !== null).map((x) => [x.invariant.name, x.failure!.trace.answers.length]),
});

describe('the explorer does not depend on the chart’s state names', () => {
  it('should rename every state of the copy', () => {
    const keys = Object.keys((renamedMachine.config as Node).states ?? {});
    expect(keys.length).toBeGreaterThan(3);
    expect(keys.every((k) => k.startsWith('renamed_'))).toBe(true);
  });

  it.each(PROFILE_NAMES)('%s: the renamed machine explores to the same states, transitions and verdicts', (profile) => {
    const real = exploreDispatch({ profile, dif: DIF_INSTALLDEVICE, bounds: SMALL });
    const copy = exploreDispatch({ profile, dif: DIF_INSTALLDEVICE, bounds: SMALL, machine: renamedMachine });
    expect(summary(copy)).toEqual(summary(real));
  });
});
