/**
 * Compiles an XState v5 machine's chart into flat tables, once per machine: every state node gets a
 * number, and every leaf (atomic or final state) the transitions that can leave it, already
 * resolved for that leaf — its eventless transitions in the order XState selects them (the leaf's
 * own `always` first, then each ancestor's), and per event type its candidates (the leaf's `on`,
 * then each ancestor's; exact descriptors before wildcards, as XState's getCandidates orders them).
 * Each resolved transition carries everything its microstep runs, as one list of action
 * functions: the exit actions of the states it leaves (innermost first), its own actions, then the
 * entry actions of the states it enters (outermost first, with `initial` actions on default entry),
 * which is the SCXML microstep XState implements; and the leaf it ends in.
 *
 * Without parallel states the configuration is the leaf and its ancestors, so a state of the
 * executor is just (leaf number, context). Features that break that, or that need an actor
 * (invoke, delayed transitions, history, parallel states, multiple targets, routes), are refused
 * with an UnsupportedMachineError naming the state node.
 */
import type { AnyStateMachine, EventObject } from 'xstate';
import { Implementations, UnsupportedMachineError, type ActionFn, type GuardFn } from './implementations.js';

/** A state node of the chart (the parts of XState's StateNode the executor reads). */
export interface ChartNode {
  readonly id: string;
  readonly key: string;
  readonly type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  readonly order: number;
  readonly parent?: ChartNode;
  readonly states: Record<string, ChartNode>;
  readonly entry: unknown[];
  readonly exit: unknown[];
  readonly tags: string[];
  readonly always?: ChartTransition[];
  readonly transitions: Map<string, ChartTransition[]>;
  readonly invoke: unknown[];
  readonly after: unknown[];
  readonly initial: { target: ChartNode[]; actions: unknown[] };
  readonly output?: unknown;
  readonly config: { route?: unknown; after?: unknown };
}

interface ChartTransition {
  readonly target?: ChartNode[];
  readonly actions: unknown[];
  readonly guard?: unknown;
  readonly reenter: boolean;
  readonly source: ChartNode;
  readonly eventType: string | null;
}

/** A transition as taken from one leaf. */
export interface Step {
  readonly guard: GuardFn | null;
  /** Exit actions, transition actions, entry actions, in microstep order. */
  readonly actions: readonly ActionFn[];
  /** The leaf the step ends in; -1 for a targetless transition (the configuration stays). */
  readonly to: number;
  /** Whether the step selects something (a targetless transition without actions only blocks outer ones). */
  readonly effective: boolean;
}

export interface Leaf {
  readonly index: number;
  readonly node: ChartNode;
  readonly final: boolean;
  /** Final and a child of the root: entering it ends the machine. */
  readonly ends: boolean;
  /** Set when the leaf is final inside a compound state: the done event to queue on entering it. */
  readonly doneOf: ChartNode | undefined;
  /** Exit actions of every active state, innermost first (run when the machine ends here). */
  readonly exitAll: readonly ActionFn[];
  readonly eventless: readonly Step[];
  readonly value: unknown;
  readonly tags: ReadonlySet<string>;
  readonly chain: readonly ChartNode[];
}

export interface CompiledChart {
  readonly machine: AnyStateMachine;
  readonly impl: Implementations;
  readonly leaves: readonly Leaf[];
  /** The initial microstep: entry actions from the root down, and its leaf. */
  readonly initial: Step;
  /** The candidates of a leaf for an event type (computed once per pair). */
  candidates(leaf: number, type: string): readonly Step[];
}

function ancestors(node: ChartNode): ChartNode[] {
  const out: ChartNode[] = [];
  for (let m = node.parent; m; m = m.parent) out.push(m);
  return out;
}

/** Strictly below `parent` (XState's isDescendant). */
function isDescendant(child: ChartNode, parent: ChartNode): boolean {
  for (let m = child.parent; m; m = m.parent) if (m === parent) return true;
  return false;
}

/** The descriptor matches the type (XState's matchesEventDescriptor: `*`, and `a.b.*` for `a.b` and below). */
function matches(type: string, descriptor: string): boolean {
  if (descriptor === type || descriptor === '*') return true;
  if (!descriptor.endsWith('.*')) return false;
  const prefix = descriptor.slice(0, -2);
  if (prefix.split('.').includes('*')) return false; // a `*` before the last token matches nothing
  return type === prefix || type.startsWith(`${prefix}.`);
}

function stateValue(chain: readonly ChartNode[]): unknown {
  // chain: leaf … root; the value nests the keys below the root.
  const keys = chain.slice(0, -1).map((n) => n.key).reverse();
  let value: unknown = keys.at(-1);
  for (let i = keys.length - 2; i >= 0; i--) value = { [keys[i]]: value };
  return value;
}

export function compileChart(machine: AnyStateMachine): CompiledChart {
  const root = machine.root as unknown as ChartNode;
  const impl = new Implementations(machine);
  const refuse = (node: ChartNode, what: string): never => {
    throw new UnsupportedMachineError(machine.id, `state #${node.id}: ${what}`);
  };
  const nodes: ChartNode[] = [];
  const walk = (node: ChartNode) => {
    if (node.type === 'parallel') refuse(node, 'parallel states are not supported');
    if (node.type === 'history') refuse(node, 'history states are not supported');
    if (node.invoke.length > 0) refuse(node, 'invoke is not supported (the executor runs no child actors)');
    if (node.config.after !== undefined || node.after.length > 0) refuse(node, 'delayed (after) transitions are not supported');
    if (node.config.route !== undefined) refuse(node, 'route transitions are not supported');
    nodes.push(node);
    for (const child of Object.values(node.states ?? {})) walk(child);
  };
  walk(root);

  const leafNodes = nodes.filter((n) => n.type === 'atomic' || n.type === 'final');
  const leafIndex = new Map<ChartNode, number>(leafNodes.map((n, i) => [n, i]));
  const actionsCache = new Map<unknown, ActionFn>();
  const action = (ref: unknown, where: string) => {
    if (typeof ref === 'string' || typeof ref === 'function') {
      let fn = actionsCache.get(ref);
      if (!fn) actionsCache.set(ref, (fn = impl.action(ref, where)));
      return fn;
    }
    return impl.action(ref, where);
  };
  const entryOf = (node: ChartNode, defaultEntry: boolean): ActionFn[] => [
    ...node.entry.map((a) => action(a, `entry of #${node.id}`)),
    ...(defaultEntry && node.type === 'compound' ? node.initial.actions.map((a) => action(a, `initial of #${node.id}`)) : []),
  ];
  const exitOf = (node: ChartNode): ActionFn[] => node.exit.map((a) => action(a, `exit of #${node.id}`));

  /** The states entered by default below `node` (its initial child, theirs, …), outermost first, and the leaf reached. */
  const initialDescent = (node: ChartNode): { entered: ChartNode[]; leaf: ChartNode } => {
    const entered: ChartNode[] = [];
    let at = node;
    while (at.type === 'compound') {
      const [child] = at.initial.target;
      if (!child) refuse(at, 'a compound state without an initial state');
      entered.push(child);
      at = child;
    }
    return { entered, leaf: at };
  };

  /** Resolves a chart transition as taken from `leaf` (SCXML: exit set, transition content, entry set). */
  const resolve = (t: ChartTransition, leaf: ChartNode): Step => {
    const where = `transition of #${t.source.id}${t.eventType ? ` on ${t.eventType}` : ' (always)'}`;
    const guard = t.guard === undefined ? null : impl.guard(t.guard, where);
    const own = t.actions.map((a) => action(a, where));
    if (!t.target || t.target.length === 0) return { guard, actions: own, to: -1, effective: own.length > 0 || t.target !== undefined };
    if (t.target.length > 1) refuse(t.source, 'a transition with several targets (parallel) is not supported');
    const target = t.target[0];
    if (target.type === 'history') refuse(target, 'history targets are not supported');
    const s = t.source;
    // The transition domain (XState's getTransitionDomain): undefined means above the root.
    let domain: ChartNode | undefined;
    if (!t.reenter && (target === s || isDescendant(target, s))) domain = s;
    else {
      domain = ancestors(target).find((a) => isDescendant(s, a));
      if (!domain && !t.reenter) domain = root;
    }
    const active = [leaf, ...ancestors(leaf)];
    const exits = active.filter((n) => domain === undefined || isDescendant(n, domain) || (t.reenter && n === s && s === domain));
    const entered: { node: ChartNode; defaultEntry: boolean }[] = [];
    const above = domain === undefined ? ancestors(target) : ancestors(target).filter((a) => isDescendant(a, domain!));
    for (const a of above.reverse()) entered.push({ node: a, defaultEntry: false });
    if (target !== s || s !== domain || t.reenter) entered.push({ node: target, defaultEntry: true });
    const descent = initialDescent(target);
    for (const d of descent.entered) entered.push({ node: d, defaultEntry: true });
    const actions = [...exits.flatMap(exitOf), ...own, ...entered.flatMap((e) => entryOf(e.node, e.defaultEntry))];
    return { guard, actions, to: leafIndex.get(descent.leaf)!, effective: true };
  };

  const leaves: Leaf[] = leafNodes.map((node, index) => {
    const chain = [node, ...ancestors(node)];
    const final = node.type === 'final';
    const parent = node.parent;
    return {
      index,
      node,
      final,
      ends: final && parent === root,
      doneOf: final && parent && parent !== root ? parent : undefined,
      exitAll: chain.flatMap(exitOf),
      eventless: chain.flatMap((n) => (n.always ?? []).map((t) => resolve(t, node))),
      value: stateValue(chain),
      tags: new Set(chain.flatMap((n) => n.tags)),
      chain,
    };
  });

  // The initial microstep enters the root and every initial state below it, all by default entry.
  const start = initialDescent(root);
  const initial: Step = {
    guard: null,
    actions: [root, ...start.entered].flatMap((n) => entryOf(n, true)),
    to: leafIndex.get(start.leaf)!,
    effective: true,
  };

  const candidateCache = leaves.map(() => new Map<string, readonly Step[]>());
  const candidates = (leaf: number, type: string): readonly Step[] => {
    const cache = candidateCache[leaf];
    let steps = cache.get(type);
    if (steps === undefined) {
      const l = leaves[leaf];
      steps = l.chain.flatMap((n) => {
        const exact = n.transitions.get(type) ?? [];
        const wild = [...n.transitions.keys()].filter((d) => d !== type && matches(type, d)).sort((a, b) => b.length - a.length);
        return [...exact, ...wild.flatMap((d) => n.transitions.get(d)!)].map((t) => resolve(t, l.node));
      });
      cache.set(type, steps);
    }
    return steps;
  };
  // Resolve every known event's candidates now, so that unsupported features show at compile time.
  for (const l of leaves) for (const n of l.chain) for (const type of n.transitions.keys()) if (!type.includes('*')) candidates(l.index, type);

  return { machine, impl, leaves, initial, candidates };
}

export type { EventObject };
