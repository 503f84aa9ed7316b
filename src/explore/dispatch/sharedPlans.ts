/**
 * The configurations' plans with their equal parts shared: where two plans hold equal values in a
 * field (ValueTable's equality, keptStates.ts: equal all the way down), both hold the very same
 * object. Plans never change, so this changes nothing a step can compute; but the shapes' records
 * are filed by the values of the plan fields a step read, objects by identity (shapes.ts), so a
 * step that read the co-installer list is now reused by every configuration with an equal list
 * (those that differ only in the class installer or DI_NODI_DEFAULTACTION), not stepped again for
 * each.
 */
import type { DispatchPlan } from '../../domain/dispatchPlan.js';
import { ValueTable } from './keptStates.js';

export function sharePlanParts(plans: readonly DispatchPlan[]): DispatchPlan[] {
  const values = new ValueTable();
  return plans.map((plan) => {
    const record = plan as unknown as Record<string, unknown>;
    const fields: Record<string, unknown> = {};
    let changed = false;
    for (const key of Object.keys(record)) {
      const value = record[key];
      const shared = typeof value === 'object' && value !== null ? values.value(values.id(value)) : value;
      if (shared !== value) changed = true;
      fields[key] = shared;
    }
    if (!changed) return plan;
    // The same prototype and own fields, in the same order, frozen as the plan is.
    const copy = Object.assign(Object.create(Object.getPrototypeOf(plan) as object) as object, fields);
    return (Object.isFrozen(plan) ? Object.freeze(copy) : copy) as unknown as DispatchPlan;
  });
}
