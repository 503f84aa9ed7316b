/**
 * Decoding a journal file's bytes into lines (src/journal/lines.ts) against the streaming
 * TextDecoder it replaced (WHATWG Encoding, https://encoding.spec.whatwg.org/#utf-8-decoder, as
 * Node implements it): for any bytes cut into any chunks, the same lines reach the reader before
 * the same error, so valid text reads the same and bytes that are not UTF-8 are refused at the
 * same point (before any line of their chunk).
 */
import fc from 'fast-check';
import { InputError } from '../../src/errors.js';
import { ChunkLines, forEachByteLine, incompleteTail } from '../../src/journal/lines.js';

/** The reader as it was: one streaming, fatal TextDecoder for the whole file. */
async function reference(chunks: readonly Uint8Array[], onLine: (line: string) => void): Promise<void> {
  const lines = new ChunkLines(onLine);
  let decoder: TextDecoder | null = null;
  let head = new Uint8Array(0);
  let encoding = 'utf-8';
  const decode = (bytes: Uint8Array, stream: boolean) => {
    try {
      return decoder!.decode(bytes, { stream });
    } catch {
      throw new InputError(`f: cannot read: not ${encoding === 'utf-8' ? 'UTF-8' : encoding.toUpperCase()} text (save it as UTF-8, or as UTF-16 with a byte-order mark)`);
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
  for (const chunk of chunks) {
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

async function* each(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

/** The lines read, then the error's message if there was one. */
async function read(run: (onLine: (line: string) => void) => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  try {
    await run((line) => seen.push(line));
  } catch (error) {
    seen.push(`error: ${(error as Error).message}`);
  }
  return seen;
}

/** Bytes cut at the given points (sorted, deduplicated, within the bytes). */
function cut(bytes: Uint8Array, points: readonly number[]): Uint8Array[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const p of [...at, bytes.length]) {
    if (p > from) chunks.push(bytes.slice(from, p));
    from = Math.max(from, p);
  }
  return chunks;
}

/** Text with ASCII, two-, three- and four-byte characters, and line ends. */
const textArb = fc.array(fc.oneof(fc.constantFrom('a', '{', '"', '\n', '\r\n', 'é', 'ÿ', '€', '中', '\u{1F600}', '\uFEFF'), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 60 }).map((parts) => parts.join(''));

/** Bytes that break UTF-8 somewhere: stray continuations, cut or overlong sequences, surrogates, bytes no UTF-8 has. */
const BAD = [[0x80], [0xbf], [0xc0, 0x80], [0xc2], [0xe0, 0x80], [0xe0, 0xa0], [0xed, 0xa0, 0x80], [0xf0, 0x8f], [0xf4, 0x90], [0xf5], [0xff], [0xe2, 0x82]];

describe('reading a file\'s bytes as lines', () => {
  it('should give the lines and the error the streaming decoder gave, for any text cut into any chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        textArb,
        fc.constantFrom('', '\uFEFF'),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...BAD)), { maxLength: 2 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (text, bom, damage, points) => {
          let bytes: Uint8Array = Buffer.from(bom + text, 'utf8');
          for (const [where, bad] of damage) {
            const at = where % (bytes.length + 1);
            bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]);
          }
          const chunks = cut(bytes, points);
          const expected = await read((onLine) => reference(chunks, onLine));
          expect(await read((onLine) => forEachByteLine(each(chunks), 'f', onLine))).toEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('should read long ASCII and multi-byte text in chunks larger than its decoding pieces', async () => {
    const line = 'x'.repeat(70_000) + '€'.repeat(30_000) + '\u{1F600}'.repeat(20_000);
    const bytes = Buffer.from(`${line}\n${line}\nend`, 'utf8');
    for (const size of [1 << 20, 65_537, 65_535]) {
      const chunks = cut(bytes, Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => i * size));
      expect(await read((onLine) => forEachByteLine(each(chunks), 'f', onLine))).toEqual([line, line, 'end']);
    }
  });

  it('should carry over only a sequence the next bytes may still complete', () => {
    expect(incompleteTail(Buffer.from('abc'))).toBe(0);
    expect(incompleteTail(Buffer.from([0x61, 0xe2, 0x82]))).toBe(2); // € cut after two bytes
    expect(incompleteTail(Buffer.from([0x61, 0xf0, 0x9f, 0x98]))).toBe(3); // 😀 cut after three
    expect(incompleteTail(Buffer.from([0x61, 0xc3]))).toBe(1);
    expect(incompleteTail(Buffer.from('€'))).toBe(0);
    expect(incompleteTail(Buffer.from([0xe0, 0x80]))).toBe(0); // overlong: refused at once
    expect(incompleteTail(Buffer.from([0xed, 0xa0]))).toBe(0); // a surrogate: refused at once
    expect(incompleteTail(Buffer.from([0xf4, 0x90]))).toBe(0); // above U+10FFFF
    expect(incompleteTail(Buffer.from([0x80, 0x80, 0x80]))).toBe(0);
    expect(incompleteTail(new Uint8Array(0))).toBe(0);
  });
});
