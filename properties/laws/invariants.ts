/**
 * The laws the invariant properties apply (the fast-check and tlaplus/Examples conventions: one helper per law, the predicate itself
 * in src/invariants/): an invariant holds on one generated run, or it throws with the invariant's
 * failure sentence and the run's call timeline.
 */
import type { DispatchInvariant, LifecycleInvariant } from '../../src/invariants/types.js';
import type { JournalInvariant } from '../../src/invariants/journal.js';
import { checkDispatch, checkInstall } from '../../src/invariants/observe.js';
import type { Semantics } from '../../src/domain/profiles.js';
import type { DispatchCase } from '../arbitraries/dispatch.js';
import { observedDispatch, observedInstall, recorded, type JournalCase } from '../support/observed.js';
import { dispatchTimeline, installTimeline } from '../support/timeline.js';

/** The invariant's failure on this dispatch, or null. */
export function dispatchBreach(invariant: DispatchInvariant, c: DispatchCase, semantics?: Semantics): string | null {
  const run = observedDispatch({ ...c, ...(semantics ? { semantics } : {}) });
  const [breach] = checkDispatch([invariant], run);
  return breach ? `${invariant.name}: ${breach.failure}\n${c.doc && JSON.stringify(c.doc)} with ${run.plan.difName}\n${dispatchTimeline(run.result)}` : null;
}

export function assertDispatchInvariant(invariant: DispatchInvariant, c: DispatchCase, semantics?: Semantics): void {
  const breach = dispatchBreach(invariant, c, semantics);
  if (breach) throw new Error(breach);
}

export function lifecycleBreach(invariant: LifecycleInvariant, doc: unknown): string | null {
  const run = observedInstall(doc);
  const [breach] = checkInstall([invariant], run);
  return breach ? `${invariant.name}: ${breach.failure}\n${JSON.stringify(doc)}\n${installTimeline(run.result)}` : null;
}

export function assertLifecycleInvariant(invariant: LifecycleInvariant, doc: unknown): void {
  const breach = lifecycleBreach(invariant, doc);
  if (breach) throw new Error(breach);
}

export function assertJournalInvariant(invariant: JournalInvariant, c: JournalCase): void {
  const failure = invariant.check(recorded(c));
  if (failure) throw new Error(`${invariant.name}: ${failure.failure}\n${JSON.stringify(c)}`);
}
