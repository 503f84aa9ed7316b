/**
 * From a real installation section to a scenario that reproduces it: the device, the class
 * installer and co-installers (with their entry points, from the list lines), the answers the
 * log shows (inferred by the checker), the DIF sequence. Where the log leaves a choice open the
 * scenario's description says which was taken and what else would do.
 */
import { InputError } from '../errors.js';
import { checkBlock, type BlockResult } from './check.js';
import { osFromVersion } from './checkFiles.js';
import type { ParsedFile, ParsedSection } from './document.js';
import type { DifBlock, InstallerStep } from './types.js';

const CORE = ['DIF_SELECTBESTCOMPATDRV', 'DIF_ALLOW_INSTALL', 'DIF_INSTALLDEVICEFILES', 'DIF_REGISTER_COINSTALLERS', 'DIF_INSTALLINTERFACES', 'DIF_INSTALLDEVICE', 'DIF_NEWDEVICEWIZARD_FINISHINSTALL', 'DIF_DESTROYPRIVATEDATA'];

function pickSection(log: ParsedFile, options: { section?: number; device?: string }): ParsedSection {
  if (options.section !== undefined) {
    const s = log.sections.find((x) => x.index === options.section);
    if (!s) throw new InputError(`${log.file}: no section ${options.section} (it has ${log.sections.length})`);
    if (s.blocks.length === 0) throw new InputError(`${log.file}:${s.line}: section ${s.index} has no DIF blocks`);
    return s;
  }
  const candidates = log.sections.filter((s) => s.blocks.length > 0 && (!options.device || (s.instance ?? '').toLowerCase().includes(options.device.toLowerCase())));
  if (candidates.length === 0) throw new InputError(`${log.file}: no section with DIF blocks${options.device ? ` for device "${options.device}"` : ''}`);
  return candidates[0];
}

/** Blocks in the order their DIFs were sent (a nested one before the rest of its parent's calls). */
function inOrder(blocks: readonly DifBlock[]): DifBlock[] {
  const out: DifBlock[] = [];
  for (const b of blocks) {
    out.push(b);
    out.push(...inOrder(b.steps.flatMap((s) => (s.kind === 'nested' ? [s.block] : []))));
  }
  return out;
}

const one = <T>(items: readonly T[]): T | T[] => (items.every((x) => JSON.stringify(x) === JSON.stringify(items[0])) ? items[0] : [...items]);

export function scenarioFromLog(log: ParsedFile, options: { section?: number; device?: string } = {}): { scenario: Record<string, unknown>; notes: string[] } {
  const section = pickSection(log, options);
  const os = osFromVersion(log.header?.values['OS Version']) ?? 'win10';
  const all = inOrder(section.blocks);
  const results = new Map<DifBlock, BlockResult>();
  for (const b of all) results.set(b, checkBlock(b, { profile: 'windows', os })[0]);
  const notes: string[] = [];
  for (const [b, r] of results) if (r.verdict !== 'conforms') notes.push(`${log.file}:${b.line}: ${b.dif ?? 'DIF'} ${r.verdict}: ${r.reason}`);

  // Installers: names from the list lines, numbers from the calls.
  let className: string | null = null;
  const coNames = new Map<number, string>();
  let coCount = 0;
  for (const b of all) {
    for (const l of b.list) {
      if (l.role === 'class' && !className) className = l.entry ? `${l.dll},${l.entry}` : l.dll;
      if (l.role === 'co' && l.n && !coNames.has(l.n)) coNames.set(l.n, l.entry ? `${l.dll},${l.entry}` : l.dll);
    }
    for (const s of b.steps) if (s.kind !== 'nested' && s.n) coCount = Math.max(coCount, s.n);
    if (!className && b.steps.some((s) => s.kind === 'class')) className = 'classinstaller.dll,ClassInstall';
  }
  const top = section.blocks.map((b) => b.dif ?? '');
  const register = section.blocks.find((b) => b.dif === 'DIF_REGISTER_COINSTALLERS');
  const registersDevice = register?.steps.some((s) => s.kind === 'nested' && s.block.dif === 'DIF_DESTROYPRIVATEDATA') ?? false;
  const registerIndex = register ? section.blocks.indexOf(register) : -1;
  const calledBefore = new Set<number>();
  section.blocks.slice(0, registerIndex < 0 ? 0 : registerIndex).forEach((b) => b.steps.forEach((s) => s.kind !== 'nested' && s.n && calledBefore.add(s.n)));
  // Which co-installers are device co-installers: the log does not say (choice S1).
  let classCount: number;
  if (registersDevice) {
    classCount = 0;
    notes.push('DIF_REGISTER_COINSTALLERS sent a nested DIF_DESTROYPRIVATEDATA: device co-installers were registered; every co-installer is taken as a device co-installer (alternative: class co-installers plus a device co-installer the log never shows calling)');
  } else {
    classCount = registerIndex < 0 ? coCount : Math.max(0, ...[...calledBefore]);
    if (coCount > 0) notes.push(`co-installers 1–${classCount} are taken as class co-installers${classCount < coCount ? ', the rest as device co-installers registered by DIF_REGISTER_COINSTALLERS' : ''} (the log does not say which)`);
  }
  const sequenceMatchesCore = top.length === CORE.length && top.every((d, i) => d === CORE[i]);
  const registeredFromStart = registersDevice && calledBefore.size > 0;
  const sequence = sequenceMatchesCore ? (registeredFromStart ? 'reinstall' : 'hardware-first') : top;
  if (!sequenceMatchesCore) notes.push(`the DIFs (${top.join(', ')}) are not a named sequence: an explicit list (server side; docs/lifecycle.md choice L6)`);
  if (registeredFromStart) notes.push('device co-installers take part before DIF_REGISTER_COINSTALLERS: sequence "reinstall" (they were registered before)');

  // Answers per installer per DIF, in call order.
  type Answers = Map<string, { pre: string[]; post: string[] }>;
  const co: Answers[] = Array.from({ length: coCount }, () => new Map());
  const cls = new Map<string, { returns: string[]; effects: boolean }>();
  const defaults = new Map<string, string>();
  for (const b of all) {
    const r = results.get(b)!;
    const dif = b.dif;
    if (!dif || !r.inferred) continue;
    for (const c of r.inferred.coInstallers) {
      if (!b.steps.some((s) => s.kind === 'pre' && s.n === c.number)) continue;
      const m = co[c.number - 1];
      const entry = m.get(dif) ?? { pre: [], post: [] };
      entry.pre.push(c.pre);
      if (c.post) entry.post.push(c.post);
      m.set(dif, entry);
    }
    if (r.inferred.classInstaller && b.steps.some((s) => s.kind === 'class')) {
      const entry = cls.get(dif) ?? { returns: [], effects: false };
      entry.returns.push(r.inferred.classInstaller.returns);
      const classStep = b.steps.find((s): s is InstallerStep => s.kind === 'class');
      if (classStep && classStep.work.length > 0 && !b.steps.some((s) => s.kind === 'default')) entry.effects = true;
      cls.set(dif, entry);
    }
    if (r.inferred.defaultHandler && !['NO_ERROR', 'ERROR_DI_DO_DEFAULT'].includes(r.inferred.defaultHandler.result)) defaults.set(dif, r.inferred.defaultHandler.result);
  }
  const coInstaller = (i: number) => ({
    name: coNames.get(i + 1) ?? `coinstaller${i + 1}.dll`,
    on: Object.fromEntries(
      [...co[i].entries()].map(([dif, a]) => [dif, { pre: one(a.pre), ...(a.post.length > 0 ? { post: a.post[a.post.length - 1] } : {}) }]),
    ),
  });
  const cos = Array.from({ length: coCount }, (_, i) => coInstaller(i));
  const selectChanges = section.blocks.some((b) => b.dif === 'DIF_SELECTBESTCOMPATDRV' && b.steps.some((s) => s.kind === 'nested' && s.block.dif === 'DIF_DESTROYPRIVATEDATA'));
  const scenario: Record<string, unknown> = {
    name: `${section.kind} (${log.file}:${section.line})`,
    description: [`From ${log.file} section ${section.index} (line ${section.line}): ${section.title}.`, ...notes].join(' '),
    device: { description: all.find((b) => b.noClassInstaller)?.noClassInstaller ?? section.instance ?? 'device', ...(section.instance ? { hardwareId: section.instance } : {}) },
    profile: 'windows',
    os,
    sequence,
    ...(selectChanges ? { selectedDriverChangesClass: true } : {}),
    classCoInstallers: cos.slice(0, classCount),
    deviceCoInstallers: cos.slice(classCount),
    ...(className
      ? {
          classInstaller: {
            name: className,
            on: Object.fromEntries([...cls.entries()].map(([dif, a]) => [dif, { returns: one(a.returns), ...(a.effects ? { effects: ['callDefaultHandler'] } : {}) }])),
          },
        }
      : {}),
    ...(defaults.size > 0 ? { defaultHandlers: Object.fromEntries(defaults) } : {}),
  };
  return { scenario, notes };
}
