/**
 * The quick path of journal reading (src/journal/quickCheck.ts) against the full check it stands
 * in for: whatever it accepts, the located parser (src/scenario/jsonParse.ts) and the zod schemas
 * accept too, with the same value; what they refuse (duplicate and reserved keys, deep nesting,
 * bad shapes) it leaves to them.
 */
import fc from 'fast-check';
import { difDispatchEventSchema } from '../../machines/difDispatch/difDispatch.types.js';
import { deviceInstallEventSchema } from '../../machines/deviceInstall/deviceInstall.types.js';
import { journalEndSchema, journalEntrySchema, journalHeaderSchema } from '../../src/journal/format.js';
import { QUICK_EVENTS, quickEnd, quickEntry, quickHeader, quickParse } from '../../src/journal/quickCheck.js';
import { parseJsonValue } from '../../src/scenario/jsonParse.js';
import { recordDif } from '../../src/host/runDif.js';
import { example, EXAMPLE_NAMES } from '../support/scenarios.js';

const DEPTH = 264;

/** The located parser's value, or undefined when it refuses the text. */
function located(text: string): { value: unknown } | undefined {
  try {
    return { value: parseJsonValue('j', text, { jsonc: false, maxDepth: DEPTH }) };
  } catch {
    return undefined;
  }
}

describe('quickParse', () => {
  it('should give the located parser\'s value for any JSON text it accepts, and accept every canonical JSON text without reserved keys', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, spaced) => {
        const text = JSON.stringify(value, null, spaced ? 1 : undefined).replace(/\n/g, ' ');
        const quick = quickParse(text, DEPTH);
        const slow = located(text);
        if (quick !== undefined) expect(slow).toEqual({ value: quick });
        if (slow !== undefined && !/"(__proto__|constructor|prototype)":/.test(text)) expect(quick).toEqual(slow.value);
      }),
      { numRuns: 500 },
    );
  });

  it('should tell a key given twice from colons inside keys and strings, escaped or not', () => {
    // JSON texts written token by token: keys from a small pool (so some repeat), strings with plain
    // and \u003a-escaped colons and other escapes
    const text = (key: string) => `"${key}"`;
    const KEYS = ['a', 'b', 'a:b', ':', 'x\\u003ay', 'q\\"', 'c\\\\'];
    const STRINGS = ['""', '"x:y"', '"\\u003a"', '"::"', '"a\\\\"', '"\\"\\":"', '"\\u0041"'];
    const valueArb: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom(...STRINGS, '1', 'null', 'true'),
        fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
        fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('value')), { maxLength: 4 }).map((pairs) => `{${pairs.map(([k, v]) => `${text(k)}:${v}`).join(',')}}`),
      ),
    })).value;
    let accepted = 0;
    let duplicates = 0;
    fc.assert(
      fc.property(valueArb, (json) => {
        const quick = quickParse(json, DEPTH);
        const slow = located(json);
        if (quick !== undefined) {
          expect(slow).toEqual({ value: quick });
          accepted += 1;
        } else {
          // refused only for a key given twice (the pools hold no reserved key, and nothing is deep)
          expect(slow).toBeUndefined();
          duplicates += 1;
        }
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(300);
    expect(duplicates).toBeGreaterThan(300);
  });

  it('should leave duplicate keys, reserved keys and too deep nesting to the located parser', () => {
    for (const text of [
      '{"a":1,"a":2}',
      '{"a":{"b":1,"c":{"b":2},"b":3}}',
      '{"s":"x:y","s":"\\u003a"}',
      '{"k":"a\\"b","k":1}',
      '{"__proto__":{"x":1}}',
      '{"a":[{"constructor":1}]}',
      '[' .repeat(DEPTH + 1) + ']'.repeat(DEPTH + 1),
      '{"a":1,}',
      '',
    ]) {
      expect(quickParse(text, DEPTH)).toBeUndefined();
      expect(located(text)).toBeUndefined();
    }
    // at the depth limit itself it still answers
    expect(quickParse('['.repeat(DEPTH) + ']'.repeat(DEPTH), DEPTH)).toBeDefined();
  });
});

/** Valid events of both machines, then up to two changes from pools of good and bad values, so random events are often valid and often just off. */
const FIELDS = {
  type: ['coInstaller.returned', 'classInstaller.returned', 'defaultHandler.returned', 'user.loggedOn', 'timeline.ended', 'other'],
  who: ['classCoInstaller', 'deviceCoInstaller', 'classInstaller', 7],
  index: [1, 2, 0, -1, 1.5, 2 ** 60, '1'],
  phase: ['pre', 'post', 'PRE'],
  code: ['0x00000000', '0xE0000226', '0xe0000226', '0x0000000', 0, 'NO_ERROR'],
  privateData: [null, 7, 'text', 'a:b', true, { a: 1 }, [1]],
  admin: [true, false, 'yes'],
  effects: [[], [{ type: 'showDialog', phase: 'pre' }]],
  extra: [1],
} as const;
const BASES: readonly Record<string, unknown>[] = [
  { type: 'coInstaller.returned', who: 'classCoInstaller', index: 1, phase: 'pre', code: '0xE0000226' },
  { type: 'coInstaller.returned', who: 'deviceCoInstaller', index: 2, phase: 'post', code: '0x00000000' },
  { type: 'classInstaller.returned', code: '0x00000000' },
  { type: 'defaultHandler.returned', code: '0xE000020E' },
  { type: 'user.loggedOn', admin: true },
  { type: 'timeline.ended' },
];
const change = fc.oneof(
  fc.constantFrom(...Object.keys(FIELDS)).chain((key) => fc.constantFrom(...(FIELDS[key as keyof typeof FIELDS] as readonly unknown[])).map((value) => ({ key, value, drop: false }))),
  fc.constantFrom(...Object.keys(FIELDS)).map((key) => ({ key, value: undefined, drop: true })),
);
const eventArb = fc.tuple(fc.constantFrom(...BASES), fc.array(change, { maxLength: 2 })).map(([base, changes]) => {
  const event: Record<string, unknown> = { ...base };
  for (const c of changes) {
    if (c.drop) delete event[c.key];
    else event[c.key] = c.value;
  }
  return event;
});

describe('quickEntry', () => {
  const seq = 3;
  for (const [machine, schema] of [
    ['difDispatch', difDispatchEventSchema],
    ['deviceInstall', deviceInstallEventSchema],
  ] as const) {
    it(`should accept a ${machine} entry only when the entry and event schemas accept it, with the same value`, () => {
      let accepted = 0;
      fc.assert(
        fc.property(eventArb, fc.constantFrom(2, 3), fc.constantFrom('2024-01-02T03:04:05.000Z', 'no colon'), (event, version, at) => {
          const entry = { seq, at, machine, version, event };
          const line = JSON.stringify(entry);
          const quick = quickEntry(line, seq, machine, 2, QUICK_EVENTS[machine]);
          if (quick === undefined) return;
          expect(located(line)).toEqual({ value: quick });
          expect(journalEntrySchema.safeParse(quick).success).toBe(true);
          expect(schema.safeParse(quick.event).success).toBe(true);
          expect(version).toBe(2);
          accepted += 1;
        }),
        { numRuns: 2000 },
      );
      // the pools give valid events often enough for the property to say something
      expect(accepted).toBeGreaterThan(20);
    });
  }

  it('should accept every entry of the example journals but those with object privateData (the quick path is the path taken)', () => {
    let objects = 0;
    for (const name of EXAMPLE_NAMES) {
      const lines = recordDif(example(name)).journal.trimEnd().split('\n');
      const version = (JSON.parse(lines[0]) as { machineVersion: number }).machineVersion;
      lines.slice(1, -1).forEach((line, i) => {
        const entry = JSON.parse(line) as { event: { privateData?: unknown } };
        const object = typeof entry.event.privateData === 'object' && entry.event.privateData !== null;
        if (object) objects += 1;
        expect(quickEntry(line, i + 1, 'difDispatch', version, QUICK_EVENTS.difDispatch)).toEqual(object ? undefined : entry);
      });
    }
    // class-coinstaller-postprocessing stores an object as PrivateData: the full check reads those
    expect(objects).toBeGreaterThan(0);
  });

  it('should leave a duplicate or unknown key, an escape and a wrong seq to the full check', () => {
    const line = '{"seq":1,"at":"2024-01-02T03:04:05.000Z","machine":"difDispatch","version":2,"event":{"type":"classInstaller.returned","code":"0x00000000"}}';
    const check = (text: string, seq = 1) => quickEntry(text, seq, 'difDispatch', 2, QUICK_EVENTS.difDispatch);
    expect(check(line)).toEqual(JSON.parse(line));
    expect(check(line, 2)).toBeUndefined();
    expect(check(line.replace('"seq":1,', '"seq":1,"seq":1,'))).toBeUndefined();
    expect(check(line.replace('"code":', '"code":"0x00000001","code":'))).toBeUndefined();
    expect(check(line.replace('"version":2,', '"version":2,"x":1,'))).toBeUndefined();
    expect(check(line.replace('"at":"2024', '"at":"\\u0032024'))).toBeUndefined();
    expect(check(line.replace('"machine":', '"__proto__":{},"machine":'))).toBeUndefined();
  });
});

/** A value from a pool that mixes what the schemas accept with what they do not. */
const anyOf = (...values: unknown[]) => fc.constantFrom(...values);

describe('quickHeader and quickEnd', () => {
  it('should pass a header only when journalHeaderSchema accepts it', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.record(
          {
            format: anyOf('devinst-journal'),
            formatVersion: anyOf(1),
            machine: anyOf('difDispatch', 7, null),
            machineVersion: anyOf(2, '2', Infinity),
            run: anyOf({ kind: 'dispatch', dif: 'DIF_INSTALLDEVICE' }, { kind: 'install' }, { kind: 1 }, { kind: 'x', dif: 2 }, [], null, 'run'),
            scenario: anyOf({}, null, 0),
            scenarioFile: anyOf('a.json', 3),
            createdAt: anyOf('2024-01-02T03:04:05.000Z', false),
            extra: anyOf(1),
          },
          { requiredKeys: ['format', 'formatVersion', 'machine', 'machineVersion', 'run', 'scenario'] },
        ),
        (header) => {
          if (!quickHeader(header)) return;
          expect(journalHeaderSchema.safeParse(header).success).toBe(true);
          accepted += 1;
        },
      ),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(10);
  });

  it('should pass a closing line only when journalEndSchema accepts it, giving its end', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.record({ end: fc.record({ entries: anyOf(0, 7, -1, 1.5, 2 ** 60, '7'), result: anyOf('0x00000000', 'installed', 0), extra: anyOf(1) }, { requiredKeys: ['entries', 'result'] }), extra: anyOf(1) }, { requiredKeys: ['end'] }),
        (line) => {
          const end = quickEnd(line);
          if (end === undefined) return;
          const parsed = journalEndSchema.safeParse(line);
          expect(parsed.success && parsed.data.end).toEqual(end);
          accepted += 1;
        },
      ),
      { numRuns: 4000 },
    );
    expect(accepted).toBeGreaterThan(10);
  });
});
