/**
 * Drives a search a slice at a time, yielding to the event loop in between, so that Ctrl-C (SIGINT,
 * which Node raises on Windows too) is taken while it runs: the search then stops with a partial
 * verdict, which the caller reports like any other. A second Ctrl-C is left to Node (it ends the
 * process), in case the report itself hangs.
 */
import type { Search } from './engine/searchControl.js';

/** Subscribes to interrupts (Ctrl-C); returns the unsubscribe. src/cli/interrupts.ts wires SIGINT. */
export type Interrupts = (onInterrupt: () => void) => () => void;

export interface DriveOptions {
  readonly interrupts?: Interrupts;
  /** Milliseconds per slice (default 50): how long a Ctrl-C may wait. */
  readonly sliceMs?: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function drive<R>(search: Search<R>, options: DriveOptions = {}): Promise<R> {
  let unsubscribe: (() => void) | undefined;
  let subscribed = false;
  if (options.interrupts) {
    subscribed = true;
    unsubscribe = options.interrupts(() => {
      search.stop('interrupted');
      if (subscribed) {
        subscribed = false;
        unsubscribe?.();
      }
    });
  }
  try {
    while (!search.run(options.sliceMs ?? 50)) await yieldToEventLoop();
  } finally {
    if (subscribed) {
      subscribed = false;
      unsubscribe?.();
    }
  }
  return search.result();
}
