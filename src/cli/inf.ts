/**
 * `devinst inf import <file.inf>`: the installers an INF declares, as a scenario, with findings;
 * and the INF side of `devinst install <file.inf>` (the import, then the loader lines a real
 * setupapi.dev.log shows). src/inf/ does the work.
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { InputError } from '../errors.js';
import type { Finding } from '../inf/findings.js';
import type { ImportResult, ImportSummary } from '../inf/import.js';
import { importInfScenario } from '../inf/load.js';
import { INF_ARCHES, type InfArch } from '../inf/platform.js';
import { DEFAULT_ENTRY, resolveInstallerName } from '../domain/installerNames.js';
import { PROFILES } from '../domain/profiles.js';
import type { ScenarioDocument } from '../scenario/schema.js';
import type { CliIo } from './io.js';
import type { Colors } from './render.js';

export interface InfOptions {
  model?: string;
  hwid?: string;
  arch?: InfArch;
  locale?: string;
}

export const isInfFile = (file: string): boolean => /\.in[fx]$/i.test(file);

/** The options `inf import` and `install <file.inf>` share. */
export function addInfOptions(command: Command): Command {
  return command
    .option('--model <name>', 'INF: the device model (its description or install section)')
    .option('--hwid <id>', 'INF: the device model with this hardware ID')
    .addOption(new Option('--arch <arch>', 'INF: the architecture whose decorated sections apply (default amd64)').choices(INF_ARCHES))
    .option('--locale <langid>', 'INF: the [Strings.LLLL] to use, a hex LANGID such as 0407 (default 0409)');
}

const run = (file: string, opts: InfOptions) => importInfScenario(file, opts);

export function findingLine(c: Colors, f: Finding): string {
  const colour = f.severity === 'error' ? c.red : f.severity === 'warning' ? c.yellow : c.dim;
  return `${f.file}:${f.line}:${f.column}: ${colour(f.severity)} ${f.rule}: ${f.message}`;
}

function installerLines(s: ImportSummary): string[] {
  const windows = PROFILES.windows;
  const out: string[] = [];
  const loaded = (declared: string, role: 'coInstaller' | 'classInstaller') => {
    const r = resolveInstallerName(declared, role, windows);
    if (!r.ok) return;
    const [dll, entry] = [r.name.slice(0, r.name.indexOf(',')), r.name.slice(r.name.indexOf(',') + 1)];
    out.push(`     dvi:                Using exported function '${entry}' in module 'C:\\Windows\\system32\\${dll}'.`);
  };
  if (s.classInstaller) {
    loaded(s.classInstaller.name, 'classInstaller');
    out.push(`     dvi:                Class installer == ${s.classInstaller.name.trim()}`);
  }
  [...s.classCoInstallers, ...s.deviceCoInstallers].forEach((co, i) => {
    loaded(co.name, 'coInstaller');
    out.push(`     dvi:                CoInstaller ${i + 1} == ${co.name.trim()}`);
  });
  if (!s.classInstaller) out.push(`     dvi:                No class installer for '${s.model?.description ?? s.className ?? 'the device'}'`);
  return out;
}

/** `(entry CoDeviceInstall)` when the registration string names no entry point. */
const defaultEntry = (c: Colors, name: string, role: 'coInstaller' | 'classInstaller') => (name.includes(',') ? '' : c.dim(` (entry ${DEFAULT_ENTRY[role]})`));

function summaryText(c: Colors, file: string, s: ImportSummary): string {
  const list = (items: readonly { name: string; line: number }[]) =>
    items.length ? items.map((i, n) => `\n    ${n + 1}. ${i.name}${defaultEntry(c, i.name, 'coInstaller')}  ${c.dim(`(line ${i.line})`)}`).join('') : ' none';
  return [
    c.bold(`${file}`) + c.dim(`  ${s.encoding}, ${s.arch}`),
    `  class               ${s.className ?? '(none)'} ${s.classGuid ?? ''}`.trimEnd(),
    `  model               ${s.model ? `${s.model.description}${s.hardwareId ? ` (${s.hardwareId})` : ''}` : '(none)'}`,
    `  install section     ${s.installSection ?? '(none)'}${s.coInstallersSection ? ` → [${s.coInstallersSection}]` : ''}`,
    `  class installer     ${s.classInstaller ? `${s.classInstaller.name}${defaultEntry(c, s.classInstaller.name, 'classInstaller')}  ${c.dim(`(line ${s.classInstaller.line})`)}` : 'none'}`,
    `  class co-installers${list(s.classCoInstallers)}`,
    `  device co-installers${list(s.deviceCoInstallers)}`,
  ].join('\n');
}

function writeNew(file: string, text: string, force: boolean): void {
  if (existsSync(file) && !force) throw new InputError(`${file}: already exists; not overwritten (use --force to replace it)`);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, file);
  } catch (error) {
    throw new InputError(`${file}: cannot write: ${(error as Error).message}`);
  }
}

export function registerInf(program: Command, io: CliIo, colors: Colors): void {
  const inf = program.command('inf').description('read INF files: the installers they declare, and what Microsoft\'s INF rules say about them');
  addInfOptions(
    inf
      .command('import')
      .description('turn an INF\'s class installer, class co-installers and device co-installers into a scenario, with findings')
      .argument('<file.inf>', 'the INF (UTF-16LE with BOM, UTF-8 or ANSI)'),
  )
    .option('--json', 'print {"scenario", "findings"} as JSON')
    .option('-o, --out <scenario.json>', 'write the scenario to this new file')
    .option('--force', 'let -o replace an existing file')
    .action((file: string, opts: InfOptions & { json?: boolean; out?: string; force?: boolean }) => {
      if (opts.out && resolve(opts.out) === resolve(file)) throw new InputError(`${opts.out}: is the INF being imported; not overwritten`);
      const result = run(file, opts);
      const scenario = JSON.stringify(result.document, null, 2);
      if (opts.out) writeNew(opts.out, `${scenario}\n`, Boolean(opts.force));
      if (opts.json) {
        io.stdout(JSON.stringify({ scenario: result.document, findings: result.findings }, null, 2));
        return;
      }
      if (opts.out) {
        io.stdout(summaryText(colors, file, result.summary));
        for (const f of result.findings) io.stdout(findingLine(colors, f));
        io.stdout(colors.dim(`scenario written to ${opts.out}; run it with devinst install ${opts.out}`));
        return;
      }
      io.stdout(scenario);
      for (const f of result.findings) io.stderr(findingLine(colors, f));
    });
}

/**
 * `devinst install <file.inf>`: the imported scenario, after the loader lines a setupapi.dev.log
 * shows for the device (unless --json), findings on stderr.
 */
export function installDocument(file: string, opts: InfOptions & { json?: boolean }, io: CliIo, colors: Colors): { document: ScenarioDocument } {
  const result = run(file, opts);
  if (!opts.json) {
    io.stdout(`${colors.bold(file)}  ${colors.dim(result.document.description ?? '')}`);
    io.stdout(colors.underline('installer list, as setupapi.dev.log shows it'));
    for (const line of installerLines(result.summary)) io.stdout(line);
  }
  for (const f of result.findings) if (f.severity !== 'info') io.stderr(findingLine(colors, f));
  return { document: result.document };
}
