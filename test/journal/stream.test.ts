/**
 * Streamed replay (src/journal/lines.ts, read.ts): a journal replayed from a file (`{ path }`, a
 * `file:` URL) or from an async iterable of lines gives what replaying its text gives, with CRLF
 * line ends, without a final newline, in UTF-16, across 1 MiB chunks; a damaged line is refused
 * with the same one-line message naming the file and line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../../src/errors.js';
import { recordDif } from '../../src/host/runDif.js';
import { recordInstall } from '../../src/host/runInstall.js';
import { CHUNK_SIZE } from '../../src/journal/lines.js';
import { readJournal } from '../../src/journal/read.js';
import { replayJournal } from '../../src/journal/replay.js';
import { example, EXAMPLE_NAMES, ROOT } from '../support/scenarios.js';

const FIXED_CLOCK = () => new Date('2024-01-02T03:04:05.000Z');
let dir: string;
beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'devinst-stream-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function* linesOf(text: string): AsyncGenerator<string> {
  for (const line of text.split('\n')) if (line !== '') yield line;
}

/** The InputError message of a rejected promise; fails the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  return message;
}

const dispatchJournals = EXAMPLE_NAMES.map((name) => [name, recordDif(example(name), undefined, { now: FIXED_CLOCK })] as const);
const installJournal = recordInstall(JSON.parse(readFileSync(path.join(ROOT, 'examples', 'finish-install-win7.json'), 'utf8')), { now: FIXED_CLOCK });

describe('replayJournal from a stream', () => {
  describe.each([...dispatchJournals, ['finish-install-win7 (install)', installJournal] as const])('given the journal of %s', (name, { result, journal }) => {
    const file = () => write(`${name.replace(/\W+/g, '-')}.jsonl`, journal);

    it('should replay from a file path to the result the text replays to, and the live run had', async () => {
      const fromText = replayJournal(journal);
      expect(fromText).toEqual(result);
      expect(await replayJournal({ path: file() })).toEqual(fromText);
    });

    it('should replay from a file: URL and from an async iterable of lines to the same result', async () => {
      expect(await replayJournal(pathToFileURL(file()))).toEqual(result);
      expect(await replayJournal(linesOf(journal))).toEqual(result);
    });

    it('should replay CRLF line ends and a last line without a newline, as text and from a file', async () => {
      const crlf = journal.replace(/\n/g, '\r\n');
      const unterminated = journal.slice(0, -1);
      expect(replayJournal(crlf)).toEqual(result);
      expect(replayJournal(unterminated)).toEqual(result);
      expect(await replayJournal({ path: write('crlf.jsonl', crlf) })).toEqual(result);
      expect(await replayJournal({ path: write('unterminated.jsonl', unterminated.replace(/\n/g, '\r\n')) })).toEqual(result);
    });
  });

  it('should read a UTF-16LE file with a byte-order mark (PowerShell 5 redirection) as the same journal', async () => {
    const { result, journal } = dispatchJournals[0][1];
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(journal, 'utf16le')]);
    expect(await replayJournal({ path: write('utf16.jsonl', bytes) })).toEqual(result);
  });

  it('should replay a journal of several chunks, with a header line longer than a chunk, as its text replays', async () => {
    // a device description of 1.65 MB makes the header span two chunks; 300 co-installers, 600 entries
    const n = 300;
    const doc = { device: { description: 'long device '.repeat(150_000) }, classCoInstallers: Array.from({ length: n }, (_, i) => ({ name: `co${i}.dll,Entry`, on: { '*': { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED' } } })) };
    const { result, journal } = recordDif(doc, 'DIF_INSTALLDEVICE');
    expect(journal.indexOf('\n')).toBeGreaterThan(CHUNK_SIZE);
    const replayed = await replayJournal({ path: write('long.jsonl', journal) });
    expect(replayed).toEqual(result);
    // each co-installer's pre and post answer, and the default handler's between them
    expect('calls' in replayed && replayed.calls).toHaveLength(2 * n + 1);
  });

  describe('given a damaged journal', () => {
    const { journal } = dispatchJournals[3][1]; // class-coinstaller-postprocessing: 9 lines
    const lines = journal.trimEnd().split('\n');
    const edited = (i: number, change: (o: Record<string, any>) => void) => {
      const copy = [...lines];
      const o = JSON.parse(copy[i]) as Record<string, any>;
      change(o);
      copy[i] = JSON.stringify(o);
      return copy.join('\n') + '\n';
    };

    it('should name the line of an entry out of order in the middle of the file, as the text replay does', async () => {
      const damaged = [lines[0], lines[1], lines[3], lines[2], ...lines.slice(4)].join('\n') + '\n';
      const file = write('swapped.jsonl', damaged);
      const message = await rejection(replayJournal({ path: file }));
      expect(message).toBe(`${file}:3: seq 3 where 2 was expected: the journal is reordered or has entries missing`);
      expect(() => replayJournal(damaged, { file })).toThrow(message);
      expect(await rejection(replayJournal(linesOf(damaged), { file: 'lines' }))).toBe('lines:3: seq 3 where 2 was expected: the journal is reordered or has entries missing');
    });

    it('should name the line of an event that does not answer the pending call', async () => {
      const damaged = edited(4, (e) => (e.event.type = 'defaultHandler.returned'));
      expect(await rejection(replayJournal({ path: write('unanswered.jsonl', damaged) }, { file: 'run.jsonl' }))).toMatch(/^run\.jsonl:5: seq 4: defaultHandler\.returned does not answer/);
    });

    it('should refuse a duplicate key in an entry, which JSON.parse alone would let through, naming line and column', async () => {
      const damaged = [...lines.slice(0, 2), lines[2].replace('"seq":2,', '"seq":2,"seq":2,'), ...lines.slice(3)].join('\n') + '\n';
      expect(await rejection(replayJournal({ path: write('dup.jsonl', damaged) }, { file: 'run.jsonl' }))).toBe('run.jsonl:3:10: duplicate key "seq" (it is already given in this object)');
    });

    it('should say a journal cut mid-line is truncated, naming its last line', async () => {
      const cut = journal.slice(0, journal.length - 20);
      expect(await rejection(replayJournal({ path: write('cut.jsonl', cut) }, { file: 'run.jsonl' }))).toBe('run.jsonl:9: malformed JSON: the journal is truncated');
    });

    it('should refuse a missing file and bytes that are not UTF-8 with one line naming the file', async () => {
      const missing = path.join(dir, 'missing.jsonl');
      expect(await rejection(replayJournal({ path: missing }))).toBe(`${missing}: cannot read: no such file or directory`);
      const latin1 = write('latin1.jsonl', Buffer.from([0x7b, 0xe9, 0x7d, 0x0a]));
      expect(await rejection(replayJournal({ path: latin1 }))).toBe(`${latin1}: cannot read: not UTF-8 text (save it as UTF-8, or as UTF-16 with a byte-order mark)`);
    });

    it('should tell a scenario file given to replay, from a file as from text', async () => {
      const scenario = JSON.stringify(example('toaster'), null, 2);
      const message = 'run.json: this is a scenario, not a journal; use devinst run (or devinst install) on it';
      expect(await rejection(replayJournal({ path: write('scenario.json', scenario) }, { file: 'run.json' }))).toBe(message);
      expect(() => replayJournal(scenario, { file: 'run.json' })).toThrow(message);
    });
  });
});

describe('readJournal', () => {
  it('should give the same entries as a plain JSON.parse of each line, for every example journal', () => {
    for (const [, { journal }] of dispatchJournals) {
      const lines = journal.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
      const read = readJournal(journal);
      expect(read.header).toEqual(lines[0]);
      expect(read.entries).toEqual(lines.slice(1, -1));
      expect({ end: read.end }).toEqual(lines.at(-1));
    }
  });
});
