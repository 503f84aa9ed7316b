/**
 * setupapi.dev.log laws (docs/setupapi-log.md):
 * - RenderedRunsConform: every rendered journal (one DIF, any profile) parses back into one DIF block
 *   per dispatch that `log check` finds conforming under the run's profile, and the answers it infers
 *   reproduce the journal's answers where the log shows them.
 * - RenderedInstallationsConform: every rendered installation (random lifecycle scenarios, any
 *   profile) parses back into the DIFs the InstallResult lists, in the order they were sent, and no
 *   block violates under the run's profile.
 * - MutatedLogsNeverThrow: real logs truncated, with lines swapped or duplicated, bytes flipped and
 *   encodings mixed, decode, parse and check without an exception (fixed seed, in `npm test`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/jest';
import { describeStatus } from '../src/domain/codes.js';
import { difByName } from '../src/domain/difCodes.js';
import { recordDif } from '../src/host/runDif.js';
import { recordInstall } from '../src/host/runInstall.js';
import type { DifBlock } from '../src/log/types.js';
import { checkLines } from '../src/log/checkFiles.js';
import { decodeLines } from '../src/log/decode.js';
import { parseLines } from '../src/log/document.js';
import { renderJournal } from '../src/log/render.js';
import { dispatchCaseArb } from './arbitraries/dispatch.js';
import { lifecycleDocArb } from './arbitraries/lifecycle.js';

const ROUND_TRIP = ['windows', 'reactos', 'wine'] as const;
const name = (hex: string) => describeStatus(Number.parseInt(hex, 16) >>> 0).name ?? `0x${hex.slice(2).toLowerCase()}`;

describe('RenderedRunsConform', () => {
  // Every profile. Under ReactOS, ERROR_DI_DO_DEFAULT with no handler run becomes NO_ERROR: the
  // checker also tries DI_NODI_DEFAULTACTION both ways where the default step is not shown
  // (src/log/model.ts candidateInputs).
  test.prop([fc.oneof(...ROUND_TRIP.map((p) => dispatchCaseArb(p).map((c) => ({ ...c, profile: p }))))])(
    'a rendered run parses back and conforms, with the answers the log shows',
    (c) => {
      const { result, journal } = recordDif(c.doc, c.dif, { now: () => new Date('2024-01-02T03:04:05.000Z') });
      // The log does not show whether a DeviceInfoData was passed; ReactOS and Wine refuse a call without one before any installer runs.
      fc.pre(difByName(result.dif) !== undefined && ((c.doc as { device?: unknown }).device !== undefined || c.profile === 'windows'));
      const text = renderJournal(journal);
      const blocks = [...checkLines('rendered', text.split('\r\n'), { profile: c.profile, os: (c.doc as { os?: 'win10' }).os ?? 'win10' })];
      // A block with no installer line at all is also what a lower log level leaves: incomplete is as right as conforms.
      const verdicts = result.calls.length === 0 ? ['conforms', 'incomplete'] : ['conforms'];
      expect(blocks.map((b) => [b.dif, verdicts.includes(b.verdict)])).toEqual([[result.dif, true]]);
      fc.pre(blocks[0].verdict === 'conforms');
      const inferred = blocks[0].inferred!;
      const posts = result.calls.some((call) => call.phase === 'post');
      for (const call of result.calls) {
        if (call.phase === 'pre' && c.profile !== 'wine') expect({ n: call.index, pre: inferred.coInstallers[call.index! - 1]?.pre }).toEqual({ n: call.index, pre: name(call.returned) });
        // Under ReactOS ERROR_DI_DO_DEFAULT with no handler becomes NO_ERROR: the class installer's answer is not shown
        // (either answer gives the same log), so it is compared under windows only.
        if (call.who === 'classInstaller' && c.profile === 'windows' && !posts && inferred.classInstaller?.shown) expect(inferred.classInstaller.returns).toBe(name(call.returned));
      }
    },
  );
});

describe('RenderedInstallationsConform', () => {
  const sent = (blocks: readonly DifBlock[]): string[] => blocks.flatMap((b) => [b.dif ?? '?', ...sent(b.steps.flatMap((st) => (st.kind === 'nested' ? [st.block] : [])))]);
  test.prop([fc.constantFrom(...(['windows', 'reactos', 'wine'] as const)).chain((profile) => lifecycleDocArb(profile).map((doc) => ({ doc, profile })))])(
    'a rendered installation parses back into the DIFs it sent, and none violates',
    ({ doc, profile }) => {
      const { result, journal } = recordInstall(doc, { now: () => new Date('2024-01-02T03:04:05.000Z') });
      const text = renderJournal(journal);
      const lines = text.split('\r\n');
      const checked = [...checkLines('rendered', lines, { profile, os: (doc as { os?: 'win10' }).os ?? 'win10' })];
      expect(checked.filter((b) => b.verdict === 'violates').map((b) => `${b.dif} (line ${b.line}): ${b.reason}`)).toEqual([]);
      if (result.outcome !== 'hung') {
        const parsed = parseLines('rendered', lines);
        expect(sent(parsed.sections.flatMap((s) => s.blocks))).toEqual(result.difs.map((d) => d.dif));
      }
    },
  );
});

describe('MutatedLogsNeverThrow', () => {
  const dir = join(__dirname, '..', 'test', 'fixtures', 'logs');
  const files = readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => readFileSync(join(dir, f)));
  const small = files.map((b) => (b.length > 20_000 ? b.subarray(0, 20_000) : b));
  const mutation = fc.record({
    file: fc.integer({ min: 0, max: small.length - 1 }),
    cut: fc.double({ min: 0, max: 1, noNaN: true }),
    swaps: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
    dups: fc.array(fc.nat(), { maxLength: 4 }),
    flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
    encoding: fc.constantFrom('utf8', 'utf16le', 'mixed', 'bom8', 'bom16'),
  });

  test.prop([mutation], { seed: 0x8a71 })('mutated real logs decode, parse and check without throwing', (m) => {
    const lines = small[m.file].toString('latin1').split(/\r?\n/);
    for (const [a, b] of m.swaps) [lines[a % lines.length], lines[b % lines.length]] = [lines[b % lines.length], lines[a % lines.length]];
    for (const d of m.dups) lines.splice(d % lines.length, 0, lines[d % lines.length]);
    const text = lines.join('\r\n').slice(0, Math.floor(lines.join('\r\n').length * m.cut));
    const half = Math.floor(text.length / 2);
    let bytes =
      m.encoding === 'utf16le' ? Buffer.from(text, 'utf16le')
      : m.encoding === 'bom16' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
      : m.encoding === 'bom8' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
      : m.encoding === 'mixed' ? Buffer.concat([Buffer.from(text.slice(0, half), 'utf8'), Buffer.from(text.slice(half), 'utf16le')])
      : Buffer.from(text, 'latin1');
    bytes = Buffer.from(bytes);
    for (const [at, value] of m.flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
    const decoded = decodeLines(bytes);
    const parsed = parseLines('fuzz', decoded.lines);
    const checked = [...checkLines('fuzz', decoded.lines, { profile: 'windows' })];
    expect(parsed.lines).toBe(decoded.lines.length);
    expect(checked.every((b) => ['conforms', 'violates', 'incomplete'].includes(b.verdict))).toBe(true);
  });
});
