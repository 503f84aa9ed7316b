/**
 * The `devinst` command line. `main` is side-effect free apart from the files it is told to
 * read and write, so tests call it in-process; src/cli/bin.ts wires it to the real process.
 *
 * Exit codes: 0 a completed run (whatever status the DIF ended with), 2 bad input or usage,
 * 1 an internal error.
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import { CodeError, parseDif } from '../domain/codes.js';
import { OS_VERSIONS } from '../domain/difCodes.js';
import { planDispatch } from '../domain/dispatchPlan.js';
import { PROFILE_NAMES } from '../domain/profiles.js';
import { ExitStatus, InputError } from '../errors.js';
import { DEFAULT_DIF, recordDif } from '../host/runDif.js';
import { recordInstall } from '../host/runInstall.js';
import { SEQUENCE_NAMES } from '../domain/lifecycle/types.js';
import type { InstallResult } from '../domain/lifecycle/installResult.js';
import type { RunResult } from '../domain/runResult.js';
import { renderInstall } from './renderInstall.js';
import { readJournal } from '../journal/read.js';
import { replayJournal, transitionLog } from '../journal/replay.js';
import { readTextFile } from '../scenario/jsonText.js';
import { loadScenarioFile, validateScenario } from '../scenario/load.js';
import { scenarioJsonSchema } from '../scenario/schema.js';
import { lookUpCode, renderAllCodes, renderMatch } from './codes.js';
import { registerExplore } from './explore.js';
import { registerLog, renderJournal } from './log.js';
import { addRunViewOptions, printViewed, recordViewed, registerView, type RunViewOpts } from './view.js';
import type { CliIo } from './io.js';
import { addInfOptions, installDocument, isInfFile, registerInf, type InfOptions } from './inf.js';
import { renderTimeline, type Colors } from './render.js';

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

/** Writes a new file whole (temporary file + rename); an existing file is kept unless `force`. */
function writeNewFile(file: string, text: string, force: boolean): void {
  if (existsSync(file) && !force) throw new InputError(`${file}: already exists; not overwritten (use --force to replace it)`);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, file);
  } catch (error) {
    throw new InputError(`${file}: cannot write: ${(error as Error).message}`);
  }
}

function describeScenario(file: string, s: ReturnType<typeof loadScenarioFile>['scenario']): string {
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [
    `${file}: valid scenario${s.name ? ` "${s.name}"` : ''}`,
    `profile ${s.profile}, os ${s.os}`,
    s.device ? `device ${s.device.description ?? s.device.hardwareId ?? '(unnamed)'}` : 'no device',
    count(s.classCoInstallers.length, 'class co-installer'),
    count(s.deviceCoInstallers.length, 'device co-installer'),
    s.classInstaller ? `class installer ${s.classInstaller.declared}` : 'no class installer',
  ].join(', ');
}

function build(io: CliIo, colors: Colors): Command {
  const program = new Command()
    .name('devinst')
    .description('Models Windows device installation: SetupDiCallClassInstaller dispatch through co-installers, class installers and default handlers.')
    .version(io.version, '-V, --version')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(text) })
    .showHelpAfterError('(run devinst --help for usage)')
    .exitOverride();

  addRunViewOptions(program
    .command('run')
    .description('dispatch one DIF code through the scenario\'s installers and show what Windows would call')
    .argument('<scenario>', 'scenario file (JSON)')
    .option('--dif <code>', `DIF name or value (default: the scenario's "dif", else ${DEFAULT_DIF})`, parseDifOption)
    .addOption(new Option('--profile <name>', 'semantics profile, overriding the scenario').choices(PROFILE_NAMES))
    .addOption(new Option('--os <version>', 'Windows version, overriding the scenario').choices(OS_VERSIONS))
    .option('--json', 'print the RunResult as JSON')
    .option('--journal <file>', 'write the run\'s journal (JSON Lines) to this new file')
    .option('--force', 'let --journal replace an existing file'))
    .action(async (file: string, opts: RunViewOpts & { dif?: string; profile?: string; os?: string; json?: boolean; journal?: string; force?: boolean }) => {
      const loaded = loadScenarioFile(file);
      const document = { ...loaded.document, ...(opts.profile ? { profile: opts.profile } : {}), ...(opts.os ? { os: opts.os } : {}) };
      const { scenario } = validateScenario(document, { file });
      if (opts.journal && !opts.force && existsSync(opts.journal)) {
        throw new InputError(`${opts.journal}: already exists; not overwritten (use --force to replace it)`);
      }
      const { result, journal } = await recordViewed(opts, 'difDispatch', file, io, (inspect) =>
        recordDif(document, opts.dif, { scenarioFile: file, ...(io.now ? { now: io.now } : {}), ...(inspect ? { inspect } : {}) }),
      );
      if (opts.journal) writeNewFile(opts.journal, journal, Boolean(opts.force));
      if (opts.format === 'setupapi') io.stdout(renderJournal(journal, opts.journal ?? file));
      else if (printViewed(opts, io, result)) return;
      else if (opts.json) io.stdout(json(result));
      else {
        const plan = planDispatch(scenario, parseDif(opts.dif ?? scenario.dif ?? DEFAULT_DIF));
        io.stdout(renderTimeline(colors, { result, plan }));
        if (opts.journal) io.stdout(colors.dim(`journal written to ${opts.journal}`));
      }
    });

  program
    .command('replay')
    .description('replay a journal through the machine (no installer runs) and show the same result')
    .argument('<journal>', 'journal file written by devinst run --journal')
    .option('--json', 'print the RunResult as JSON')
    .option('--transitions', 'print every transition (microstep) the run took, derived from the journal')
    .action((file: string, opts: { json?: boolean; transitions?: boolean }) => {
      const text = readTextFile(file);
      if (opts.transitions) {
        const log = transitionLog(text, { file });
        if (opts.json) io.stdout(json(log));
        else for (const t of log) io.stdout(`${String(t.seq).padStart(3)}  ${t.event.padEnd(24)} ${t.from ?? '(start)'} → ${t.to}${t.actions.length ? colors.dim(`  [${t.actions.join(', ')}]`) : ''}`);
        return;
      }
      const result = replayJournal(text, { file });
      if (opts.json) io.stdout(json(result));
      else if ('outcome' in result) {
        io.stdout(renderInstall(colors, result as InstallResult));
        io.stdout(colors.dim(`replayed ${file}: identical to the recorded run`));
      } else {
        const header = readJournal(text, file).header;
        const { scenario } = validateScenario(header.scenario, { file: `${file}:1 (header scenario)` });
        io.stdout(renderTimeline(colors, { result: result as RunResult, plan: planDispatch(scenario, parseDif(header.run.dif ?? '')) }));
        io.stdout(colors.dim(`replayed ${file}: identical to the recorded run`));
      }
    });

  addRunViewOptions(addInfOptions(program
    .command('install')
    .description('run a whole device installation: the DIF sequence, then finish-install actions over the timeline')
    .argument('<scenario>', 'scenario file (JSON), or an INF (imported as devinst inf import does)'))
    .addOption(new Option('--sequence <name>', 'sequence, overriding the scenario').choices(SEQUENCE_NAMES))
    .addOption(new Option('--profile <name>', 'semantics profile, overriding the scenario').choices(PROFILE_NAMES))
    .addOption(new Option('--os <version>', 'Windows version, overriding the scenario').choices(OS_VERSIONS))
    .option('--json', 'print the InstallResult as JSON')
    .option('--journal <file>', 'write the run\'s journal (JSON Lines) to this new file')
    .option('--force', 'let --journal replace an existing file'))
    .action(async (file: string, opts: RunViewOpts & InfOptions & { sequence?: string; profile?: string; os?: string; json?: boolean; journal?: string; force?: boolean }) => {
      const loaded = isInfFile(file) ? installDocument(file, opts, io, colors) : loadScenarioFile(file);
      const document = {
        ...loaded.document,
        ...(opts.sequence ? { sequence: opts.sequence } : {}),
        ...(opts.profile ? { profile: opts.profile } : {}),
        ...(opts.os ? { os: opts.os } : {}),
      };
      validateScenario(document, { file });
      if (opts.journal && !opts.force && existsSync(opts.journal)) {
        throw new InputError(`${opts.journal}: already exists; not overwritten (use --force to replace it)`);
      }
      const { result, journal } = await recordViewed(opts, 'deviceInstall', file, io, (inspect) =>
        recordInstall(document, { scenarioFile: file, ...(io.now ? { now: io.now } : {}), ...(inspect ? { inspect } : {}) }),
      );
      if (opts.journal) writeNewFile(opts.journal, journal, Boolean(opts.force));
      if (opts.format === 'setupapi') io.stdout(renderJournal(journal, opts.journal ?? file));
      else if (printViewed(opts, io, result)) return;
      else if (opts.json) io.stdout(json(result));
      else {
        io.stdout(renderInstall(colors, result));
        if (opts.journal) io.stdout(colors.dim(`journal written to ${opts.journal}`));
      }
    });

  program
    .command('validate')
    .description('check a scenario file against the schema')
    .argument('<scenario>', 'scenario file (JSON)')
    .action((file: string) => {
      io.stdout(describeScenario(file, loadScenarioFile(file).scenario));
    });

  program
    .command('codes')
    .description('look up DIF codes, status codes and DI_ flags by name or value (no argument: list them all)')
    .argument('[code]', 'a name such as DIF_INSTALLDEVICE or ERROR_DI_DO_DEFAULT, or a value such as 0xE000020E')
    .option('--json', 'print the matches as JSON')
    .action((query: string | undefined, opts: { json?: boolean }) => {
      if (query === undefined) {
        io.stdout(renderAllCodes(colors));
        return;
      }
      const matches = lookUpCode(query);
      if (opts.json) io.stdout(json(matches));
      else io.stdout(matches.map((m) => renderMatch(colors, m)).join('\n\n'));
    });

  registerExplore(program, io, colors);
  registerLog(program, io, colors, writeNewFile);
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
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2;
    }
    if (error instanceof ExitStatus) return error.code;
    if (error instanceof InputError) {
      io.stderr(`devinst: ${error.message}`);
      return 2;
    }
    io.stderr(`devinst: internal error: ${(error as Error).message ?? String(error)}`);
    if (process.env.DEVINST_DEBUG) io.stderr(String((error as Error).stack));
    return 1;
  }
}
