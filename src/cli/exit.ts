/**
 * A command that finished its work and printed its report but must end with a non-zero exit code
 * (`devinst explore` when an invariant fails, so CI can gate on it). main() returns `code` and
 * prints nothing more.
 */
export class ExitWith extends Error {
  override name = 'ExitWith';
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
