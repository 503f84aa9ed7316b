/**
 * Text from a scenario or journal (installer names, descriptions, notes and messages that quote
 * them) printed on a terminal: C0 and C1 control characters (ESC starts an ANSI sequence that could
 * recolour, move the cursor or retitle the window), DEL and the Unicode bidirectional controls are
 * shown escaped (`\x1b`, `\u202e`), never sent raw. JSON output needs nothing: JSON.stringify
 * escapes control characters itself.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
