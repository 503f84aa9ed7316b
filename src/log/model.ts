/**
 * Asking the model what it would log for one DIF: a DIF block's unknowns (the installers' answers,
 * which co-installers are class and which device co-installers) are filled in from what the block
 * shows, the DIF is dispatched through the difDispatch machine (runDif) under a profile, and the
 * calls it makes are written as the same tokens the block shows. Nothing here re-implements a rule.
 */
import { describeStatus } from '../domain/codes.js';
import { difByName, type OsVersion } from '../domain/difCodes.js';
import type { ProfileName } from '../domain/profiles.js';
import type { RunResult } from '../domain/runResult.js';
import { Status } from '../domain/statusCodes.js';
import { runDif } from '../host/runDif.js';
import type { DifBlock, InstallerStep } from './types.js';

/** What the block shows, in order: `pre1`, `pre2!0x00000002` (failed), `class`, `default`, `post2`. */
export function blockTokens(block: DifBlock): string[] {
  const out: string[] = [];
  for (const s of block.steps) {
    if (s.kind === 'nested') continue;
    out.push(stepToken(s));
  }
  return out;
}

function stepToken(s: InstallerStep): string {
  const base = s.kind === 'pre' || s.kind === 'post' ? `${s.kind}${s.n}` : s.kind;
  return s.failed ? `${base}!${s.failed}` : base;
}

const POSTPROCESSING = Status.ERROR_DI_POSTPROCESSING_REQUIRED;
const DO_DEFAULT = Status.ERROR_DI_DO_DEFAULT;

/** The calls of a RunResult as block tokens (what Windows would log for them). */
export function resultTokens(result: RunResult): string[] {
  return result.calls.map((c) => {
    const code = Number.parseInt(c.returned, 16) >>> 0;
    switch (c.who) {
      case 'classCoInstaller':
      case 'deviceCoInstaller':
        if (c.phase === 'post') return `post${c.index}`;
        return code === Status.NO_ERROR || code === POSTPROCESSING ? `pre${c.index}` : `pre${c.index}!${lower(c.returned)}`;
      case 'classInstaller':
        return 'class';
      case 'defaultHandler':
        return 'default';
    }
  });
}

export const lower = (hexText: string): string => `0x${hexText.slice(2).toLowerCase()}`;

/** The unknowns filled in: one model input per choice of how many co-installers are class co-installers. */
export interface Inputs {
  readonly dif: string;
  readonly os: OsVersion;
  readonly coCount: number;
  /** Answers in preprocessing, by co-installer number (1-based index → code). */
  readonly pre: readonly number[];
  /** Post answers: 'propagate' or a code, by number. */
  readonly post: readonly ('propagate' | number)[];
  readonly classInstaller: number | null;
  readonly defaultResult: number;
  readonly noDefaultAction: boolean;
  /** Co-installers the block never shows called (before any failure): their DLL or entry point did not load. */
  readonly unloaded: readonly boolean[];
}

/** Fills the unknowns from what the block shows (see docs/setupapi-log.md, "How a block is checked"). */
export function inputsFor(block: DifBlock, os: OsVersion): Inputs {
  const steps = block.steps.filter((s): s is InstallerStep => s.kind !== 'nested');
  const coCount = Math.max(0, ...steps.filter((s) => s.n !== undefined).map((s) => s.n!), ...block.list.filter((l) => l.role === 'co').map((l) => l.n ?? 0));
  const exit = block.exit === null ? null : Number.parseInt(block.exit, 16) >>> 0;
  const posts = steps.filter((s) => s.kind === 'post');
  const pre: number[] = [];
  for (let n = 1; n <= coCount; n++) {
    const step = steps.find((s) => s.kind === 'pre' && s.n === n);
    if (step?.failed) pre.push(Number.parseInt(step.failed, 16) >>> 0);
    else if (posts.some((p) => p.n === n)) pre.push(POSTPROCESSING);
    else pre.push(Status.NO_ERROR);
  }
  const post: ('propagate' | number)[] = Array.from({ length: coCount }, () => 'propagate' as const);
  const lastPost = posts[posts.length - 1];
  if (lastPost && exit !== null) post[lastPost.n! - 1] = lastPost.failed ? Number.parseInt(lastPost.failed, 16) >>> 0 : exit;
  const classStep = steps.find((s) => s.kind === 'class');
  const ranDefault = steps.some((s) => s.kind === 'default');
  let classInstaller: number | null = null;
  if (classStep || block.list.some((l) => l.role === 'class')) {
    if (classStep?.failed) classInstaller = Number.parseInt(classStep.failed, 16) >>> 0;
    else if (ranDefault) classInstaller = DO_DEFAULT;
    else if (posts.length > 0 && exit !== null && exit !== DO_DEFAULT) classInstaller = Status.NO_ERROR;
    else classInstaller = exit ?? DO_DEFAULT;
  }
  const defaultStep = steps.find((s) => s.kind === 'default');
  const defaultResult = defaultStep?.failed ? Number.parseInt(defaultStep.failed, 16) >>> 0 : (exit ?? Status.NO_ERROR);
  // The default step was not reached although nothing failed: DI_NODI_DEFAULTACTION was set.
  const preFailed = steps.some((s) => s.kind === 'pre' && s.failed);
  const noDefaultAction = !ranDefault && !preFailed && (classInstaller === null || classInstaller === DO_DEFAULT) && exit !== null;
  const firstFailure = steps.find((s) => s.kind === 'pre' && s.failed)?.n ?? Infinity;
  const unloaded = Array.from({ length: coCount }, (_, i) => i + 1 < firstFailure && !steps.some((s) => s.kind === 'pre' && s.n === i + 1) && block.started && steps.some((s) => s.kind === 'pre'));
  return { dif: block.dif ?? 'DIF_INSTALLDEVICE', os, coCount, pre, post, classInstaller, defaultResult, noDefaultAction, unloaded };
}

/**
 * The inputs to try, most likely first: what inputsFor reads from the block, then what the block
 * cannot tell apart from it. When the default step is not shown, DI_NODI_DEFAULTACTION may be set
 * or clear: under ReactOS a failed co-installer still leads to the default step unless it is set,
 * and the flag's ERROR_DI_DO_DEFAULT then becomes NO_ERROR (reactos/reactos
 * dll/win32/setupapi/devinst.c SetupDiCallClassInstaller; docs/setupapi-log.md). A class
 * installer's ERROR_DI_DO_DEFAULT behind an exit of NO_ERROR needs no candidate of its own: its
 * NO_ERROR logs the same.
 */
export function candidateInputs(block: DifBlock, os: OsVersion): Inputs[] {
  const first = inputsFor(block, os);
  return block.steps.some((s) => s.kind === 'default') ? [first] : [first, { ...first, noDefaultAction: !first.noDefaultAction }];
}

const code = (value: number): string => describeStatus(value).name ?? describeStatus(value).hex;

/** The scenario document that gives the model these inputs, with `classCount` class co-installers. */
export function scenarioFor(inputs: Inputs, classCount: number, profile: ProfileName): Record<string, unknown> {
  const co = (i: number) => ({
    // A name the profile cannot resolve (ReactOS needs a comma, Wine does not trim): the DLL is not called.
    name: inputs.unloaded[i] ? (profile === 'reactos' ? 'notloaded.dll' : 'notloaded.dll, NotLoaded') : `coinstaller${i + 1}.dll,CoInstaller${i + 1}`,
    on: { [inputs.dif]: { pre: code(inputs.pre[i]), post: inputs.post[i] === 'propagate' ? 'propagate' : code(inputs.post[i] as number) } },
  });
  const all = Array.from({ length: inputs.coCount }, (_, i) => co(i));
  return {
    profile,
    os: inputs.os,
    device: { description: 'device' },
    ...(inputs.noDefaultAction ? { flags: ['DI_NODI_DEFAULTACTION'] } : {}),
    classCoInstallers: all.slice(0, classCount),
    deviceCoInstallers: all.slice(classCount),
    ...(inputs.classInstaller !== null ? { classInstaller: { name: 'classinstaller.dll,ClassInstall', on: { [inputs.dif]: { returns: code(inputs.classInstaller) } } } } : {}),
    defaultHandlers: { [inputs.dif]: code(inputs.defaultResult) },
  };
}

export interface ModelRun {
  readonly classCount: number;
  readonly tokens: readonly string[];
  readonly exit: string;
}

/** Every choice of class/device split, run under the profile. Unknown DIFs: null. */
export function runModel(inputs: Inputs, profile: ProfileName): ModelRun[] | null {
  if (!difByName(inputs.dif)) return null;
  const runs: ModelRun[] = [];
  for (let classCount = inputs.coCount; classCount >= 0; classCount--) {
    const result = runDif(scenarioFor(inputs, classCount, profile), inputs.dif);
    runs.push({ classCount, tokens: resultTokens(result), exit: lower(result.result.hex) });
  }
  return runs;
}
