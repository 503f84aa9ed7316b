/**
 * JSON (and, for scenario files, JSON with comments and trailing commas, as the README shows the
 * format) parsed into plain values with every problem located at `file:line:col`:
 *
 * - nesting deeper than MAX_JSON_DEPTH is refused before any recursive parser sees it (100,000
 *   nested `[` would otherwise overflow the stack);
 * - the keys `__proto__`, `constructor` and `prototype` are refused wherever they appear, so no
 *   object's prototype is ever set or shadowed by input;
 * - a key given twice in one object is refused (JSON.parse silently keeps the last one).
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { InputError, place } from '../errors.js';

/** Deepest nesting of arrays and objects accepted; real scenarios stay below 10. */
export const MAX_JSON_DEPTH = 256;

export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** 1-based line and column of `offset`; `\r\n` and `\n` end lines. */
export function lineColumn(text: string, offset: number): Position {
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

export interface ParseOptions {
  /** Allow `//` and `/* *\/` comments and trailing commas (scenario files). */
  readonly jsonc: boolean;
  readonly maxDepth?: number;
  /** Where `text` starts in its file (a journal line), for positions. */
  readonly line?: number;
}

function fail(file: string, text: string, offset: number, message: string, options: ParseOptions): never {
  const { line, column } = lineColumn(text, offset);
  throw new InputError(`${place(file, line + (options.line ?? 1) - 1, column)}${message}`);
}

/** The offset where nesting first passes `max`, skipping strings and comments; -1 if it never does. */
function tooDeepAt(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5c /* \ */) i++;
        else if (c === 0x22 || c === 10) break;
      }
    } else if (ch === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else if (ch === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else if (ch === 0x5b /* [ */ || ch === 0x7b /* { */) {
      depth += 1;
      if (depth > max) return i;
    } else if (ch === 0x5d || ch === 0x7d) depth -= 1;
  }
  return -1;
}

function describeParseError(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words === 'value expected' ? 'a value is expected here' : words;
}

function toValue(node: Node, file: string, text: string, options: ParseOptions): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const seen = new Set<string>();
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        const key = keyNode.value as string;
        if (RESERVED_KEYS.has(key)) fail(file, text, keyNode.offset, `the key "${key}" is not allowed (it names a JavaScript object's prototype machinery)`, options);
        if (seen.has(key)) fail(file, text, keyNode.offset, `duplicate key "${key}" (it is already given in this object)`, options);
        seen.add(key);
        out[key] = valueNode === undefined ? null : toValue(valueNode, file, text, options);
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map((child) => toValue(child, file, text, options));
    default:
      return node.value;
  }
}

/** Parses `text` into a plain value; any problem is an InputError naming `file:line:col`. */
export function parseJsonValue(file: string, text: string, options: ParseOptions): unknown {
  const deep = tooDeepAt(text, options.maxDepth ?? MAX_JSON_DEPTH);
  if (deep >= 0) fail(file, text, deep, `nested more than ${options.maxDepth ?? MAX_JSON_DEPTH} levels deep`, options);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: !options.jsonc, allowTrailingComma: options.jsonc, allowEmptyContent: false });
  if (errors.length > 0 || root === undefined) {
    const first = errors[0];
    fail(file, text, first?.offset ?? 0, `malformed JSON: ${first ? describeParseError(printParseErrorCode(first.error)) : 'no value'}`, options);
  }
  return toValue(root!, file, text, options);
}

/** A path as a chain of links (built only for objects and arrays, turned into an array on a hit). */
interface PathLink {
  readonly parent: PathLink | null;
  readonly key: string | number;
}

function pathOf(link: PathLink | null, last: string): (string | number)[] {
  const path: (string | number)[] = [last];
  for (let l = link; l !== null; l = l.parent) path.push(l.key);
  return path.reverse();
}

/**
 * The path of the first reserved key in an already parsed value (a library caller's object, a
 * journal's header scenario), or undefined. Iterative: any depth; depth first, in document order.
 */
export function reservedKeyPath(value: unknown): (string | number)[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const values: object[] = [value];
  const links: (PathLink | null)[] = [null];
  while (values.length > 0) {
    const v = values.pop()!;
    const link = links.pop()!;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const child: unknown = v[i];
        if (typeof child === 'object' && child !== null) {
          values.push(child);
          links.push({ parent: link, key: i });
        }
      }
      continue;
    }
    const keys = Object.keys(v);
    for (const key of keys) if (RESERVED_KEYS.has(key)) return pathOf(link, key);
    for (let i = keys.length - 1; i >= 0; i--) {
      const child: unknown = (v as Record<string, unknown>)[keys[i]];
      if (typeof child === 'object' && child !== null) {
        values.push(child);
        links.push({ parent: link, key: keys[i] });
      }
    }
  }
  return undefined;
}

/** How deep `value` nests (iterative; it stops counting past MAX_JSON_DEPTH). */
export function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let max = 0;
  const values: object[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const v = values.pop()!;
    const depth = depths.pop()!;
    if (depth > max) {
      max = depth;
      if (max > MAX_JSON_DEPTH) return max;
    }
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) {
        values.push(child as object);
        depths.push(depth + 1);
      }
    }
  }
  return max;
}
