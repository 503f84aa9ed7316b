/**
 * Every file the CLI writes (journals, explore's counterexamples) goes through `prepareOutput`:
 *
 * - a new file is written whole to a temporary file beside it and renamed into place, so a reader
 *   never sees half a file; a failed write removes the temporary file;
 * - an existing regular file is kept unless `force` (then replaced the same way, its mode kept);
 * - an existing file that is not a regular file (a character device such as /dev/null or a
 *   terminal, a FIFO) is opened and written in place, never replaced; a block device needs `force`;
 * - a symbolic link is followed and what it points at is written; the link itself stays;
 * - a file the run reads (the scenario) is never a target, even with `force`;
 * - an existing directory, or a missing parent directory, is an error;
 * - every message names the path the user gave, never the temporary file.
 *
 * Failures are InputErrors (one line, exit 2).
 */
import { chmodSync, closeSync, fstatSync, lstatSync, openSync, readlinkSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync, type BigIntStats } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';

export interface OutputOptions {
  /** Replace an existing regular file. */
  readonly force?: boolean;
  /** Files the run reads: never written, whatever `force` says. */
  readonly inputs?: readonly string[];
  /** The option the path came from (`--journal`), for the message that says how to force. */
  readonly option?: string;
}

export interface PreparedOutput {
  /** The path as the user gave it. */
  readonly file: string;
  write(text: string): void;
}

const WHY: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  ENXIO: 'no reader on the other end (a socket or a FIFO nobody reads)',
  EIO: 'input/output error',
  EBUSY: 'the file is busy',
  ENAMETOOLONG: 'the name is too long',
};

/** Why a file operation failed, in words, without the (possibly temporary) path Node puts in its message. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && WHY[code]) return WHY[code];
  return code ?? String((error as Error | undefined)?.message ?? error);
}

function stat(file: string, follow: boolean): BigIntStats | undefined {
  try {
    return follow ? statSync(file, { bigint: true }) : lstatSync(file, { bigint: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const sameFile = (a: BigIntStats, b: BigIntStats) => a.dev === b.dev && a.ino === b.ino && a.ino !== 0n;

function standardStreams(): BigIntStats[] {
  const out: BigIntStats[] = [];
  for (const fd of [1, 2]) {
    try {
      out.push(fstatSync(fd, { bigint: true }));
    } catch {
      // not open
    }
  }
  return out;
}

/** Where a dangling symbolic link points (links followed one by one). */
function danglingTarget(file: string): string {
  let at = file;
  for (let hops = 0; hops < 40; hops++) {
    const st = lstatSync(at);
    if (!st.isSymbolicLink()) return at;
    at = path.resolve(path.dirname(at), readlinkSync(at));
    if (stat(at, false) === undefined) return at;
  }
  throw Object.assign(new Error('ELOOP'), { code: 'ELOOP' });
}

function writeInPlace(file: string, text: string, flags: 'w' | 'a'): void {
  const fd = openSync(file, flags);
  try {
    const bytes = Buffer.from(text, 'utf8');
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
  } finally {
    closeSync(fd);
  }
}

function writeReplacing(target: string, text: string, mode: number | undefined): void {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    if (mode !== undefined) chmodSync(temporary, mode);
    renameSync(temporary, target);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // never created, or already renamed
    }
    throw error;
  }
}

/**
 * Checks now (before any work) that `file` may be written, and returns the writer. The write itself
 * re-checks nothing but the file system's own answer.
 */
export function prepareOutput(file: string, options: OutputOptions = {}): PreparedOutput {
  if (file === '') throw new InputError(`${options.option ?? 'output'}: expected a file name`);
  const fail = (why: string): never => {
    throw new InputError(`${file}: cannot write: ${why}`);
  };
  let kind: 'new' | 'replace' | 'in place' | 'append';
  let target = file;
  let mode: number | undefined;
  try {
    const link = stat(file, false);
    const st = stat(file, true);
    if (st === undefined) {
      // Nothing there, or a link to nothing: create what the link names.
      target = link?.isSymbolicLink() ? danglingTarget(file) : file;
      const parent = stat(path.dirname(path.resolve(target)), true);
      if (parent === undefined) fail(`no such directory ${path.dirname(file) === '.' ? '.' : path.dirname(file)}`);
      if (!parent!.isDirectory()) fail(`${path.dirname(file)} is not a directory`);
      kind = 'new';
    } else {
      for (const input of options.inputs ?? []) {
        const read = input === '-' ? undefined : stat(input, true);
        if (read && sameFile(read, st)) fail(`it is the input file ${input}; a run never writes over what it reads`);
      }
      if (st.isDirectory()) fail('is a directory');
      if (st.isFile()) {
        if (standardStreams().some((s) => sameFile(s, st))) kind = 'append';
        else {
          if (!options.force) throw new InputError(`${file}: already exists; not overwritten (use --force to replace it)`);
          target = realpathSync(file);
          mode = Number(st.mode & 0o7777n);
          kind = 'replace';
        }
      } else if (st.isBlockDevice() && !options.force) {
        fail('is a block device; not written (use --force to write it)');
        kind = 'in place';
      } else if (st.isSocket()) {
        fail('is a socket');
        kind = 'in place';
      } else kind = 'in place';
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    fail(describeFsError(error));
  }
  return {
    file,
    write(text: string): void {
      try {
        if (kind === 'in place') writeInPlace(file, text, 'w');
        else if (kind === 'append') writeInPlace(file, text, 'a');
        else writeReplacing(target, text, mode);
      } catch (error) {
        fail(describeFsError(error));
      }
    },
  };
}

/** prepareOutput(…).write(text) in one step. */
export function writeOutput(file: string, text: string, options: OutputOptions = {}): void {
  prepareOutput(file, options).write(text);
}
