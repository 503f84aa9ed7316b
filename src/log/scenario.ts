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

  // The installer list's epochs (choice S2): the old class's list up to the DIF_SELECTBESTCOMPATDRV
  // whose default handler changed the class (it nests a DIF_DESTROYPRIVATEDATA), the new class's
  // list, and the list after DIF_REGISTER_COINSTALLERS registered device co-installers (it nests one too).
  const nestsDestroy = (b: DifBlock) => b.steps.some((s) => s.kind === 'nested' && s.block.dif === 'DIF_DESTROYPRIVATEDATA');
  const top = section.blocks.map((b) => b.dif ?? '');
  const selectIndex = section.blocks.findIndex((b) => b.dif === 'DIF_SELECTBESTCOMPATDRV' && nestsDestroy(b));
  const selectChanges = selectIndex >= 0;
  const registerIndex = section.blocks.findIndex((b) => b.dif === 'DIF_REGISTER_COINSTALLERS');
  const registersDevice = registerIndex >= 0 && nestsDestroy(section.blocks[registerIndex]);
  type Epoch = 'previous' | 'class' | 'registered';
  const epochOf = new Map<DifBlock, Epoch>();
  section.blocks.forEach((t, i) => {
    const epoch: Epoch = i <= selectIndex ? 'previous' : registersDevice && i > registerIndex ? 'registered' : 'class';
    for (const b of inOrder([t])) epochOf.set(b, epoch);
  });
  const listOf = (epoch: Epoch) => {
    let cls: string | null = null;
    let classCalled = false;
    const co = new Map<number, string>();
    let count = 0;
    for (const b of all) {
      if (epochOf.get(b) !== epoch) continue;
      for (const l of b.list) {
        const name = l.entry ? `${l.dll},${l.entry}` : l.dll;
        if (l.role === 'class' && cls === null) cls = name;
        if (l.role === 'co' && l.n && !co.has(l.n)) co.set(l.n, name);
      }
      for (const st of b.steps) {
        if (st.kind !== 'nested' && st.n) count = Math.max(count, st.n);
        if (st.kind === 'class') classCalled = true;
      }
    }
    return { cls, classCalled, co, count, names: Array.from({ length: count }, (_, i) => co.get(i + 1) ?? null) };
  };
  const lists = { previous: listOf('previous'), class: listOf('class'), registered: listOf('registered') };

  // Who "CoInstaller n" is in each epoch: a key into the installers the scenario declares.
  type Key = `prev:${number}` | `class:${number}` | `device:${number}`;
  const slots: Record<Epoch, Key[]> = { previous: [], class: [], registered: [] };
  const names = new Map<Key, string>();
  const newList = lists.class;
  const shownAfter = lists.registered.names.filter((n): n is string => n !== null);
  let classCount: number;
  let deviceCount = 0;
  let registeredFromStart = false;
  if (registersDevice && shownAfter.length === lists.registered.count && lists.registered.count > 0 && newList.names.every((n) => n !== null) && shownAfter.some((n) => !newList.names.includes(n))) {
    // The list reloaded after registration names its co-installers: the ones the new class's list
    // had are class co-installers, the others the device co-installers just registered.
    classCount = newList.count;
    slots.class = Array.from({ length: classCount }, (_, i) => `class:${i}` as const);
    for (const name of shownAfter) {
      const kept = newList.names.indexOf(name);
      if (kept >= 0) slots.registered.push(`class:${kept}`);
      else {
        const key = `device:${deviceCount++}` as const;
        names.set(key, name);
        slots.registered.push(key);
      }
    }
    const displaced = newList.names.filter((n) => !shownAfter.includes(n!));
    notes.push(
      `co-installers before DIF_REGISTER_COINSTALLERS are class co-installers, the ones its reloaded list adds are the device co-installers it registered${displaced.length > 0 ? ` (${displaced.join(', ')} no longer listed: the same DLL registered as a device co-installer is loaded once, docs/lifecycle.md choice L11)` : ''}`,
    );
  } else {
    // The log does not say which co-installers are device co-installers (choice S1).
    const coCount = Math.max(lists.class.count, lists.registered.count);
    const calledBefore = new Set<number>();
    section.blocks.slice(selectIndex + 1, registerIndex < 0 ? 0 : registerIndex).forEach((b) => b.steps.forEach((st) => st.kind !== 'nested' && st.n && calledBefore.add(st.n)));
    if (registersDevice) {
      classCount = 0;
      registeredFromStart = calledBefore.size > 0;
      notes.push('DIF_REGISTER_COINSTALLERS sent a nested DIF_DESTROYPRIVATEDATA: device co-installers were registered; every co-installer is taken as a device co-installer (alternative: class co-installers plus a device co-installer the log never shows calling)');
      if (registeredFromStart) notes.push('device co-installers take part before DIF_REGISTER_COINSTALLERS: sequence "reinstall" (they were registered before)');
    } else {
      classCount = registerIndex < 0 ? coCount : Math.max(0, ...[...calledBefore]);
      if (coCount > 0) notes.push(`co-installers 1–${classCount} are taken as class co-installers${classCount < coCount ? ', the rest as device co-installers registered by DIF_REGISTER_COINSTALLERS' : ''} (the log does not say which)`);
    }
    const byNumber = Array.from({ length: coCount }, (_, i): Key => (i < classCount ? `class:${i}` : `device:${i - classCount}`));
    deviceCount = coCount - classCount;
    slots.class = byNumber;
    slots.registered = byNumber;
    const named = new Map([...lists.class.co, ...lists.registered.co].reverse());
    byNumber.forEach((key, i) => named.has(i + 1) && names.set(key, named.get(i + 1)!));
  }
  if (selectChanges) slots.previous = Array.from({ length: lists.previous.count }, (_, i) => `prev:${i}` as const);
  for (let i = 0; i < classCount; i++) if (newList.co.has(i + 1)) names.set(`class:${i}`, newList.co.get(i + 1)!);
  lists.previous.co.forEach((name, n) => names.set(`prev:${n - 1}`, name));

  const sequenceMatchesCore = top.length === CORE.length && top.every((d, i) => d === CORE[i]);
  // No installer list loaded: Windows sends no closing DIF_DESTROYPRIVATEDATA (docs/lifecycle.md choice L10).
  const noList = all.every((b) => b.steps.every((st) => st.kind === 'nested' || st.kind === 'default'));
  const coreWithoutDestroy = noList && top.length === CORE.length - 1 && top.every((d, i) => d === CORE[i]);
  const sequence = sequenceMatchesCore || coreWithoutDestroy ? (registeredFromStart ? 'reinstall' : 'hardware-first') : top;
  if (coreWithoutDestroy) notes.push('no installer was loaded, so the sequence ends without DIF_DESTROYPRIVATEDATA (docs/lifecycle.md choice L10)');
  if (!sequenceMatchesCore && !coreWithoutDestroy) notes.push(`the DIFs (${top.join(', ')}) are not a named sequence: an explicit list (server side; docs/lifecycle.md choice L6)`);

  // Answers per installer per DIF, in call order.
  const co = new Map<Key, Map<string, { pre: string[]; post: string[] }>>();
  const cls = { previous: new Map<string, { returns: string[]; effects: boolean }>(), current: new Map<string, { returns: string[]; effects: boolean }>() };
  const defaults = new Map<string, string>();
  for (const b of all) {
    const r = results.get(b)!;
    const dif = b.dif;
    if (!dif || !r.inferred) continue;
    const epoch = epochOf.get(b) ?? 'class';
    for (const c of r.inferred.coInstallers) {
      if (!b.steps.some((st) => st.kind === 'pre' && st.n === c.number)) continue;
      const key = slots[epoch][c.number - 1];
      if (!key) continue;
      const m = co.get(key) ?? new Map<string, { pre: string[]; post: string[] }>();
      const entry = m.get(dif) ?? { pre: [], post: [] };
      entry.pre.push(c.pre);
      if (c.post) entry.post.push(c.post);
      m.set(dif, entry);
      co.set(key, m);
    }
    if (r.inferred.classInstaller && b.steps.some((st) => st.kind === 'class')) {
      const answers = epoch === 'previous' && selectChanges ? cls.previous : cls.current;
      const entry = answers.get(dif) ?? { returns: [], effects: false };
      entry.returns.push(r.inferred.classInstaller.returns);
      const classStep = b.steps.find((st): st is InstallerStep => st.kind === 'class');
      if (classStep && classStep.work.length > 0 && !b.steps.some((st) => st.kind === 'default')) entry.effects = true;
      answers.set(dif, entry);
    }
    if (r.inferred.defaultHandler && !['NO_ERROR', 'ERROR_DI_DO_DEFAULT'].includes(r.inferred.defaultHandler.result)) defaults.set(dif, r.inferred.defaultHandler.result);
  }
  const coInstaller = (key: Key, fallback: string) => ({
    name: names.get(key) ?? fallback,
    on: Object.fromEntries(
      [...(co.get(key) ?? new Map<string, { pre: string[]; post: string[] }>()).entries()].map(([dif, a]) => [dif, { pre: one(a.pre), ...(a.post.length > 0 ? { post: a.post[a.post.length - 1] } : {}) }]),
    ),
  });
  const classInstallerDoc = (name: string, answers: Map<string, { returns: string[]; effects: boolean }>) => ({
    name,
    on: Object.fromEntries([...answers.entries()].map(([dif, a]) => [dif, { returns: one(a.returns), ...(a.effects ? { effects: ['callDefaultHandler'] } : {}) }])),
  });
  const placeholder = 'classinstaller.dll,ClassInstall';
  const currentClassName = lists.class.cls ?? lists.registered.cls ?? (lists.class.classCalled || lists.registered.classCalled || (!selectChanges && lists.previous.classCalled) ? lists.previous.cls ?? placeholder : null);
  const classCoInstallers = Array.from({ length: classCount }, (_, i) => coInstaller(`class:${i}`, `coinstaller${i + 1}.dll`));
  const deviceCoInstallers = Array.from({ length: deviceCount }, (_, i) => coInstaller(`device:${i}`, `coinstaller${classCount + i + 1}.dll`));
  // The old class: the same installers as the new one (true), or its own (previousClass).
  let changesClass: unknown = undefined;
  if (selectChanges) {
    const prevName = lists.previous.classCalled ? lists.previous.cls ?? currentClassName ?? placeholder : null;
    const prevCos = slots.previous.map((key, i) => coInstaller(key, `coinstaller${i + 1}.dll`));
    const same = prevName === currentClassName && prevCos.length === classCount && prevCos.every((c, i) => c.name === classCoInstallers[i].name);
    if (same) {
      // One set of installers answers in both classes.
      for (const [dif, a] of cls.previous) cls.current.set(dif, a);
      changesClass = true;
    } else {
      changesClass = { previousClass: { classInstaller: prevName ? classInstallerDoc(prevName, cls.previous) : null, classCoInstallers: prevCos } };
      notes.push('selecting the driver changed the device\'s class (a nested DIF_DESTROYPRIVATEDATA in DIF_SELECTBESTCOMPATDRV) and the next DIF loaded another list: the installers before are the old class\'s (selectedDriverChangesClass.previousClass)');
    }
  }
  const guid = section.lines.map((l) => /^Class GUID of device (?:changed to|remains): (\{[0-9a-fA-F-]+\})\.?$/.exec(l.text)?.[1]).find((g) => g !== undefined);
  const scenario: Record<string, unknown> = {
    name: `${section.kind} (${log.file}:${section.line})`,
    description: [`From ${log.file} section ${section.index} (line ${section.line}): ${section.title}.`, ...notes].join(' '),
    device: {
      description: all.find((b) => b.noClassInstaller)?.noClassInstaller ?? section.instance ?? 'device',
      ...(section.instance ? { hardwareId: section.instance } : {}),
      ...(guid ? { classGuid: guid } : {}),
    },
    profile: 'windows',
    os,
    sequence,
    ...(changesClass !== undefined ? { selectedDriverChangesClass: changesClass } : {}),
    classCoInstallers,
    deviceCoInstallers,
    ...(currentClassName ? { classInstaller: classInstallerDoc(currentClassName, cls.current) } : {}),
    ...(defaults.size > 0 ? { defaultHandlers: Object.fromEntries(defaults) } : {}),
  };
  return { scenario, notes };
}
