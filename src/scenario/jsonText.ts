/**
 * Reading JSON text with positions: syntax errors and schema errors point at a line and column;
 * text decoded as Windows tools write it (BOM, UTF-16LE).
 */
import { readFileSync } from 'node:fs';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { InputError } from '../errors.js';
import { lineColumn, parseJsonValue } from './jsonParse.js';

export interface JsonText {
  readonly file: string;
  readonly text: string;
  readonly value: unknown;
}

/**
 * Decodes a file's bytes as Windows tools write text: UTF-8 with or without a BOM (Notepad), UTF-16LE
 * with a BOM (PowerShell 5's `>` and Out-File), UTF-16BE with a BOM. Anything else must be UTF-8.
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  let encoding = 'utf-8';
  let start = 0;
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (b0 === 0xff && b1 === 0xfe) [encoding, start] = ['utf-16le', 2];
  else if (b0 === 0xfe && b1 === 0xff) [encoding, start] = ['utf-16be', 2];
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
  } catch {
    throw new InputError(`${file}: cannot read: not ${encoding === 'utf-8' ? 'UTF-8' : encoding.toUpperCase()} text (save it as UTF-8, or as UTF-16 with a byte-order mark)`);
  }
}

/** The name messages use for standard input (`-`). */
export const STDIN_NAME = '<stdin>';

/** Reads a file (or standard input for `-`) as text; a missing or unreadable file is an InputError naming it. */
export function readTextFile(file: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file === '-' ? 0 : file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String((error as Error).message);
    throw new InputError(`${file === '-' ? STDIN_NAME : file}: cannot read: ${why}`);
  }
  return decodeText(bytes, file === '-' ? STDIN_NAME : file);
}

export { lineColumn };

/**
 * Parses a scenario file's text: JSON with comments and trailing commas allowed; duplicate keys,
 * reserved keys and too deep nesting refused; every error names the file, line and column.
 */
export function parseJsonText(file: string, text: string): JsonText {
  return { file, text, value: parseJsonValue(file, text, { jsonc: true }) };
}

/** Where a JSON path (keys and indices) starts in the text; for a key path, the key itself. */
export function locate(text: string, path: readonly (string | number)[]): { line: number; column: number } | undefined {
  const root = parseTree(text);
  if (!root) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n) as (string | number)[]);
    if (!node) continue;
    const at = node.parent?.type === 'property' && typeof path[n - 1] === 'string' ? node.parent.offset : node.offset;
    return lineColumn(text, at);
  }
  return undefined;
}

/** `classCoInstallers[0].on.DIF_INSTALLDEVICE.pre` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
