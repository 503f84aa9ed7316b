/**
 * Reading an INF from disk, with the INFs its Include= entries name when they are beside it
 * (same directory; the name is matched without case, as Windows file systems do).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { validateScenario } from '../scenario/load.js';
import { importInf, type ImportOptions, type ImportResult, type InfSource } from './import.js';
import type { ModelCandidate } from './models.js';
import type { InfArch } from './platform.js';
import { parseLocale } from './strings.js';

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String((error as Error).message);
    throw new InputError(`${file}: cannot read: ${why}`);
  }
}

export function readBeside(file: string): (name: string) => InfSource | undefined {
  const dir = dirname(file);
  let entries: string[] | undefined;
  return (name) => {
    if (/[\\/]/.test(name)) return undefined;
    try {
      entries ??= readdirSync(dir);
    } catch {
      return undefined;
    }
    const match = entries.find((e) => e.toLowerCase() === name.toLowerCase());
    if (!match) return undefined;
    try {
      return { file: join(dir, match), bytes: readFileSync(join(dir, match)) };
    } catch {
      return undefined;
    }
  };
}

/** Imports an INF file; an unreadable file is an InputError (one line, exit 2). */
export function importInfFile(file: string, options: Omit<ImportOptions, 'readBeside'> = {}): ImportResult {
  return importInf({ file, bytes: readBytes(file) }, { ...options, readBeside: readBeside(file) });
}

/** How the user picks the model, the architecture and the [Strings.LLLL] of an INF (as the CLI's options give them). */
export interface InfChoice {
  readonly model?: string;
  readonly hwid?: string;
  readonly arch?: InfArch;
  /** A hexadecimal LANGID such as 0407. */
  readonly locale?: string;
}

/**
 * Imports an INF file as a scenario for one device model. Bad input is an InputError: an unreadable
 * file, a malformed --locale, and several models with no choice (the models listed, with the
 * --model/--hwid that picks each).
 */
export function importInfScenario(file: string, choice: InfChoice = {}): Extract<ImportResult, { kind: 'scenario' }> {
  let locale: number | undefined;
  if (choice.locale !== undefined) {
    locale = parseLocale(choice.locale);
    if (locale === undefined) throw new InputError(`--locale: expected a hexadecimal LANGID such as 0407, got "${choice.locale}"`);
  }
  const result = importInfFile(file, { model: choice.model, hwid: choice.hwid, arch: choice.arch, locale });
  if (result.kind === 'choose') throw new InputError(`${file}: ${result.reason}:\n${listModels(result.candidates)}`);
  // The importer builds documents for the schema; a mismatch is a bug, reported as one.
  validateScenario(result.document, { file: `${file} (imported scenario)` });
  return result;
}

function listModels(candidates: readonly ModelCandidate[]): string {
  if (candidates.length === 0) return '  (no models for this architecture)';
  return candidates
    .map((c) => `  --model "${c.description}"  → [${c.installSection}]${c.hardwareIds.length ? `  --hwid ${c.hardwareIds.join(', ')}` : ''}  (line ${c.line})`)
    .join('\n');
}
