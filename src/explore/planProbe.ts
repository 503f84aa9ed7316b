/**
 * Tells whether a monitor's step read the plan.
 *
 * The monitor bank memoises a step by (ghost, observation). Most monitors never look at the plan,
 * and their steps can then be shared by every configuration; a few do (e.g. whether the request has
 * a device), and theirs must be memoised per configuration. Rather than trusting a declaration, the
 * bank hands each step a proxy of the plan that notes any access (a property read, `in`, a key
 * listing, …). A step is a pure function of (ghost, observation, plan), so a step that touched
 * nothing of the plan would have run the same way, with the same result, under any plan. (Only a
 * step that used the plan object's identity could tell the proxies apart; no pure monitor does.)
 */
import type { DispatchPlan } from '../domain/dispatchPlan.js';

/** Every trap a proxy of a plain object can meet. */
const TRAPS = ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'isExtensible', 'set', 'deleteProperty', 'defineProperty', 'preventExtensions', 'setPrototypeOf'] as const;

export class PlanProbe {
  /** Whether the plan was accessed since the last `begin`. */
  read = false;
  /** One proxy per configuration. */
  private readonly proxies: DispatchPlan[] = [];

  /** The plan of configuration `config`, watched; clears `read`. */
  begin(config: number, plan: DispatchPlan): DispatchPlan {
    this.read = false;
    return (this.proxies[config] ??= this.watch(plan));
  }

  private watch(plan: DispatchPlan): DispatchPlan {
    const handler: ProxyHandler<DispatchPlan> = {};
    for (const trap of TRAPS) {
      const reflect = Reflect[trap] as (...args: unknown[]) => unknown;
      (handler as Record<string, unknown>)[trap] = (...args: unknown[]) => {
        this.read = true;
        return reflect(...args);
      };
    }
    return new Proxy(plan, handler);
  }
}
