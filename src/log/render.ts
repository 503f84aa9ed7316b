/**
 * Rendering a run as Windows writes it to setupapi.dev.log (Vista and later): the log header, a
 * boot session, one section per installation (per finish-install attempt), `dvi:` lines nested by
 * five spaces, `{DIF_X}` … `{DIF_X - exit(0x…)}` blocks, installer Enter/Exit lines, the default
 * installer's nested DIFs, `!!!` failure lines, the footer — with CRLF line ends.
 *
 * It reads a journal as it is (header scenario + entries) and the RunResult/InstallResult its
 * replay gives; times come from the journal's clock (UTC). Format: MicrosoftDocs/windows-driver-docs
 * `windows-driver-docs-pr/install/format-of-a-text-log-*.md`; line forms from real logs
 * (log2timeline/plaso `test_data/setupapi.dev.log`). Choices R1–R6: docs/setupapi-log.md.
 */
import type { CallRecord } from '../domain/dispatchRules.js';
import type { InstallResult } from '../domain/lifecycle/installResult.js';
import type { DifRecord } from '../domain/lifecycle/installState.js';
import type { RunResult } from '../domain/runResult.js';
import type { JournalEntry } from '../journal/format.js';
import { readJournal } from '../journal/read.js';
import { replayJournal } from '../journal/replay.js';
import { validateScenario } from '../scenario/load.js';
import { behaviourFor, DEFAULT_CLASS_BEHAVIOUR, type Scenario } from '../domain/scenario.js';
import { difByName } from '../domain/difCodes.js';
import { resolveInstallerName, type InstallerRole } from '../domain/installerNames.js';
import { PROFILES } from '../domain/profiles.js';

const UNIT = '     ';
const ANSWERS = new Set(['coInstaller.returned', 'classInstaller.returned', 'defaultHandler.returned']);

const OS_HEADER: Record<string, string> = { vista: '6.0.6002', win7: '6.1.7601', win8: '6.3.9600', win10: '10.0.19045', win11: '10.0.22631' };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const timeOf = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
const dateTimeOf = (d: Date) => `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${timeOf(d)}`;
const low = (hexText: string) => `0x${hexText.slice(2).toLowerCase()}`;

/** The answers of the journal in order, with their times; what each call consumed. */
class Clock {
  private i = 0;
  last: Date;
  constructor(
    private readonly entries: readonly JournalEntry[],
    start: Date,
  ) {
    this.last = start;
  }
  /** Skips timeline events (their times still move the clock). */
  private skip(): void {
    while (this.i < this.entries.length && !ANSWERS.has(this.entries[this.i].event.type)) {
      this.last = new Date(this.entries[this.i].at);
      this.i++;
    }
  }
  peek(): Date {
    this.skip();
    const e = this.entries[this.i];
    return e ? new Date(e.at) : this.last;
  }
  /** Consumes the answer to this call, if the journal has it next. */
  take(call: CallRecord): JournalEntry['event'] | null {
    if (call.who === 'defaultHandler' && !call.function) return null;
    this.skip();
    const e = this.entries[this.i];
    if (!e) return null;
    const type = e.event.type;
    const fits = call.who === 'classInstaller' ? type === 'classInstaller.returned' : call.who === 'defaultHandler' ? type === 'defaultHandler.returned' : type === 'coInstaller.returned';
    if (!fits) return null;
    this.i++;
    this.last = new Date(e.at);
    return e.event;
  }
  rest(): Date {
    for (const e of this.entries) this.last = new Date(e.at) > this.last ? new Date(e.at) : this.last;
    return this.last;
  }
}

class Writer {
  readonly lines: string[] = [];
  body(depth: number, text: string, options: { cat?: string; level?: 'error' | 'warning'; time?: Date } = {}): void {
    const prefix = options.level === 'error' ? '!!!  ' : options.level === 'warning' ? '!    ' : UNIT;
    this.lines.push(`${prefix}${options.cat ?? 'dvi'}: ${UNIT.repeat(depth)}${text}${options.time ? ` ${timeOf(options.time)}` : ''}`);
  }
  raw(text: string): void {
    this.lines.push(text);
  }
}

interface Ctx {
  readonly scenario: Scenario;
  readonly clock: Clock;
  readonly w: Writer;
  /** The installer list must be (re)loaded before the next DIF calls it. */
  listLoaded: boolean;
  /** Only the co-installers are reloaded (after DIF_REGISTER_COINSTALLERS registered device co-installers). */
  coOnly?: boolean;
}

/** What the default handler logs of its own work (seen in real logs), keyed by DIF. */
function defaultWork(ctx: Ctx, record: DifRecord | RunResult, depth: number, returned: string, inner: (depth: number) => void): void {
  const { w } = ctx;
  switch (record.dif) {
    case 'DIF_SELECTBESTCOMPATDRV': {
      w.body(depth, '{Select Best Driver}');
      const guid = ctx.scenario.device?.classGuid;
      if (guid) w.body(depth + 1, `Class GUID of device ${ctx.scenario.lifecycle.selectChangesClass ? 'changed to' : 'remains'}: ${guid}.`);
      inner(depth + 1);
      w.body(depth, `{Select Best Driver - exit(${low(returned)})}`);
      return;
    }
    case 'DIF_INSTALLDEVICE':
      w.body(depth, '{Install DEVICE}');
      inner(depth + 1);
      w.body(depth, `{Install DEVICE exit (${low(returned)})}`);
      return;
    default:
      // No wrapper: a nested DIF sits one level inside "Default installer: Enter" (plaso log, the
      // WPD device's DIF_REGISTER_COINSTALLERS, lines 10590–10599).
      inner(depth);
  }
}

function renderDif(ctx: Ctx, record: DifRecord | RunResult, nested: readonly DifRecord[], depth: number): void {
  const { w, clock, scenario } = ctx;
  w.body(depth, `{${record.dif}}`, { time: clock.peek() });
  const calls = record.calls;
  if (!ctx.listLoaded && calls.some((c) => c.who !== 'defaultHandler')) {
    const cls = calls.find((c) => c.who === 'classInstaller');
    const cos = [...new Map(calls.filter((c) => c.index !== undefined).map((c) => [c.index!, { name: c.name ?? '', who: c.who }])).entries()].sort((a, b) => a[0] - b[0]);
    if (ctx.coOnly) {
      // After registration only the co-installer list is reloaded (plaso log, the WPD device,
      // lines 10607–10608: "CoInstaller 1 ==" with no "Class installer ==" line).
    } else if (cls?.name) {
      const [dll, fn] = split(cls.name);
      w.body(depth + 1, `Using exported function '${fn}' in module 'C:\\Windows\\system32\\${dll}'.`);
      w.body(depth + 1, `Class installer == ${declaredName(scenario, 'classInstaller', cls.name)}`);
    } else if (!scenario.classInstaller && cos.length > 0) {
      w.body(depth + 1, `No class installer for '${scenario.device?.description ?? scenario.device?.hardwareId ?? 'Unknown device'}'`);
    }
    for (const [n, { name, who }] of cos) {
      const [dll, fn] = split(name);
      w.body(depth + 1, `Using exported function '${fn}' in module 'C:\\Windows\\system32\\${dll}'.`);
      w.body(depth + 1, `CoInstaller ${n} == ${declaredName(scenario, who, name)}`);
    }
    ctx.listLoaded = true;
    ctx.coOnly = false;
  }
  const d = depth + 1;
  for (const call of calls) {
    switch (call.who) {
      case 'classCoInstaller':
      case 'deviceCoInstaller': {
        const post = call.phase === 'post';
        w.body(d, `CoInstaller ${call.index}: Enter${post ? ' (Post Processing)' : ''}`, { time: clock.peek() });
        clock.take(call);
        const code = Number.parseInt(call.returned, 16) >>> 0;
        if (!post && code !== 0 && code !== 0xe0000226) w.body(d, `CoInstaller ${call.index}: failed(${low(call.returned)})!`, { level: 'error' });
        else w.body(d, `CoInstaller ${call.index}: Exit${post ? ' (Post Processing)' : ''}`);
        break;
      }
      case 'classInstaller': {
        w.body(d, 'Class installer: Enter', { time: clock.peek() });
        const event = clock.take(call) as { effects?: { type: string }[] } | null;
        // A class installer that calls the default handler itself logs its work inside its own span.
        // (Install journals carry the effects with the answer; for a single DIF the scenario says.)
        const dif = difByName(record.dif)?.value;
        const effects = event?.effects ?? (scenario.classInstaller && dif !== undefined ? behaviourFor(scenario.classInstaller, dif, DEFAULT_CLASS_BEHAVIOUR).effects : []);
        if (effects.some((e) => e.type === 'callDefaultHandler')) defaultWork(ctx, record, d + 1, call.returned, () => {});
        w.body(d, 'Class installer: Exit');
        break;
      }
      case 'defaultHandler': {
        w.body(d, 'Default installer: Enter', { time: clock.peek() });
        defaultWork(ctx, record, d + 1, call.returned, (at) => {
          for (const inner of nested) {
            renderDif(ctx, inner, [], at);
            ctx.listLoaded = false;
            ctx.coOnly = record.dif === 'DIF_REGISTER_COINSTALLERS';
          }
        });
        clock.take(call);
        w.body(d, 'Default installer: Exit');
        break;
      }
    }
  }
  w.body(depth, `{${record.dif} - exit(${low(record.result.hex)})}`, { time: clock.last });
}

/**
 * The registration string as the scenario declares it ("WUDFCoinstaller.dll"), which is what Windows
 * writes in "CoInstaller n ==" and "Class installer ==" lines (plaso log lines 10545, 10571), for
 * the resolved name a call carries ("WUDFCoinstaller.dll,CoDeviceInstall"); the resolved name when
 * no declaration resolves to it.
 */
function declaredName(scenario: Scenario, who: string, resolved: string): string {
  const role: InstallerRole = who === 'classInstaller' ? 'classInstaller' : 'coInstaller';
  const specs =
    who === 'classInstaller'
      ? [scenario.classInstaller, scenario.previousClass?.classInstaller]
      : who === 'classCoInstaller'
        ? [...scenario.classCoInstallers, ...(scenario.previousClass?.classCoInstallers ?? [])]
        : scenario.deviceCoInstallers;
  for (const spec of specs) {
    if (!spec) continue;
    const r = resolveInstallerName(spec.declared, role, PROFILES[scenario.profile]);
    if (r.ok && r.name === resolved) return spec.declared;
  }
  return resolved;
}

function split(name: string): [string, string] {
  const comma = name.indexOf(',');
  return comma < 0 ? [name, 'CoDeviceInstall'] : [name.slice(0, comma), name.slice(comma + 1)];
}

function header(w: Writer, scenario: Scenario, start: Date): void {
  w.raw('[Device Install Log]');
  w.raw(`     OS Version = ${OS_HEADER[scenario.os] ?? '10.0.19045'}`);
  w.raw('     Service Pack = 0.0');
  w.raw('     Suite = 0x0100');
  w.raw('     ProductType = 1');
  w.raw(`     Architecture = ${scenario.lifecycle.arch === 'x86' ? 'x86' : 'amd64'}`);
  w.raw('');
  w.raw('[BeginLog]');
  w.raw('');
  w.raw(`[Boot Session: ${dateTimeOf(start)}]`);
  w.raw('');
}

const instanceOf = (s: Scenario) => s.device?.hardwareId ?? 'ROOT\\DEVICE\\0000';

function sectionTitle(kind: string, s: Scenario): string {
  return `>>>  [${kind} - ${instanceOf(s)}]`;
}

/** The section title per sequence (choice R2). */
function installTitle(sequence: string): string {
  switch (sequence) {
    case 'hardware-first':
    case 'reinstall':
      return 'Device Install (Hardware initiated)';
    case 'update-driver':
      return 'Device Install (UpdateDriverForPlugAndPlayDevices)';
    case 'remove':
      return 'Device Uninstall (Device Manager)';
    case 'properties':
      return 'Device Properties (Device Manager)';
    default:
      return 'Device Install (SetupDiCallClassInstaller)';
  }
}

function footer(w: Writer, end: Date, status: string): void {
  w.raw(`<<<  Section end ${dateTimeOf(end)}`);
  w.raw(`<<<  [Exit status: ${status}]`);
  w.raw('');
  w.raw('');
}

const CORE_INNER = new Set(['DIF_ALLOW_INSTALL', 'DIF_INSTALLDEVICEFILES', 'DIF_REGISTER_COINSTALLERS', 'DIF_INSTALLINTERFACES', 'DIF_INSTALLDEVICE', 'DIF_NEWDEVICEWIZARD_FINISHINSTALL']);

function renderInstallResult(ctx: Ctx, result: InstallResult, start: Date): void {
  const { w, scenario, clock } = ctx;
  const groups: { record: DifRecord; nested: DifRecord[] }[] = [];
  for (const record of result.difs) {
    const last = groups[groups.length - 1];
    if (record.nestedIn !== undefined && last && last.record.dif === record.nestedIn) last.nested.push(record);
    else groups.push({ record, nested: [] });
  }
  const core = groups.filter((g) => g.record.dif !== 'DIF_FINISHINSTALL_ACTION');
  const attempts = groups.filter((g) => g.record.dif === 'DIF_FINISHINSTALL_ACTION');
  const win8 = !['vista', 'win7'].includes(scenario.os);
  const [installing, cat] = win8 ? ['Installing device', 'ndv'] : ['Install Device', 'dvi'];
  w.raw(sectionTitle(installTitle(result.sequence), scenario));
  w.raw(`>>>  Section start ${dateTimeOf(start)}`);
  let inCore = false;
  let lastCoreExit = '0x00000000';
  const closeCore = () => {
    if (!inCore) return;
    w.body(1, `{${installing} - exit(${lastCoreExit})}`, { cat, time: clock.last });
    w.body(0, `{Core Device Install - exit(${lastCoreExit})}`, { cat: 'ndv', time: clock.last });
    inCore = false;
  };
  const clientServer = result.sequence === 'update-driver';
  for (const g of core) {
    const inner = CORE_INNER.has(g.record.dif);
    if (inner && !inCore) {
      w.body(0, '{Core Device Install}', { cat: 'ndv', time: clock.peek() });
      w.body(1, `{${installing} - ${instanceOf(scenario)}}`, { cat, time: clock.peek() });
      inCore = true;
      if (clientServer) ctx.listLoaded = false;
    }
    if (!inner) closeCore();
    // A client's own device information set (UpdateDriverForPlugAndPlayDevices) is one level out.
    const depth = inner ? 2 : clientServer && g.record.context === 'server' ? 1 : 0;
    renderDif(ctx, g.record, g.nested, depth);
    if (g.nested.length > 0) ctx.listLoaded = false;
    if (inner) lastCoreExit = low(g.record.result.hex);
  }
  closeCore();
  if (result.outcome === 'hung') return;
  const status = result.failure ? `FAILURE(${low(result.failure.hex)})` : result.needsReboot ? 'SUCCESS (REBOOT_REQUIRED)' : 'SUCCESS';
  footer(w, clock.last, status);
  for (const a of attempts) {
    ctx.listLoaded = false;
    w.raw(sectionTitle('Device Install (Finish-Install Action)', scenario));
    w.raw(`>>>  Section start ${dateTimeOf(clock.peek())}`);
    renderDif(ctx, a.record, a.nested, 0);
    const ok = ['0x00000000', '0xe000020e'].includes(low(a.record.result.hex));
    footer(w, clock.last, ok ? 'SUCCESS' : `FAILURE(${low(a.record.result.hex)})`);
  }
}

/** Renders a journal of `devinst run` or `devinst install` as setupapi.dev.log text (CRLF). */
export function renderJournal(text: string, file = 'journal'): string {
  const journal = readJournal(text, file);
  const result = replayJournal(text, { file });
  const { scenario } = validateScenario(journal.header.scenario, { file: `${file}:1 (header scenario)` });
  const start = new Date(journal.header.createdAt ?? journal.entries[0]?.at ?? 0);
  const w = new Writer();
  const ctx: Ctx = { scenario, clock: new Clock(journal.entries, start), w, listLoaded: false };
  header(w, scenario, start);
  if ('outcome' in result) renderInstallResult(ctx, result as InstallResult, start);
  else {
    const run = result as RunResult;
    w.raw(sectionTitle(installTitle('dispatch'), scenario));
    w.raw(`>>>  Section start ${dateTimeOf(start)}`);
    renderDif(ctx, run, [], 0);
    footer(w, ctx.clock.rest(), run.result.success || low(run.result.hex) === '0xe000020e' ? 'SUCCESS' : `FAILURE(${low(run.result.hex)})`);
  }
  return w.lines.map((l) => `${l}\r\n`).join('');
}
