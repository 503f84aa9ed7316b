/**
 * Reading setupapi logs as Windows writes them: bytes in chunks, decoded as UTF-16LE (with BOM,
 * or detected from its zero bytes), UTF-8 (with or without BOM), or — where the bytes are not
 * UTF-8 — the ANSI code page Windows-1252, across chunk boundaries; then split into lines at LF,
 * CRLF or a lone CR. Memory stays bounded by the chunk size, whatever the file's size.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';
import { describeFsError } from '../files/output.js';

export type LogEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export const CHUNK_SIZE = 1 << 20;

/** Turns byte chunks into complete lines; `push` and `end` return the lines completed so far. */
export class LineDecoder {
  encoding: LogEncoding | null = null;
  private decoder: TextDecoder | null = null;
  private head: Uint8Array = new Uint8Array(0);
  private rest = '';
  private pendingCr = false;

  push(bytes: Uint8Array): string[] {
    if (this.decoder === null) {
      // Decide the encoding from the first bytes (a BOM, or UTF-16LE's zero high bytes).
      const joined = concat(this.head, bytes);
      if (joined.length < 4) {
        this.head = joined;
        return [];
      }
      this.head = new Uint8Array(0);
      return this.text(this.start(joined));
    }
    return this.text(this.decode(bytes, true));
  }

  end(): string[] {
    let tail = '';
    if (this.decoder === null) {
      if (this.head.length === 0) return this.flush('');
      tail = this.start(this.head);
    }
    tail += this.decode(new Uint8Array(0), false);
    return this.flush(tail);
  }

  private start(bytes: Uint8Array): string {
    let skip = 0;
    if (bytes[0] === 0xff && bytes[1] === 0xfe) [this.encoding, skip] = ['utf-16le', 2];
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) [this.encoding, skip] = ['utf-16be', 2];
    else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) [this.encoding, skip] = ['utf-8-bom', 3];
    else this.encoding = looksUtf16le(bytes) ? 'utf-16le' : 'utf-8';
    this.decoder = makeDecoder(this.encoding);
    return this.decode(bytes.subarray(skip), true);
  }

  private decode(bytes: Uint8Array, stream: boolean): string {
    const decoder = this.decoder!;
    if (this.encoding !== 'utf-8') return decoder.decode(bytes, { stream });
    try {
      return decoder.decode(bytes, { stream });
    } catch {
      // Not UTF-8: an ANSI log (Windows writes setupapi.dev.log in the system code page).
      this.encoding = 'windows-1252';
      this.decoder = makeDecoder('windows-1252');
      return this.decoder.decode(bytes, { stream });
    }
  }

  private text(chunk: string): string[] {
    if (chunk.length === 0) return [];
    let s = this.rest + chunk;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (s.startsWith('\n')) s = s.slice(1);
    }
    const lines: string[] = [];
    let from = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 10 || c === 13) {
        lines.push(s.slice(from, i));
        if (c === 13) {
          if (i + 1 === s.length) this.pendingCr = true;
          else if (s.charCodeAt(i + 1) === 10) i += 1;
        }
        from = i + 1;
      }
    }
    this.rest = s.slice(from);
    return lines;
  }

  private flush(tail: string): string[] {
    const lines = this.text(tail);
    if (this.rest.length > 0) lines.push(this.rest);
    this.rest = '';
    return lines;
  }
}

function makeDecoder(encoding: LogEncoding): TextDecoder {
  switch (encoding) {
    case 'utf-8':
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    case 'utf-8-bom':
      return new TextDecoder('utf-8', { ignoreBOM: true });
    case 'utf-16le':
      return new TextDecoder('utf-16le', { ignoreBOM: true });
    case 'utf-16be':
      return new TextDecoder('utf-16be', { ignoreBOM: true });
    case 'windows-1252':
      return new TextDecoder('windows-1252');
  }
}

/** UTF-16LE text without a BOM: ASCII characters leave every odd byte zero. */
function looksUtf16le(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length & ~1, 512);
  if (n < 4) return false;
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven += 1;
    if (bytes[i + 1] === 0) zeroOdd += 1;
  }
  return zeroOdd > n / 4 && zeroEven < n / 16;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Every line of some bytes (tests, fuzzing, small inputs). */
export function decodeLines(bytes: Uint8Array): { lines: string[]; encoding: LogEncoding } {
  const d = new LineDecoder();
  const lines = [...d.push(bytes), ...d.end()];
  return { lines, encoding: d.encoding ?? 'utf-8' };
}

/** A log file, read in chunks: the lines as they complete. An unreadable file is one InputError. */
export function* readLogLines(file: string, info?: { encoding?: LogEncoding; bytes?: number }): Generator<string> {
  let fd: number;
  try {
    if (statSync(file).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    fd = openSync(file, 'r');
  } catch (error) {
    throw new InputError(`${file}: cannot read: ${describeFsError(error)}`);
  }
  const d = new LineDecoder();
  const buffer = new Uint8Array(CHUNK_SIZE);
  try {
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, 0, buffer.length, null);
      } catch (error) {
        throw new InputError(`${file}: cannot read: ${describeFsError(error)}`);
      }
      if (n === 0) break;
      if (info) info.bytes = (info.bytes ?? 0) + n;
      // The decoder keeps no reference to the buffer past push (TextDecoder copies what it buffers).
      yield* d.push(buffer.subarray(0, n));
    }
    yield* d.end();
    if (info) info.encoding = d.encoding ?? 'utf-8';
  } finally {
    closeSync(fd);
  }
}

