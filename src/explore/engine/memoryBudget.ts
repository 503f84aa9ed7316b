/**
 * The memory guard of an exploration: the search stops (with a partial verdict) before it would
 * exhaust the heap, instead of V8 aborting the process.
 *
 * What counts is the JavaScript heap in use plus the memory held outside it (the explorer's typed
 * arrays), as V8 reports them (`v8.getHeapStatistics()`: used_heap_size + external_memory), against
 * a budget that defaults to a margin below V8's heap limit (`--max-old-space-size`, or V8's default
 * for the machine); whatever the budget, the heap by itself is kept below 80% of its old generation's
 * limit (`heapCap`).
 * The explorer measures every thousand states or so (`measure`); in between, every
 * growth of one of its tables asks `reserve` for the bytes it is about to allocate, counted from the
 * last measurement without crediting what the old array frees (so a doubling is seen whole, before
 * it happens). A refused growth throws OutOfMemoryBudget, which the explorer turns into a stop.
 * What the heap gains between two measurements (a few MB, garbage included) may pass the budget
 * before the next one stops the search: the default budget leaves the rest of the heap limit for that
 * and for the report.
 */
import { getHeapStatistics } from 'node:v8';

/** The default budget: this share of V8's heap limit (the rest is left to build the report). */
export const DEFAULT_BUDGET_SHARE = 0.85;

export class OutOfMemoryBudget extends Error {
  override name = 'OutOfMemoryBudget';
}

/** Heap in use plus memory held outside the heap (typed arrays), in bytes. */
export function memoryInUse(): number {
  const h = getHeapStatistics();
  return h.used_heap_size + h.external_memory;
}

export function defaultMemoryBudget(): number {
  return Math.floor(getHeapStatistics().heap_size_limit * DEFAULT_BUDGET_SHARE);
}

/**
 * What the heap by itself may hold: 80% of the old generation's limit. V8's heap limit also counts
 * the young generation (up to 48 MiB on 64-bit), and V8 gives up ("ineffective mark-compacts near
 * heap limit") when the old generation nears its own limit (`--max-old-space-size`).
 */
function heapCap(): number {
  const limit = getHeapStatistics().heap_size_limit;
  return Math.floor(Math.max(limit / 2, (limit - 48 * 1024 * 1024) * 0.8));
}

/** The guard of the running exploration, if any (explorations run one slice at a time, so one is active). */
let active: MemoryBudget | null = null;

export class MemoryBudget {
  /** Bytes that may still be allocated before the next measurement. */
  private headroom = Infinity;
  /** The largest use measured (bytes). */
  peak = 0;
  /** The bound that was passed (bytes): `budget`, or the heap's own share of its limit. */
  passed = 0;
  /** The heap by itself stays below this whatever the budget (a budget above the heap limit would otherwise let V8 abort). */
  private readonly heapCap = heapCap();

  constructor(readonly budget: number) {}

  /** Measures the memory in use; false when it is over the budget (or the heap over its cap). */
  measure(): boolean {
    const h = getHeapStatistics();
    const used = h.used_heap_size + h.external_memory;
    if (used > this.peak) this.peak = used;
    this.headroom = this.budget - used;
    if (this.headroom <= 0) this.passed = this.budget;
    else if (h.used_heap_size > this.heapCap) this.passed = this.heapCap;
    else return true;
    this.headroom = 0;
    return false;
  }

  /** Makes this the guard that table growth asks (until `deactivate`). */
  activate(): void {
    active = this;
  }

  deactivate(): void {
    if (active === this) active = null;
  }

  take(bytes: number): void {
    if (bytes > this.headroom) {
      this.passed = this.budget;
      throw new OutOfMemoryBudget(`growing a table by ${bytes} bytes would pass the memory budget`);
    }
    this.headroom -= bytes;
  }
}

/** Asks the active guard (if any) for `bytes` about to be allocated; throws OutOfMemoryBudget when refused. */
export function reserve(bytes: number): void {
  if (active !== null) active.take(bytes);
}
