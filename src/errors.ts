/**
 * Bad input from the user (a scenario, journal, log or INF file; a code name; a missing file).
 * The CLI prints `message` as one line and exits with code 2, without a stack trace.
 */
export class InputError extends Error {
  override name = 'InputError';
}

/** `file:line:col: ` when a place is known, `file: ` otherwise. */
export function place(file: string, line?: number, column?: number): string {
  return line === undefined ? `${file}: ` : `${file}:${line}:${column ?? 1}: `;
}

/**
 * Exit codes: 0 done (and, for a verdict, nothing breaks), 1 a verdict that something breaks (or an
 * internal error), 2 bad input or usage, 3 a search that stopped before it was complete
 * (`devinst explore` at --max-states, the memory guard or Ctrl-C: its verdict covers the states
 * explored only).
 */
export const EXIT_PARTIAL = 3;

/** A command's verdict as its exit code (e.g. `devinst log check` exits 1 when a block violates). */
export class ExitStatus extends Error {
  override name = 'ExitStatus';
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
