/**
 * The invariant catalogue (docs/invariants.md): every invariant, by name.
 */
import type { DispatchInvariant, LifecycleInvariant } from './types.js';
import { callOrder } from './dispatch/callOrder.js';

export const DISPATCH_INVARIANTS: readonly DispatchInvariant[] = [callOrder as DispatchInvariant];

export const LIFECYCLE_INVARIANTS: readonly LifecycleInvariant[] = [];

export * from './types.js';
