/**
 * INF robustness: 10,000 fuzzed INFs with a fixed seed — random INF-like text and mutated real
 * files (truncated, lines swapped, quotes or brackets removed, characters inserted, encodings
 * mixed) — never make the importer throw; every problem is a finding with a place, and every
 * scenario it produces is valid against the scenario schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { importInf } from '../src/inf/import.js';
import { INF_RULES } from '../src/inf/findings.js';
import { validateScenario } from '../src/scenario/load.js';

const DIR = 'test/fixtures/inf/';
const REAL = readdirSync(DIR).filter((f) => /\.in[fx]$/.test(f)).map((f) => readFileSync(DIR + f, 'utf8'));

const SIGNIFICANT = ['[', ']', '"', '""', ';', ',', '=', '\\', '\\\r\n', '%', '%%', '\r\n', '\n', '\t', ' ', '\x1a', '\0', '$ARCH$', '.NTamd64', '.CoInstallers', 'HKR,,CoInstallers32,0x00010000,', 'AddReg=', 'Needs=', 'Include=x.inf', '%Dev%', 'é', '\u4e2d', '\ud800'];

const fragment = fc.oneof(fc.constantFrom(...SIGNIFICANT), fc.string({ maxLength: 8 }));
const randomText = fc.array(fragment, { maxLength: 120 }).map((parts) => parts.join(''));

type Mutation = (text: string) => string;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n) => (t: string) => t.slice(0, t.length === 0 ? 0 : n % t.length)),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (t: string) => {
    const lines = t.split('\n');
    if (lines.length < 2) return t;
    const [i, j] = [a % lines.length, b % lines.length];
    [lines[i], lines[j]] = [lines[j], lines[i]];
    return lines.join('\n');
  }),
  fc.constant((t: string) => t.replace(/"/g, '')),
  fc.constant((t: string) => t.replace(/[[\]]/g, '')),
  fc.constant((t: string) => t.replace(/\]/g, '')),
  fc.tuple(fc.nat(), fragment).map(([n, f]) => (t: string) => { const i = t.length === 0 ? 0 : n % t.length; return t.slice(0, i) + f + t.slice(i); }),
  fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(([n, len]) => (t: string) => { const i = t.length === 0 ? 0 : n % t.length; return t.slice(0, i) + t.slice(i + len); }),
);
const mutated = fc.tuple(fc.constantFrom(...REAL), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([text, ms]) => ms.reduce((t, m) => m(t), text));

const encodings = ['utf8', 'utf8bom', 'utf16bom', 'utf16', 'latin1', 'mixed'] as const;
function encode(text: string, how: (typeof encodings)[number], cut: number): Uint8Array {
  switch (how) {
    case 'utf8': return Buffer.from(text, 'utf8');
    case 'utf8bom': return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16bom': return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16': return Buffer.from(text, 'utf16le');
    case 'latin1': return Buffer.from(text, 'latin1');
    case 'mixed': {
      const i = text.length === 0 ? 0 : cut % text.length;
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.slice(0, i), 'utf16le'), Buffer.from(text.slice(i), 'utf8')]);
    }
  }
}

const input = fc.record({
  text: fc.oneof({ weight: 1, arbitrary: randomText }, { weight: 3, arbitrary: mutated }),
  encoding: fc.constantFrom(...encodings),
  cut: fc.nat(),
  arch: fc.constantFrom('x86', 'amd64', 'arm64') as fc.Arbitrary<'x86' | 'amd64' | 'arm64'>,
  model: fc.option(fc.constantFrom('Toaster Package Sample Toaster', 'USB_Install', 'nope'), { nil: undefined }),
  locale: fc.option(fc.constantFrom(0x0409, 0x0407), { nil: undefined }),
});

describe('INF import never throws (fixed seed, 10,000 fuzzed INFs)', () => {
  it('every fuzzed INF gives findings with a place, and a valid scenario or a model list', () => {
    fc.assert(
      fc.property(input, ({ text, encoding, cut, arch, model, locale }) => {
        const result = importInf({ file: 'fuzz.inf', bytes: encode(text, encoding, cut) }, { arch, model, locale });
        // Plain checks (expect() per finding would dominate the run time); a failure throws.
        for (const f of result.findings) {
          if (!(f.line >= 1 && f.column >= 1 && Object.hasOwn(INF_RULES, f.rule))) throw new Error(`bad finding ${JSON.stringify(f)}`);
        }
        if (result.kind === 'scenario') validateScenario(result.document);
        else if (result.reason === '') throw new Error('a model list without a reason');
      }),
      { seed: 20261201, numRuns: 10_000 },
    );
  });
});
