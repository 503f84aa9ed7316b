/** What a reader `devinst view` and `devinst report` can open provides (sources.ts tries them in order). */
import type { InfChoice } from '../inf/load.js';
import type { ViewModel } from './model.js';

export interface SourceOptions {
  /** Scenario files: run each of these profiles (default: the scenario's own). */
  readonly profiles?: readonly string[];
  /** Scenario files: dispatch this one DIF instead of the whole installation. */
  readonly dif?: string;
  readonly now?: () => Date;
  /** INF files: which device model, architecture and strings (as `devinst install <file.inf>` takes them). */
  readonly inf?: InfChoice;
}

export interface ViewSource {
  readonly name: string;
  /** Whether this source reads the file (given its text). */
  accepts(file: string, text: string): boolean;
  load(file: string, text: string, options: SourceOptions): Promise<ViewModel[]>;
}
