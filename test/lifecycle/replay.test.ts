/**
 * Install journals (docs/journal.md "Install journals", "Replay and what it refuses"): recordInstall →
 * replayJournal gives the live InstallResult; damaged journals are refused with a one-line InputError
 * naming the file and line; transitionLog derives every microstep down to `done`.
 */
import { InputError } from '../../src/errors.js';
import { recordInstall, runInstall } from '../../src/host/runInstall.js';
import { replayJournal, transitionLog } from '../../src/journal/replay.js';
import { allExampleNames, lifecycleExample } from '../support/lifecycle.js';

const FIXED_CLOCK = () => new Date('2024-01-02T03:04:05.000Z');

describe('replayJournal of install journals', () => {
  // docs/journal.md: replaying the journal gives the identical result, without running any installer
  it.each(allExampleNames())('should replay examples/%s.json to an InstallResult deep-equal to the live run', (name) => {
    // Given the journal of a recorded run
    const doc = lifecycleExample(name);
    const { result, journal } = recordInstall(doc, { now: FIXED_CLOCK });
    // When it is replayed, Then the result is the recorded one, which is also what runInstall gives
    expect(replayJournal(journal)).toEqual(result);
    expect(result).toEqual(runInstall(doc));
  });

  const FEW = ['toaster', 'finish-install-win7', 'remove', 'properties', 'violations/ui-in-noninteractive-context'];
  const PROFILES = ['windows', 'reactos', 'wine'] as const;
  it.each(FEW.flatMap((name) => PROFILES.map((profile) => [name, profile] as const)))('should replay examples/%s.json under the %s profile', (name, profile) => {
    const doc = { ...lifecycleExample(name), profile };
    const { result, journal } = recordInstall(doc, { now: FIXED_CLOCK });
    const replayed = replayJournal(journal);
    expect(replayed).toEqual(result);
    expect('outcome' in replayed && replayed.profile).toBe(profile);
  });

  // docs/journal.md: the header records machine deviceInstall, version 1, run kind install; the closing line the outcome
  it('should write a deviceInstall header and close with the outcome', () => {
    const { result, journal } = recordInstall(lifecycleExample('finish-install-win7'), { now: FIXED_CLOCK, scenarioFile: 'examples/finish-install-win7.json' });
    const lines = journal.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ format: 'devinst-journal', formatVersion: 1, machine: 'deviceInstall', machineVersion: 2, run: { kind: 'install' }, scenarioFile: 'examples/finish-install-win7.json' });
    expect(lines.at(-1)).toEqual({ end: { entries: lines.length - 2, result: 'installed' } });
    expect(result.outcome).toBe('installed');
    // every timeline event is journaled, in order, then timeline.ended
    const types = lines.slice(1, -1).map((l) => l.event.type).filter((t: string) => !t.endsWith('.returned'));
    expect(types).toEqual(['device.reenumerated', 'user.loggedOff', 'user.loggedOn', 'device.reattached', 'user.loggedOn', 'timeline.ended']);
  });

  it('should journal watchdog.expired for a hung installation, and nothing of the timeline', () => {
    const doc = { ...lifecycleExample('violations/ui-in-noninteractive-context'), timeline: [{ type: 'user.loggedOn' as const, admin: true }] };
    const { journal } = recordInstall(doc, { now: FIXED_CLOCK });
    const types = journal.trimEnd().split('\n').slice(1, -1).map((l) => JSON.parse(l).event.type);
    expect(types.at(-1)).toBe('watchdog.expired');
    expect(types).not.toContain('user.loggedOn');
  });
});

describe('replayJournal refusals of damaged install journals', () => {
  const FILE = 'install.jsonl';
  const good = recordInstall(lifecycleExample('finish-install-win7'), { now: FIXED_CLOCK }).journal;
  const lines = good.trimEnd().split('\n');
  const join = (ls: readonly string[]) => ls.join('\n') + '\n';
  const edit = (i: number, change: (o: Record<string, any>) => void) => {
    const copy = [...lines];
    const o = JSON.parse(copy[i]) as Record<string, any>;
    change(o);
    copy[i] = JSON.stringify(o);
    return join(copy);
  };
  /** The index of the first line whose event carries an effect of `type`. */
  const lineWithEffect = (type: string) => lines.findIndex((l) => (JSON.parse(l).event?.effects ?? []).some((e: { type: string }) => e.type === type));

  /** Replays `text` and returns the InputError message, which must be one line. */
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

  it('should have the expected shape to damage', () => {
    expect(lineWithEffect('setFlagsEx')).toBeGreaterThan(0);
    expect(lineWithEffect('startProcess')).toBeGreaterThan(lineWithEffect('setFlagsEx'));
    expect(replayJournal(good)).toEqual(runInstall(lifecycleExample('finish-install-win7')));
  });

  it('should refuse a journal whose closing line was removed (truncated), naming the new last line', () => {
    expect(refusal(join(lines.slice(0, -1)))).toMatch(new RegExp(`^install\\.jsonl:${lines.length - 1}: .*truncated`));
  });

  it('should refuse a journal cut in the middle of its last line', () => {
    expect(refusal(join([...lines.slice(0, -1), lines.at(-1)!.slice(0, 10)]))).toMatch(new RegExp(`^install\\.jsonl:${lines.length}: .*truncated`));
  });

  it('should refuse a journal with two entries swapped', () => {
    expect(refusal(join([lines[0], lines[2], lines[1], ...lines.slice(3)]))).toMatch(/^install\.jsonl:2: .*reordered/);
  });

  it('should refuse an effect whose type was edited to an unknown one, naming its line', () => {
    const i = lineWithEffect('setFlagsEx');
    const edited = edit(i, (e) => (e.event.effects[0].type = 'setFlagz'));
    expect(refusal(edited)).toMatch(new RegExp(`^install\\.jsonl:${i + 1}: .*effects`));
  });

  it('should refuse an effect whose type was edited to another known one (the run no longer matches), naming the first line it cannot take', () => {
    // setFlagsEx → clearFlagsEx: the device is never marked, so the finish-install answer after core does not fit
    const edited = edit(lineWithEffect('setFlagsEx'), (e) => (e.event.effects[0].type = 'clearFlagsEx'));
    expect(refusal(edited)).toMatch(new RegExp(`^install\\.jsonl:${lineWithEffect('startProcess') + 1}: `));
  });

  it('should refuse an unknown flag name in an effect, naming its line', () => {
    const i = lineWithEffect('setFlagsEx');
    const edited = edit(i, (e) => (e.event.effects[0].flags = ['DI_FLAGSEX_NOPE']));
    expect(refusal(edited)).toMatch(new RegExp(`^install\\.jsonl:${i + 1}: .*flags`));
  });

  it('should refuse a closing line whose outcome was edited, naming the closing line', () => {
    const edited = edit(lines.length - 1, (e) => (e.end.result = 'failed'));
    expect(refusal(edited)).toMatch(new RegExp(`^install\\.jsonl:${lines.length}: .*failed`));
  });

  it('should refuse an extra timeline event appended after timeline.ended', () => {
    const extra = JSON.stringify({ ...JSON.parse(lines.at(-2)!), seq: lines.length - 1, event: { type: 'device.reenumerated' } });
    const damaged = join([...lines.slice(0, -1), extra, JSON.stringify({ end: { entries: lines.length - 1, result: 'installed' } })]);
    expect(refusal(damaged)).toMatch(new RegExp(`^install\\.jsonl:${lines.length}: `));
  });
});

describe('transitionLog of an install journal', () => {
  // docs/journal.md "The transition log"; docs/lifecycle.md "The machine" (states)
  it('should start at seq 0 and reach done, passing through the finish-install states', () => {
    const { journal } = recordInstall(lifecycleExample('finish-install-win7'), { now: FIXED_CLOCK });
    const entries = journal.trimEnd().split('\n').length - 2;
    const log = transitionLog(journal);
    expect(log[0]).toMatchObject({ seq: 0, event: 'xstate.init', from: null });
    expect(log.at(-1)).toMatchObject({ seq: entries, event: 'timeline.ended', to: 'done' });
    expect(log.some((t) => t.to === 'settling')).toBe(true);
    expect(log.some((t) => t.to === 'finishInstallPending')).toBe(true);
    expect(log.some((t) => t.to.startsWith('finishInstallRunning'))).toBe(true);
    expect([...new Set(log.map((t) => t.seq))]).toEqual(Array.from({ length: entries + 1 }, (_, i) => i));
  });

  it('should reach done through hung and the watchdog for a hung installation', () => {
    const { journal } = recordInstall(lifecycleExample('violations/ui-in-noninteractive-context'), { now: FIXED_CLOCK });
    const log = transitionLog(journal);
    expect(log.at(-1)).toMatchObject({ event: 'watchdog.expired', from: 'hung', to: 'done' });
  });

  it('should reach removed for a removal', () => {
    const { journal } = recordInstall(lifecycleExample('remove'), { now: FIXED_CLOCK });
    expect(transitionLog(journal).at(-1)!.to).toBe('removed');
  });
});
