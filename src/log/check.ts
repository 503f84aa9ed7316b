/**
 * Checking a log against the model: for each DIF block, can the model produce exactly what the
 * block shows (installer calls in order, postprocessing and its order, class installer, default
 * installer, exit code) for some choice of what the log does not show? Verdicts: `conforms` (with
 * the answers inferred), `violates` (the rule and the lines), `incomplete` (what the excerpt lacks).
 * Every block is also tried under each profile. docs/setupapi-log.md describes it.
 */
import { describeStatus } from '../domain/codes.js';
import { difByName, type OsVersion } from '../domain/difCodes.js';
import { PROFILE_NAMES, type ProfileName } from '../domain/profiles.js';
import { Status } from '../domain/statusCodes.js';
import { blockTokens, candidateInputs, runModel, type Inputs, type ModelRun } from './model.js';
import type { DifBlock, InstallerStep, NestedStep } from './types.js';

export type Verdict = 'conforms' | 'violates' | 'incomplete';

export interface InferredAnswers {
  readonly coInstallers: readonly { readonly number: number; readonly kind: 'class' | 'device'; readonly pre: string; readonly post?: string; readonly shown: boolean }[];
  readonly classInstaller: { readonly returns: string; readonly shown: boolean } | null;
  readonly defaultHandler: { readonly result: string } | null;
  readonly flags: readonly string[];
  /** What a nested DIF_DESTROYPRIVATEDATA (or its absence) says about the installation. */
  readonly facts: readonly string[];
  /** Other choices the log leaves open that also conform. */
  readonly alternatives: readonly string[];
}

export interface BlockResult {
  readonly file: string;
  readonly line: number;
  readonly dif: string | null;
  readonly verdict: Verdict;
  readonly reason: string;
  readonly inferred: InferredAnswers | null;
  readonly profiles: Readonly<Record<ProfileName, boolean>>;
  readonly nestedIn?: string;
  readonly section: number | null;
}

export interface CheckOptions {
  readonly profile: ProfileName;
  readonly os: OsVersion;
}

const DO_DEFAULT_HEX = '0xe000020e';
const name = (value: number): string => describeStatus(value).name ?? describeStatus(value).hex;

/** Model runs by inputs: real logs repeat a few shapes, so a bounded memo keeps checking linear. */
const memo = new Map<string, Record<ProfileName, ModelRun[] | null>>();
const MEMO_LIMIT = 20_000;

function runsFor(inputs: Inputs): Record<ProfileName, ModelRun[] | null> {
  const key = JSON.stringify(inputs);
  let runs = memo.get(key);
  if (!runs) {
    runs = Object.fromEntries(PROFILE_NAMES.map((p) => [p, runModel(inputs, p)])) as Record<ProfileName, ModelRun[] | null>;
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, runs);
  }
  return runs;
}

/** The block's missing parts, in words; empty when the block is whole. */
export function missingParts(block: DifBlock): string[] {
  const missing: string[] = [];
  if (block.dif === null) missing.push("the DIF's name (the excerpt has neither its start nor its end)");
  if (block.format === 'xp') missing.push("the DIF's result (the XP/2003 setupapi.log format does not log it)");
  else {
    if (!block.started) missing.push(`the {${block.dif ?? 'DIF'}} line: the excerpt starts inside the block`);
    if (block.exit === null) missing.push(`the {${block.dif ?? 'DIF'} - exit(…)} line: the excerpt ends inside the block`);
  }
  for (const s of block.steps) {
    if (s.kind === 'nested') continue;
    if (!s.entered && block.started) missing.push(`the Enter line of ${label(s)}`);
    if (!s.closed && block.format === 'dev') missing.push(`the Exit line of ${label(s)} (line ${s.line})`);
  }
  return missing;
}

function label(s: InstallerStep): string {
  switch (s.kind) {
    case 'pre':
      return `CoInstaller ${s.n}`;
    case 'post':
      return `CoInstaller ${s.n} (Post Processing)`;
    case 'class':
      return 'Class installer';
    case 'default':
      return 'Default installer';
  }
}

const eq = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const startsWith = (a: readonly string[], b: readonly string[]): boolean => b.length <= a.length && b.every((x, i) => a[i] === x);
const endsWith = (a: readonly string[], b: readonly string[]): boolean => b.length <= a.length && b.every((x, i) => a[a.length - b.length + i] === x);

/** Checks a block and, after it, every DIF nested in it. */
export function checkBlock(block: DifBlock, options: CheckOptions, nestedIn?: { dif: string | null; within: NestedStep['within'] }): BlockResult[] {
  const results: BlockResult[] = [checkOne(block, options, nestedIn)];
  for (const s of block.steps) if (s.kind === 'nested') results.push(...checkBlock(s.block, options, { dif: block.dif, within: s.within }));
  return results;
}

function checkOne(block: DifBlock, options: CheckOptions, nestedIn?: { dif: string | null; within: NestedStep['within'] }): BlockResult {
  const base = { file: block.file, line: block.line, dif: block.dif, section: block.section, ...(nestedIn ? { nestedIn: nestedIn.dif ?? '(unknown DIF)' } : {}) };
  const missing = missingParts(block);
  const tokens = blockTokens(block);
  const all = { windows: true, reactos: true, wine: true };
  if (block.dif !== null && !difByName(block.dif)) {
    return { ...base, verdict: 'incomplete', reason: `${block.dif} is not a DIF code the model knows`, inferred: null, profiles: all };
  }
  const candidates = candidateInputs(block, options.os).map((inputs) => ({ inputs, runs: runsFor(inputs) }));
  const [{ inputs, runs }] = candidates;
  const facts = nestedFacts(block);
  if (missing.length > 0) {
    const consistent = (r: ModelRun) => (block.started ? startsWith(r.tokens, tokens.filter((t, i) => i < tokens.length)) : true) && (block.exit !== null && block.format === 'dev' ? endsWith(r.tokens, tokens) && r.exit === block.exit : true);
    const profiles = Object.fromEntries(PROFILE_NAMES.map((p) => [p, tokens.length === 0 || candidates.some((c) => (c.runs[p] ?? []).some(consistent))])) as Record<ProfileName, boolean>;
    const inferred = block.dif ? inferred_(inputs, (runs[options.profile] ?? []).filter(consistent), facts) : null;
    return { ...base, verdict: 'incomplete', reason: `missing: ${missing.join('; ')}`, inferred, profiles };
  }
  const matches = (c: (typeof candidates)[number], p: ProfileName) => (c.runs[p] ?? []).filter((r) => eq(r.tokens, tokens) && r.exit === block.exit);
  const profiles = Object.fromEntries(PROFILE_NAMES.map((p) => [p, candidates.some((c) => matches(c, p).length > 0)])) as Record<ProfileName, boolean>;
  const winner = candidates.find((c) => matches(c, options.profile).length > 0);
  if (winner) {
    const reason = `the model (${options.profile}) logs the same calls and exit(${block.exit})`;
    return { ...base, verdict: 'conforms', reason, inferred: inferred_(winner.inputs, matches(winner, options.profile), facts), profiles };
  }
  if (tokens.length === 0) {
    return { ...base, verdict: 'incomplete', reason: 'missing: every installer line (the log level left them out)', inferred: null, profiles: all };
  }
  const expected = runs[options.profile]?.[0];
  return { ...base, verdict: 'violates', reason: explain(block, tokens, expected, options.profile), inferred: null, profiles };
}

/** What nested DIF_DESTROYPRIVATEDATA blocks say (docs/lifecycle.md, choice L5). */
function nestedFacts(block: DifBlock): string[] {
  const nested = block.steps.filter((s): s is NestedStep => s.kind === 'nested');
  const facts: string[] = [];
  for (const n of nested) {
    if (n.block.dif !== 'DIF_DESTROYPRIVATEDATA') continue;
    if (block.dif === 'DIF_REGISTER_COINSTALLERS') facts.push(`device co-installers were registered: the old installer list got DIF_DESTROYPRIVATEDATA (line ${n.line})`);
    else if (block.dif === 'DIF_SELECTBESTCOMPATDRV') facts.push(`selecting the driver changed the device's class: the old installer list got DIF_DESTROYPRIVATEDATA (line ${n.line})`);
    else facts.push(`a DIF_DESTROYPRIVATEDATA nested in ${block.dif} (line ${n.line}) is not one the model sends`);
  }
  if (block.dif === 'DIF_REGISTER_COINSTALLERS' && nested.length === 0 && block.steps.some((s) => s.kind === 'default')) facts.push('no device co-installers were registered (no nested DIF_DESTROYPRIVATEDATA)');
  const classWork = block.steps.find((s): s is InstallerStep => s.kind === 'class' && s.work.length > 0);
  if (classWork && !block.steps.some((s) => s.kind === 'default')) facts.push(`the class installer did the default work itself (${classWork.work.join(', ')}), effect "callDefaultHandler"`);
  return facts;
}

function inferred_(inputs: Inputs, runs: readonly ModelRun[], facts: readonly string[]): InferredAnswers | null {
  if (runs.length === 0) return null;
  const chosen = runs[0];
  const kind = (n: number): 'class' | 'device' => (n <= chosen.classCount ? 'class' : 'device');
  const coInstallers = inputs.pre.map((code, i) => ({
    number: i + 1,
    kind: kind(i + 1),
    pre: name(code),
    ...(inputs.post[i] !== 'propagate' ? { post: name(inputs.post[i] as number) } : code === Status.ERROR_DI_POSTPROCESSING_REQUIRED ? { post: 'propagate' } : {}),
    shown: true,
  }));
  const alternatives = runs.slice(1).map((r) => (r.classCount === 0 ? 'all co-installers may be device co-installers' : `co-installers 1–${r.classCount} class, the rest device co-installers`));
  if (inputs.coCount > 0) alternatives.unshift('whether each co-installer is a class or a device co-installer is not logged');
  return {
    coInstallers,
    classInstaller: inputs.classInstaller === null ? null : { returns: name(inputs.classInstaller), shown: !(chosen.tokens.some((t) => t.startsWith('post'))) },
    defaultHandler: chosen.tokens.includes('default') ? { result: name(inputs.defaultResult) } : null,
    flags: inputs.noDefaultAction ? ['DI_NODI_DEFAULTACTION'] : [],
    facts,
    alternatives,
  };
}

/** Names the rule a block breaks: the first place where the log and the model part. */
function explain(block: DifBlock, tokens: readonly string[], expected: ModelRun | undefined, profile: ProfileName): string {
  const steps = block.steps.filter((s): s is InstallerStep => s.kind !== 'nested');
  const pres = steps.filter((s) => s.kind === 'pre').map((s) => s.n!);
  const posts = steps.filter((s) => s.kind === 'post');
  const lines = (ss: readonly InstallerStep[]) => `line${ss.length === 1 ? '' : 's'} ${ss.map((s) => s.line).join(', ')}`;
  const source = 'MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/co-installer-operation.md';
  if (pres.some((n, i) => n !== i + 1)) return `co-installers are called in preprocessing once each, in list order (${source}); the log calls ${pres.join(', ')} (${lines(steps.filter((s) => s.kind === 'pre'))})`;
  const failedAt = steps.findIndex((s) => s.kind === 'pre' && s.failed);
  if (failedAt >= 0) {
    const after = steps.slice(failedAt + 1).filter((s) => s.kind !== 'post');
    if (after.length > 0 && profile === 'windows') return `after a co-installer fails, the rest of preprocessing, the class installer and the default handler are skipped (${source}); ${lines(after)}`;
  }
  for (const p of posts) if (!pres.includes(p.n!)) return `only a co-installer that asked for postprocessing in preprocessing is called back (${source}); CoInstaller ${p.n} was not called before (line ${p.line})`;
  const order = posts.map((p) => p.n!);
  if (profile === 'windows' && order.some((n, i) => i > 0 && n >= order[i - 1])) return `postprocessing runs in the reverse order of preprocessing (${source}); the log calls back ${order.join(', ')} (${lines(posts)})`;
  if (profile === 'wine' && posts.length > 0) return `wine never calls co-installers back (wine-mirror/wine dlls/setupapi/devinst.c); ${lines(posts)}`;
  if (expected && eq(expected.tokens, tokens)) {
    return `the DIF's result is the last status (the class installer's, the default handler's or the last postprocessing callback's), here ${expected.exit}; the log exits with ${block.exit} (line ${block.endLine})`;
  }
  const i = expected ? expected.tokens.findIndex((t, k) => t !== tokens[k]) : -1;
  const at = i >= 0 && i < steps.length ? ` (line ${steps[i].line})` : '';
  if (expected && tokens.includes('default') && !expected.tokens.includes('default')) return `the default handler runs only when the status is ERROR_DI_DO_DEFAULT and DI_NODI_DEFAULTACTION is clear (MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/calling-the-default-dif-code-handlers.md)${at}`;
  return `the model (${profile}) calls ${expected ? `[${expected.tokens.join(' ')}] and exits ${expected.exit}` : 'nothing'}; the log shows [${tokens.join(' ')}] and exit ${block.exit ?? '?'}${at}`;
}

export const isDoDefault = (hexText: string | null): boolean => hexText === DO_DEFAULT_HEX;
