/**
 * Entry lines read without JSON.parse (src/journal/entryText.ts) against JSON.parse and the quick
 * check they stand in front of (src/journal/quickCheck.ts, itself checked against the located
 * parser and the zod schemas in quickCheck.test.ts): whatever readEntryLine reads, JSON.parse and
 * the located parser read the same value, key order included, and the quick check accepts it; the
 * answers devinst records are read this way. Lines come from recorded runs of both machines under
 * every profile, then up to two edits from pools of characters and values, so that edited lines
 * are often still JSON and often just off the form.
 */
import fc from 'fast-check';
import { recordDif } from '../../src/host/runDif.js';
import { recordInstall } from '../../src/host/runInstall.js';
import { entryMiddle, readEntryLine } from '../../src/journal/entryText.js';
import { QUICK_EVENTS, quickEntry } from '../../src/journal/quickCheck.js';
import { parseJsonValue } from '../../src/scenario/jsonParse.js';
import { dispatchCaseArb } from '../../src/testing/arbitraries/dispatch.js';
import { lifecycleDocArb } from '../../src/testing/arbitraries/lifecycle.js';

const PROFILES = ['windows', 'reactos', 'wine'] as const;

/** A recorded journal's header facts and entry lines. */
interface Lines {
  readonly machine: 'difDispatch' | 'deviceInstall';
  readonly version: number;
  readonly entries: readonly string[];
}

function linesOf(journal: string): Lines {
  const lines = journal.trimEnd().split('\n');
  const header = JSON.parse(lines[0]) as { machine: Lines['machine']; machineVersion: number };
  return { machine: header.machine, version: header.machineVersion, entries: lines.slice(1, -1) };
}

const journalArb: fc.Arbitrary<Lines> = fc.oneof(
  { weight: 3, arbitrary: fc.oneof(...PROFILES.map((p) => dispatchCaseArb(p))).map((c) => linesOf(recordDif(c.doc, c.dif).journal)) },
  { weight: 1, arbitrary: fc.oneof(...PROFILES.map((p) => lifecycleDocArb(p))).map((doc) => linesOf(recordInstall(doc).journal)) },
);

/** A text that tells apart key orders (toStrictEqual does not), and -0 from 0. */
const canonical = (value: unknown): string => JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' && Object.is(v, -0) ? '(-0)' : v));

/** readEntryLine on a line, with what it must agree with when it reads it. */
function check(line: string, seq: number, lines: Lines): boolean {
  const form = { machine: lines.machine, version: lines.version };
  const read = readEntryLine(line, seq, form, entryMiddle(form));
  if (read === undefined) return false;
  const parsed: unknown = JSON.parse(line);
  expect(read).toStrictEqual(parsed);
  expect(canonical(read)).toBe(canonical(parsed));
  expect(parseJsonValue('j', line, { jsonc: false, maxDepth: 264 })).toStrictEqual(parsed);
  const quick = quickEntry(line, seq, lines.machine, lines.version, QUICK_EVENTS[lines.machine]);
  expect(quick).toStrictEqual(parsed);
  return true;
}

/** Characters and values an edit puts in. */
const PIECES = ['"', '\\', ' ', ',', ':', '{', '}', '0', '1', '9', '-', '.', 'e', 'E', 'x', 'A', 'a', '\t', '\u0001', '\u2028', 'é', 'null', 'true', '"x"', '[1]', '{}', '1e2', '-0', '01', '0x0000000', '"post"', '"who":"classCoInstaller",', ',"privateData":1'];

const editArb = fc.record({ at: fc.nat(), cut: fc.nat(3), piece: fc.constantFrom(...PIECES) });

describe('entry lines read without JSON.parse', () => {
  it('should read the answers of recorded journals as JSON.parse does, and every dispatch answer without object PrivateData or an escape', () => {
    let read = 0;
    fc.assert(
      fc.property(journalArb, (lines) => {
        lines.entries.forEach((line, i) => {
          const taken = check(line, i + 1, lines);
          const event = (JSON.parse(line) as { event: { type: string; privateData?: unknown; effects?: unknown } }).event;
          // (a string written with an escape is left to the quick path, which leaves it to the full check)
          const plain = event.type.endsWith('.returned') && event.effects === undefined && (typeof event.privateData !== 'object' || event.privateData === null) && !line.includes('\\');
          if (lines.machine === 'difDispatch') expect(taken).toBe(plain);
          if (taken) read += 1;
        });
      }),
      { numRuns: 300 },
    );
    expect(read).toBeGreaterThan(500);
  });

  it('should read an edited line only when JSON.parse, the located parser and the quick check read it the same', () => {
    let read = 0;
    let refused = 0;
    fc.assert(
      fc.property(journalArb, fc.nat(), fc.array(editArb, { minLength: 1, maxLength: 2 }), fc.constantFrom(0, 0, 0, 1, -1), (lines, pick, edits, seqShift) => {
        if (lines.entries.length === 0) return;
        const i = pick % lines.entries.length;
        let line = lines.entries[i];
        for (const { at, cut, piece } of edits) {
          const p = at % (line.length + 1);
          line = line.slice(0, p) + piece + line.slice(Math.min(line.length, p + cut));
        }
        if (check(line, i + 1 + seqShift, lines)) read += 1;
        else refused += 1;
      }),
      { numRuns: 5000 },
    );
    // edits that keep the form (a digit for a digit, a letter inside the timestamp) are read; the rest are not
    expect(read).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(1000);
  });

  it('should leave another key order, white space, an escape, a wrong seq, machine or version, and numbers not written plainly to the quick path', () => {
    const lines: Lines = { machine: 'difDispatch', version: 2, entries: [] };
    const base = '{"seq":3,"at":"2024-01-02T03:04:05.000Z","machine":"difDispatch","version":2,"event":{"type":"coInstaller.returned","who":"classCoInstaller","index":1,"phase":"pre","code":"0xE0000226","privateData":5}}';
    expect(check(base, 3, lines)).toBe(true);
    for (const [line, seq] of [
      [base, 4],
      [base.replace('"seq":3', '"seq":03'), 3],
      [base.replace('"version":2', '"version":2.0'), 3],
      [base.replace('"machine":"difDispatch"', '"machine":"deviceInstall"'), 3],
      [base.replace('"index":1', '"index":1e0'), 3],
      [base.replace('"index":1', '"index":0'), 3],
      [base.replace(':5}}', ':5.0}}'), 3],
      [base.replace(':5}}', ':"a\\"b"}}'), 3],
      [base.replace('05.000Z', '05.000\\u005A'), 3],
      [base.replace(',"at"', ', "at"'), 3],
      [base.replace('"who":"classCoInstaller","index":1', '"index":1,"who":"classCoInstaller"'), 3],
      [base.replace(':5}}', ':{"a":1}}}'), 3],
      ...['nul', 'tru', 'nulls', '-', '', '1-', '--1', '1 ', '"a'].map((value) => [base.replace(':5}}', `:${value}}}`), 3] as const),
      [base.replace('0xE0000226', '0xe0000226'), 3],
      [base + ' ', 3],
    ] as const) {
      const form = { machine: lines.machine, version: lines.version };
      expect([line, readEntryLine(line, seq, form, entryMiddle(form))]).toEqual([line, undefined]);
    }
  });
});
