/**
 * Parsing whole files into one plain-JSON document (`devinst log parse --json`), and the file
 * list a user gives: files and directories, rotated `setupapi.dev.YYYYMMDD_HHMMSS.log` files in
 * time order before the current one.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { readLogLines, type LogEncoding } from './decode.js';
import { LogParser, type ParseSink } from './parser.js';
import type { DifBlock, LogHeaderInfo, PlainLine, SectionInfo } from './types.js';

export interface ParsedSection extends SectionInfo {
  readonly blocks: DifBlock[];
  readonly lines: PlainLine[];
}

export interface ParsedFile {
  readonly file: string;
  encoding: LogEncoding;
  lines: number;
  header: LogHeaderInfo | null;
  readonly boots: { readonly time: string; readonly line: number }[];
  readonly sections: ParsedSection[];
  /** DIF blocks and lines outside any section (excerpts). */
  readonly blocks: DifBlock[];
  readonly lines_: PlainLine[];
}

/** Collects every parse event of one file. */
export function collect(file: string): { sink: ParseSink; result: ParsedFile } {
  const result: ParsedFile = { file, encoding: 'utf-8', lines: 0, header: null, boots: [], sections: [], blocks: [], lines_: [] };
  const open = new Map<number, ParsedSection>();
  const sectionOf = (index: number | null): ParsedSection | null => {
    if (index === null) return null;
    let s = open.get(index);
    if (!s) {
      s = { blocks: [], lines: [] } as unknown as ParsedSection;
      open.set(index, s);
    }
    return s;
  };
  const sink: ParseSink = {
    header: (h) => void (result.header = h),
    boot: (time, line) => void result.boots.push({ time, line }),
    block: (b) => (sectionOf(b.section)?.blocks ?? result.blocks).push(b),
    line: (l, index) => (sectionOf(index)?.lines ?? result.lines_).push(l),
    section: (s) => {
      const parts = sectionOf(s.index)!;
      open.delete(s.index);
      result.sections.push({ ...s, blocks: parts.blocks, lines: parts.lines });
    },
  };
  return { sink, result };
}

export function parseLines(file: string, lines: Iterable<string>): ParsedFile {
  const { sink, result } = collect(file);
  const parser = new LogParser(file, sink);
  let n = 0;
  for (const line of lines) {
    parser.push(line);
    n++;
  }
  parser.end();
  result.lines = n;
  return result;
}

export function parseFile(file: string): ParsedFile {
  const info: { encoding?: LogEncoding } = {};
  const result = parseLines(file, readLogLines(file, info));
  result.encoding = info.encoding ?? 'utf-8';
  return result;
}

const ROTATED = /^setupapi\.(?:dev|app|setup)\.(\d{8})_(\d{6})\.log$/i;

/** Files and directories → the files to read, in order. A missing path is an InputError. */
export function expandInputs(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw new InputError(`${p}: cannot read: no such file or directory`);
    }
    if (!isDir) {
      files.push(p);
      continue;
    }
    const names = readdirSync(p).filter((name) => /\.log$/i.test(name) && statSync(join(p, name)).isFile());
    files.push(...orderLogFiles(names).map((name) => join(p, name)));
  }
  return files;
}

/** Rotated logs first, oldest first (their names carry the time), then the others by name. */
export function orderLogFiles(names: readonly string[]): string[] {
  const key = (name: string): string => {
    const m = ROTATED.exec(name);
    return m ? `0${m[1]}${m[2]}` : `1${name.toLowerCase()}`;
  };
  return [...names].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Counts over a parsed file (text output and the peer check). */
export function countBlocks(blocks: readonly DifBlock[]): number {
  let n = 0;
  for (const b of blocks) {
    n += 1;
    n += countBlocks(b.steps.flatMap((s) => (s.kind === 'nested' ? [s.block] : [])));
  }
  return n;
}
