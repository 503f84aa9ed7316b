/**
 * Journals: recordDif → replayJournal gives the live RunResult; transitionLog derives every microstep;
 * damaged or foreign journals are refused with a one-line InputError that names the file and line.
 */
import { InputError } from '../../src/errors.js';
import { recordDif, runDif } from '../../src/host/runDif.js';
import { replayJournal, transitionLog } from '../../src/journal/replay.js';
import type { ScenarioDocument } from '../../src/scenario/schema.js';
import { example, EXAMPLE_NAMES } from '../support/scenarios.js';

const PROFILES = ['windows', 'reactos', 'wine'] as const;
const CASES = EXAMPLE_NAMES.flatMap((name) => PROFILES.map((profile) => [name, profile] as const));
const withProfile = (name: (typeof EXAMPLE_NAMES)[number], profile: string): ScenarioDocument => ({ ...example(name), profile: profile as ScenarioDocument['profile'] });
const FIXED_CLOCK = () => new Date('2024-01-02T03:04:05.000Z');

describe('replayJournal', () => {
  describe.each(CASES)('given the journal of examples/%s.json under %s', (name, profile) => {
    it('should replay to a RunResult deep-equal to the live run', () => {
      const doc = withProfile(name, profile);
      const { result, journal } = recordDif(doc, undefined, { now: FIXED_CLOCK });
      const replayed = replayJournal(journal);
      expect(replayed).toEqual(result);
      expect(replayed).toEqual(runDif(doc));
      expect(replayed.profile).toBe(profile);
    });

    it('should give a transition log from seq 0 to the final state done, with the eventless steps', () => {
      const { journal } = recordDif(withProfile(name, profile), undefined, { now: FIXED_CLOCK });
      const entries = journal.trim().split('\n').length - 2;
      const log = transitionLog(journal);
      expect(log.length).toBeGreaterThan(entries);
      expect(log[0]).toMatchObject({ seq: 0, event: 'xstate.init', from: null });
      expect(log.at(-1)!.to).toBe('done');
      // the eventless step from the start into preprocessing happens before any event (seq 0)
      expect(log.some((t) => t.seq === 0 && t.to === 'preprocessing.choosing')).toBe(true);
      // every entry's seq shows up, in order
      const seqs = [...new Set(log.map((t) => t.seq))];
      expect(seqs).toEqual(Array.from({ length: entries + 1 }, (_, i) => i));
    });
  });

  describe('given a run with co-installers', () => {
    it('should show each preprocessing answer as one step, routed by the calling state itself', () => {
      // examples/class-coinstaller-postprocessing.json: three co-installers answer NO_ERROR or
      // ERROR_DI_POSTPROCESSING_REQUIRED (both go on, co-installer-operation.md), then the class installer is called.
      const { journal } = recordDif(example('class-coinstaller-postprocessing'));
      const log = transitionLog(journal);
      const answers = log.filter((t) => t.from === 'preprocessing.calling');
      expect(answers.map((t) => [t.seq, t.event, t.to])).toEqual([
        [1, 'coInstaller.returned', 'preprocessing.calling'],
        [2, 'coInstaller.returned', 'preprocessing.calling'],
        [3, 'coInstaller.returned', 'classInstaller.choosing'],
      ]);
      // re-entering the calling state announces the next call
      expect(answers.slice(0, 2).every((t) => t.actions.includes('requestCall'))).toBe(true);
      expect(log.some((t) => t.to === 'preprocessing.routing')).toBe(false);
    });
  });
});

describe('replayJournal refusals', () => {
  // examples/class-coinstaller-postprocessing.json: 7 entries (3 pre answers, class installer, default handler,
  // 2 post answers), so 9 lines: header, entries on lines 2–8, closing line 9.
  const FILE = 'run.jsonl';
  const good = recordDif(example('class-coinstaller-postprocessing'), undefined, { now: FIXED_CLOCK }).journal;
  const lines = good.trimEnd().split('\n');

  /** Replays `text` and returns the InputError message; fails the test if nothing is thrown. */
  function refusal(text: string): string {
    let caught: unknown;
    try {
      replayJournal(text, { file: FILE });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    const message = (caught as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  const join = (ls: readonly string[]) => ls.join('\n') + '\n';
  const edit = (i: number, change: (o: Record<string, any>) => void) => {
    const copy = [...lines];
    const o = JSON.parse(copy[i]) as Record<string, any>;
    change(o);
    copy[i] = JSON.stringify(o);
    return join(copy);
  };

  it('should have the expected shape to damage', () => {
    expect(lines).toHaveLength(9);
    expect(replayJournal(good)).toEqual(runDif(example('class-coinstaller-postprocessing')));
  });

  it('should refuse a journal whose last line was removed (truncated)', () => {
    expect(refusal(join(lines.slice(0, -1)))).toMatch(/^run\.jsonl:8: .*truncated/);
  });

  it('should refuse a journal whose last line is cut mid-JSON', () => {
    expect(refusal(join([...lines.slice(0, -1), lines[8].slice(0, 12)]))).toMatch(/^run\.jsonl:9: .*truncated/);
  });

  it('should refuse a journal with an event entry removed', () => {
    // entry seq 3 (line 4) removed: line 4 now holds seq 4
    expect(refusal(join([...lines.slice(0, 3), ...lines.slice(4)]))).toMatch(/^run\.jsonl:4: /);
  });

  it('should refuse a journal whose last event entry was removed', () => {
    // entries still numbered 1..6, but the closing line counts 7 (line 8 is now the closing line)
    expect(refusal(join([...lines.slice(0, 7), lines[8]]))).toMatch(/^run\.jsonl:8: /);
  });

  it('should refuse a journal with two entries swapped', () => {
    expect(refusal(join([lines[0], lines[2], lines[1], ...lines.slice(3)]))).toMatch(/^run\.jsonl:2: .*reordered/);
  });

  it('should refuse another journal format version', () => {
    expect(refusal(edit(0, (h) => (h.formatVersion = 2)))).toMatch(/^run\.jsonl:1: .*version 2/);
  });

  it('should refuse another machine version', () => {
    expect(refusal(edit(0, (h) => (h.machineVersion = 99)))).toMatch(/^run\.jsonl:1: .*99/);
  });

  it('should refuse an entry whose event does not answer the pending call', () => {
    // line 3 is seq 2: the answer of co-installer 2 in preprocessing; claim it comes from co-installer 3
    const edited = edit(2, (e) => (e.event.index = 3));
    expect(JSON.parse(lines[2]).event).toMatchObject({ type: 'coInstaller.returned', index: 2, phase: 'pre' });
    expect(refusal(edited)).toMatch(/^run\.jsonl:3: .*does not answer/);
  });

  it('should refuse a closing line whose result was edited', () => {
    // the run ends with NO_ERROR; the closing line (line 9) claims ERROR_ACCESS_DENIED
    const edited = edit(8, (e) => (e.end.result = '0x00000005'));
    expect(refusal(edited)).toMatch(/^run\.jsonl:9: /);
  });

  it('should refuse an empty input', () => {
    expect(refusal('')).toMatch(/^run\.jsonl(:1)?: .*empty/);
  });

  it('should refuse a JSON file that is not a journal, and say a scenario is one', () => {
    expect(refusal(JSON.stringify(example('toaster')) + '\n')).toBe('run.jsonl: this is a scenario, not a journal; use devinst run (or devinst install) on it');
    expect(refusal('{"format": "something-else"}\n')).toMatch(/^run\.jsonl:1: .*not a devinst journal/);
  });
});
