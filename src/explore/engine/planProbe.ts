/**
 * Tells what of the plan a step read.
 *
 * Steps are memoised across configurations where they can be: a monitor's step (monitorBank.ts) by
 * whether it read the plan at all, the executor's steps from a shape (shapes.ts) by the values of the
 * plan fields they read. Rather than trusting a declaration, the step is handed a proxy of the plan
 * that notes every access: the fields read (or `in`-tested), or the plan as a whole (listing its
 * keys, …). A step is a pure function of its inputs and the plan, so under another plan that agrees
 * on every field it read (the same primitive value, or the very same object: plans are never
 * changed) it would have run the same way, with the same result. (Only a step that used the plan
 * object's identity could tell the proxies apart; none does.)
 *
 * The machine's actions update the context with immer, which would draft a plain-object plan and
 * walk all of it (listing its keys, freezing it): the proxy's target is therefore a copy of the plan
 * with a prototype of its own, which immer leaves alone (it drafts and freezes plain objects and
 * arrays only). Asking for that prototype (immer does, to tell) is not noted: it is the same for
 * every plan the probe watches; nor is asking whether the plan is extensible (immer does, before
 * freezing): every watched plan is, as the probe's own copy, unless a step made it not, which is
 * noted. Reading a symbol is noted as reading that field.
 */
import type { DispatchPlan } from '../../domain/dispatchPlan.js';

/** A watched plan's prototype: not a plain object's, so that immer does not draft it. */
class WatchedPlan {}

/** Every trap but get, has, getPrototypeOf and isExtensible: they use the plan as a whole. */
const WHOLE_TRAPS = ['ownKeys', 'getOwnPropertyDescriptor', 'set', 'deleteProperty', 'defineProperty', 'preventExtensions', 'setPrototypeOf'] as const;

export class PlanProbe {
  /** Whether the plan was accessed since the last `begin`. */
  read = false;
  /** The fields read since the last `begin`, in the order first read. */
  readonly fields: PropertyKey[] = [];
  /** Whether the plan was used as a whole since the last `begin`. */
  whole = false;
  /** One proxy per configuration. */
  private readonly proxies: DispatchPlan[] = [];

  /** The plan of configuration `config`, watched; clears what was noted. */
  begin(config: number, plan: DispatchPlan): DispatchPlan {
    this.read = false;
    this.fields.length = 0;
    this.whole = false;
    return (this.proxies[config] ??= this.watch(plan));
  }

  private note(field: string | symbol | undefined): void {
    this.read = true;
    if (field !== undefined) {
      if (!this.fields.includes(field)) this.fields.push(field);
    } else {
      this.whole = true;
    }
  }

  private watch(plan: DispatchPlan): DispatchPlan {
    const handler: ProxyHandler<DispatchPlan> = {
      get: (t, p) => {
        this.note(p);
        return Reflect.get(t, p);
      },
      has: (t, p) => {
        this.note(p);
        return Reflect.has(t, p);
      },
    };
    for (const trap of WHOLE_TRAPS) {
      const reflect = Reflect[trap] as (...args: unknown[]) => unknown;
      (handler as Record<string, unknown>)[trap] = (...args: unknown[]) => {
        this.note(undefined);
        return reflect(...args);
      };
    }
    handler.getPrototypeOf = (t) => Reflect.getPrototypeOf(t);
    handler.isExtensible = (t) => Reflect.isExtensible(t);
    return new Proxy(Object.assign(Object.create(WatchedPlan.prototype) as DispatchPlan, plan), handler);
  }
}
