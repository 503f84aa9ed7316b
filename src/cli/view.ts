/**
 * Visual inspection commands: `view` (the local viewer), `report` (one self-contained HTML file),
 * `diagram` (a machine's statechart as Mermaid, DOT or SVG), and the `--inspect`/`--format
 * sequence` options of `run` and `install`.
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { Argument, type Command, InvalidArgumentError, Option } from 'commander';
import { MACHINES } from '../../machines/index.js';
import { PROFILE_NAMES } from '../domain/profiles.js';
import { InputError } from '../errors.js';
import { chartOf } from '../view/chart.js';
import { compoundIds, mountsOf, visibleChart } from '../view/collapse.js';
import { machineCharts } from '../view/model.js';
import { chartDot, chartMermaid } from '../view/diagramText.js';
import { layoutChart } from '../view/layout.js';
import { runInspected, type InspectMode } from '../view/live.js';
import { openBrowser } from '../view/open.js';
import { buildReport } from '../view/report.js';
import { sequenceDiagram } from '../view/sequence.js';
import { startViewServer } from '../view/server.js';
import { loadViewModels } from '../view/sources.js';
import { chartSvg } from '../view/svg.js';
import { addInfOptions, type InfOptions } from './inf.js';
import type { CliIo } from './io.js';

const MACHINE_IDS = Object.keys(MACHINES);

function writeOut(file: string, text: string, force: boolean): void {
  if (existsSync(file) && !force) throw new InputError(`${file}: already exists; not overwritten (use --force to replace it)`);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, file);
  } catch (error) {
    throw new InputError(`${file}: cannot write: ${(error as Error).message}`);
  }
}

function parseProfiles(value: string): string[] {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.find((p) => !(PROFILE_NAMES as readonly string[]).includes(p));
  if (bad) throw new InvalidArgumentError(`unknown profile "${bad}" (expected ${PROFILE_NAMES.join(', ')})`);
  return list;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('--port must be a whole number from 0 to 65535 (0: any free port)');
  return n;
}

function parseNumber(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min) throw new InvalidArgumentError(`${name} must be a number ≥ ${min}`);
    return n;
  };
}

/**
 * `devinst diagram`'s text for one machine. `overview`: every state whose subtree is another
 * machine's whole chart (a mount of it) drawn as one box naming that machine.
 */
export async function diagramText(machineId: string, format: string, options: { overview?: boolean } = {}): Promise<string> {
  const entry = (MACHINES as Record<string, { machine: Parameters<typeof chartOf>[0] }>)[machineId];
  if (!entry) throw new InputError(`unknown machine "${machineId}" (expected ${MACHINE_IDS.join(' or ')})`);
  const full = chartOf(entry.machine);
  const mounts = mountsOf(full, machineCharts());
  const chart = options.overview ? visibleChart(full, new Set(compoundIds(full).filter((id) => !(id in mounts))), mounts) : full;
  if (format === 'mermaid') return chartMermaid(chart);
  if (format === 'dot') return chartDot(chart);
  return chartSvg(await layoutChart(chart), { standalone: true });
}

interface ViewOpts extends InfOptions {
  port?: number;
  open: boolean;
  profiles?: string[];
  dif?: string;
}

export function registerView(program: Command, io: CliIo): void {
  const sourceOptions = (opts: ViewOpts) => {
    const inf = Object.fromEntries(Object.entries({ model: opts.model, hwid: opts.hwid, arch: opts.arch, locale: opts.locale }).filter(([, v]) => v !== undefined));
    return { ...(opts.profiles ? { profiles: opts.profiles } : {}), ...(opts.dif ? { dif: opts.dif } : {}), ...(io.now ? { now: io.now } : {}), ...(Object.keys(inf).length ? { inf } : {}) };
  };

  const view = program
    .command('view')
    .description('open the viewer on 127.0.0.1: statechart, steppable timeline, swim lanes; two or three files (or --profiles) are compared')
    .argument('<files...>', 'journals (JSON Lines), scenario files, INF files or setupapi.dev.log files')
    .option('--port <n>', 'port to listen on (default: any free port)', parsePort)
    .option('--no-open', 'do not open a browser; just print the address')
    .option('--profiles <list>', 'scenario files: run under each of these profiles, side by side (e.g. windows,reactos,wine)', parseProfiles)
    .option('--dif <code>', 'scenario files: view one DIF dispatch instead of the whole installation')
    .action(async (files: string[], opts: ViewOpts) => {
      const models = await loadViewModels(files, sourceOptions(opts));
      const title = models.length > 1 ? `${models.map((m) => m.profile).join(' vs ')}: ${models[0].title}` : models[0].title;
      const server = await startViewServer({ title, data: { models }, ...(opts.port !== undefined ? { port: opts.port } : {}) }).catch((error: NodeJS.ErrnoException) => {
        throw new InputError(`--port ${opts.port}: cannot listen on 127.0.0.1: ${error.code ?? error.message}`);
      });
      // Ctrl-C (SIGINT) or SIGTERM stops the server; the handlers are in place before the address is shown.
      const stopped = new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      io.stdout(`devinst viewer: ${server.url}  (${models.length} run${models.length === 1 ? '' : 's'}; Ctrl-C stops it)`);
      if (opts.open) openBrowser(server.url);
      await stopped;
      io.stdout('devinst viewer stopped');
    });

  addInfOptions(view);

  const report = program
    .command('report')
    .description('write the viewer, with the runs in it, as one self-contained HTML file (opens from disk, no server, no network)')
    .argument('<files...>', 'journals (JSON Lines), scenario files, INF files or setupapi.dev.log files')
    .requiredOption('-o, --output <file>', 'the HTML file to write (new unless --force)')
    .option('--force', 'replace an existing output file')
    .option('--profiles <list>', 'scenario files: run under each of these profiles (compared in the report)', parseProfiles)
    .option('--dif <code>', 'scenario files: one DIF dispatch instead of the whole installation')
    .action(async (files: string[], opts: ViewOpts & { output: string; force?: boolean }) => {
      const models = await loadViewModels(files, sourceOptions(opts));
      writeOut(opts.output, await buildReport(models), Boolean(opts.force));
      io.stdout(`report written to ${opts.output} (${models.length} run${models.length === 1 ? '' : 's'})`);
    });

  addInfOptions(report);

  program
    .command('diagram')
    .description('print a machine\'s statechart, drawn from its definition')
    .addArgument(new Argument('[machine]', 'the machine').choices(MACHINE_IDS).default('difDispatch'))
    .addOption(new Option('--format <format>', 'mermaid (stateDiagram-v2), dot (Graphviz) or svg (laid out with elkjs)').choices(['mermaid', 'dot', 'svg']).default('mermaid'))
    .option('--overview', 'draw each mounted machine (e.g. every DIF\'s difDispatch inside deviceInstall) as one box')
    .option('-o, --output <file>', 'write to this new file instead of standard output')
    .option('--force', 'replace an existing output file')
    .action(async (machineId: string, opts: { format: string; output?: string; force?: boolean; overview?: boolean }) => {
      const text = await diagramText(machineId, opts.format, { overview: Boolean(opts.overview) });
      if (opts.output) {
        writeOut(opts.output, text, Boolean(opts.force));
        io.stdout(`${machineId} diagram (${opts.format}) written to ${opts.output}`);
      } else io.stdout(text.trimEnd());
    });
}

/** The options `run` and `install` take for visual inspection. */
export function addRunViewOptions(command: Command): Command {
  return command
    .addOption(new Option('--inspect [viewer]', 'stream the run to a viewer: local (devinst\'s own, offline; the default) or stately (the Stately inspector)').choices(['local', 'stately']).preset('local'))
    .option('--inspect-timeout <seconds>', 'how long --inspect waits for a viewer to connect', parseNumber('--inspect-timeout', 0), 30)
    .option('--step-ms <ms>', 'pause between steps for a person watching --inspect', parseNumber('--step-ms', 0), 300)
    .option('--no-open', 'with --inspect: do not open a browser; just print the address')
    .addOption(new Option('--format <format>', 'text (the default), json (as --json), sequence (a Mermaid sequence diagram of the calls) or setupapi (setupapi.dev.log text, as Windows writes it)').choices(['text', 'json', 'sequence', 'setupapi']));
}

export interface RunViewOpts {
  inspect?: InspectMode;
  inspectTimeout: number;
  stepMs: number;
  open: boolean;
  format?: 'text' | 'json' | 'sequence' | 'setupapi';
}

/** Records the run, live under inspection when asked. */
export async function recordViewed<T>(
  opts: RunViewOpts,
  machineId: string,
  title: string,
  io: CliIo,
  record: (inspect?: (event: unknown) => void) => { result: T; journal: string },
): Promise<{ result: T; journal: string }> {
  if (!opts.inspect) return record();
  return runInspected(machineId, title, (inspect) => record(inspect), {
    mode: opts.inspect,
    timeoutMs: opts.inspectTimeout * 1000,
    stepMs: opts.stepMs,
    open: opts.open,
    say: io.stderr,
  });
}

/** Prints the result in the format asked; false when the caller should print its usual text. */
export function printViewed(opts: RunViewOpts, io: CliIo, result: Parameters<typeof sequenceDiagram>[0]): boolean {
  if (opts.format === 'sequence') {
    io.stdout(sequenceDiagram(result).trimEnd());
    return true;
  }
  if (opts.format === 'json') {
    io.stdout(JSON.stringify(result, null, 2));
    return true;
  }
  return false;
}
