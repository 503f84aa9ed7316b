/**
 * What a parsed setupapi log holds: boot sessions, sections, DIF blocks as a tree, and every other
 * line kept with its category. Plain JSON (what `devinst log parse --json` prints).
 */
import type { LineLevel } from './lines.js';

export type InstallerKind = 'pre' | 'class' | 'default' | 'post';

/** One installer call inside a DIF block ("CoInstaller 2: Enter" … "Exit"). */
export interface InstallerStep {
  readonly kind: InstallerKind;
  /** Co-installer number (1-based position in the combined list), for pre and post. */
  readonly n?: number;
  readonly line: number;
  time: string | null;
  /** The Enter line was seen (false: the excerpt starts inside this call). */
  entered: boolean;
  /** The Exit (or failed) line was seen. */
  closed: boolean;
  /** `failed(0x…)!`: the code the call failed with. */
  failed?: string;
  /** Non-DIF blocks opened inside the call (e.g. "Install DEVICE", "Select Best Driver"): the work done there. */
  readonly work: string[];
}

export interface NestedStep {
  readonly kind: 'nested';
  readonly line: number;
  /** The installer call the nested DIF ran in, or null. */
  readonly within: InstallerKind | null;
  readonly block: DifBlock;
}

export type BlockStep = InstallerStep | NestedStep;

/** "Class installer == dll,entry" / "CoInstaller n == dll[,entry]" when the list is (re)loaded. */
export interface ListEntry {
  readonly role: 'class' | 'co';
  readonly n?: number;
  readonly dll: string;
  readonly entry: string | null;
  readonly line: number;
}

export interface DifBlock {
  /** DIF_… name, or null where the excerpt starts inside a block whose end is also missing. */
  dif: string | null;
  readonly file: string;
  /** Line of the `{DIF_X}` line, or of the first line seen of a block whose start is cut. */
  line: number;
  endLine: number | null;
  depth: number;
  readonly format: 'dev' | 'xp';
  startTime: string | null;
  endTime: string | null;
  /** `exit(0x…)` as logged (lower case hex, 0x and 8 digits), or null. */
  exit: string | null;
  /** The `{DIF_X}` line was seen. */
  started: boolean;
  readonly list: ListEntry[];
  /** "Using exported function 'f' in module 'm'." */
  readonly exported: { readonly fn: string; readonly module: string; readonly line: number }[];
  noClassInstaller: string | null;
  readonly steps: BlockStep[];
  /** Index of the section it is in (0-based, per file), or null. */
  section: number | null;
  /** Another DIF's end closed this block before its own end was seen. */
  unterminated?: boolean;
}

export interface PlainLine {
  readonly line: number;
  readonly level: LineLevel;
  readonly category: string | null;
  readonly depth: number;
  readonly text: string;
  readonly time: string | null;
}

export interface SectionInfo {
  readonly index: number;
  readonly file: string;
  readonly line: number;
  readonly title: string;
  /** The part before " - ", e.g. "Device Install (Hardware initiated)". */
  readonly kind: string;
  /** The device instance ID, hardware ID or INF after " - ", or null. */
  readonly instance: string | null;
  start: string | null;
  end: string | null;
  /** "SUCCESS", "SUCCESS (REBOOT_REQUIRED)", "FAILURE(0x…)", … or null (cut). */
  exitStatus: string | null;
  cmd: string | null;
  difBlocks: number;
  /** Time of the boot session it belongs to. */
  boot: string | null;
  format: 'dev' | 'xp';
}

export interface LogHeaderInfo {
  readonly line: number;
  readonly values: Record<string, string>;
}
