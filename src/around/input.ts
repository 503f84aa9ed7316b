/**
 * `devinst explore <input>`: any input as a scenario. Today a scenario file (JSON); an INF or a
 * setupapi.dev.log is recognised and refused with a clear message until their importers land —
 * each plugs in here, as one more case of `loadInputAsScenario`.
 */
import path from 'node:path';
import { InputError } from '../errors.js';
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
  if (base.endsWith('.inf')) return 'inf';
  if (base.endsWith('.log')) return 'setupapi-log';
  return 'scenario';
}

/** Loads any supported input as a scenario document; bad input throws InputError (one line, exit 2). */
export function loadInputAsScenario(file: string): LoadedInput {
  const kind = inputKind(file);
  switch (kind) {
    case 'inf':
      throw new InputError(`${file}: exploring an INF is not supported yet (no INF importer in this build); write a scenario file for it`);
    case 'setupapi-log':
      throw new InputError(`${file}: exploring a setupapi.dev.log is not supported yet (no log importer in this build); write a scenario file for it`);
    case 'scenario':
      return { kind, file, document: loadScenarioFile(file).document };
  }
}
