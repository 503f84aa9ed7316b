/**
 * The journal: JSON Lines. Line 1 is a header naming the format version, the machine and the
 * scenario; then one envelope per external input to the machine (`seq`, `at`, machine id and
 * version, the event); the last line closes the journal. docs/journal.md describes it.
 */
import { z } from 'zod';

export const JOURNAL_FORMAT = 'devinst-journal';
export const JOURNAL_FORMAT_VERSION = 1;

export const journalHeaderSchema = z.looseObject({
  format: z.literal(JOURNAL_FORMAT),
  formatVersion: z.number(),
  machine: z.string(),
  machineVersion: z.number(),
  run: z.looseObject({ kind: z.string(), dif: z.string().optional() }),
  scenario: z.unknown(),
  scenarioFile: z.string().optional(),
  createdAt: z.string().optional(),
});
export interface JournalHeader {
  readonly format: typeof JOURNAL_FORMAT;
  readonly formatVersion: number;
  readonly machine: string;
  readonly machineVersion: number;
  readonly run: { readonly kind: string; readonly dif?: string };
  readonly scenario: unknown;
  readonly scenarioFile?: string;
  readonly createdAt?: string;
}

export const journalEntrySchema = z.strictObject({
  seq: z.int().positive(),
  at: z.string(),
  machine: z.string(),
  version: z.number(),
  event: z.looseObject({ type: z.string() }),
});
export type JournalEntry = z.infer<typeof journalEntrySchema>;

export const journalEndSchema = z.strictObject({
  end: z.strictObject({ entries: z.int().nonnegative(), result: z.string() }),
});
export type JournalEnd = z.infer<typeof journalEndSchema>;

export type JournalLine = JournalHeader | JournalEntry | JournalEnd;

/** Collects the lines of one journal as the run goes. */
export class JournalRecorder {
  private readonly lines: string[] = [];
  private seq = 0;

  constructor(
    header: Omit<JournalHeader, 'format' | 'formatVersion'>,
    private readonly now: () => Date = () => new Date(),
  ) {
    const full: JournalHeader = { format: JOURNAL_FORMAT, formatVersion: JOURNAL_FORMAT_VERSION, ...header };
    this.lines.push(JSON.stringify(full));
  }

  append(machine: string, version: number, event: { type: string }): void {
    this.seq += 1;
    const entry: JournalEntry = { seq: this.seq, at: this.now().toISOString(), machine, version, event };
    this.lines.push(JSON.stringify(entry));
  }

  close(result: string): string {
    const end: JournalEnd = { end: { entries: this.seq, result } };
    this.lines.push(JSON.stringify(end));
    return this.lines.join('\n') + '\n';
  }
}
