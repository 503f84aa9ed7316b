/**
 * What the journal reader (read.ts) says and decides beside the lines themselves: its one-line
 * messages, a scenario given to replay by mistake, and which headers it parsed from text.
 */
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { formatPath } from '../scenario/jsonText.js';
import { parseJsonValue } from '../scenario/jsonParse.js';

/** Headers this reader parsed from JSON text itself (not lines a caller parsed): plain JSON values throughout. */
export const parsedHeaders = new WeakSet<object>();

/** Whether `header` was parsed from JSON text by a reader. */
export const parsedFromText = (header: object): boolean => parsedHeaders.has(header);

export function fail(file: string, line: number | undefined, message: string): never {
  throw new InputError(`${file}${line !== undefined ? `:${line}` : ''}: ${message}`);
}

export function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = formatPath(issue.path);
  const message = issue.code === 'unrecognized_keys' ? `unknown key "${issue.keys[0]}"` : issue.message;
  return path ? `${path}: ${message}` : message;
}

/** A whole-file JSON object that is not a journal header: a scenario given to replay. */
export function looksLikeScenario(text: string): boolean {
  const first = text.trimStart();
  if (!first.startsWith('{') || first.startsWith('{"format"')) return false;
  try {
    const value = parseJsonValue('', text, { jsonc: true });
    return typeof value === 'object' && value !== null && !Array.isArray(value) && !('format' in value);
  } catch {
    return false;
  }
}

export const isHeaderLike = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value) && 'format' in value;

/** Where the whole text could still be a scenario (looksLikeScenario's first test), judging by its first non-blank line. */
export const mayBeScenario = (line: string): boolean => {
  const first = line.trimStart();
  return first.startsWith('{') && !first.startsWith('{"format"');
};
