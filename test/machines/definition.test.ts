/**
 * The machines' definitions read as charts: every state node says what it is (a description), every
 * guard and action named in the chart has an implementation, every waiting state of a dispatch is
 * tagged with the kind of installer it calls, and both machines mount the one definition of the
 * dispatch states (machines/difDispatch/dispatchStates.ts).
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { deviceInstallMachine } from '../../machines/deviceInstall/deviceInstall.machine.js';
import { difDispatchMachine } from '../../machines/difDispatch/difDispatch.machine.js';

function nodesOf(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => nodesOf(child as AnyStateNode))];
}

/** The relative path of a node inside the machine, e.g. `coreInstall.dif.preprocessing.calling`. */
const pathOf = (node: AnyStateNode): string => node.path.join('.');

type Named = { kind: 'action' | 'guard'; name: string; where: string };

function guardNames(guard: unknown): string[] {
  if (typeof guard === 'string') return [guard];
  if (typeof guard === 'function' && Array.isArray((guard as { guards?: unknown[] }).guards)) {
    return (guard as unknown as { guards: unknown[] }).guards.flatMap(guardNames);
  }
  if (guard && typeof guard === 'object' && typeof (guard as { type?: unknown }).type === 'string') return [(guard as { type: string }).type];
  return [];
}

function actionNames(actions: readonly unknown[]): string[] {
  return actions.flatMap((a) => (typeof a === 'string' ? [a] : a && typeof a === 'object' && typeof (a as { type?: unknown }).type === 'string' ? [(a as { type: string }).type] : []));
}

function namedIn(machine: AnyStateMachine): Named[] {
  const out: Named[] = [];
  for (const node of nodesOf(machine.root)) {
    const where = pathOf(node) || '(root)';
    for (const name of actionNames([...node.entry, ...node.exit])) out.push({ kind: 'action', name, where });
    const transitions = [...[...node.transitions.values()].flat(), ...(node.always ?? [])];
    for (const t of transitions) {
      for (const name of guardNames(t.guard)) out.push({ kind: 'guard', name, where });
      for (const name of actionNames(t.actions)) out.push({ kind: 'action', name, where });
    }
  }
  return out;
}

describe.each([
  ['difDispatch', difDispatchMachine as AnyStateMachine],
  ['deviceInstall', deviceInstallMachine as AnyStateMachine],
])('the %s definition', (_, machine) => {
  const nodes = nodesOf(machine.root);

  it('should describe every state node', () => {
    expect(nodes.filter((n) => !n.description).map(pathOf)).toEqual([]);
  });

  it('should implement every guard and action its chart names', () => {
    const named = namedIn(machine);
    expect(named.length).toBeGreaterThan(20);
    const missing = named.filter(({ kind, name }) => {
      if (name.startsWith('xstate.')) return false;
      const table = (kind === 'action' ? machine.implementations.actions : machine.implementations.guards) as Record<string, unknown>;
      return !(name in table);
    });
    expect(missing).toEqual([]);
  });

  it('should tag every calling state with the kind of installer it calls, and the phase of a co-installer call', () => {
    const calling = nodes.filter((n) => n.tags.includes('calling'));
    expect(calling.length).toBeGreaterThanOrEqual(4);
    for (const node of calling) {
      const kinds = node.tags.filter((t) => ['coInstaller', 'classInstaller', 'defaultHandler'].includes(t));
      expect([pathOf(node), kinds.length]).toEqual([pathOf(node), 1]);
      if (kinds[0] === 'coInstaller') expect(node.tags.filter((t) => t === 'pre' || t === 'post')).toHaveLength(1);
    }
  });

  it('should route preprocessing answers in the calling state, with no transient state reading a route back', () => {
    const calling = nodes.filter((n) => n.key === 'calling' && n.parent?.key === 'preprocessing');
    expect(calling.length).toBeGreaterThanOrEqual(1);
    for (const node of calling) {
      const routes = node.transitions.get('coInstaller.returned')!.flatMap((t) => guardNames(t.guard));
      expect(routes).toEqual(expect.arrayContaining(['answersPendingCoInstaller', 'failureRoutesTo', 'anotherCoInstallerFollows']));
      expect(node.parent!.states.routing).toBeUndefined();
    }
  });
});

describe('the dispatch states in both machines', () => {
  /**
   * A node's states and their transitions' targets, relative to the node (ids of different mounts
   * differ). Transitions that leave the mount (deviceInstall's: the call hangs) are the mounting
   * machine's own and are left out.
   */
  function shape(node: AnyStateNode): unknown {
    const base = node.path.length;
    const inside = (t: { target?: readonly AnyStateNode[] }) => (t.target ?? []).every((x) => x.path.slice(0, base).join('.') === node.path.join('.'));
    return nodesOf(node).map((n) => ({
      path: n.path.slice(base).join('.'),
      description: n.description,
      tags: [...n.tags],
      events: [...n.transitions.keys()].sort(),
      targets: [...[...n.transitions.values()].flat(), ...(n.always ?? [])]
        .filter(inside)
        .map((t) => (t.target ?? []).map((x: AnyStateNode) => x.path.slice(base).join('.'))),
    }));
  }

  it('should be one definition: every mount in deviceInstall has the states of difDispatch', () => {
    const dispatch = shape(difDispatchMachine.root as AnyStateNode);
    // the nested DIF_DESTROYPRIVATEDATA and DIF_FINISHINSTALL_ACTION mount the states as they are
    const mounts = ['nestedDif', 'finishInstallDif'].map((id) => shape(deviceInstallMachine.getStateNodeById(id)));
    type Shape = { path: string; description: string; tags: string[]; events: string[]; targets: string[][] };
    const strip = (s: unknown) => (s as Shape[]).filter((n) => n.path !== '');
    for (const mount of mounts) {
      const mounted = strip(mount).map((n) => ({ ...n, tags: n.tags.filter((t) => t !== 'finishInstall' && t !== 'nested') }));
      expect(mounted).toEqual(strip(dispatch));
    }
  });
});
