/** A command's verdict as an exit code other than 0 (e.g. `devinst explore <scenario>`: 1 when something breaks). */
export class ExitStatus extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
