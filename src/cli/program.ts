/**
 * The `devinst` command line. `main` is side-effect free apart from the files it is told to
 * read and write, so tests call it in-process; src/cli/bin.ts wires it to the real process.
 *
 * Exit codes: 0 a completed run (whatever status the DIF ended with), 2 bad input or usage (also
 * no command at all), 1 a verdict that something breaks (ExitStatus: explore, log check) or an internal error,
 * 3 an exploration stopped before it was complete (EXIT_PARTIAL: --max-states, --max-memory, Ctrl-C).
 */
import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import { CodeError, parseDif } from '../domain/codes.js';
import { OS_VERSIONS } from '../domain/difCodes.js';
import { planDispatch } from '../domain/dispatchPlan.js';
import { PROFILE_NAMES } from '../domain/profiles.js';
import { ExitStatus, InputError } from '../errors.js';
import { prepareOutput } from '../files/output.js';
import { chooseDif, DEFAULT_DIF, recordDif, runDif } from '../host/runDif.js';
import { recordInstall, runInstall } from '../host/runInstall.js';
import { SEQUENCE_NAMES } from '../domain/lifecycle/types.js';
import type { InstallResult } from '../domain/lifecycle/installResult.js';
import type { RunResult } from '../domain/runResult.js';
import { renderInstall } from './renderInstall.js';
import { replayDetailed, transitionLog } from '../journal/replay.js';
import { readTextFile, STDIN_NAME } from '../scenario/jsonText.js';
import { loadScenarioFile, validateScenario } from '../scenario/load.js';
import { scenarioJsonSchema } from '../scenario/schema.js';
import { allCodesJson, lookUpCode, renderAllCodes, renderMatch } from './codes.js';
import { registerExplore } from './explore.js';
import { registerLog, renderJournal } from './log.js';
import { addRunViewOptions, printViewed, recordViewed, registerView, type RunViewOpts } from './view.js';
import type { CliIo } from './io.js';
import { addInfOptions, installDocument, isInfFile, registerInf, type InfOptions } from './inf.js';
import { renderTimeline, type Colors } from './render.js';
import { printable } from './printable.js';

export type { CliIo } from './io.js';

const json = (value: unknown): string => JSON.stringify(value, null, 2);

function parseDifOption(value: string): string {
  try {
    parseDif(value);
    return value;
  } catch (error) {
    if (error instanceof CodeError) throw new InputError(`--dif: ${error.message}`);
    throw error;
  }
}

/** `--journal <file>`: a file name, or `-` for standard output; an empty name is a usage error. */
function parseJournalOption(value: string): string {
  if (value.trim() === '') throw new InputError('--journal: expected a file name, or - for standard output');
  return value;
}

/**
 * Where a run's journal goes: `-` is standard output (the run's other output then goes to standard
 * error), anything else a file written by src/files/output.ts (checked before the run starts).
 */
function journalTarget(io: CliIo, journal: string | undefined, force: boolean, scenarioFile: string) {
  if (journal === undefined) return { out: io.stdout, write: (_: string) => {}, note: (_: string) => {} };
  if (journal === '-') return { out: io.stderr, write: (text: string) => io.stdout(text.endsWith('\n') ? text.slice(0, -1) : text), note: (_: string) => {} };
  const output = prepareOutput(journal, { force, inputs: [scenarioFile], option: '--journal' });
  return { out: io.stdout, write: (text: string) => output.write(text), note: (line: string) => io.stdout(line) };
}

/**
 * Progress for long runs: after the first second, one stderr line a second with the inputs answered
 * so far. On when stderr is a terminal or with --progress (as explore does).
 */
function progressOption(io: CliIo, command: string, asked: boolean | undefined): { onInput?: (event: { readonly type: string }) => void } {
  if (asked !== true && (io.stderrIsTerminal ?? process.stderr.isTTY) !== true) return {};
  const clock = io.clock ?? Date.now;
  const start = clock();
  let next = start + 1000;
  let inputs = 0;
  let timeline = 0;
  return {
    onInput: (event) => {
      inputs += 1;
      if (!event.type.endsWith('.returned')) timeline += 1;
      if ((inputs & 255) !== 0) return;
      const now = clock();
      if (now < next) return;
      next = now + 1000;
      io.stderr(`${command}: ${(inputs - timeline).toLocaleString('en-US')} installer calls answered${timeline > 0 ? `, ${timeline} timeline events` : ''}, ${Math.round((now - start) / 1000)} s`);
    },
  };
}

/** Warnings about a valid scenario go to standard error, one line each. */
function warn(io: CliIo, warnings: readonly string[]): void {
  for (const w of warnings) io.stderr(`devinst: warning: ${printable(w)}`);
}

function describeScenario(file: string, s: ReturnType<typeof loadScenarioFile>['scenario']): string {
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [
    `${file}: valid scenario${s.name ? ` "${printable(s.name)}"` : ''}`,
    `profile ${s.profile}, os ${s.os}`,
    s.device ? `device ${printable(s.device.description ?? s.device.hardwareId ?? '(unnamed)')}` : 'no device',
    count(s.classCoInstallers.length, 'class co-installer'),
    count(s.deviceCoInstallers.length, 'device co-installer'),
    s.classInstaller ? `class installer ${printable(s.classInstaller.declared)}` : 'no class installer',
  ].join(', ');
}

function build(io: CliIo, colors: Colors): Command {
  const program = new Command()
    .name('devinst')
    .description('Models Windows device installation: SetupDiCallClassInstaller dispatch through co-installers, class installers and default handlers.')
    .version(io.version, '-V, --version')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(text) })
    .showHelpAfterError('(run devinst --help for usage)')
    .addHelpText(
      'after',
      '\nExit codes: 0 the command did its work (a run completed, whatever status the DIF ended with);\n' +
        '1 explore found an invariant that fails (unless --no-fail), or an internal error;\n' +
        '2 bad input or usage (also devinst with no command).',
    )
    .exitOverride();

  addRunViewOptions(program
    .command('run')
    .description('dispatch one DIF code through the scenario\'s installers and show what Windows would call')
    .argument('<scenario>', 'scenario file (JSON with comments allowed; UTF-8 or UTF-16 with a BOM), or - for standard input')
    .option('--dif <code>', `DIF name or value (default: the scenario's "dif", else the main DIF of its "sequence", else ${DEFAULT_DIF})`, parseDifOption)
    .addOption(new Option('--profile <name>', 'semantics profile, overriding the scenario').choices(PROFILE_NAMES))
    .addOption(new Option('--os <version>', 'Windows version, overriding the scenario').choices(OS_VERSIONS))
    .option('--json', 'print the RunResult as JSON')
    .option('--journal <file>', 'write the run\'s journal (JSON Lines) to this new file (- for standard output; the rest then goes to standard error)', parseJournalOption)
    .option('--force', 'let --journal replace an existing file')
    .option('--progress', 'print progress to stderr every second on long runs (default: when stderr is a terminal)'))
    .action(async (file: string, opts: RunViewOpts & { dif?: string; profile?: string; os?: string; json?: boolean; journal?: string; force?: boolean; progress?: boolean }) => {
      const loaded = loadScenarioFile(file);
      warn(io, loaded.warnings);
      const document = { ...loaded.document, ...(opts.profile ? { profile: opts.profile } : {}), ...(opts.os ? { os: opts.os } : {}) };
      const { scenario } = validateScenario(document, { file: loaded.file });
      const target = journalTarget(io, opts.journal, Boolean(opts.force), file);
      const runOptions = { scenarioFile: loaded.file, ...(io.now ? { now: io.now } : {}), ...progressOption(io, 'run', opts.progress) };
      // Without --journal (or a rendering or a viewer that reads it) no journal is kept in memory: a run of 400,000 co-installers needs the room.
      const keepJournal = opts.journal !== undefined || opts.format === 'setupapi' || opts.inspect !== undefined;
      const { result, journal } = await recordViewed(opts, 'difDispatch', file, io, (inspect) => {
        const o = { ...runOptions, ...(inspect ? { inspect } : {}) };
        return keepJournal ? recordDif(document, opts.dif, o) : { result: runDif(document, opts.dif, o), journal: '' };
      });
      target.write(journal);
      if (opts.format === 'setupapi') target.out(renderJournal(journal, opts.journal && opts.journal !== '-' ? opts.journal : file));
      else if (printViewed(opts, { ...io, stdout: target.out }, result)) return;
      else if (opts.json) target.out(json(result));
      else {
        const chosen = chooseDif(scenario, opts.dif);
        const plan = planDispatch(scenario, chosen.dif);
        if (chosen.why !== 'as asked' && chosen.why !== 'the default') target.out(colors.dim(`${result.dif}: ${chosen.why} (--dif runs another)`));
        target.out(renderTimeline(colors, { result, plan }));
        target.note(colors.dim(`journal written to ${opts.journal}`));
      }
    });

  program
    .command('replay')
    .description('replay a journal through the machine (no installer runs) and show the same result')
    .argument('<journal>', 'journal file written by devinst run|install --journal, or - for standard input')
    .option('--json', 'print the RunResult as JSON')
    .option('--transitions', 'print every transition (microstep) the run took, derived from the journal')
    .action(async (given: string, opts: { json?: boolean; transitions?: boolean }) => {
      const file = given === '-' ? STDIN_NAME : given;
      if (opts.transitions) {
        // The log is as long as the run: it is collected, so the journal is read whole.
        const log = transitionLog(readTextFile(given), { file });
        if (opts.json) io.stdout(json(log));
        else for (const t of log) io.stdout(`${String(t.seq).padStart(3)}  ${t.event.padEnd(24)} ${t.from ?? '(start)'} → ${t.to}${t.actions.length ? colors.dim(`  [${t.actions.join(', ')}]`) : ''}`);
        return;
      }
      // A file is streamed: read in chunks and folded line by line, never held whole. Standard
      // input is read whole, as every command reads `-`.
      const keepScenario = !opts.json;
      const replayed = given === '-' ? replayDetailed(readTextFile(given), { file }, keepScenario) : await replayDetailed({ path: given }, { file }, keepScenario);
      const result = replayed.result;
      if (opts.json) io.stdout(json(result));
      else if ('outcome' in result) {
        io.stdout(renderInstall(colors, result as InstallResult));
        io.stdout(colors.dim(`replayed ${file}: identical to the recorded run`));
      } else {
        io.stdout(renderTimeline(colors, { result: result as RunResult, plan: planDispatch(replayed.scenario!, replayed.dif!) }));
        io.stdout(colors.dim(`replayed ${file}: identical to the recorded run`));
      }
    });

  addRunViewOptions(addInfOptions(program
    .command('install')
    .description('run a whole device installation: the DIF sequence, then finish-install actions over the timeline')
    .argument('<scenario>', 'scenario file (JSON with comments allowed; UTF-8 or UTF-16 with a BOM), - for standard input, or an INF (imported as devinst inf import does)'))
    .addOption(new Option('--sequence <name>', 'sequence, overriding the scenario').choices(SEQUENCE_NAMES))
    .addOption(new Option('--profile <name>', 'semantics profile, overriding the scenario').choices(PROFILE_NAMES))
    .addOption(new Option('--os <version>', 'Windows version, overriding the scenario').choices(OS_VERSIONS))
    .option('--json', 'print the InstallResult as JSON')
    .option('--journal <file>', 'write the run\'s journal (JSON Lines) to this new file (- for standard output; the rest then goes to standard error)', parseJournalOption)
    .option('--force', 'let --journal replace an existing file')
    .option('--progress', 'print progress to stderr every second on long runs (default: when stderr is a terminal)'))
    .action(async (file: string, opts: RunViewOpts & InfOptions & { sequence?: string; profile?: string; os?: string; json?: boolean; journal?: string; force?: boolean; progress?: boolean }) => {
      const target = journalTarget(io, opts.journal, Boolean(opts.force), file);
      const loaded = isInfFile(file) ? { ...installDocument(file, opts, { ...io, stdout: target.out }, colors), file, warnings: [] as string[] } : loadScenarioFile(file);
      warn(io, loaded.warnings);
      const document = {
        ...loaded.document,
        ...(opts.sequence ? { sequence: opts.sequence } : {}),
        ...(opts.profile ? { profile: opts.profile } : {}),
        ...(opts.os ? { os: opts.os } : {}),
      };
      validateScenario(document, { file: loaded.file });
      const runOptions = { scenarioFile: loaded.file, ...(io.now ? { now: io.now } : {}), ...progressOption(io, 'install', opts.progress) };
      const keepJournal = opts.journal !== undefined || opts.format === 'setupapi' || opts.inspect !== undefined;
      const { result, journal } = await recordViewed(opts, 'deviceInstall', file, io, (inspect) => {
        const o = { ...runOptions, ...(inspect ? { inspect } : {}) };
        return keepJournal ? recordInstall(document, o) : { result: runInstall(document, o), journal: '' };
      });
      target.write(journal);
      if (opts.format === 'setupapi') target.out(renderJournal(journal, opts.journal && opts.journal !== '-' ? opts.journal : file));
      else if (printViewed(opts, { ...io, stdout: target.out }, result)) return;
      else if (opts.json) target.out(json(result));
      else {
        target.out(renderInstall(colors, result));
        target.note(colors.dim(`journal written to ${opts.journal}`));
      }
    });

  program
    .command('validate')
    .description('check a scenario file against the schema')
    .argument('<scenario>', 'scenario file (JSON with comments allowed; UTF-8 or UTF-16 with a BOM), or - for standard input')
    .action((file: string) => {
      const loaded = loadScenarioFile(file);
      warn(io, loaded.warnings);
      io.stdout(describeScenario(loaded.file, loaded.scenario));
    });

  program
    .command('codes')
    .description('look up DIF codes, status codes and DI_ flags by name or value (no argument: list them all)')
    .argument('[code]', 'a name such as DIF_INSTALLDEVICE or ERROR_DI_DO_DEFAULT, or a value such as 0xE000020E')
    .option('--json', 'print the matches as JSON')
    .action((query: string | undefined, opts: { json?: boolean }) => {
      if (query === undefined) {
        io.stdout(opts.json ? json(allCodesJson()) : renderAllCodes(colors));
        return;
      }
      const matches = lookUpCode(query);
      if (opts.json) io.stdout(json(matches));
      else io.stdout(matches.map((m) => renderMatch(colors, m)).join('\n\n'));
    });

  registerExplore(program, io, colors);
  registerLog(program, io, colors);
  registerView(program, io);
  registerInf(program, io, colors);

  program
    .command('schema')
    .description('print the JSON Schema of scenario files')
    .action(() => io.stdout(json(scenarioJsonSchema())));

  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const colors = pc.createColors(io.color);
  const program = build(io, colors);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version succeed; `devinst` with no command prints the help to stderr: a usage error.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      return 2;
    }
    if (error instanceof ExitStatus) return error.code;
    if (error instanceof InputError) {
      io.stderr(`devinst: ${printable(error.message)}`);
      return 2;
    }
    io.stderr(`devinst: internal error: ${(error as Error).message ?? String(error)}`);
    if (process.env.DEVINST_DEBUG) io.stderr(String((error as Error).stack));
    return 1;
  }
}
