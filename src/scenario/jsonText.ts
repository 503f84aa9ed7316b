/**
 * Reading JSON text with positions: syntax errors and schema errors point at a line and column.
 */
import { readFileSync } from 'node:fs';
import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { InputError, place } from '../errors.js';

export interface JsonText {
  readonly file: string;
  readonly text: string;
  readonly value: unknown;
}

/** Reads a file as text; a missing or unreadable file is an InputError naming it. */
export function readTextFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String((error as Error).message);
    throw new InputError(`${file}: cannot read: ${why}`);
  }
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Parses strict JSON (no comments, no trailing commas); errors name the file, line and column. */
export function parseJsonText(file: string, text: string): JsonText {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0) {
    const first = errors[0];
    const { line, column } = lineColumn(text, first.offset);
    throw new InputError(`${place(file, line, column)}malformed JSON: ${describeParseError(printParseErrorCode(first.error))}`);
  }
  return { file, text, value: JSON.parse(text) as unknown };
}

function describeParseError(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words === 'value expected' ? 'a value is expected here' : words;
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
