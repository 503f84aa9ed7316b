/**
 * `devinst explore <input>`: any input as a scenario — a scenario file (JSON), an INF (one device
 * model's installers, imported as `devinst inf import` does), or one installation section of a
 * setupapi.dev.log (turned into a scenario as `devinst log scenario` does). Each input is one case
 * of `loadInputAsScenario`.
 */
import path from 'node:path';
import { importInfScenario, type InfChoice } from '../inf/load.js';
import { parseFile } from '../log/document.js';
import { scenarioFromLog } from '../log/scenario.js';
import { loadScenarioFile } from '../scenario/load.js';
import type { ScenarioDocument } from '../scenario/schema.js';

export type InputKind = 'scenario' | 'inf' | 'setupapi-log';

export interface LoadedInput {
  readonly kind: InputKind;
  readonly file: string;
  /** The scenario document to explore around (as a scenario file would hold it). */
  readonly document: ScenarioDocument;
}

/** What kind of input a file is, by its name (setupapi.dev.log, setupapi.app.log, *.log; *.inf; else a scenario). */
export function inputKind(file: string): InputKind {
  const base = path.basename(file).toLowerCase();
  if (base.endsWith('.inf') || base.endsWith('.inx')) return 'inf';
  if (base.endsWith('.log')) return 'setupapi-log';
  return 'scenario';
}

/** Which installation section of a log (by number, or by device) to take; which model of an INF. */
export interface InputChoice extends InfChoice {
  readonly section?: number;
  readonly device?: string;
}

/** Loads any supported input as a scenario document; bad input throws InputError (one line, exit 2). */
export function loadInputAsScenario(file: string, choice: InputChoice = {}): LoadedInput {
  const kind = inputKind(file);
  switch (kind) {
    case 'inf':
      return { kind, file, document: importInfScenario(file, choice).document };
    case 'setupapi-log': {
      const { scenario } = scenarioFromLog(parseFile(file), choice);
      return { kind, file, document: scenario as ScenarioDocument };
    }
    case 'scenario':
      return { kind, file, document: loadScenarioFile(file).document };
  }
}
