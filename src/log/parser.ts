/**
 * The streaming setupapi log parser: lines in, events out (header, boot sessions, sections, DIF
 * blocks as a tree, every other line with its category). It keeps only the blocks still open, so
 * memory does not grow with the file. Excerpts are taken as they come: a block whose start is cut
 * is opened implicitly by its first installer line and named by its exit line; a block still open
 * at a section boundary or at the end is handed on unterminated.
 *
 * DIF block grammar: MicrosoftDocs/windows-driver-docs `windows-driver-docs-pr/install/format-of-a-text-log-section-body.md`
 * and real logs (log2timeline/plaso `test_data/setupapi.dev.log`; pbatard/libwdi issues #76, #200, #310).
 */
import { classify, isoTime, type Classified } from './lines.js';
import type { BlockStep, DifBlock, InstallerKind, InstallerStep, LogHeaderInfo, PlainLine, SectionInfo } from './types.js';

export interface ParseSink {
  header?(header: LogHeaderInfo): void;
  boot?(time: string, line: number): void;
  /** A section ended (its footer, the next section, or the end of the file). */
  section?(section: SectionInfo): void;
  /** A DIF block not nested in another one is complete (or cut). */
  block?(block: DifBlock): void;
  /** Any other line, kept with its category. */
  line?(line: PlainLine, section: number | null): void;
}

const DIF_OPEN = /^\{(DIF_[A-Z0-9_]+)\}$/;
const DIF_CLOSE = /^\{(DIF_[A-Z0-9_]+)\s*(?:-\s*|:\s*)?exit\s*\(?\s*(?:\d+,\s*)?(?:0x)?([0-9a-fA-F]{1,8})\s*\)?\}$/;
const BLOCK_OPEN = /^\{([^{}]+)\}$/;
const EXPORTED = /^Using exported function '([^']*)' in module '([^']*)'\.?$/;
const CLASS_ENTRY = /^Class installer == ([^,]+)(?:,(.*))?$/;
const CO_ENTRY = /^CoInstaller (\d+) == ([^,]+)(?:,(.*))?$/;
const NO_CLASS = /^No class installer for '(.*)'\.?$/;
const CO_STEP = /^CoInstaller (\d+): (Enter|Exit|failed\((?:0x)?([0-9a-fA-F]+)\)!?)( \(Post Processing\))?$/;
const CO_STEP_POST_FIRST = /^CoInstaller (\d+) \(Post Processing\): (Enter|Exit|failed\((?:0x)?([0-9a-fA-F]+)\)!?)$/;
const CLASS_STEP = /^(Class|Default) installer: (Enter|Exit|failed\((?:0x)?([0-9a-fA-F]+)\)!?)$/;
const XP_DIF = /Device install function: (DIF_[A-Z0-9_]+)/;
const XP_CO = /(Executing|Completed) coinstaller (\d+) of (\d+)/;

export const hex8 = (digits: string): string => `0x${digits.toLowerCase().padStart(8, '0')}`;

interface Open {
  readonly block: DifBlock;
  /** Open installer calls, innermost last. */
  readonly calls: InstallerStep[];
}

type Step = { kind: InstallerKind; n?: number; what: 'Enter' | 'Exit' | 'failed'; code?: string };

function installerStep(text: string): Step | null {
  let m = CO_STEP.exec(text);
  if (m) return { kind: m[4] ? 'post' : 'pre', n: Number(m[1]), what: m[2].startsWith('failed') ? 'failed' : (m[2] as 'Enter' | 'Exit'), ...(m[3] ? { code: hex8(m[3]) } : {}) };
  if ((m = CO_STEP_POST_FIRST.exec(text))) return { kind: 'post', n: Number(m[1]), what: m[2].startsWith('failed') ? 'failed' : (m[2] as 'Enter' | 'Exit'), ...(m[3] ? { code: hex8(m[3]) } : {}) };
  if ((m = CLASS_STEP.exec(text))) return { kind: m[1] === 'Class' ? 'class' : 'default', what: m[2].startsWith('failed') ? 'failed' : (m[2] as 'Enter' | 'Exit'), ...(m[3] ? { code: hex8(m[3]) } : {}) };
  return null;
}

export class LogParser {
  private lineNo = 0;
  private header: { line: number; values: Record<string, string> } | null = null;
  private inHeader = false;
  private bootTime: string | null = null;
  private section: SectionInfo | null = null;
  private sections = 0;
  private readonly stack: Open[] = [];
  private xp: Open | null = null;

  constructor(
    readonly file: string,
    private readonly sink: ParseSink,
  ) {}

  push(raw: string): void {
    this.lineNo += 1;
    const c = classify(raw);
    const n = this.lineNo;
    if (this.inHeader && c.type !== 'headerValue' && c.type !== 'blank') this.endHeader();
    switch (c.type) {
      case 'blank':
        return;
      case 'logHeader':
        this.closeAll();
        this.endSection();
        this.header = { line: n, values: {} };
        this.inHeader = true;
        return;
      case 'headerValue':
        if (this.inHeader && this.header) this.header.values[c.key] = c.value;
        else this.plain(c, n);
        return;
      case 'beginLog':
        return;
      case 'boot':
        this.closeAll();
        this.endSection();
        this.bootTime = isoTime(c.time);
        this.sink.boot?.(this.bootTime, n);
        return;
      case 'sectionTitle':
        this.openSection(n, c.title, 'dev');
        return;
      case 'sectionStart':
        if (!this.section || this.section.start !== null) this.openSection(n, '', 'dev');
        this.section!.start = isoTime(c.time);
        return;
      case 'sectionEnd':
        this.closeAll();
        if (!this.section) this.openSection(n, '', 'dev');
        this.section!.end = c.time ? isoTime(c.time) : null;
        return;
      case 'exitStatus':
        this.closeAll();
        if (!this.section) this.openSection(n, '', 'dev');
        this.section!.exitStatus = c.status;
        this.endSection();
        return;
      case 'cmd':
        if (this.section && this.section.cmd === null) this.section.cmd = c.command;
        else this.plain(c, n);
        return;
      case 'xpSection':
        this.openSection(n, c.title, 'xp');
        this.section!.start = isoTime(c.time);
        return;
      case 'xp':
        this.xpLine(c, n);
        return;
      case 'body':
        this.body(c, n);
        return;
      case 'other':
        this.sink.line?.({ line: n, level: 'info', category: null, depth: 0, text: c.text, time: null }, this.section?.index ?? null);
        return;
    }
  }

  end(): void {
    if (this.inHeader) this.endHeader();
    this.closeAll();
    this.endSection();
  }

  private endHeader(): void {
    this.inHeader = false;
    if (this.header) this.sink.header?.(this.header);
  }

  private plain(c: Classified, n: number): void {
    if (c.type === 'body') this.sink.line?.({ line: n, level: c.level, category: c.category, depth: c.depth, text: c.text, time: c.time }, this.section?.index ?? null);
    else if (c.type === 'headerValue') this.sink.line?.({ line: n, level: 'info', category: null, depth: 0, text: `${c.key} = ${c.value}`, time: null }, this.section?.index ?? null);
    else if (c.type === 'cmd') this.sink.line?.({ line: n, level: 'info', category: 'cmd', depth: 0, text: c.command, time: null }, this.section?.index ?? null);
  }

  private openSection(n: number, title: string, format: 'dev' | 'xp'): void {
    this.closeAll();
    this.endSection();
    const dash = title.indexOf(' - ');
    this.section = {
      index: this.sections++,
      file: this.file,
      line: n,
      title,
      kind: dash < 0 ? title : title.slice(0, dash),
      instance: dash < 0 ? null : title.slice(dash + 3),
      start: null,
      end: null,
      exitStatus: null,
      cmd: null,
      difBlocks: 0,
      boot: this.bootTime,
      format,
    };
  }

  private endSection(): void {
    if (!this.section) return;
    const s = this.section;
    this.section = null;
    this.sink.section?.(s);
  }

  // DIF blocks ------------------------------------------------------------------------------

  private newBlock(dif: string | null, n: number, depth: number, started: boolean, time: string | null, format: 'dev' | 'xp'): DifBlock {
    if (this.section) this.section.difBlocks += 1;
    return {
      dif,
      file: this.file,
      line: n,
      endLine: null,
      depth,
      format,
      startTime: time,
      endTime: null,
      exit: null,
      started,
      list: [],
      exported: [],
      noClassInstaller: null,
      steps: [],
      section: this.section?.index ?? null,
    };
  }

  private top(): Open | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Opens a block as the child of the innermost open block (if any). */
  private pushBlock(block: DifBlock, n: number): void {
    const parent = this.top();
    if (parent) {
      const call = parent.calls[parent.calls.length - 1];
      const step: BlockStep = { kind: 'nested', line: n, within: call ? call.kind : null, block };
      parent.block.steps.push(step);
    }
    this.stack.push({ block, calls: [] });
  }

  /** Pops the innermost block; a block with no parent goes to the sink. */
  private popBlock(): void {
    const open = this.stack.pop()!;
    if (this.stack.length === 0) this.sink.block?.(open.block);
  }

  private closeAll(): void {
    this.closeXp();
    while (this.stack.length > 0) {
      this.top()!.block.unterminated = true;
      this.popBlock();
    }
  }

  /** Blocks that cannot contain a line at this depth are over (their end was not logged). */
  private popShallower(depth: number): void {
    while (this.stack.length > 0 && this.top()!.block.depth >= depth) {
      this.top()!.block.unterminated = true;
      this.popBlock();
    }
  }

  private body(c: Extract<Classified, { type: 'body' }>, n: number): void {
    const text = c.text;
    let m: RegExpExecArray | null;
    if (text.charCodeAt(0) === 123 /* { */) {
      if ((m = DIF_OPEN.exec(text))) {
        this.popShallower(c.depth);
        this.pushBlock(this.newBlock(m[1], n, c.depth, true, c.time, 'dev'), n);
        return;
      }
      if ((m = DIF_CLOSE.exec(text))) {
        this.closeDif(m[1], hex8(m[2]), n, c.depth, c.time);
        return;
      }
      if ((m = BLOCK_OPEN.exec(text)) && !/exit|- Complete$/i.test(m[1])) {
        const call = this.innermostCall();
        if (call && (call.kind === 'class' || call.kind === 'default')) call.work.push(m[1].replace(/ - .*$/, '').replace(/:.*$/, '').trim());
      }
      this.plain(c, n);
      return;
    }
    const step = installerStep(text);
    if (step) {
      this.step(step, n, c.depth, c.time);
      return;
    }
    const open = this.top();
    if (open && c.depth > open.block.depth) {
      const b = open.block;
      if ((m = EXPORTED.exec(text))) return void b.exported.push({ fn: m[1], module: m[2], line: n });
      if ((m = CLASS_ENTRY.exec(text))) return void b.list.push({ role: 'class', dll: m[1].trim(), entry: m[2]?.trim() ?? null, line: n });
      if ((m = CO_ENTRY.exec(text))) return void b.list.push({ role: 'co', n: Number(m[1]), dll: m[2].trim(), entry: m[3]?.trim() ?? null, line: n });
      if ((m = NO_CLASS.exec(text))) return void (b.noClassInstaller = m[1]);
    } else if (!open && (NO_CLASS.test(text) || CO_ENTRY.test(text) || CLASS_ENTRY.test(text))) {
      // The excerpt starts inside a block: open it implicitly.
      const b = this.newBlock(null, n, Math.max(0, c.depth - 1), false, null, 'dev');
      this.pushBlock(b, n);
      this.body(c, n - 0);
      return;
    }
    this.plain(c, n);
  }

  private innermostCall(): InstallerStep | undefined {
    const open = this.top();
    return open?.calls[open.calls.length - 1];
  }

  private closeDif(dif: string, exit: string, n: number, depth: number, time: string | null): void {
    let i = this.stack.length - 1;
    while (i >= 0 && this.stack[i].block.dif !== dif && this.stack[i].block.dif !== null) i--;
    if (i < 0) {
      // An end with no start: the excerpt begins inside this block, and it saw nothing of it.
      this.popShallower(depth);
      const b = this.newBlock(dif, n, depth, false, null, 'dev');
      this.pushBlock(b, n);
      i = this.stack.length - 1;
    }
    while (this.stack.length - 1 > i) {
      this.top()!.block.unterminated = true;
      this.popBlock();
    }
    const b = this.top()!.block;
    b.dif = dif;
    b.exit = exit;
    b.endLine = n;
    b.endTime = time;
    this.popBlock();
  }

  private step(step: Step, n: number, depth: number, time: string | null): void {
    if (this.stack.length > 0 && this.top()!.block.depth >= depth) this.popShallower(depth);
    let open = this.top();
    if (!open) {
      const b = this.newBlock(null, n, Math.max(0, depth - 1), false, null, 'dev');
      this.pushBlock(b, n);
      open = this.top()!;
    }
    this.applyStep(open, step, n, time);
  }

  private applyStep(open: Open, step: Step, n: number, time: string | null): void {
    const same = (s: InstallerStep) => s.kind === step.kind && s.n === step.n;
    if (step.what === 'Enter') {
      const s: InstallerStep = { kind: step.kind, ...(step.n !== undefined ? { n: step.n } : {}), line: n, time, entered: true, closed: false, work: [] };
      open.block.steps.push(s);
      open.calls.push(s);
      return;
    }
    let k = open.calls.length - 1;
    while (k >= 0 && !same(open.calls[k])) k--;
    let s: InstallerStep;
    if (k >= 0) {
      s = open.calls[k];
      open.calls.splice(k);
    } else {
      // The excerpt starts inside this call.
      s = { kind: step.kind, ...(step.n !== undefined ? { n: step.n } : {}), line: n, time: null, entered: false, closed: false, work: [] };
      open.block.steps.push(s);
    }
    s.closed = true;
    if (step.what === 'failed') s.failed = step.code ?? '0x00000000';
  }

  // XP / 2003 setupapi.log -------------------------------------------------------------------

  /** XP messages log only one end of a call: the call is taken as entered. */
  private xpStep(open: Open, step: Step, n: number, time: string | null): void {
    this.applyStep(open, step, n, time);
    for (const s of open.block.steps) if (s.kind !== 'nested') s.entered = true;
  }

  private closeXp(): void {
    if (!this.xp) return;
    const b = this.xp.block;
    this.xp = null;
    b.unterminated = true;
    this.sink.block?.(b);
  }

  private xpLine(c: Extract<Classified, { type: 'xp' }>, n: number): void {
    let m: RegExpExecArray | null;
    if (c.id === 166 && (m = XP_DIF.exec(c.text))) {
      this.closeXp();
      const block = this.newBlock(m[1], n, 0, true, c.time, 'xp');
      this.xp = { block, calls: [] };
      return;
    }
    const open = this.xp;
    if (open) {
      if ((c.id === 149 || c.id === 150) && (m = XP_CO.exec(c.text))) {
        const n2 = Number(m[2]);
        const last = open.block.steps[open.block.steps.length - 1];
        const pre = last && last.kind === 'pre' && last.n === n2 ? (last as InstallerStep) : null;
        if (m[1] === 'Executing') this.xpStep(open, { kind: 'pre', n: n2, what: 'Enter' }, n, c.time);
        else if (pre) pre.closed = true;
        else this.xpStep(open, { kind: 'pre', n: n2, what: 'Exit' }, n, c.time);
        return;
      }
      if (c.id === 153) return this.xpStep(open, { kind: 'class', what: 'Exit' }, n, c.time);
      if (c.id === 154) {
        const code = /0x([0-9a-fA-F]+)/.exec(c.text);
        return this.xpStep(open, { kind: 'class', what: 'failed', code: hex8(code ? code[1] : '0') }, n, c.time);
      }
      if (c.id === 155) return this.xpStep(open, { kind: 'default', what: 'Enter' }, n, c.time);
      if (c.id === 156) return this.xpStep(open, { kind: 'default', what: 'Exit' }, n, c.time);
    }
    this.sink.line?.({ line: n, level: c.kind === 'E' ? 'error' : c.kind === 'W' ? 'warning' : 'info', category: `#${c.kind}${String(c.id).padStart(3, '0')}`, depth: 0, text: c.text, time: c.time }, this.section?.index ?? null);
  }
}
