/**
 * INF bytes to text. Windows reads an INF as UTF-16LE when it starts with the byte-order mark
 * (what Microsoft recommends and its samples use), as UTF-8 after a UTF-8 BOM, otherwise in the ANSI
 * code page (wine-mirror/wine dlls/setupapi/parser.c parse_file). Here a file without BOM that is
 * valid UTF-8 is read as UTF-8, with a finding when it has non-ASCII characters (Windows would
 * garble them); the choice is documented in docs/inf.md.
 * Ctrl-Z (0x1A) ends the file and NUL reads as a space (wine-mirror/wine
 * dlls/setupapi/tests/parser.c, verified on Windows).
 */
import { FindingSink } from './findings.js';

export type InfEncoding = 'utf-16le' | 'utf-16be' | 'utf-8' | 'utf-8-bom' | 'ansi';

export interface DecodedInf {
  readonly text: string;
  readonly encoding: InfEncoding;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');
const ansi = new TextDecoder('windows-1252');

/** Two bytes per character with every odd byte (or even byte) zero: UTF-16 written without a BOM. */
function looksUtf16(bytes: Uint8Array, zeroAt: 0 | 1): boolean {
  const n = Math.min(bytes.length - (bytes.length % 2), 512);
  if (n < 4) return false;
  let zeros = 0;
  for (let i = zeroAt; i < n; i += 2) if (bytes[i] === 0) zeros++;
  return zeros >= (n / 2) * 0.9;
}

function finish(raw: string): string {
  const eof = raw.indexOf('\x1a');
  const text = eof >= 0 ? raw.slice(0, eof) : raw;
  return text.includes('\0') ? text.replace(/\0/g, ' ') : text;
}

export function decodeInf(bytes: Uint8Array, file: string, sink: FindingSink): DecodedInf {
  const view = bytes;
  if (view.length >= 2 && view[0] === 0xff && view[1] === 0xfe) {
    return { text: finish(new TextDecoder('utf-16le').decode(view.subarray(2))), encoding: 'utf-16le' };
  }
  if (view.length >= 2 && view[0] === 0xfe && view[1] === 0xff) {
    sink.add(file, 1, 1, 'encoding-utf16be', 'UTF-16 big-endian: Windows reads INF files as UTF-16LE (with BOM) or ANSI; read as UTF-16BE here');
    return { text: finish(new TextDecoder('utf-16be').decode(view.subarray(2))), encoding: 'utf-16be' };
  }
  if (view.length >= 3 && view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf) {
    const body = view.subarray(3);
    try {
      return { text: finish(utf8.decode(body)), encoding: 'utf-8-bom' };
    } catch {
      sink.add(file, 1, 1, 'encoding-mixed', 'starts with a UTF-8 byte-order mark but is not valid UTF-8: invalid bytes read as U+FFFD');
      return { text: finish(utf8Lenient.decode(body)), encoding: 'utf-8-bom' };
    }
  }
  if (looksUtf16(view, 1)) {
    sink.add(file, 1, 1, 'encoding-utf16-no-bom', 'looks like UTF-16LE without a byte-order mark: Windows would read it as ANSI; save it as UTF-16LE with BOM');
    return { text: finish(new TextDecoder('utf-16le').decode(view)), encoding: 'utf-16le' };
  }
  try {
    const text = finish(utf8.decode(view));
    const nonAscii = text.search(/[^\x00-\x7f]/);
    if (nonAscii >= 0) {
      const before = text.slice(0, nonAscii);
      const line = before.split('\n').length;
      const column = nonAscii - before.lastIndexOf('\n');
      sink.add(file, line, column, 'encoding-utf8-no-bom', 'UTF-8 without a byte-order mark: read as UTF-8 here, but Windows reads a file without BOM in the ANSI code page, so non-ASCII characters come out garbled; save it as UTF-16LE with BOM');
    }
    return { text, encoding: 'utf-8' };
  } catch {
    sink.add(file, 1, 1, 'encoding-ansi', 'not valid UTF-8: read as ANSI (Windows-1252), as Windows reads an INF without a byte-order mark');
    return { text: finish(ansi.decode(view)), encoding: 'ansi' };
  }
}
