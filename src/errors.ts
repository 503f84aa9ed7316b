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
