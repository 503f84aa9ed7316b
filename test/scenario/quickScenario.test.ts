/**
 * The quick path of scenario validation (src/scenario/quickScenario.ts) against the full check it
 * stands in for (checkedScenario in src/scenario/load.ts: depth, reserved keys, the zod schema of
 * src/scenario/schema.ts): whatever the quick check accepts, the full check accepts too, and
 * validateScenario gives the identical document, normalised Scenario and warnings (or the
 * identical message) either way. Documents come from the shipped arbitraries (valid scenarios and
 * installations), then up to three edits from pools of good and bad keys and values, so random
 * documents are often valid and often just off.
 */
import fc from 'fast-check';
import { InputError } from '../../src/errors.js';
import { parseJsonText } from '../../src/scenario/jsonText.js';
import { checkedScenario, normalizeScenario, validateScenario, validateScenarioOf } from '../../src/scenario/load.js';
import { plainlyValidScenario } from '../../src/scenario/quickScenario.js';
import { INSTALLER_NAME } from '../../src/scenario/schema.js';
import { lifecycleDocArb } from '../../src/testing/arbitraries/lifecycle.js';
import { scenarioDocArb } from '../../src/testing/arbitraries/scenario.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/scenarios.js';

type Origin = { file: string; text?: string };

/** What validating gives: the result, or the InputError's message (any other error by its name too, so both sides must throw alike). */
function outcome(validate: () => unknown): { ok: unknown } | { error: string } {
  try {
    return { ok: validate() };
  } catch (error) {
    if (error instanceof InputError) return { error: error.message };
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

/** A text that tells apart what toStrictEqual does not: key order, Maps' entry order, undefined and -0. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => {
    if (v instanceof Map) return { map: [...v.entries()] };
    if (v === undefined) return '(undefined)';
    if (typeof v === 'number' && Object.is(v, -0)) return '(-0)';
    return v;
  });
}

/** The quick path and the full check agree on `value` (`json`: parsed from JSON text, as a journal header); returns whether the quick check accepted it. */
function agree(value: unknown, origin: Origin, json?: boolean): boolean {
  const quick = plainlyValidScenario(value);
  const fast = outcome(() => (json === undefined ? validateScenario(value, origin) : validateScenarioOf(value, origin, json)));
  const full = outcome(() => checkedScenario(value, origin));
  if (quick) expect(full).toHaveProperty('ok');
  expect(fast).toStrictEqual(full);
  if ('ok' in fast && 'ok' in full) {
    expect(canonical(fast.ok)).toBe(canonical(full.ok));
    expect((fast.ok as { document: unknown }).document).toBe(value);
  }
  return quick;
}

const deep = (n: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = [v];
  return v;
};
const symbolKeyed = (): unknown => ({ [Symbol('s')]: { pre: 'NO_ERROR' } });
class Box {
  readonly description = 'd';
}
class List extends Array<unknown> {}

/** Keys to add or overwrite: every key the schema knows somewhere, reserved keys, unknown ones. */
const KEYS = [
  '$schema', 'name', 'description', 'dif', 'device', 'profile', 'os', 'flags', 'flagsEx', 'classCoInstallers', 'deviceCoInstallers', 'classInstaller',
  'defaultHandlers', 'sequence', 'timeline', 'session', 'arch', 'registerCoInstallers', 'selectedDriverChangesClass', 'previousClass', 'hardwareId',
  'classGuid', 'className', 'on', 'pre', 'post', 'privateData', 'effects', 'returns', 'phase', 'type', 'admin', 'value', 'image', 'wait', 'signed',
  'dll', 'succeeds', '*', 'DIF_INSTALLDEVICE', '0x2', '2', 'DIF_NOPE', 'setFlags', 'writeProperty', 'showDialog', 'addPropertyPages',
  'finishInstallWork', 'startProcess', '__proto__', 'constructor', 'prototype', 'x',
];

/** Values to put there (made fresh each time): good ones for many keys, and bad ones. */
const VALUES: readonly (() => unknown)[] = [
  () => undefined, () => null, () => true, () => false, () => 0, () => -0, () => 1, () => -1, () => 1.5, () => NaN, () => Infinity, () => 2 ** 53,
  () => 0xffffffff, () => 0x100000000, () => -0x80000000, () => '', () => ' ', () => 'x', () => 'NO_ERROR', () => 'no_error', () => ' NO_ERROR ',
  () => 'ERROR_DI_POSTPROCESSING_REQUIRED', () => 'ERROR_NOPE', () => '0x0', () => '0xE0000226', () => '0x123456789', () => '12', () => '-5',
  () => 'DIF_INSTALLDEVICE', () => 'DIF_NOPE', () => '*', () => 'propagate', () => 'pre', () => 'post', () => 'showDialog', () => 'callDefaultHandler',
  () => 'setFlags', () => 'windows', () => 'wine', () => 'win7', () => 'x86', () => 'reinstall', () => 'hardware-first', () => 'DI_QUIETINSTALL',
  () => 'DI_FLAGSEX_CI_FAILED', () => 'a.dll', () => 'a.dll,Entry', () => ',a.dll', () => 'a.dll\n,x', () => 'a.dll,x\ny', () => 'a.dll,x\u2028', () => ' a.dll', () => '\u00a0a.dll', () => 'a.dll,', () => '{4d36e97d-e325-11ce-bfc1-08002be10318}',
  () => '{nope}', () => [], () => [1], () => ['NO_ERROR'], () => ['NO_ERROR', 3758096934], () => ['DI_QUIETINSTALL'], () => ['DIF_REMOVE', 5],
  () => [undefined], () => new Array(2), () => List.from(['NO_ERROR']), () => ({}), () => ({ a: 1 }), () => ({ admin: true }),
  () => ({ type: 'user.loggedOff' }), () => ({ type: 'user.loggedOn', admin: false }), () => ({ type: 'user.loggedOn' }), () => ({ name: 'a.dll' }),
  () => ({ name: 'a.dll', on: { '*': { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', post: 'NO_ERROR' } } }), () => ({ pre: 'NO_ERROR', privateData: 1 }),
  () => ({ returns: 'NO_ERROR', effects: ['showDialog'] }), () => ({ setFlags: ['DI_NEEDREBOOT'], phase: 'post' }), () => ({ setFlags: [] }),
  () => ({ writeProperty: { name: 'P', value: { a: [1] } } }), () => ({ writeProperty: { name: 'P' } }), () => ({ keepInDll: { name: '', value: 1 } }),
  () => ({ readProperty: 'P' }), () => ({ showDialog: true }), () => ({ showDialog: false }), () => ({ startProcess: { image: 'a.exe', wait: false } }),
  () => ({ loadLibrary: { dll: 'a.dll', signed: undefined } }), () => ({ addPropertyPages: 2 }), () => ({ addPropertyPages: 0 }),
  () => ({ finishInstallWork: { succeeds: true } }), () => ({ phase: 'pre' }), () => ({ setFlags: [], readProperty: 'P' }),
  () => ({ previousClass: { classCoInstallers: [{ name: 'o.dll' }] } }), () => ({ previousClass: {} }), () => ({ DIF_REMOVE: 'NO_ERROR' }),
  () => ({ constructor: 1 }), () => JSON.parse('{"__proto__":{"pre":"NO_ERROR"}}'), () => Object.create(null), () => new Box(), () => new Date(0),
  () => new Map(), symbolKeyed, () => deep(300), () => deep(250), () => ({ started: deep(240) }), () => () => 1,
];

/** One edit: at the n-th container of the document, set (or add) a key or item, or delete one. */
const editArb = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('set', 'set', 'set', 'delete'),
  key: fc.nat(KEYS.length - 1),
  item: fc.nat(),
  value: fc.nat(VALUES.length - 1),
});
type Edit = { at: number; op: string; key: number; item: number; value: number };

/** A deep copy made in this realm (structuredClone's objects have another realm's prototypes, which the quick check leaves to the schema). */
function copyOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyOf);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
  for (const [key, v] of Object.entries(value)) out[key] = copyOf(v);
  return out;
}

function containers(value: unknown, into: object[] = []): object[] {
  if (typeof value === 'object' && value !== null && into.length < 500 && !into.includes(value)) {
    into.push(value);
    for (const child of Object.values(value)) containers(child, into);
  }
  return into;
}

function applyEdit(doc: unknown, edit: Edit): void {
  const all = containers(doc);
  const target = all[edit.at % all.length] as Record<string | number, unknown>;
  const own = Object.keys(target);
  const useExisting = own.length > 0 && edit.item % 2 === 0;
  const key: string | number = Array.isArray(target) ? (useExisting ? edit.item % target.length : target.length) : useExisting ? own[edit.item % own.length] : KEYS[edit.key];
  if (edit.op === 'delete') delete target[key];
  else Object.defineProperty(target, key, { value: VALUES[edit.value](), enumerable: true, writable: true, configurable: true });
}

const docArb = fc.oneof(
  ...(['windows', 'reactos', 'wine'] as const).map((p) => scenarioDocArb(p)),
  ...(['windows', 'reactos', 'wine'] as const).map((p) => lifecycleDocArb(p)),
);

describe('quick scenario check', () => {
  it('should accept every valid scenario and installation of the arbitraries, with the full check\'s result', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        expect(agree(doc, { file: 'scenario' })).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('should accept nothing the full check refuses, and give the same result or message, on edited documents', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(docArb, fc.array(editArb, { minLength: 1, maxLength: 3 }), (doc, edits) => {
        const copy = copyOf(doc);
        for (const edit of edits) applyEdit(copy, edit);
        if (agree(copy, { file: 'scenario' })) accepted += 1;
        else refused += 1;
      }),
      { numRuns: 3000 },
    );
    // both sides are exercised
    expect(accepted).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(300);
  });

  it('should agree on documents read from JSON text, warnings located at file:line:col', () => {
    fc.assert(
      fc.property(docArb, fc.array(editArb, { maxLength: 2 }), (doc, edits) => {
        const copy = copyOf(doc);
        for (const edit of edits) applyEdit(copy, edit);
        let text: string | undefined;
        let value: unknown;
        try {
          text = JSON.stringify(copy, null, 1);
          if (text === undefined) return;
          // as a journal's header: JSON.parse'd, its text not kept (reserved keys and all)
          agree(JSON.parse(text), { file: 'journal:1 (header scenario)' }, true);
          value = parseJsonText('s.json', text).value;
        } catch (error) {
          if (!(error instanceof InputError) && !(error instanceof SyntaxError)) throw error;
          return; // not JSON text (a function, a deep value, a reserved key): the other tests cover it
        }
        agree(value, { file: 's.json', text });
      }),
      { numRuns: 500 },
    );
  });

  it('should take the quick path for every example scenario shipped in examples/', () => {
    const files = readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(path.join(ROOT, 'examples', file), 'utf8');
      const { value } = parseJsonText(file, text);
      expect(agree(value, { file, text })).toBe(true);
    }
  });

  it('should leave to the schema what it does not plainly accept, with the schema\'s message or result', () => {
    const base = { device: { description: 'd' }, classCoInstallers: [{ name: 'a.dll', on: { '*': { pre: 'NO_ERROR' } } }] };
    const cases: [unknown, string | 'accepted'][] = [
      [{ ...base, colour: 1 }, 'scenario: colour: unknown key "colour"'],
      [{ classCoInstallers: [{ name: 'a.dll', on: { '*': { pre: 'ERROR_NOPE' } } }] }, 'scenario: classCoInstallers[0].on.*.pre: unknown status code name "ERROR_NOPE"'],
      [{ classCoInstallers: [{ name: 'a.dll', on: { '*': { pre: NaN } } }] }, 'scenario: classCoInstallers[0].on.*.pre: expected a status code or a non-empty list of status codes'],
      [{ classCoInstallers: [{ name: 'a.dll', on: symbolKeyed() }] }, 'scenario: classCoInstallers[0].on.Symbol(s): Invalid key in record'],
      [{ device: new Box() }, 'accepted'],
      [{ classCoInstallers: List.from([{ name: 'a.dll' }]) }, 'accepted'],
      [{ flags: new Array(1) }, 'scenario: flags[0]: unknown DI_ flag "undefined"'],
      [{ classCoInstallers: [{ name: 'a.dll', on: { '*': { privateData: deep(260) } } }] }, 'scenario: nested more than 256 levels deep'],
      [{ classCoInstallers: [{ name: 'a.dll', on: JSON.parse('{"__proto__":{}}') as unknown }] }, 'scenario: classCoInstallers[0].on.__proto__: the key "__proto__" is not allowed (it names a JavaScript object\'s prototype machinery)'],
      [{ classCoInstallers: [{ name: 'a.dll', on: { '*': { effects: [{ phase: 'pre' }] } } }] }, 'scenario: classCoInstallers[0].on.*.effects[0]: an effect names exactly one of setFlags, clearFlags, setFlagsEx, clearFlagsEx, writeProperty, readProperty, keepInDll, readFromDll, showDialog, startProcess, loadLibrary, addPropertyPages, callDefaultHandler, finishInstallWork (found only phase)'],
    ];
    for (const [i, [doc, expected]] of cases.entries()) {
      expect([i, plainlyValidScenario(doc)]).toEqual([i, false]);
      const result = outcome(() => validateScenario(doc));
      if (expected === 'accepted') expect(result).toHaveProperty('ok');
      else expect(result).toEqual({ error: expected });
      agree(doc, { file: 'scenario' });
    }
  });

  it('should read a registration string as INSTALLER_NAME does, line ends after the comma included', () => {
    for (const name of ['a.dll', 'a.dll,E', 'a.dll,E\r', 'a.dll,E\n', 'a.dll,\u2028', 'a.dll,\u2029', 'a.dll,\u0085', '\ta.dll', ',x', ' ', '', 'a\nb,c', '\u3000x.dll', '~,', 'x,,y']) {
      const doc = { classCoInstallers: [{ name }] };
      expect([name, plainlyValidScenario(doc)]).toEqual([name, INSTALLER_NAME.test(name)]);
      agree(doc, { file: 'scenario' });
    }
  });

  it('should normalise a list of alike co-installers as it normalises each of them alone, sharing one table', () => {
    const behaviours = fc.oneof(
      fc.constant({ '*': { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED' } }),
      fc.constant({ '*': { pre: ['NO_ERROR', 0], privateData: -0 }, DIF_INSTALLDEVICE: { post: 'propagate', effects: [] } }),
      fc.constant({ '*': { pre: 'NO_ERROR', privateData: 0 } }),
      fc.constant({ DIF_INSTALLDEVICE: { privateData: { a: 1 } } }),
      fc.constant({ DIF_INSTALLDEVICE: { effects: ['showDialog'] } }),
      fc.constant({ '0x2': { pre: 'NO_ERROR' } }),
      fc.constant(undefined),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(behaviours, fc.nat(2)), { maxLength: 12 }), (spec) => {
        // each table written afresh (alike, never the same object), some repeated a few times in a row
        const list = spec.flatMap(([on, times]) => Array.from({ length: times + 1 }, (_, i) => (on === undefined ? { name: `c${i}.dll` } : { name: `c${i}.dll`, on: copyOf(on) as never })));
        const whole = normalizeScenario({ classCoInstallers: list, deviceCoInstallers: list }).classCoInstallers;
        list.forEach((installer, i) => {
          const alone = normalizeScenario({ classCoInstallers: [installer] }).classCoInstallers[0];
          expect(whole[i]).toStrictEqual(alone);
          expect(canonical(whole[i])).toBe(canonical(alone));
        });
      }),
      { numRuns: 200 },
    );
    const alike = normalizeScenario({ classCoInstallers: [{ name: 'a.dll', on: { '*': { pre: 'NO_ERROR' } } }, { name: 'b.dll', on: { '*': { pre: 'NO_ERROR' } } }] }).classCoInstallers;
    expect(alike[0].on).toBe(alike[1].on);
  });
});
