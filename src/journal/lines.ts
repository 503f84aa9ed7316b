/**
 * A journal's lines, from wherever it comes: JSON Lines text in memory, an async iterable of lines,
 * or a file (or standard input) read in 1 MiB chunks. Lines end at `\n`; a `\r` before it (CRLF,
 * as Windows editors save) is dropped; a last line without `\n` is still a line. Bytes are decoded
 * as `decodeText` does for whole files (UTF-8 with or without a BOM, UTF-16 with a BOM), across
 * chunk boundaries. Only the line being read is held, never the whole text.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { InputError } from '../errors.js';
import { describeFsError } from '../files/output.js';

/** A journal file to read in chunks (`replayJournal({ path })`); `-` is standard input. */
export interface JournalFile {
  readonly path: string;
}

export const CHUNK_SIZE = 1 << 20;

const stripCr = (line: string): string => (line.length > 0 && line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line);

/** Every line of `text`, in order (a final `\n` ends the last line; it does not start an empty one). */
export function forEachTextLine(text: string, onLine: (line: string) => void): void {
  let from = 0;
  for (;;) {
    const at = text.indexOf('\n', from);
    if (at < 0) break;
    onLine(stripCr(text.slice(from, at)));
    from = at + 1;
  }
  if (from < text.length) onLine(stripCr(text.slice(from)));
}

/** Text in chunks → complete lines. A line longer than a chunk is kept as pieces until it ends. */
export class ChunkLines {
  private pieces: string[] = [];

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    let from = 0;
    for (;;) {
      const at = chunk.indexOf('\n', from);
      if (at < 0) break;
      if (this.pieces.length > 0) this.joined(chunk.slice(from, at));
      else this.onLine(stripCr(chunk.slice(from, at)));
      from = at + 1;
    }
    if (from < chunk.length) this.pieces.push(from === 0 ? chunk : chunk.slice(from));
  }

  /**
   * The line the pieces and `last` make. Calls of their own, so that nothing but the callee holds
   * the joined line once it is handed on, nor the pieces once they are joined (a long header line,
   * kept in push's frame while the lines after it in the chunk were read, was measured to stay
   * alive that long, and its pieces with it).
   */
  private joined(last: string): void {
    this.onLine(stripCr(this.join(last)));
  }

  /** The pieces and `last` as one string; the pieces are let go before anyone reads it. */
  private join(last: string): string {
    const pieces = this.pieces;
    this.pieces = [];
    pieces.push(last);
    return pieces.join('');
  }

  end(): void {
    if (this.pieces.length > 0) this.onLine(stripCr(this.pieces.join('')));
    this.pieces = [];
  }
}

/** An async iterable's items as lines: each item is one line; a trailing `\n` (or `\r\n`) is dropped. */
export async function forEachAsyncLine(lines: AsyncIterable<string>, onLine: (line: string) => void): Promise<void> {
  for await (const item of lines) {
    onLine(stripCr(item.length > 0 && item.charCodeAt(item.length - 1) === 10 ? item.slice(0, -1) : item));
  }
}

function notText(file: string, encoding: string): InputError {
  return new InputError(`${file}: cannot read: not ${encoding === 'utf-8' ? 'UTF-8' : encoding.toUpperCase()} text (save it as UTF-8, or as UTF-16 with a byte-order mark)`);
}

/**
 * How many bytes at the end of `bytes` begin a UTF-8 sequence that the next chunk may complete: a
 * lead byte and the continuation bytes that may follow it (WHATWG Encoding's UTF-8 decoder: the
 * second byte's range depends on the lead). 0 when the last sequence is complete, or already
 * invalid, so that decoding the chunk refuses it at once, as a streaming decoder would.
 */
export function incompleteTail(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let k = 1; k <= 3 && k <= end; k++) {
    const lead = bytes[end - k];
    if (lead >= 0x80 && lead <= 0xbf) continue; // a continuation byte: the lead is further back
    const need = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (need <= k) return 0; // complete (or an invalid lead: the decoder says so)
    if (k > 1) {
      const second = bytes[end - k + 1];
      const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
      const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
      if (second < low || second > high) return 0;
    }
    return k;
  }
  return 0;
}

/**
 * The size of the pieces a UTF-8 chunk is decoded in: below V8's large-object size (128 KiB), so
 * the strings of a chunk die young; 1 MiB strings go to the large-object space, which only a full
 * collection empties (measured: replaying a 236 MB file left about 150 MB of them waiting).
 */
const DECODE_PIECE = 1 << 16;

/**
 * Byte chunks → lines, decoded as decodeText decodes a whole file (the BOM decides the encoding).
 * A UTF-8 chunk is checked whole first (so bytes that are not UTF-8 are refused before any line of
 * their chunk, as ever), then decoded in pieces, without the decoder's streaming mode (whose
 * strings take two bytes a character; whole decoding gives one-byte strings for ASCII text, at
 * about twice the speed); a sequence cut at a chunk's or a piece's end is carried over.
 */
export async function forEachByteLine(chunks: AsyncIterable<Uint8Array>, file: string, onLine: (line: string) => void): Promise<void> {
  const lines = new ChunkLines(onLine);
  let decoder: TextDecoder | null = null;
  let encoding = 'utf-8';
  let head = new Uint8Array(0);
  /** UTF-8: the bytes of a sequence the last chunk ended in. */
  let carry: Uint8Array | null = null;
  const utf8 = (bytes: Uint8Array, stream: boolean): void => {
    if (carry !== null) {
      bytes = Buffer.concat([carry, bytes]);
      carry = null;
    }
    const tail = stream ? incompleteTail(bytes) : 0;
    if (tail > 0) {
      carry = new Uint8Array(bytes.subarray(bytes.length - tail)); // a copy: the stream may reuse its buffer
      bytes = bytes.subarray(0, bytes.length - tail);
    }
    if (!isUtf8(bytes)) throw notText(file, encoding);
    for (let at = 0; at < bytes.length; ) {
      let end = Math.min(at + DECODE_PIECE, bytes.length);
      if (end < bytes.length) end -= incompleteTail(bytes.subarray(at, end));
      lines.push(decoder!.decode(bytes.subarray(at, end)));
      at = end;
    }
  };
  const decode = (bytes: Uint8Array, stream: boolean): void => {
    if (encoding === 'utf-8') return utf8(bytes, stream);
    let text: string;
    try {
      text = decoder!.decode(bytes, { stream });
    } catch {
      throw notText(file, encoding);
    }
    lines.push(text);
  };
  const start = (bytes: Uint8Array): Uint8Array => {
    let skip = 0;
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) skip = 3;
    else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, skip] = ['utf-16le', 2];
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, skip] = ['utf-16be', 2];
    decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    return bytes.subarray(skip);
  };
  for await (const chunk of chunks) {
    if (decoder === null) {
      const joined = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
      if (joined.length < 3) {
        head = new Uint8Array(joined);
        continue;
      }
      decode(start(joined), true);
    } else decode(chunk, true);
  }
  if (decoder === null) decode(start(head), true);
  decode(new Uint8Array(0), false);
  lines.end();
}

/** A file's lines, read in chunks; `-` reads standard input. An unreadable file is one InputError naming it. */
export async function forEachFileLine(path: string, file: string, onLine: (line: string) => void): Promise<void> {
  const stream: AsyncIterable<Uint8Array> = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: CHUNK_SIZE });
  // Read errors (a missing file, a directory) surface from the stream; anything the line callback throws passes through.
  async function* bytes(): AsyncGenerator<Uint8Array> {
    const it = stream[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await it.next();
      } catch (error) {
        throw new InputError(`${file}: cannot read: ${describeFsError(error)}`);
      }
      if (next.done) return;
      yield next.value;
    }
  }
  const source = bytes();
  try {
    await forEachByteLine(source, file, onLine);
  } finally {
    await source.return(undefined);
    if (path !== '-') (stream as unknown as { destroy(): void }).destroy();
  }
}
