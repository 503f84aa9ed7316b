/**
 * Reading an INF from disk, with the INFs its Include= entries name when they are beside it
 * (same directory; the name is matched without case, as Windows file systems do).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { importInf, type ImportOptions, type ImportResult, type InfSource } from './import.js';

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
