/**
 * `devinst view|report <setupapi.dev.log>`: a real log in the viewer. Each top-level DIF block is
 * one step of the timeline and one DIF of the swim lanes (nested blocks in their parent's nested
 * lane), with `devinst log check`'s verdict for it; the log's sections are listed, and its text
 * shows in the log panel. sources.ts tries it before the scenario reader.
 *
 * Choices (docs/viewer.md): a log names co-installers by number only, so a co-installer's lane
 * (class or device) is the one the checker infers, and the device lane where it infers none; a call
 * the log shows no failure for is read as NO_ERROR, one whose Exit line is cut as "(cut)".
 */
import { readFileSync } from 'node:fs';
import { describeStatus, parseStatus } from '../domain/codes.js';
import { InputError } from '../errors.js';
import { decodeLines } from '../log/decode.js';
import type { OsVersion } from '../domain/difCodes.js';
import { checkBlock, type BlockResult } from '../log/check.js';
import { osFromVersion } from '../log/checkFiles.js';
import { countBlocks, parseLines } from '../log/document.js';
import type { DifBlock, InstallerStep } from '../log/types.js';
import type { CallView, DifView, StepCall, ViewModel } from './model.js';
import type { ViewSource } from './sourceTypes.js';
import type { Step } from './trace.js';

/** Above this size the log's own text is left out of the page (the lanes and verdicts stay). */
const MAX_TEXT = 4 << 20;

const looksLikeLog = (text: string): boolean => /^\s*(>>>|<<<)\s+\[|\{DIF_[A-Z0-9_]+(\s-\s[^}]*)?\}|^\[Device Install Log\]/m.test(text.slice(0, 1 << 20));

const statusName = (hex: string): string | undefined => {
  try {
    return describeStatus(parseStatus(hex)).name;
  } catch {
    return undefined;
  }
};

function callsOf(block: DifBlock, check: BlockResult | undefined, step: number): CallView[] {
  const kinds = new Map((check?.inferred?.coInstallers ?? []).map((c) => [c.number, c.kind]));
  return block.steps
    .filter((s): s is InstallerStep => s.kind !== 'nested')
    .map((s) => {
      const entry = block.list.find((l) => (s.kind === 'class' ? l.role === 'class' : l.role === 'co' && l.n === s.n));
      const name = entry ? [entry.dll, entry.entry].filter(Boolean).join(',') : undefined;
      const returned = s.failed ?? (s.closed ? '0x00000000' : '(cut)');
      const who = s.kind === 'class' ? 'classInstaller' : s.kind === 'default' ? 'defaultHandler' : kinds.get(s.n ?? 0) === 'class' ? 'classCoInstaller' : 'deviceCoInstaller';
      const returnedName = statusName(returned);
      return {
        who,
        ...(s.n !== undefined ? { index: s.n } : {}),
        ...(name ? { name } : {}),
        ...(s.kind === 'default' ? { function: s.work.join(', ') || 'default handler' } : {}),
        ...(s.kind === 'pre' || s.kind === 'post' ? { phase: s.kind } : {}),
        returned,
        step,
        ...(returnedName ? { returnedName } : {}),
      } as CallView;
    });
}

/** A log's lines (decoded as Windows writes them: UTF-8 with or without BOM, UTF-16, ANSI) as a view model. */
export async function buildLogModel(file: string, lines: readonly string[], options: { profile?: 'windows' | 'reactos' | 'wine'; os?: OsVersion } = {}): Promise<ViewModel> {
  const parsed = parseLines(file, lines);
  const text = lines.join('\n');
  const profile = options.profile ?? 'windows';
  const os = options.os ?? osFromVersion(parsed.header?.values['OS Version']) ?? 'win10';
  const sectionTitle = new Map(parsed.sections.map((s) => [s.index, `#${s.index} ${s.title || '(title cut)'}`]));
  const top = [...parsed.sections.flatMap((s) => s.blocks), ...parsed.blocks].sort((a, b) => a.line - b.line);
  const steps: Step[] = [{ index: 0, event: { type: 'log.opened', file, lines: parsed.lines }, actor: '', actors: {}, transitions: [], actions: [] }];
  const stepCalls: (StepCall | null)[] = [null];
  const difs: DifView[] = [];
  const counts = { conforms: 0, violates: 0, incomplete: 0 };
  const seen = new Map<string, number>();
  const add = (block: DifBlock, check: BlockResult | undefined, step: number, parent?: DifView): DifView => {
    const dif = block.dif ?? '(DIF cut)';
    const base = `${dif}|${parent?.dif ?? ''}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const exit = block.exit ?? '(cut)';
    const view: DifView = {
      key: `${base}#${n}`,
      dif,
      ...(parent ? { nestedIn: parent.dif, parent: parent.key } : {}),
      ...(block.section !== null && sectionTitle.has(block.section) ? { context: sectionTitle.get(block.section)! } : {}),
      result: { hex: exit, name: statusName(exit) ?? null },
      calls: callsOf(block, check, step),
      firstStep: step,
      lastStep: step,
      line: block.line,
      ...(block.endLine !== null ? { endLine: block.endLine } : {}),
      ...(check ? { check: { verdict: check.verdict, reason: check.reason, profiles: check.profiles } } : {}),
    };
    difs.push(view);
    return view;
  };
  for (const block of top) {
    const results = checkBlock(block, { profile, os });
    for (const r of results) counts[r.verdict] += 1;
    const step = steps.length;
    let i = 0;
    const walk = (b: DifBlock, parent?: DifView): DifView => {
      const view = add(b, results[i++], step, parent);
      for (const s of b.steps) if (s.kind === 'nested') walk(s.block, view);
      return view;
    };
    const view = walk(block);
    const check = results[0];
    steps.push({ index: step, event: { type: 'log.dif', dif: view.dif, line: block.line, exit: view.result.hex, verdict: check?.verdict, reason: check?.reason }, actor: '', actors: {}, transitions: [], actions: [] });
    stepCalls.push({ called: `${view.dif}, line ${block.line}${view.context ? `, section ${view.context}` : ''}`, answer: { hex: view.result.hex, ...(view.result.name ? { name: view.result.name } : {}) }, dif: view.key });
  }
  const blocks = countBlocks(top);
  return {
    title: file.split(/[\\/]/).pop() ?? file,
    file,
    kind: 'setupapi-log',
    machine: 'difDispatch',
    profile,
    summary: `setupapi log · ${parsed.sections.length} section${parsed.sections.length === 1 ? '' : 's'} · ${blocks} DIF blocks: ${counts.conforms} conform, ${counts.incomplete} incomplete, ${counts.violates} violate (${profile}, ${os})`,
    charts: [],
    steps,
    stepCalls,
    difs,
    violations: [],
    notes: [],
    sections: parsed.sections.map((s) => ({ index: s.index, title: s.title, line: s.line, start: s.start, end: s.end, exitStatus: s.exitStatus, difBlocks: countBlocks(s.blocks), firstStep: 1 + top.findIndex((b) => b.section === s.index) })),
    ...(text.length <= MAX_TEXT ? { log: { name: file, text } } : {}),
  };
}

export interface LogCheck {
  readonly verdict: BlockResult['verdict'];
  readonly reason: string;
  readonly profiles: BlockResult['profiles'];
}

export const logViewSource: ViewSource = {
  name: 'setupapi.dev.log',
  accepts: (file, text) => /\.log$/i.test(file) || looksLikeLog(text),
  load: async (file, _text, options) => {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new InputError(`${file}: cannot read: ${(error as Error).message}`);
    }
    return [await buildLogModel(file, decodeLines(bytes).lines, options.profiles?.[0] ? { profile: options.profiles[0] as 'windows' } : {})];
  },
};
