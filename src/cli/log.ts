/**
 * `devinst log …`: setupapi.dev.log parse, check, render and scenario (docs/setupapi-log.md).
 */
import { Command, Option } from 'commander';
import { OS_VERSIONS, type OsVersion } from '../domain/difCodes.js';
import { PROFILE_NAMES, type ProfileName } from '../domain/profiles.js';
import { ExitStatus, InputError } from '../errors.js';
import { checkFile } from '../log/checkFiles.js';
import { countBlocks, expandInputs, parseFile, type ParsedFile } from '../log/document.js';
import { renderJournal } from '../log/render.js';
import { scenarioFromLog } from '../log/scenario.js';
import type { DifBlock } from '../log/types.js';
import { readTextFile } from '../scenario/jsonText.js';
import type { Colors } from './render.js';
import type { CliIo } from './io.js';

export type WriteFile = (file: string, text: string, force: boolean) => void;

function blockTree(out: string[], blocks: readonly DifBlock[], indent: string): void {
  for (const b of blocks) {
    const calls = b.steps.map((s) => (s.kind === 'nested' ? `[${s.block.dif}]` : s.kind === 'pre' || s.kind === 'post' ? `${s.kind}${s.n}${s.failed ? `!${s.failed}` : ''}` : s.kind)).join(' ');
    out.push(`${indent}${String(b.line).padStart(6)}  ${b.dif ?? '(DIF cut)'}${b.exit ? ` exit(${b.exit})` : ''}${b.started ? '' : ' (start cut)'}  ${calls}`);
    blockTree(out, b.steps.flatMap((s) => (s.kind === 'nested' ? [s.block] : [])), `${indent}    `);
  }
}

function describeFile(colors: Colors, r: ParsedFile): string {
  const out: string[] = [];
  const blocks = countBlocks([...r.blocks, ...r.sections.flatMap((s) => s.blocks)]);
  out.push(colors.bold(`${r.file}: ${r.lines} lines, ${r.encoding}${r.header?.values['OS Version'] ? `, OS Version ${r.header.values['OS Version']}` : ''}, ${r.boots.length} boot sessions, ${r.sections.length} sections, ${blocks} DIF blocks`));
  blockTree(out, r.blocks, '  ');
  for (const s of r.sections) {
    out.push(`  ${colors.dim(`#${s.index}`)} ${s.start ?? '?'} → ${s.end ?? '?'}  ${s.exitStatus ?? '(no exit status)'}  ${s.title || '(title cut)'}`);
    blockTree(out, s.blocks, '    ');
  }
  return out.join('\n');
}

export function registerLog(program: Command, io: CliIo, colors: Colors, writeNewFile: WriteFile): void {
  const log = program.command('log').description('setupapi.dev.log: render runs as Windows logs them, parse real logs, check them against the model, make scenarios');

  log
    .command('parse')
    .description('parse setupapi logs (files, directories, rotated logs in time order): sections, DIF blocks, every other line')
    .argument('<paths...>', 'log files or directories')
    .option('--json', 'print the parsed logs as JSON')
    .action((paths: string[], opts: { json?: boolean }) => {
      const files = expandInputs(paths);
      if (opts.json) {
        io.stdout('{ "files": [');
        files.forEach((f, i) => {
          const { lines_, ...rest } = parseFile(f);
          io.stdout(`${JSON.stringify({ ...rest, lines: rest.lines, outside: lines_ })}${i < files.length - 1 ? ',' : ''}`);
        });
        io.stdout('] }');
      } else for (const f of files) io.stdout(describeFile(colors, parseFile(f)));
    });

  log
    .command('check')
    .description('check every DIF block of setupapi logs against the model (exit 1 when one violates)')
    .argument('<paths...>', 'log files or directories')
    .addOption(new Option('--profile <name>', 'semantics the verdict is for').choices(PROFILE_NAMES).default('windows'))
    .addOption(new Option('--os <version>', 'Windows version (default: from the log header, else win10)').choices(OS_VERSIONS))
    .option('--json', 'print { files, blocks } as JSON')
    .action((paths: string[], opts: { profile: ProfileName; os?: OsVersion; json?: boolean }) => {
      const files = expandInputs(paths);
      const counts = { conforms: 0, violates: 0, incomplete: 0 };
      if (opts.json) io.stdout(`{ "files": ${JSON.stringify(files)},\n  "blocks": [`);
      let first = true;
      for (const f of files) {
        for (const r of checkFile(f, { profile: opts.profile, ...(opts.os ? { os: opts.os } : {}) })) {
          counts[r.verdict] += 1;
          if (opts.json) {
            const { section: _s, nestedIn, ...rest } = r;
            io.stdout(`${first ? '' : ','}${JSON.stringify({ ...rest, ...(nestedIn ? { nestedIn } : {}) })}`);
            first = false;
          } else {
            const mark = r.verdict === 'conforms' ? colors.green('conforms  ') : r.verdict === 'violates' ? colors.red('violates  ') : colors.yellow('incomplete');
            const profiles = PROFILE_NAMES.map((p) => `${p}${r.profiles[p] ? '✔' : '✘'}`).join(' ');
            io.stdout(`${r.file}:${r.line}  ${(r.dif ?? '(cut)').padEnd(34)} ${mark}  ${colors.dim(profiles)}  ${r.reason}`);
          }
        }
      }
      if (opts.json) io.stdout('] }');
      else io.stdout(colors.bold(`${counts.conforms + counts.violates + counts.incomplete} DIF blocks: ${counts.conforms} conform, ${counts.incomplete} incomplete, ${counts.violates} violate (${opts.profile})`));
      if (counts.violates > 0) throw new ExitStatus(1);
    });

  log
    .command('render')
    .description('render a journal (of devinst run or install) as setupapi.dev.log text, CRLF line ends')
    .argument('<journal>', 'journal file written with --journal')
    .option('-o, --out <file>', 'write to this new file instead of stdout')
    .option('--force', 'let --out replace an existing file')
    .action((file: string, opts: { out?: string; force?: boolean }) => {
      const text = renderJournal(readTextFile(file), file);
      if (opts.out) writeNewFile(opts.out, text, Boolean(opts.force));
      else io.stdout(text);
    });

  log
    .command('scenario')
    .description('turn one installation section of a real log into a scenario that reproduces its DIF blocks')
    .argument('<file>', 'setupapi.dev.log')
    .option('--section <n>', 'section number (as devinst log parse shows it)', (v) => {
      if (!/^\d+$/.test(v)) throw new InputError(`--section: expected a section number, got "${v}"`);
      return Number(v);
    })
    .option('--device <id>', 'the section whose device instance or hardware ID contains this text')
    .option('-o, --out <file>', 'write the scenario to this new file')
    .option('--force', 'let --out replace an existing file')
    .action((file: string, opts: { section?: number; device?: string; out?: string; force?: boolean }) => {
      const { scenario, notes } = scenarioFromLog(parseFile(file), { ...(opts.section !== undefined ? { section: opts.section } : {}), ...(opts.device ? { device: opts.device } : {}) });
      const text = `${JSON.stringify(scenario, null, 2)}\n`;
      if (opts.out) {
        writeNewFile(opts.out, text, Boolean(opts.force));
        for (const n of notes) io.stderr(`note: ${n}`);
      } else io.stdout(text);
    });
}

export { renderJournal };
