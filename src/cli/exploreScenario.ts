/**
 * `devinst explore <scenario>`: exhaustive exploration around the user's own scenario (src/around/).
 * Prints the bounds and the size of the space before it starts, progress on a terminal, then each
 * invariant and rule with, for each break, its shortest counterexample. Exit 1 when something
 * breaks, 0 otherwise, 2 on bad input.
 */
import path from 'node:path';
import { CodeError, difLabel, parseDif, parseStatus } from '../domain/codes.js';
import type { SequenceName } from '../domain/lifecycle/types.js';
import { SEQUENCE_NAMES } from '../domain/lifecycle/types.js';
import { isProfileName, PROFILE_NAMES } from '../domain/profiles.js';
import { InputError } from '../errors.js';
import { DEFAULT_LIMIT, exploreAround, type AroundReport } from '../around/explore.js';
import { loadInputAsScenario } from '../around/input.js';
import type { InfArch } from '../inf/platform.js';
import { codeText } from '../around/adapter.js';
import { describeSpace, VARY_AXES, type Space, type VaryAxis } from '../around/space.js';
import { validateScenario } from '../scenario/load.js';
import { expectationOf, PROFILE_EXPECTATIONS } from '../invariants/expectations.js';
import { ExitStatus } from '../errors.js';
import type { Colors } from './render.js';
import type { CliIo } from './io.js';

/** The options of `devinst explore` that exploring around a scenario reads (the CLI's own ExploreOptions extends them). */
export interface AroundOptions {
  profile?: string;
  dif?: string;
  sequence?: string;
  vary?: string;
  codes?: string;
  limit?: string;
  section?: string;
  device?: string;
  model?: string;
  hwid?: string;
  arch?: InfArch;
  locale?: string;
  out?: string;
  json?: boolean;
  progress?: boolean;
  maxClassCoinstallers?: string;
  maxDeviceCoinstallers?: string;
  maxTimeline?: string;
  privateData?: string;
  mutant?: string;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function listOption(option: string, value: string): string[] {
  const items = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) throw new InputError(`${option}: expected a comma-separated list`);
  return items;
}

function varyOption(value: string | undefined): VaryAxis[] {
  if (value === undefined) return ['answers'];
  return listOption('--vary', value).map((v) => {
    if (!(VARY_AXES as readonly string[]).includes(v)) throw new InputError(`--vary: unknown "${v}" (expected a comma-separated list of ${VARY_AXES.join(', ')})`);
    return v as VaryAxis;
  });
}

function codesOption(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  try {
    return [...new Set(listOption('--codes', value).map((c) => parseStatus(c)))];
  } catch (error) {
    if (error instanceof CodeError) throw new InputError(`--codes: ${error.message}`);
    throw error;
  }
}

function header(colors: Colors, file: string, profile: string, space: Space, limit: number): string {
  return [
    colors.bold(`devinst explore ${file}  ${profile}, ${space.mode === 'dispatch' ? 'one dispatch' : 'the whole installation'}`),
    ...describeSpace(space),
    `${fmt(space.size)} scenario${space.size === 1 ? '' : 's'} to run (limit ${fmt(limit)}), each through the ${space.mode === 'dispatch' ? 'difDispatch' : 'deviceInstall'} machine, every invariant and guideline rule checked`,
  ].join('\n');
}

export function renderAround(colors: Colors, report: AroundReport): string {
  const lines: string[] = [];
  const broken = new Map(report.counterexamples.map((c) => [c.breach.name, c]));
  for (const item of report.checked) {
    const c = broken.get(item.name);
    const what = item.kind === 'rule' ? ' (guideline rule)' : '';
    if (!c) {
      lines.push(`  ${colors.green('✔')} ${item.name}${what}`);
      continue;
    }
    const b = c.breach;
    const profile = typeof c.scenario.profile === 'string' && isProfileName(c.scenario.profile) ? c.scenario.profile : 'windows';
    const expected = item.kind === 'invariant' && Object.hasOwn(PROFILE_EXPECTATIONS, item.name) && expectationOf(item.name, profile).expectation === 'breaks';
    lines.push(`  ${colors.red('✘')} ${item.name}${what}: ${b.failure}${expected ? colors.dim(` (expected under ${profile}: a documented difference from Windows, docs/profiles.md)`) : ''}`);
    const where = [b.installer ? `installer ${b.installer}` : null, b.dif ? `in ${b.dif}` : null].filter(Boolean).join(' ');
    if (where) lines.push(colors.dim(`      ${where}`));
    lines.push(colors.dim(`      source: ${b.source}`));
    lines.push(
      colors.dim(
        `      shortest counterexample: ${c.distance === 0 ? 'your scenario as written' : `${c.distance} change${c.distance === 1 ? '' : 's'} from your scenario (${c.changes.join('; ')})`}, ${c.calls} installer call${c.calls === 1 ? '' : 's'}`,
      ),
    );
    lines.push(colors.dim(`      scenario ${c.scenarioFile}`));
    lines.push(colors.dim(`      journal  ${c.journalFile}`));
    lines.push(colors.dim(c.replays && c.reproduced ? `      devinst replay ${c.journalFile}  replays it through the machine and breaks it again` : `      REPLAY ${c.replays ? 'does not break it again' : 'differs from the recorded run'}`));
  }
  const held = report.checked.filter((c) => c.holds).length;
  lines.push(`${held} of ${report.checked.length} hold; ${fmt(report.runs)} scenarios run in ${report.seconds.toFixed(2)} s${held < report.checked.length ? `; counterexamples in ${report.directory}` : ''}`);
  return lines.join('\n');
}

export function jsonAround(report: AroundReport): unknown {
  return {
    mode: report.space.mode,
    dif: report.space.mode === 'dispatch' ? difLabel(report.space.dif) : null,
    sequence: report.space.sequence,
    vary: report.space.vary,
    alphabets: { pre: report.space.alphabets.pre.map(codeText), post: report.space.alphabets.post.map(codeText), classInstaller: report.space.alphabets.classInstaller.map(codeText) },
    size: report.space.size,
    runs: report.runs,
    seconds: Number(report.seconds.toFixed(3)),
    checked: report.checked,
    counterexamples: report.counterexamples.map((c) => ({
      name: c.breach.name,
      kind: c.breach.kind,
      failure: c.breach.failure,
      installer: c.breach.installer,
      dif: c.breach.dif,
      source: c.breach.source,
      distance: c.distance,
      changes: c.changes,
      calls: c.calls,
      scenario: c.scenarioFile,
      journal: c.journalFile,
      replays: c.replays,
      reproduced: c.reproduced,
    })),
  };
}

const GENERIC_ONLY: readonly [keyof AroundOptions, string][] = [
  ['maxClassCoinstallers', '--max-class-coinstallers'],
  ['maxDeviceCoinstallers', '--max-device-coinstallers'],
  ['maxTimeline', '--max-timeline'],
  ['privateData', '--private-data'],
  ['mutant', '--mutant'],
];

export function exploreScenarioCommand(file: string, opts: AroundOptions, io: CliIo, colors: Colors): void {
  for (const [key, flag] of GENERIC_ONLY) {
    if (opts[key] !== undefined) throw new InputError(`${flag} applies to the generic exploration (devinst explore without a scenario), not to ${file}`);
  }
  if (opts.sequence !== undefined && opts.dif !== undefined) throw new InputError('--dif and --sequence exclude each other: explore one dispatch or the installation');
  if (opts.profile !== undefined && !isProfileName(opts.profile)) throw new InputError(`--profile: unknown profile "${opts.profile}" (expected ${PROFILE_NAMES.join(', ')})`);
  if (opts.sequence !== undefined && !(SEQUENCE_NAMES as readonly string[]).includes(opts.sequence)) {
    throw new InputError(`--sequence: unknown sequence "${opts.sequence}" (expected ${SEQUENCE_NAMES.join(', ')})`);
  }
  let dif: number | undefined;
  if (opts.dif !== undefined) {
    try {
      dif = parseDif(opts.dif);
    } catch (error) {
      if (error instanceof CodeError) throw new InputError(`--dif: ${error.message}`);
      throw error;
    }
  }
  const limit = opts.limit === undefined ? DEFAULT_LIMIT : Number(opts.limit);
  if (!/^\d+$/.test(opts.limit ?? '0') || limit < 1) throw new InputError(`--limit: expected a positive whole number, got "${opts.limit}"`);
  const vary = varyOption(opts.vary);
  const codes = codesOption(opts.codes);

  if (opts.section !== undefined && !/^\d+$/.test(opts.section)) throw new InputError(`--section: expected a section number, got "${opts.section}"`);
  const input = loadInputAsScenario(file, {
    ...(opts.section !== undefined ? { section: Number(opts.section) } : {}),
    ...(opts.device !== undefined ? { device: opts.device } : {}),
    ...(opts.model !== undefined ? { model: opts.model } : {}),
    ...(opts.hwid !== undefined ? { hwid: opts.hwid } : {}),
    ...(opts.arch !== undefined ? { arch: opts.arch } : {}),
    ...(opts.locale !== undefined ? { locale: opts.locale } : {}),
  });
  const document: Record<string, unknown> = { ...(input.document as Record<string, unknown>), ...(opts.profile ? { profile: opts.profile } : {}) };
  delete document.$schema;
  const { scenario } = validateScenario(document, { file });
  const showProgress = opts.progress === true || process.stderr.isTTY === true;
  let report: AroundReport;
  try {
    report = exploreAround(document, {
      ...(dif !== undefined ? { dif } : {}),
      ...(opts.sequence !== undefined ? { sequence: opts.sequence as SequenceName } : {}),
      vary,
      ...(codes ? { codes } : {}),
      limit,
      label: path.basename(file).replace(/\.[^.]*$/, ''),
      ...(opts.out ? { out: opts.out } : {}),
      ...(io.now ? { now: io.now } : {}),
      onStart: (space) => {
        if (!opts.json) io.stdout(header(colors, file, scenario.profile, space, limit));
      },
      ...(showProgress ? { onProgress: (p) => io.stderr(`explore: ${fmt(p.done)} of ${fmt(p.total)} scenarios (${((100 * p.done) / p.total).toFixed(0)} %), ${p.seconds.toFixed(0)} s`) } : {}),
    });
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(`${file}: ${error.message}; vary less (--vary), use fewer codes (--codes) or raise --limit`);
    throw error;
  }
  io.stdout(opts.json ? JSON.stringify(jsonAround(report), null, 2) : renderAround(colors, report));
  if (report.counterexamples.length > 0) throw new ExitStatus(1);
}
