/** What a command writes to and reads the clock from: the bin's terminal, or a test's buffers. */
import type { Interrupts } from '../explore/drive.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Colour the readable output (the bin decides from the terminal, NO_COLOR and FORCE_COLOR). */
  readonly color: boolean;
  readonly version: string;
  /** Clock for journals (tests pin it). */
  readonly now?: () => Date;
  /** Milliseconds clock for progress lines (default Date.now; tests drive it). */
  readonly clock?: () => number;
  /** Whether stderr is a terminal (default: process.stderr.isTTY): progress is shown there by default. */
  readonly stderrIsTerminal?: boolean;
  /** Ctrl-C while a long command runs (the bin: SIGINT, src/cli/interrupts.ts; tests: their own). */
  readonly interrupts?: Interrupts;
}
