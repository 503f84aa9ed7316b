/**
 * `devinst explore`: exhaustive bounded exploration of one DIF dispatch (or, with --sequence, of the
 * installation lifecycle at small bounds), checking every invariant of the catalogue on every
 * reachable state; src/explore/ does the work.
 */
import { statSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { CodeError, parseDif, parseStatus } from '../domain/codes.js';
import { SEQUENCE_NAMES, type SequenceName } from '../domain/lifecycle/types.js';
import { isProfileName, PROFILE_NAMES, type ProfileName } from '../domain/profiles.js';
import { EXIT_PARTIAL, ExitStatus, InputError } from '../errors.js';
import { INF_ARCHES, type InfArch } from '../inf/platform.js';
import { describeFsError } from '../files/output.js';
import { DEFAULT_DIF } from '../host/runDif.js';
import type { ExploreProgress } from '../explore/dispatch/dispatchExplorer.js';
import { DEFAULT_DISPATCH_BOUNDS, MAX_COINSTALLER_BOUND, MUTANT_NAMES, MUTANTS, PRIVATE_DATA_CHOICES, type PrivateDataChoice } from '../explore/dispatch/dispatchSpace.js';
import { DEFAULT_LIFECYCLE_BOUNDS } from '../explore/lifecycle/lifecycleExplorer.js';
import { DEFAULT_OUT, jsonReport, runDispatchExploreDriven, runLifecycleExplore, type ExploreReport } from '../explore/run.js';
import type { Colors } from './render.js';
import type { CliIo } from './io.js';
import { exploreScenarioCommand, type AroundOptions } from './exploreScenario.js';
import { exploreInWorkers, exploreShard, registerExploreMerge, scaleOf, type ScaleOptions } from './exploreScale.js';
import { limitGiven, limitLines, maxMemoryOption, maxStatesOption, searchBounds, type LimitOptions } from './exploreLimits.js';

/** Every option of `devinst explore`: those it shares with exploring around a scenario, the scale-out and limit options, and --no-fail. */
interface ExploreOptions extends AroundOptions, ScaleOptions, LimitOptions {
  /** false with --no-fail. */
  fail?: boolean;
}

const MAX_TIMELINE_BOUND = 5;

function bound(option: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim()) || Number(value) > max) throw new InputError(`${option}: expected a whole number from 0 to ${max}, got "${value}"`);
  return Number(value);
}

function codesOption(value: string | undefined, fallback: readonly number[]): number[] {
  if (value === undefined) return [...fallback];
  const items = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) throw new InputError('--codes: expected a comma-separated list of status codes');
  try {
    return [...new Set(items.map((item) => parseStatus(item)))];
  } catch (error) {
    if (error instanceof CodeError) throw new InputError(`--codes: ${error.message}`);
    throw error;
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function progressLine(p: ExploreProgress): string {
  const rate = p.seconds > 0 ? p.distinct / p.seconds : 0;
  return `explore: ${fmt(p.generated)} states generated, ${fmt(p.distinct)} distinct, ${fmt(p.queue)} on queue, depth ${p.depth}, ${fmt(rate)} distinct states/s`;
}

export function renderReport(colors: Colors, report: ExploreReport): string {
  const lines: string[] = [];
  const b = report.bounds as Record<string, unknown>;
  const codes = (b.codes as string[]).join(', ');
  if (report.kind === 'dispatch') {
    lines.push(
      colors.bold(`devinst explore  ${report.profile}${report.mutant ? ` + mutant ${report.mutant}` : ''}, ${String(b.dif)}`) +
        `, 0–${String(b.maxClassCoInstallers)} class + 0–${String(b.maxDeviceCoInstallers)} device co-installers, class installer or not, DI_NODI_DEFAULTACTION or not, device or not`,
    );
    lines.push(`answers ${codes}; postprocessing also "propagate"; PrivateData ${String(b.privateData) === 'both' ? 'its index or nothing' : String(b.privateData)}`);
    lines.push(
      `${fmt(report.configurations)} configurations, ${fmt(report.distinctStates)} distinct states, ${fmt(report.transitions)} transitions, depth ${report.depth}, ` +
        `${report.seconds.toFixed(2)} s (${fmt(report.distinctStates / Math.max(report.seconds, 1e-9))} distinct states/s)`,
    );
  } else {
    lines.push(
      colors.bold(`devinst explore  ${report.profile}, sequence ${String(b.sequence)}`) +
        `, 0–${String(b.maxClassCoInstallers)} class + 0–${String(b.maxDeviceCoInstallers)} device co-installers, timelines of up to ${String(b.maxTimeline)} events`,
    );
    lines.push(`key-DIF answers ${codes}; finish-install work, DLL state and dialogs as behaviours; os win7 and win10; sessions none, user, administrator`);
    lines.push(
      `${fmt(report.configurations)} scenarios, ${fmt(report.runs ?? 0)} runs, ${fmt(report.distinctStates)} distinct end states, ${fmt(report.transitions)} machine steps, ${report.seconds.toFixed(2)} s`,
    );
  }
  for (const inv of report.invariants) {
    if (inv.holds) {
      lines.push(`  ${colors.green('✔')} ${inv.name}`);
      continue;
    }
    const c = inv.counterexample!;
    lines.push(`  ${colors.red('✘')} ${inv.name}: ${c.failure}`);
    const shortest =
      report.kind === 'dispatch'
        ? `shortest trace (breadth-first): ${c.length} answer${c.length === 1 ? '' : 's'} to the failure`
        : `shortest timeline that breaks it: ${c.length} event${c.length === 1 ? '' : 's'}`;
    const minimal = c.removed === 0 ? 'minimal: no installer can be removed' : `shrunk: ${c.removed} removed, now none can be`;
    lines.push(colors.dim(`      ${shortest}; ${minimal}; ${c.configuration}`));
    const replay =
      c.replays && c.reproduced
        ? `its journal (${c.events} inputs, to the end of the run) replays through the machine and breaks it again`
        : `REPLAY ${c.replays ? 'does not break it' : 'differs from the recorded run'}`;
    lines.push(colors.dim(`      ${replay}${report.mutant ? ` (under the mutant: the journal records it, and devinst replay refuses it saying so)` : ''}`));
    lines.push(colors.dim(`      scenario ${c.scenario}`));
    lines.push(colors.dim(`      journal  ${c.journal}`));
  }
  lines.push(...limitLines(report));
  const held = report.invariants.filter((i) => i.holds).length;
  lines.push(`${held} of ${report.invariants.length} invariants ${report.partial ? 'held so far' : 'hold'}${held < report.invariants.length ? `; counterexamples in ${report.directory}` : ''}`);
  return lines.join('\n');
}

/** `--out` names a directory (made if missing): an empty name, or an existing file, is a usage error. */
function checkOutDirectory(out: string): void {
  if (out.trim() === '') throw new InputError('--out: expected a directory name');
  let st;
  try {
    st = statSync(out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new InputError(`--out: ${out}: ${describeFsError(error)}`);
  }
  if (!st.isDirectory()) throw new InputError(`--out: ${out} is a file, not a directory (counterexamples are written into a directory)`);
}

export function registerExplore(program: Command, io: CliIo, colors: Colors): void {
  const explore = program.command('explore');
  registerExploreMerge(explore, io, colors, renderReport);
  explore
    .showHelpAfterError(false)
    .description('explore every configuration and every answer up to the bounds, checking every invariant on every reachable state; with a scenario: every way its own installers can answer, checking every invariant and guideline rule (exit 1 when one breaks; 3 when --max-states, --max-memory or Ctrl-C stopped the search before it was complete)')
    .argument('[input]', 'explore around this scenario file, INF (with --model/--hwid/--arch/--locale) or setupapi.dev.log (with --section/--device)')
    .option('--model <name>', 'with an INF: the device model (its description or install section)')
    .option('--hwid <id>', 'with an INF: the device model with this hardware ID')
    .addOption(new Option('--arch <arch>', 'with an INF: the architecture whose decorated sections apply (default amd64)').choices(INF_ARCHES))
    .option('--locale <langid>', 'with an INF: the [Strings.LLLL] to use, a hex LANGID such as 0407 (default 0409)')
    .option('--profile <name>', `semantics profile: ${PROFILE_NAMES.join(', ')} (default windows)`)
    .option('--max-class-coinstallers <n>', `class co-installers: 0 to n (default ${DEFAULT_DISPATCH_BOUNDS.maxClassCoInstallers}; with --sequence ${DEFAULT_LIFECYCLE_BOUNDS.maxClassCoInstallers})`)
    .option('--max-device-coinstallers <n>', `device co-installers: 0 to n (default ${DEFAULT_DISPATCH_BOUNDS.maxDeviceCoInstallers}; with --sequence ${DEFAULT_LIFECYCLE_BOUNDS.maxDeviceCoInstallers})`)
    .option('--codes <list>', 'the answer alphabet, comma-separated status codes (default NO_ERROR,ERROR_DI_POSTPROCESSING_REQUIRED,ERROR_DI_DO_DEFAULT,ERROR_FILE_NOT_FOUND; with --sequence NO_ERROR,ERROR_FILE_NOT_FOUND; with a scenario: replaces the documented alphabets)')
    .option('--private-data <which>', `what a co-installer stores in PrivateData: ${PRIVATE_DATA_CHOICES.join(', ')} (both: its index, or nothing; default both)`)
    .option('--dif <code>', `the DIF to dispatch (default ${DEFAULT_DIF}; with a scenario: its "dif", else the whole installation)`)
    .option('--sequence <name>', `explore the installation lifecycle instead: ${SEQUENCE_NAMES.join(', ')}`)
    .option('--max-timeline <n>', `with --sequence: timelines of up to n events (default ${DEFAULT_LIFECYCLE_BOUNDS.maxTimeline})`)
    .option('--mutant <name>', `plant a bug in the profile's semantics: ${MUTANT_NAMES.join(', ')}`)
    .option('--out <dir>', `where counterexamples are written (default ${DEFAULT_OUT}/; files there are replaced); with --shard: the shard file to write`)
    .option('--json', 'print the summary as JSON')
    .option('--no-fail', 'exit 0 even when an invariant fails (default: exit 1 then, so CI can gate on it)')
    .option('--progress', 'print progress to stderr every second (default: when stderr is a terminal)')
    .option('--vary <list>', 'with a scenario: what varies, comma-separated: answers, order, flags, os, profile (default answers)')
    .option('--limit <n>', 'with a scenario: refuse spaces larger than n scenarios (default 100000)')
    .option('--section <n>', 'with a setupapi.dev.log: the installation section to explore around (as devinst log parse numbers them)')
    .option('--device <id>', 'with a setupapi.dev.log: the section whose device instance or hardware ID contains this text')
    .option('--workers <n>', 'explore in n worker threads (same result as one; docs/scaling.md)')
    .option('--shard <K/N>', 'explore only slice K of N (K from 0 to N-1, as JOB_COMPLETION_INDEX) and write its result to the file --out names (default under .devinst-out/explore/shards/); combine them with devinst explore merge')
    .option('--force', 'with --shard: replace the --out file if it exists')
    .addOption(maxStatesOption())
    .addOption(maxMemoryOption())
    .action(async (input: string | undefined, opts: ExploreOptions) => {
      const limit = limitGiven(opts);
      if (limit !== undefined && (input !== undefined || opts.sequence !== undefined)) throw new InputError(`${limit} applies to dispatch exploration, not to a scenario, INF, log or --sequence`);
      if (limit !== undefined && (opts.workers !== undefined || opts.shard !== undefined)) throw new InputError(`${limit} applies to one search in one thread, not to --workers or --shard (docs/scaling.md)`);
      if (input !== undefined) {
        const scaleOnly = (['workers', 'shard', 'force'] as const).find((k) => opts[k] !== undefined);
        if (scaleOnly !== undefined) throw new InputError(`--${scaleOnly} applies to exploring the bounds, not to a scenario, an INF or a log`);
        return exploreScenarioCommand(input, opts, io, colors);
      }
      const aroundOnly = (['vary', 'limit', 'section', 'device', 'model', 'hwid', 'arch', 'locale'] as const).find((k) => opts[k] !== undefined);
      if (aroundOnly !== undefined) throw new InputError(`--${aroundOnly} applies to exploring a scenario, an INF or a log: devinst explore <scenario|file.inf|setupapi.dev.log>`);
      const profile = opts.profile ?? 'windows';
      if (!isProfileName(profile)) throw new InputError(`--profile: unknown profile "${profile}" (expected ${PROFILE_NAMES.join(', ')})`);
      if (opts.mutant !== undefined && !Object.hasOwn(MUTANTS, opts.mutant)) throw new InputError(`--mutant: unknown mutant "${opts.mutant}" (expected ${MUTANT_NAMES.join(', ')})`);
      if (opts.sequence !== undefined && opts.dif !== undefined) throw new InputError('--dif and --sequence exclude each other: explore one dispatch or the lifecycle');
      const scale = scaleOf(opts);
      if (opts.out !== undefined && scale.shard === null) checkOutDirectory(opts.out);
      const showProgress = opts.progress === true || process.stderr.isTTY === true;
      let report: ExploreReport;
      if (opts.sequence !== undefined) {
        if (!(SEQUENCE_NAMES as readonly string[]).includes(opts.sequence)) throw new InputError(`--sequence: unknown sequence "${opts.sequence}" (expected ${SEQUENCE_NAMES.join(', ')})`);
        if (opts.mutant !== undefined) throw new InputError('--mutant applies to dispatch exploration, not to --sequence');
        if (opts.privateData !== undefined) throw new InputError('--private-data applies to dispatch exploration, not to --sequence');
        report = runLifecycleExplore({
          profile: profile as ProfileName,
          bounds: {
            sequence: opts.sequence as SequenceName,
            maxClassCoInstallers: bound('--max-class-coinstallers', opts.maxClassCoinstallers, DEFAULT_LIFECYCLE_BOUNDS.maxClassCoInstallers, 2),
            maxDeviceCoInstallers: bound('--max-device-coinstallers', opts.maxDeviceCoinstallers, DEFAULT_LIFECYCLE_BOUNDS.maxDeviceCoInstallers, 2),
            codes: codesOption(opts.codes, DEFAULT_LIFECYCLE_BOUNDS.codes),
            maxTimeline: bound('--max-timeline', opts.maxTimeline, DEFAULT_LIFECYCLE_BOUNDS.maxTimeline, MAX_TIMELINE_BOUND),
          },
          ...(opts.out ? { out: opts.out } : {}),
          ...(io.now ? { now: io.now } : {}),
          ...(showProgress ? { onProgress: (p) => io.stderr(`explore: ${fmt(p.runs)} runs, ${fmt(p.distinct)} distinct end states, ${p.seconds.toFixed(0)} s`) } : {}),
        });
      } else {
        if (opts.maxTimeline !== undefined) throw new InputError('--max-timeline applies to --sequence only');
        const privateData = opts.privateData ?? DEFAULT_DISPATCH_BOUNDS.privateData;
        if (!(PRIVATE_DATA_CHOICES as readonly string[]).includes(privateData)) throw new InputError(`--private-data: expected one of ${PRIVATE_DATA_CHOICES.join(', ')}, got "${privateData}"`);
        let dif: number;
        try {
          dif = parseDif(opts.dif ?? DEFAULT_DIF);
        } catch (error) {
          if (error instanceof CodeError) throw new InputError(`--dif: ${error.message}`);
          throw error;
        }
        const request = {
          profile: profile as ProfileName,
          ...(opts.mutant ? { mutant: opts.mutant } : {}),
          dif,
          bounds: {
            maxClassCoInstallers: bound('--max-class-coinstallers', opts.maxClassCoinstallers, DEFAULT_DISPATCH_BOUNDS.maxClassCoInstallers, MAX_COINSTALLER_BOUND),
            maxDeviceCoInstallers: bound('--max-device-coinstallers', opts.maxDeviceCoinstallers, DEFAULT_DISPATCH_BOUNDS.maxDeviceCoInstallers, MAX_COINSTALLER_BOUND),
            codes: codesOption(opts.codes, DEFAULT_DISPATCH_BOUNDS.codes),
            privateData: privateData as PrivateDataChoice,
          },
          ...(opts.out ? { out: opts.out } : {}),
          ...(io.now ? { now: io.now } : {}),
        };
        const onProgress = showProgress ? (p: ExploreProgress) => io.stderr(progressLine(p)) : undefined;
        if (scale.shard) return exploreShard(request, scale.shard, opts.out, opts.force === true, opts.json === true, io, onProgress);
        report =
          scale.workers > 1
            ? await exploreInWorkers(request, scale.workers, onProgress)
            : await runDispatchExploreDriven({ ...request, ...(onProgress ? { onProgress } : {}), ...searchBounds(opts) }, io.interrupts ? { interrupts: io.interrupts } : {});
      }
      io.stdout(opts.json ? JSON.stringify(jsonReport(report), null, 2) : renderReport(colors, report));
      if (report.partial) throw new ExitStatus(EXIT_PARTIAL);
      if (opts.fail !== false && report.invariants.some((i) => !i.holds)) throw new ExitStatus(1);
    });
}
