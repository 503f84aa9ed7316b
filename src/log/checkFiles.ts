/**
 * Checking files as a stream: each top-level DIF block is checked as soon as it is complete and
 * then dropped, so memory does not grow with the file. The OS version comes from the log header
 * ("OS Version = 10.0.10240") unless given.
 */
import type { OsVersion } from '../domain/difCodes.js';
import type { ProfileName } from '../domain/profiles.js';
import { checkBlock, type BlockResult } from './check.js';
import { readLogLines } from './decode.js';
import { LogParser } from './parser.js';

/** "6.1.7601" → win7, "10.0.22631" → win11 … (Windows version numbers). */
export function osFromVersion(version: string | undefined): OsVersion | null {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(version ?? '');
  if (!m) return null;
  const [major, minor, build] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (major === 6 && minor === 0) return 'vista';
  if (major === 6 && minor === 1) return 'win7';
  if (major === 6) return 'win8';
  if (major === 10) return build >= 22000 ? 'win11' : 'win10';
  return null;
}

export function* checkLines(file: string, lines: Iterable<string>, options: { profile: ProfileName; os?: OsVersion }): Generator<BlockResult> {
  let os: OsVersion = options.os ?? 'win10';
  const queue: BlockResult[] = [];
  const parser = new LogParser(file, {
    header: (h) => {
      if (!options.os) os = osFromVersion(h.values['OS Version']) ?? os;
    },
    block: (b) => queue.push(...checkBlock(b, { profile: options.profile, os })),
  });
  for (const line of lines) {
    parser.push(line);
    if (queue.length > 0) yield* queue.splice(0);
  }
  parser.end();
  yield* queue.splice(0);
}

export function checkFile(file: string, options: { profile: ProfileName; os?: OsVersion }): Generator<BlockResult> {
  return checkLines(file, readLogLines(file), options);
}
