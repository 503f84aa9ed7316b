/**
 * Checks over the whole INF: sections referenced but not defined, and Microsoft's rules about
 * co-installers and class installers (each finding names its page in findings.ts).
 */
import type { ParsedInf } from './parse.js';
import type { Located } from './installers.js';
import { systemClassName, systemClassNamed } from './systemClasses.js';

/**
 * Directives whose values name sections of the same INF; AddService names one in its third field
 * (inf-addservice-directive), AddInterface in its third (inf-addinterface-directive).
 */
const SECTION_LISTS = ['addreg', 'delreg', 'bitreg', 'copyfiles', 'delfiles', 'renfiles', 'updateinis', 'updateinifields', 'ini2reg', 'addproperty', 'delproperty', 'logconfig'];
const THIRD_FIELD = ['addservice', 'addinterface'];

const hasPlaceholder = (text: string) => /\$[A-Z][A-Z0-9_]+\$|@[A-Z][A-Z0-9_]+@|#[A-Z][A-Z0-9_]+#/.test(text);

/**
 * `includedSection(name)`: the section is in an included INF found beside this one;
 * `includeMissing(file)`: an Include= names an INF not beside this one (already an info finding,
 * so the Needs= of that section are not reported again).
 */
export function checkReferences(inf: ParsedInf, includedSection: (name: string) => boolean, includeMissing: (file: string) => boolean = () => false): void {
  for (const section of inf.lexed.sections.values()) {
    const lowerName = section.name.toLowerCase();
    if (lowerName === 'strings' || lowerName.startsWith('strings.') || lowerName === 'version' || lowerName.startsWith('sourcedisks') || lowerName === 'destinationdirs') continue;
    let missingInclude: boolean | undefined; // computed once per section, when a Needs= asks
    for (const line of section.lines) {
      if (!line.key) continue;
      const key = inf.value(line.key).trim().toLowerCase();
      const isList = SECTION_LISTS.includes(key);
      const tokens = isList ? line.fields : THIRD_FIELD.includes(key) ? line.fields.slice(2, 3) : key === 'needs' ? line.fields : [];
      for (const token of tokens) {
        const name = inf.value(token).trim();
        if (name === '' || hasPlaceholder(token.text) || (key === 'copyfiles' && name.startsWith('@'))) continue;
        if (inf.section(name) || (key === 'needs' && includedSection(name))) continue;
        if (key === 'needs' && (missingInclude ??= inf.directive(section, 'Include').some(({ value }) => includeMissing(value.trim())))) continue;
        const at = inf.where(token.offset);
        const extra = key === 'needs' ? ' (nor in an included INF found beside this one)' : '';
        inf.sink.add(inf.file, at.line, at.column, 'unknown-section', `[${name}] is referenced here (${inf.value(line.key).trim()}=) but not defined${extra}`);
      }
    }
  }
}

/** File names the package carries: CopyFiles lists (and @file) and [SourceDisksFiles*] entries. */
export function packageFiles(inf: ParsedInf): Set<string> {
  const files = new Set<string>();
  const listed = new Set<string>();
  const add = (name: string) => {
    const base = name.trim().split(/[\\/]/).pop() ?? '';
    if (base !== '') files.add(base.toLowerCase());
  };
  for (const section of inf.lexed.sections.values()) {
    const lower = section.name.toLowerCase();
    if (lower === 'sourcedisksfiles' || lower.startsWith('sourcedisksfiles.')) {
      for (const line of section.lines) add(inf.value(line.key ?? line.fields[0]));
      continue;
    }
    for (const { value } of inf.directive(section, 'CopyFiles')) {
      if (value.trim().startsWith('@')) add(value.trim().slice(1));
      else {
        // Each file list is read once, however many sections name it (linear time).
        if (listed.has(value.trim().toLowerCase())) continue;
        listed.add(value.trim().toLowerCase());
        const list = inf.section(value.trim());
        for (const line of list?.lines ?? []) {
          add(inf.value(line.key ?? line.fields[0]));
          if (line.fields[1] && !line.key) add(inf.value(line.fields[1]));
        }
      }
    }
  }
  return files;
}

const dllOf = (name: string) => (name.split(',')[0] ?? '').trim();

export function checkInstallerFiles(inf: ParsedInf, installers: readonly { who: string; at: Located }[], files: ReadonlySet<string>): void {
  for (const { who, at } of installers) {
    const dll = dllOf(at.name);
    const base = (dll.split(/[\\/]/).pop() ?? '').toLowerCase();
    if (base === '' || files.has(base)) continue;
    inf.sink.add(
      at.file,
      at.line,
      at.column,
      'installer-file-not-in-package',
      `${who} ${dll} is not in any CopyFiles list or [SourceDisksFiles] section: it would be loaded from outside the signed driver package`,
    );
  }
}

export function checkMicrosoftRules(
  inf: ParsedInf,
  facts: { classCoInstallers: readonly Located[]; classInstaller: Located | undefined; classGuid: string | undefined; className: string | undefined; provider: string },
): void {
  let reportedSigning = false;
  for (const section of inf.lexed.sections.values()) {
    const lower = section.name.toLowerCase();
    const at = inf.where(section.offset);
    if (/^classinstall32(\.nt(x86|amd64|ia64|arm64|arm)?)?(\.services)?$/.test(lower)) {
      inf.sink.add(inf.file, at.line, at.column, 'universal-inf-section', `[${section.name}] is not valid in a universal INF or a Windows Driver package (infverif /u rejects it)`);
    }
    if (lower.endsWith('.coinstallers')) {
      inf.sink.add(inf.file, at.line, at.column, 'universal-inf-section', `[${section.name}] (DDInstall.CoInstallers) is not valid in a universal INF or a Windows Driver package (infverif /u rejects it)`);
      if (!reportedSigning) {
        reportedSigning = true;
        inf.sink.add(inf.file, at.line, at.column, 'no-signature-from-22h2', 'from Windows 11 version 22H2 a driver package with a DDInstall.CoInstallers section is no longer eligible for a signature from the Hardware Dev Center');
      }
    }
  }
  const cc = facts.classCoInstallers[0];
  if (cc && !reportedSigning) {
    inf.sink.add(cc.file, cc.line, cc.column, 'no-signature-from-22h2', 'from Windows 11 version 22H2 a driver package that registers co-installers is no longer eligible for a signature from the Hardware Dev Center');
  }
  const ci = facts.classInstaller;
  if (ci) {
    const system = (facts.classGuid && systemClassName(facts.classGuid)) || (!facts.classGuid && facts.className ? systemClassNamed(facts.className) : undefined);
    const microsoft = /^\s*microsoft\b/i.test(facts.provider);
    if (system && !microsoft) {
      inf.sink.add(
        ci.file,
        ci.line,
        ci.column,
        'class-installer-for-system-class',
        `a class installer (${ci.name}) for the system-defined class ${system}${facts.classGuid ? ` ${facts.classGuid}` : ''} from a non-Microsoft INF (Provider "${facts.provider}"): vendors supply co-installers for system classes, and [ClassInstall32] is processed only when the class is not installed yet, which a system class always is`,
      );
    }
  }
}
