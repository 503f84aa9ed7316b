/**
 * One full garbage collection once a very long journal header has been read and released.
 *
 * Why: a header is one JSON line holding the run's scenario; a scenario with hundreds of thousands
 * of co-installers makes it tens of megabytes, and `JSON.parse` turns that into about two and a half
 * times as much in objects, all dead once the scenario is validated. V8 sets the heap size at which
 * it next collects the old generation from what was alive at its last collection, and that one
 * ran while the header was being parsed: so the dead header is carried, and the heap allowed to
 * grow to about twice the live data, for the rest of the replay. Measured on the bench's
 * 1,000,000-event journal (236 MB, a 38 MB header; bench/replayFile.ts): peak RSS 512 MB without
 * this collection, 341 MB with it (342–351 MB in `npm run bench`, with the executor's own fix in
 * implementations.ts too). One collection with about 70 MB live costs about 50 ms; headers under
 * LONG_HEADER characters never cause one, nor do journals replayed from text in memory (their
 * caller holds the whole text anyway; the memory bound is for streamed replay).
 *
 * How: Node gives `gc` only under `--expose-gc`. If the process has it, it is used; otherwise the
 * flag is set for as long as it takes to get the function from a new context and set back, so the
 * process's own global object and flags are as they were (node:v8 setFlagsFromString, node:vm).
 * If that fails, nothing is collected and nothing else changes.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Header lines at least this long (characters) are followed by one full collection. */
export const LONG_HEADER = 8 << 20;

let collector: (() => void) | null | undefined;

function obtain(): (() => void) | null {
  const own = (globalThis as { gc?: unknown }).gc;
  if (typeof own === 'function') return own as () => void;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

/** Runs one full collection; false when the runtime gives no way to (then nothing happened). */
export function collectGarbage(): boolean {
  if (collector === undefined) collector = obtain();
  if (collector === null) return false;
  collector();
  return true;
}
