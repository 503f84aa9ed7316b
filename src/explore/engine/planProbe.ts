/**
 * Tells what of the plan a step read.
 *
 * Steps are memoised across configurations where they can be: a monitor's step (monitorBank.ts) by
 * whether it read the plan at all, the stepper's steps from a shape (shapes.ts) by the values of the
 * plan fields they read. Rather than trusting a declaration, the step is handed a proxy of the plan
 * that notes every access: the fields read (or `in`-tested), or the plan as a whole (listing its
 * keys, …). A step is a pure function of its inputs and the plan, so under another plan that agrees
 * on every field it read (the same primitive value, or the very same object: plans are never
 * changed) it would have run the same way, with the same result. (Only a step that used the plan
 * object's identity could tell the proxies apart; none does.)
 */
import type { DispatchPlan } from '../../domain/dispatchPlan.js';

/** Every trap but get and has: they use the plan as a whole. */
const WHOLE_TRAPS = ['ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'isExtensible', 'set', 'deleteProperty', 'defineProperty', 'preventExtensions', 'setPrototypeOf'] as const;

export class PlanProbe {
  /** Whether the plan was accessed since the last `begin`. */
  read = false;
  /** The fields read since the last `begin`, in the order first read. */
  readonly fields: string[] = [];
  /** Whether the plan was used as a whole (or read by a symbol) since the last `begin`. */
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
    if (typeof field === 'string') {
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
    return new Proxy(plan, handler);
  }
}
