/** What a command writes to and reads the clock from: the bin's terminal, or a test's buffers. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Colour the readable output (the bin decides from the terminal, NO_COLOR and FORCE_COLOR). */
  readonly color: boolean;
  readonly version: string;
  /** Clock for journals (tests pin it). */
  readonly now?: () => Date;
}
