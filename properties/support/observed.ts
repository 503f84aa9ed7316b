/**
 * Observed runs, memoised. Every property of a file draws from the same arbitrary with the same
 * seed (Jest's, shared by the file's tests), so the thirteen dispatch invariants see the same
 * dispatches: each is run through the machine once, and each monitor judges it.
 */
import { recordDif } from '../../src/host/runDif.js';
import { recordInstall } from '../../src/host/runInstall.js';
import type { Semantics } from '../../src/domain/profiles.js';
import { observeDispatch, observeInstall, type DispatchRun, type InstallRun } from '../../src/invariants/observe.js';
import type { RecordedRun } from '../../src/invariants/journal.js';
import type { DispatchCase } from '../arbitraries/dispatch.js';

const LIMIT = 20_000;

function memo<K, V>(compute: (key: K) => V, keyOf: (key: K) => string): (key: K) => V {
  const cache = new Map<string, V>();
  return (key) => {
    const k = keyOf(key);
    let value = cache.get(k);
    if (value === undefined) {
      if (cache.size >= LIMIT) cache.clear();
      value = compute(key);
      cache.set(k, value);
    }
    return value;
  };
}

export interface MutantCase extends DispatchCase {
  readonly semantics?: Semantics;
}

export const observedDispatch: (c: MutantCase) => DispatchRun = memo(
  (c) => observeDispatch(c.doc, c.dif, c.semantics ? { semantics: c.semantics } : {}),
  (c) => JSON.stringify([c.doc, c.dif, c.semantics ?? null]),
);

export const observedInstall: (doc: unknown) => InstallRun = memo(observeInstall, (doc) => JSON.stringify(doc));

/** A fixed clock, so journals of equal runs are equal text. */
export const FIXED_NOW = (): Date => new Date('2026-01-01T00:00:00.000Z');

export type JournalCase = { readonly kind: 'dispatch'; readonly doc: unknown; readonly dif: number } | { readonly kind: 'install'; readonly doc: unknown };

export const recorded: (c: JournalCase) => RecordedRun = memo(
  (c) => {
    const { result, journal } = c.kind === 'dispatch' ? recordDif(c.doc, c.dif, { now: FIXED_NOW }) : recordInstall(c.doc, { now: FIXED_NOW });
    return { live: result, journal };
  },
  (c) => JSON.stringify(c),
);
