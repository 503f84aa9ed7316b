/**
 * A journal's lines, from wherever it comes: JSON Lines text in memory, an async iterable of lines,
 * or a file (or standard input) read in 1 MiB chunks. Lines end at `\n`; a `\r` before it (CRLF,
 * as Windows editors save) is dropped; a last line without `\n` is still a line. Bytes are decoded
 * as `decodeText` does for whole files (UTF-8 with or without a BOM, UTF-16 with a BOM), across
 * chunk boundaries. Only the line being read is held, never the whole text.
 */
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
      let line = chunk.slice(from, at);
      if (this.pieces.length > 0) {
        this.pieces.push(line);
        line = this.pieces.join('');
        this.pieces = [];
      }
      this.onLine(stripCr(line));
      from = at + 1;
    }
    if (from < chunk.length) this.pieces.push(from === 0 ? chunk : chunk.slice(from));
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

/** Byte chunks → lines, decoded as decodeText decodes a whole file (the BOM decides the encoding). */
export async function forEachByteLine(chunks: AsyncIterable<Uint8Array>, file: string, onLine: (line: string) => void): Promise<void> {
  const lines = new ChunkLines(onLine);
  let decoder: TextDecoder | null = null;
  let encoding = 'utf-8';
  let head = new Uint8Array(0);
  const decode = (bytes: Uint8Array, stream: boolean) => {
    try {
      return decoder!.decode(bytes, { stream });
    } catch {
      throw notText(file, encoding);
    }
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
      lines.push(decode(start(joined), true));
    } else lines.push(decode(chunk, true));
  }
  if (decoder === null) lines.push(decode(start(head), true));
  lines.push(decode(new Uint8Array(0), false));
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
