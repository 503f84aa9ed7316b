/** The options every host run (runDif, runInstall, their record* forms) takes, and their check. */
import type { InspectionEvent, Observer } from 'xstate';

export interface RunOptions {
  /** Observe the run through XState's inspection API (runs a live actor). */
  readonly inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void);
  /** Clock for the journal's `at` fields (default: the wall clock). */
  readonly now?: () => Date;
  /** Recorded in the journal header. */
  readonly scenarioFile?: string;
  /** Called with every input the host gives the machine (an installer's answer, a timeline event): for progress on long runs. */
  readonly onInput?: (event: { readonly type: string }) => void;
}

/** A wrong option is a TypeError that says what is expected (the library API; the CLI never passes one). */
export function checkOptions(caller: string, options: RunOptions | undefined): void {
  if (options === undefined || options === null) return;
  if (typeof options !== 'object') throw new TypeError(`${caller}: options must be an object, got ${typeof options}`);
  const inspect = (options as { inspect?: unknown }).inspect;
  if (inspect === undefined) return;
  const ok = typeof inspect === 'function' || (typeof inspect === 'object' && inspect !== null && typeof (inspect as { next?: unknown }).next === 'function');
  if (!ok) {
    const got = inspect === null ? 'null' : Array.isArray(inspect) ? 'an array' : typeof inspect === 'object' ? `an object without a next() method (keys: ${Object.keys(inspect).join(', ') || 'none'})` : `a ${typeof inspect}`;
    throw new TypeError(`${caller}: options.inspect must be an inspection observer — a function (event) => void or an object with next(event), such as inspector.inspect from @statelyai/inspect — got ${got}`);
  }
  if (options.now !== undefined && typeof options.now !== 'function') throw new TypeError(`${caller}: options.now must be a function returning a Date, got ${typeof options.now}`);
}

