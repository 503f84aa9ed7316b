/**
 * The machine's own guards and actions, as plain closures: each guard or action reference of the
 * chart (a name, `{ type, params }`, an inline function, XState's `and`/`or`/`not`, an `assign`) is
 * looked up once in `machine.implementations` and turned into a function of (context, event), so
 * that stepping calls the very implementations the XState actor calls, with the same arguments:
 *
 * - a guard gets `({ context, event }, params)`, params resolved as XState resolves them (a value,
 *   or a function of `{ context, event }`), the first argument one object refilled per call;
 *   `and`/`or`/`not` evaluate their guards in order, with the same short-circuit; a named guard
 *   whose implementation is itself a guard reference is followed, as XState's evaluateGuard does;
 * - an `assign` runs its assignment (a function, or an object of property assigners) with
 *   `{ context, event, spawn, self, system }` and params, and the next context is
 *   `Object.assign({}, context, partialUpdate)`, as XState's resolveAssign builds it (the step's
 *   first assign makes that copy; later assigns of the same step write into it, which nobody can
 *   tell apart, since no one else has seen it: see ActionSink.owned). An assign
 *   that carries `draftRecipe` — the `(draft, event, params) => void` its assignment hands to
 *   immer's produce, declared to assign top-level fields only — is run as that recipe on a shallow
 *   copy of the context instead: the same next context (the refinement test compares it with
 *   XState's), without immer's drafts;
 * - any other action without a built-in `resolve` (a plain action implementation, an inline
 *   function, or a name with no implementation) is an intent for the host: the executor records
 *   `{ type, params }` and runs nothing, as XState's pure `transition()` does.
 *
 * Built-in actions other than assign (raise, sendTo, emit, spawnChild, enqueueActions, log, …) and
 * the `stateIn` guard read or change things the executor does not model (the event queue, children,
 * the actor system): they are refused when the machine is compiled, with the place that uses them.
 */
import { and, not, or, type AnyStateMachine, type EventObject } from 'xstate';

export class UnsupportedMachineError extends Error {
  constructor(machineId: string, message: string) {
    super(`the derived executor cannot run machine "${machineId}": ${message}`);
    this.name = 'UnsupportedMachineError';
  }
}

type Ctx = any;

export type GuardFn = (context: Ctx, event: EventObject) => boolean;

/** Watches every assign: `before` gets the context it starts from, `after` the context it made (possibly the same object, written in place). */
export interface AssignWatch {
  readonly before: (context: never) => void;
  readonly after: (context: never) => void;
}

/** What an action run may report to: intents, and every context update. */
export interface ActionSink {
  /** When set, every intent action is appended here with its resolved params. */
  intents: { type: string; params: unknown }[] | undefined;
  /** Called after every assign with the context before and after it. */
  onAssign: ((before: Ctx, after: Ctx) => void) | undefined;
  /** Called around every assign; unlike `onAssign` it lets assigns write the step's own copy in place. */
  watch: { readonly before: (context: Ctx) => void; readonly after: (context: Ctx) => void } | undefined;
  /**
   * The context object this step made and nobody else has seen yet, or undefined. An assign
   * writes into it in place instead of copying again (one copy per step, not one per assign);
   * with `onAssign` set every assign copies, since the hook compares before and after.
   */
  owned: Ctx;
  /** Counts assigns (the executor tells from it whether a microstep changed the context). */
  assigns: number;
}

/** The context an assign may write: the step's own copy, else a new shallow copy (which the step then owns). */
function writable(context: Ctx, sink: ActionSink): Ctx {
  sink.assigns++;
  if (context === sink.owned && sink.onAssign === undefined) return context;
  return (sink.owned = { ...context });
}

export type ActionFn = (context: Ctx, event: EventObject, sink: ActionSink) => Ctx;

type Params = unknown;
type ParamsRef = Params | ((args: { context: Ctx; event: EventObject }) => Params);

const AND_CHECK = (and([]) as unknown as { check: unknown }).check;
const OR_CHECK = (or([]) as unknown as { check: unknown }).check;
const NOT_CHECK = (not(() => true) as unknown as { check: unknown }).check;

function resolveParams(params: ParamsRef, context: Ctx, event: EventObject): Params {
  return typeof params === 'function' ? (params as (a: { context: Ctx; event: EventObject }) => Params)({ context, event }) : params;
}

/** Guards and actions of one machine, compiled. */
export class Implementations {
  private readonly id: string;
  /**
   * The `{ context, event }` a guard is called with: one object refilled for each call rather than
   * one made per call (a guard is a pure function of it and keeps nothing; the executor is not
   * re-entered from a guard), and emptied after it (it would otherwise keep the last run's
   * context, and all it holds, alive after the run).
   */
  private readonly guardArgs: { context: Ctx; event: EventObject } = { context: undefined, event: undefined as never };
  private readonly guards: Record<string, unknown>;
  private readonly actions: Record<string, unknown>;

  constructor(machine: AnyStateMachine) {
    this.id = machine.id;
    this.guards = (machine.implementations.guards ?? {}) as Record<string, unknown>;
    this.actions = (machine.implementations.actions ?? {}) as Record<string, unknown>;
  }

  private refuse(where: string, what: string): never {
    throw new UnsupportedMachineError(this.id, `${where}: ${what}`);
  }

  /** A guard reference of the chart (`where` names its place for errors), as a function. */
  guard(ref: unknown, where: string, depth = 0): GuardFn {
    if (depth > 32) this.refuse(where, 'guard references loop');
    const args = this.guardArgs;
    if (typeof ref === 'function') {
      const fn = ref as ((args: { context: Ctx; event: EventObject }, params: Params) => boolean) & { check?: unknown; guards?: unknown[] };
      if ('check' in fn) return this.builtinGuard(fn, where, depth);
      return (context, event) => {
        args.context = context;
        args.event = event;
        const holds = fn(args, undefined);
        args.context = args.event = undefined as never;
        return holds;
      };
    }
    const name = typeof ref === 'string' ? ref : (ref as { type: string }).type;
    const params: ParamsRef = typeof ref === 'object' && ref !== null && 'params' in ref ? (ref as { params: ParamsRef }).params : undefined;
    const impl = this.guards[name];
    if (impl === undefined) {
      return () => {
        throw new Error(`Guard '${name}' is not implemented.'.`);
      };
    }
    if (typeof impl !== 'function') return this.guard(impl, `${where} (guard ${name})`, depth + 1);
    const fn = impl as ((args: { context: Ctx; event: EventObject }, params: Params) => boolean) & { check?: unknown };
    if ('check' in fn) return this.builtinGuard(fn as never, `${where} (guard ${name})`, depth);
    if (typeof params === 'function') {
      return (context, event) => {
        const p = resolveParams(params, context, event);
        args.context = context;
        args.event = event;
        const holds = fn(args, p);
        args.context = args.event = undefined as never;
        return holds;
      };
    }
    return (context, event) => {
      args.context = context;
      args.event = event;
      const holds = fn(args, params);
      args.context = args.event = undefined as never;
      return holds;
    };
  }

  private builtinGuard(fn: { check?: unknown; guards?: unknown[] }, where: string, depth: number): GuardFn {
    const parts = (fn.guards ?? []).map((g) => this.guard(g, where, depth + 1));
    if (fn.check === AND_CHECK) {
      return (context, event) => {
        for (let i = 0; i < parts.length; i++) if (!parts[i](context, event)) return false;
        return true;
      };
    }
    if (fn.check === OR_CHECK) {
      return (context, event) => {
        for (let i = 0; i < parts.length; i++) if (parts[i](context, event)) return true;
        return false;
      };
    }
    if (fn.check === NOT_CHECK) {
      const [only] = parts;
      return (context, event) => !only(context, event);
    }
    return this.refuse(where, 'a built-in guard other than and/or/not (stateIn reads the configuration; not supported)');
  }

  /** An action reference of the chart, as a function from the context to the next one. */
  action(ref: unknown, where: string): ActionFn {
    const inline = typeof ref === 'function';
    const type = typeof ref === 'string' ? ref : inline ? (ref as { name?: string }).name || '(anonymous)' : (ref as { type: string }).type;
    const params: ParamsRef = !inline && typeof ref === 'object' && ref !== null && 'params' in ref ? (ref as { params: ParamsRef }).params : undefined;
    const impl = inline ? ref : this.actions[type];
    const builtin = impl as { type?: string; resolve?: unknown; assignment?: unknown } | undefined;
    if (typeof impl === 'function' && builtin && 'resolve' in builtin) {
      const recipe = (builtin as { draftRecipe?: unknown }).draftRecipe;
      if (builtin.type === 'xstate.assign' && typeof recipe === 'function') return this.recipe(recipe as (draft: Ctx, event: EventObject, params: Params) => void, params);
      if (builtin.type === 'xstate.assign') return this.assign(builtin.assignment, params);
      return this.refuse(`${where} (action ${type})`, `the built-in action ${String(builtin.type)} is not supported (only assign and intent actions are)`);
    }
    if (impl !== undefined && typeof impl !== 'function') return this.refuse(`${where} (action ${type})`, 'an action implementation that is not a function');
    // An intent: recorded, never run (as in XState's pure transition()).
    return (context, event, sink) => {
      if (sink.intents) {
        sink.intents.push({ type, params: resolveParams(params, context, event) });
        sink.owned = undefined; // the params may hold the context: later assigns copy it
      }
      return context;
    };
  }

  private recipe(recipe: (draft: Ctx, event: EventObject, params: Params) => void, params: ParamsRef): ActionFn {
    return (context, event, sink) => {
      const p = resolveParams(params, context, event);
      const watch = sink.watch;
      if (watch !== undefined) watch.before(context);
      const next = writable(context, sink);
      recipe(next, event, p);
      if (sink.onAssign) sink.onAssign(context, next);
      if (watch !== undefined) watch.after(next);
      return next;
    };
  }

  private assign(assignment: unknown, params: ParamsRef): ActionFn {
    const spawn = () => {
      throw new UnsupportedMachineError(this.id, 'spawn inside assign is not supported');
    };
    const args = (context: Ctx, event: EventObject) => ({ context, event, spawn, self: undefined, system: undefined });
    if (typeof assignment === 'function') {
      const fn = assignment as (a: unknown, p: Params) => object;
      return (context, event, sink) => {
        const partial = fn(args(context, event), resolveParams(params, context, event));
        const watch = sink.watch;
        if (watch !== undefined) watch.before(context);
        const next = Object.assign(writable(context, sink), partial);
        if (sink.onAssign) sink.onAssign(context, next);
        if (watch !== undefined) watch.after(next);
        return next;
      };
    }
    const entries = Object.entries(assignment as Record<string, unknown>);
    return (context, event, sink) => {
      const a = args(context, event);
      const p = resolveParams(params, context, event);
      const partial: Record<string, unknown> = {};
      for (const [key, value] of entries) partial[key] = typeof value === 'function' ? (value as (a: unknown, p: Params) => unknown)(a, p) : value;
      const watch = sink.watch;
      if (watch !== undefined) watch.before(context);
      const next = Object.assign(writable(context, sink), partial);
      if (sink.onAssign) sink.onAssign(context, next);
      if (watch !== undefined) watch.after(next);
      return next;
    };
  }
}
