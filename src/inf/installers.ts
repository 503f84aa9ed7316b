/**
 * Where each installer list comes from in an INF:
 * - device co-installers: every AddReg line `HKR,,CoInstallers32,0x00010000,"dll[,entry]"…` of
 *   the chosen DDInstall.CoInstallers section and the sections its Needs= names
 *   (learn.microsoft.com .../install/inf-ddinstall-coinstallers-section,
 *   .../install/registering-a-device-specific-co-installer);
 * - class co-installers: AddReg lines writing the class GUID's value under
 *   HKLM\System\CurrentControlSet\Control\CoDeviceInstallers, REG_MULTI_SZ, 0x00010008 to append
 *   (.../install/registering-a-class-co-installer);
 * - the class installer: the Installer32 value an AddReg of [ClassInstall32] writes under HKR
 *   (.../install/inf-classinstall32-section, .../install/devpkey-deviceclass-classinstaller).
 */
import type { Token } from './lexer.js';
import type { ParsedInf } from './parse.js';
import { FLG_ADDREG_APPEND, FLG_ADDREG_NOCLOBBER, REG_ROOTS, isCoDeviceInstallersKey, isMultiSz, readAddReg } from './registry.js';

export interface Located {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A section with the INF it lives in (an included INF has its own strings). */
export interface SectionRef {
  readonly inf: ParsedInf;
  readonly name: string;
}

export interface Resolver {
  /** The section in this INF, else in the INFs the Include= entries of `from` name (when beside it). */
  find(name: string, from: SectionRef): SectionRef | undefined;
}

const located = (inf: ParsedInf, name: string, token: Token): Located => ({ name, ...inf.where(token.offset), file: inf.file });

/** Sections reached from `start` through Needs=, `start` first, each once. */
export function withNeeds(start: SectionRef, resolver: Resolver): SectionRef[] {
  const out: SectionRef[] = [];
  const seen = new Set<string>();
  const visit = (ref: SectionRef) => {
    const id = `${ref.inf.file}\0${ref.name.toLowerCase()}`;
    if (seen.has(id)) return;
    seen.add(id);
    const section = ref.inf.section(ref.name);
    if (!section) return;
    out.push(ref);
    for (const { value } of ref.inf.directive(section, 'Needs')) {
      const needed = resolver.find(value.trim(), ref);
      if (needed) visit(needed);
    }
  };
  visit(start);
  return out;
}

/**
 * AddReg sections named by the AddReg= entries of these sections, in order, each once: a second
 * reference writes the same values again, which leaves the registry as the first did.
 */
function addRegSections(refs: readonly SectionRef[]): SectionRef[] {
  const out: SectionRef[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    const section = ref.inf.section(ref.name);
    if (!section) continue;
    for (const { value } of ref.inf.directive(section, 'AddReg')) {
      const name = value.trim();
      const id = `${ref.inf.file}\0${name.toLowerCase()}`;
      if (seen.has(id) || !ref.inf.section(name)) continue;
      seen.add(id);
      out.push({ inf: ref.inf, name });
    }
  }
  return out;
}

function* addRegLines(refs: readonly SectionRef[]) {
  for (const ref of addRegSections(refs)) {
    for (const line of ref.inf.section(ref.name)?.lines ?? []) {
      const reg = readAddReg(ref.inf, line);
      if (reg.root !== '' && !REG_ROOTS.includes(reg.root)) {
        const at = ref.inf.where(line.offset);
        const written = ref.inf.value(line.key ?? line.fields[0]).trim();
        ref.inf.sink.add(ref.inf.file, at.line, at.column, 'unknown-registry-root', `"${written.slice(0, 40)}" is not a registry root (HKR, HKLM, HKCU, HKCR, HKU): the line is ignored`);
        continue;
      }
      yield reg;
    }
  }
}

const INSTALLER_STRING = /^\s*[^,\s][^,]*(,.*)?$/;

function acceptString(inf: ParsedInf, value: string, token: Token): boolean {
  if (INSTALLER_STRING.test(value)) return true;
  const at = inf.where(token.offset);
  inf.sink.add(inf.file, at.line, at.column, 'bad-installer-string', `"${value}" is not "dll[,entry]": no DLL name before the comma; not registered`);
  return false;
}

/** Device co-installers: CoInstallers32 strings in order. Lines are appended (documented choice). */
export function deviceCoInstallers(refs: readonly SectionRef[]): Located[] {
  const out: Located[] = [];
  const names = new Set<string>();
  let lastWriter: { file: string; line: number } | undefined;
  for (const reg of addRegLines(refs)) {
    if (reg.root !== 'HKR' || reg.subkey !== '' || reg.valueName.toLowerCase() !== 'coinstallers32') continue;
    const at = reg.inf.where(reg.line.offset);
    if (!isMultiSz(reg.flags)) {
      reg.inf.sink.add(reg.inf.file, at.line, at.column, 'coinstallers32-not-multi-sz', `CoInstallers32 is written with flags ${Number.isNaN(reg.flags) ? '(not a number)' : `0x${reg.flags.toString(16).padStart(8, '0')}`}: it must be REG_MULTI_SZ (0x00010000); not registered`);
      continue;
    }
    const append = (reg.flags & FLG_ADDREG_APPEND) !== 0;
    if (lastWriter && !append) {
      const effect = (reg.flags & FLG_ADDREG_NOCLOBBER) !== 0 ? `is ignored, since FLG_ADDREG_NOCLOBBER keeps what line ${lastWriter.line} wrote` : `replaces what line ${lastWriter.line} wrote`;
      reg.inf.sink.add(reg.inf.file, at.line, at.column, 'coinstallers32-replaced', `this line writes CoInstallers32 again without FLG_ADDREG_APPEND (0x00010008): in the registry it ${effect}; the scenario appends both, in order`);
    }
    for (const { value, token } of reg.values) {
      if (value.trim() === '') continue;
      // FLG_ADDREG_APPEND does not append a string the value already has (inf-addreg-directive).
      if (append && names.has(value.toLowerCase())) continue;
      if (!acceptString(reg.inf, value, token)) continue;
      out.push(located(reg.inf, value, token));
      names.add(value.toLowerCase());
    }
    lastWriter = { file: reg.inf.file, line: at.line };
  }
  return out;
}

const GUID = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/i;
export const isGuid = (text: string): boolean => GUID.test(text.trim());

/** Class co-installers registered for `classGuid` (all of them when the class is unknown). */
export function classCoInstallers(refs: readonly SectionRef[], classGuid: string | undefined): Located[] {
  const out: Located[] = [];
  const names = new Set<string>();
  for (const reg of addRegLines(refs)) {
    if (reg.root !== 'HKLM' || !isCoDeviceInstallersKey(reg.subkey)) continue;
    const at = reg.inf.where(reg.line.offset);
    const guid = reg.valueName;
    if (!isMultiSz(reg.flags)) {
      reg.inf.sink.add(reg.inf.file, at.line, at.column, 'class-coinstaller-not-append', `class co-installer value ${guid} is not written as REG_MULTI_SZ with FLG_ADDREG_APPEND (0x00010008); not registered`);
      continue;
    }
    if ((reg.flags & FLG_ADDREG_APPEND) === 0) {
      reg.inf.sink.add(reg.inf.file, at.line, at.column, 'class-coinstaller-not-append', `class co-installer registered with 0x${reg.flags.toString(16).padStart(8, '0')}, not 0x00010008: without FLG_ADDREG_APPEND it replaces every other class co-installer of the class`);
    }
    if (!isGuid(guid)) {
      reg.inf.sink.add(reg.inf.file, at.line, at.column, 'class-coinstaller-bad-guid', `"${guid}" is not a class GUID such as {4d36e972-e325-11ce-bfc1-08002be10318}${classGuid ? '' : '; the co-installer is kept because the INF names no class'}`);
      if (classGuid) continue;
    } else if (classGuid && guid.toLowerCase() !== classGuid.toLowerCase()) {
      reg.inf.sink.add(reg.inf.file, at.line, at.column, 'class-coinstaller-other-class', `registers class co-installers for ${guid}, not for this INF's class ${classGuid}: not part of this device's list`);
      continue;
    }
    for (const { value, token } of reg.values) {
      // SetupAPI never appends a DLL a class already lists (registering-a-class-co-installer).
      if (value.trim() === '' || names.has(value.toLowerCase())) continue;
      if (!acceptString(reg.inf, value, token)) continue;
      out.push(located(reg.inf, value, token));
      names.add(value.toLowerCase());
    }
  }
  return out;
}

/** The class installer: the last Installer32 value [ClassInstall32]'s AddReg writes under HKR. */
export function classInstaller(refs: readonly SectionRef[]): Located | undefined {
  let found: Located | undefined;
  for (const reg of addRegLines(refs)) {
    if (reg.root !== 'HKR' || reg.subkey !== '' || reg.valueName.toLowerCase() !== 'installer32') continue;
    const first = reg.values[0];
    if (!first || first.value.trim() === '') continue;
    if (acceptString(reg.inf, first.value, first.token)) found = located(reg.inf, first.value, first.token);
  }
  return found;
}

/** CoInstallers32 written from sections other than DDInstall.CoInstallers: Windows does not register those. */
export function misplacedCoInstallers(refs: readonly SectionRef[], coSection: string | undefined): void {
  for (const reg of addRegLines(refs)) {
    if (reg.root !== 'HKR' || reg.subkey !== '' || reg.valueName.toLowerCase() !== 'coinstallers32') continue;
    const at = reg.inf.where(reg.line.offset);
    reg.inf.sink.add(
      reg.inf.file,
      at.line,
      at.column,
      'coinstallers32-outside-coinstallers-section',
      `CoInstallers32 is written here, outside ${coSection ? `[${coSection}]` : 'a DDInstall.CoInstallers section'}: Windows registers device co-installers only from the DDInstall.CoInstallers section (DIF_REGISTER_COINSTALLERS); not in the scenario`,
    );
  }
}
