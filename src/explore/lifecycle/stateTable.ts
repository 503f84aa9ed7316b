/**
 * States of one scenario's exploration told apart by value, so that runs reaching equal states
 * share what follows (src/explore/lifecycle/lifecycleExplorer.ts).
 *
 * A run's future is a function of its machine state and the host's call counters: the machine is
 * deterministic (guards and actions are functions of the context and the event), and the host's
 * answers are functions of the context and the counters. Two states are equal here when their
 * status, state value, context, output and counters are equal as values: the same prototype and
 * the same own enumerable fields in the same order, equal field by field (identical objects
 * without looking further); an AppendLog by its visible items (its buffer is shared with other
 * versions and may hold more); a Map by its entries, a Set by its items; functions only when
 * identical. Anything this tells apart that could have been merged only costs sharing, never a
 * wrong result.
 *
 * The hash looks a few levels down only (deeper parts count by their kind and size): it spreads the
 * states over buckets; equality decides.
 */
import { AppendLog } from '../../domain/appendLog.js';
import type { CallCounters } from '../../host/answers.js';
import type { InstallSnapshot } from '../../host/installFold.js';

const HASH_DEPTH = 3;

function mix(h: number, x: number): number {
  h = Math.imul(h ^ x, 0x9e3779b1);
  return h ^ (h >>> 15);
}

function hashString(s: string): number {
  let h = 0x811c9dc5 ^ s.length;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

function hashValue(v: unknown, depth: number): number {
  switch (typeof v) {
    case 'string':
      return depth > 0 ? hashString(v) : mix(1, v.length);
    case 'number':
      return (v | 0) === v ? mix(2, v) : 3;
    case 'boolean':
      return v ? 4 : 5;
    case 'undefined':
      return 6;
    case 'object':
      return v === null ? 7 : hashObject(v, depth);
    default:
      return 8; // functions, symbols, bigints: equality decides
  }
}

/** Fields in their order (states of one scenario share their shapes: the keys are not hashed), a few levels down. */
function hashObject(v: object, depth: number): number {
  if (v instanceof AppendLog) {
    let h = mix(9, v.length);
    if (depth > 0) for (let i = 0; i < v.length; i++) h = mix(h, hashValue(v.at(i), depth - 1));
    return h;
  }
  if (Array.isArray(v)) {
    let h = mix(10, v.length);
    if (depth > 0) for (let i = 0; i < v.length; i++) h = mix(h, hashValue(v[i], depth - 1));
    return h;
  }
  if (v instanceof Map || v instanceof Set) return mix(11, v.size);
  if (depth === 0) return 12;
  let h = 13;
  for (const key in v) if (Object.hasOwn(v, key)) h = mix(h, hashValue((v as Record<string, unknown>)[key], depth - 1));
  return h;
}

/** Equal as values (see the module's comment). */
export function equalValues(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof AppendLog) {
    const other = b as AppendLog<unknown>;
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!equalValues(a.at(i), other.at(i))) return false;
    return true;
  }
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!equalValues(a[i], other[i])) return false;
    return true;
  }
  if (a instanceof Map) {
    const other = b as Map<unknown, unknown>;
    if (a.size !== other.size) return false;
    for (const [key, value] of a) if (!other.has(key) || !equalValues(value, other.get(key))) return false;
    return true;
  }
  if (a instanceof Set) {
    const other = b as Set<unknown>;
    if (a.size !== other.size) return false;
    for (const item of a) if (!other.has(item)) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const key = ka[i];
    if (key !== kb[i] || !equalValues((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function counterHash(counters: CallCounters): number {
  let h = counters.size;
  for (const [key, n] of counters) h = (h + mix(hashString(key), n)) | 0; // order-free: the counters are a map
  return h;
}

function sameState(a: InstallSnapshot, ac: CallCounters, b: InstallSnapshot, bc: CallCounters): boolean {
  return (
    a.status === b.status &&
    equalValues(a.value, b.value) &&
    equalValues(ac, bc) &&
    equalValues(a.context, b.context) &&
    equalValues(a.output, b.output)
  );
}

/** The states met so far in one scenario's exploration, each with what the caller keeps for it. */
export class StateTable<T extends { readonly snapshot: InstallSnapshot; readonly counters: CallCounters }> {
  private readonly buckets = new Map<number, T[]>();
  /** How many states it holds. */
  size = 0;

  /** The entry of a state equal to this one, or the one `make` builds for it (then kept). */
  intern(snapshot: InstallSnapshot, counters: CallCounters, make: () => T): T {
    const h = mix(mix(hashString(snapshot.status), hashValue(snapshot.value, HASH_DEPTH)), mix(hashValue(snapshot.context, HASH_DEPTH), counterHash(counters)));
    let bucket = this.buckets.get(h);
    if (bucket === undefined) this.buckets.set(h, (bucket = []));
    for (const entry of bucket) {
      if ((entry.snapshot === snapshot && entry.counters === counters) || sameState(entry.snapshot, entry.counters, snapshot, counters)) return entry;
    }
    const entry = make();
    bucket.push(entry);
    this.size += 1;
    return entry;
  }
}
