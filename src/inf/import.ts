/**
 * INF → scenario: the installers an INF declares for one device model, as a scenario document
 * valid against the scenario schema, plus findings. Never throws on any INF text.
 */
import type { ScenarioDocument } from '../scenario/schema.js';
import { FindingSink, sortFindings, type Finding } from './findings.js';
import { classCoInstallers, classInstaller, deviceCoInstallers, isGuid, misplacedCoInstallers, withNeeds, type Located, type Resolver, type SectionRef } from './installers.js';
import { chooseModel, collectModels, type ModelCandidate } from './models.js';
import { parseInf, type ParsedInf } from './parse.js';
import { defaultTarget, installSectionCandidates, type InfArch } from './platform.js';
import { checkInstallerFiles, checkMicrosoftRules, checkReferences, packageFiles } from './rules.js';

export interface InfSource {
  readonly file: string;
  readonly bytes: Uint8Array;
}

export interface ImportOptions {
  readonly model?: string;
  readonly hwid?: string;
  readonly arch?: InfArch;
  readonly locale?: number;
  /** Reads an INF named by Include= from the directory of the imported file; undefined if absent. */
  readonly readBeside?: (name: string) => InfSource | undefined;
}

export interface ImportSummary {
  readonly file: string;
  readonly encoding: string;
  readonly arch: InfArch;
  readonly className?: string;
  readonly classGuid?: string;
  readonly provider: string;
  readonly model?: ModelCandidate;
  readonly hardwareId?: string;
  readonly installSection?: string;
  readonly coInstallersSection?: string;
  readonly classInstaller?: Located;
  readonly classCoInstallers: readonly Located[];
  readonly deviceCoInstallers: readonly Located[];
}

export type ImportResult =
  | { readonly kind: 'scenario'; readonly document: ScenarioDocument; readonly summary: ImportSummary; readonly findings: readonly Finding[] }
  | { readonly kind: 'choose'; readonly reason: string; readonly candidates: readonly ModelCandidate[]; readonly findings: readonly Finding[] };

const first = (inf: ParsedInf, section: string, key: string): string | undefined => {
  const s = inf.section(section);
  return s ? inf.directive(s, key)[0]?.value.trim() : undefined;
};

const basename = (file: string) => file.split(/[\\/]/).pop() ?? file;

export function importInf(source: InfSource, options: ImportOptions = {}): ImportResult {
  const sink = new FindingSink();
  const arch = options.arch ?? 'amd64';
  const target = defaultTarget(arch);
  const inf = parseInf(source.bytes, source.file, { locale: options.locale, sink });

  // Include=: INFs beside this one, parsed once, their own findings not reported.
  const included = new Map<string, ParsedInf | null>();
  const includeInf = (name: string, from: SectionRef): ParsedInf | undefined => {
    const key = name.toLowerCase();
    if (!included.has(key)) {
      const found = options.readBeside?.(name);
      included.set(key, found ? parseInf(found.bytes, found.file, { locale: options.locale }) : null);
      if (!found) {
        const section = from.inf.section(from.name);
        const token = section?.lines.flatMap((l) => l.fields).find((t) => from.inf.value(t).trim().toLowerCase() === key);
        const at = from.inf.where(token?.offset ?? section?.offset ?? 0);
        from.inf.sink.add(from.inf.file, at.line, at.column, 'include-not-found', `${name} is not beside ${basename(from.inf.file)}: its sections (Needs=) are not followed (an inbox INF such as winusb.inf lives in %SystemRoot%\\INF, not beside the package)`);
      }
    }
    return included.get(key) ?? undefined;
  };
  const resolver: Resolver = {
    find(name, from) {
      if (from.inf.section(name)) return { inf: from.inf, name };
      const section = from.inf.section(from.name);
      for (const { value } of section ? from.inf.directive(section, 'Include') : []) {
        const other = includeInf(value.trim(), from);
        if (other?.section(name)) return { inf: other, name };
      }
      return undefined;
    },
  };
  // Every Include= is looked for, so a missing one is reported wherever it is.
  for (const section of inf.lexed.sections.values()) for (const { value } of inf.directive(section, 'Include')) includeInf(value.trim(), { inf, name: section.name });

  // [Version]
  if (!inf.section('Version')) sink.add(inf.file, 1, 1, 'missing-version', 'no [Version] section: Windows refuses an INF without [Version] and its Signature');
  else {
    const version = inf.section('Version')!;
    const signature = inf.directive(version, 'Signature')[0];
    if (!signature) sink.add(inf.file, inf.where(version.offset).line, 1, 'missing-version', '[Version] has no Signature ("$Windows NT$")');
    else if (!/^\$(windows nt|chicago|windows 95)\$$/i.test(signature.value.trim())) {
      const at = inf.where(signature.token.offset);
      sink.add(inf.file, at.line, at.column, 'missing-version', `Signature "${signature.value.trim()}" is not "$Windows NT$" (or "$Chicago$"): Windows refuses the file`);
    }
  }
  const className = first(inf, 'Version', 'Class') || undefined;
  const guidText = first(inf, 'Version', 'ClassGuid') || undefined;
  const classGuid = guidText && isGuid(guidText) ? guidText : undefined;
  if (guidText && !classGuid) {
    const version = inf.section('Version')!;
    const token = inf.directive(version, 'ClassGuid')[0].token;
    const at = inf.where(token.offset);
    sink.add(inf.file, at.line, at.column, 'bad-class-guid', `ClassGuid "${guidText}" is not a braced GUID`);
  }
  const provider = first(inf, 'Version', 'Provider') ?? '';

  // Model and its sections.
  const candidates = collectModels(inf, target);
  const choice = chooseModel(candidates, options);
  if (choice.kind === 'choose') {
    checkReferences(inf, () => false, (file) => included.get(file.toLowerCase()) === null);
    return { kind: 'choose', reason: choice.reason, candidates: choice.candidates, findings: sortFindings(sink.findings) };
  }
  const model = choice.kind === 'chosen' ? choice.model : undefined;
  let installSection: string | undefined;
  let coSection: string | undefined;
  if (model) {
    const names = installSectionCandidates(model.installSection, arch);
    installSection = names.map((n) => inf.section(n)?.name).find((n) => n !== undefined);
    if (!installSection && !model.fragment) {
      sink.add(inf.file, model.line, model.column, 'install-section-missing', `install section [${model.installSection}] (or a decorated ${names.slice(0, 2).map((n) => `[${n}]`).join(' or ')}) is not defined`);
    }
    const coBase = installSection ?? names.find((n) => inf.section(`${n}.CoInstallers`)) ?? model.installSection;
    coSection = inf.section(`${coBase}.CoInstallers`)?.name;
    for (const other of names) {
      const ignored = inf.section(`${other}.CoInstallers`);
      if (!ignored || ignored.name === coSection) continue;
      const at = inf.where(ignored.offset);
      sink.add(inf.file, at.line, at.column, 'ignored-coinstallers-section', `[${ignored.name}] is ignored: on ${arch} the install section chosen is [${installSection ?? coBase}], so only [${coBase}.CoInstallers] applies`);
    }
  }
  const pick = (base: string) => installSectionCandidates(base, arch).map((n) => inf.section(n)?.name).find((n) => n !== undefined);
  const classInstall = pick('ClassInstall32');
  const defaultInstall = pick('DefaultInstall');

  const refs = (name: string | undefined): SectionRef[] => (name ? withNeeds({ inf, name }, resolver) : []);
  const ci = classInstaller(refs(classInstall));
  const classCo = classCoInstallers(
    [...refs(defaultInstall), ...refs(classInstall), ...refs(installSection), ...refs(installSection ? `${installSection}.HW` : undefined), ...refs(coSection)],
    classGuid,
  );
  const deviceCo = coSection ? deviceCoInstallers(refs(coSection)) : [];
  misplacedCoInstallers([...refs(installSection), ...refs(installSection ? `${installSection}.HW` : undefined)], coSection);

  checkReferences(
    inf,
    (name) => [...included.values()].some((other) => other?.section(name)),
    (file) => included.get(file.toLowerCase()) === null,
  );
  const files = packageFiles(inf);
  // A Microsoft INF's installers ship with Windows (system32), so they are not looked for in its package.
  if (!/^\s*microsoft\b/i.test(provider)) checkInstallerFiles(inf, [...classCo.map((at) => ({ who: 'class co-installer', at })), ...deviceCo.map((at) => ({ who: 'co-installer', at })), ...(ci ? [{ who: 'class installer', at: ci }] : [])], files);
  checkMicrosoftRules(inf, { classCoInstallers: classCo, classInstaller: ci, classGuid, className, provider });

  const summary: ImportSummary = {
    file: inf.file,
    encoding: inf.encoding,
    arch,
    ...(className ? { className } : {}),
    ...(classGuid ? { classGuid } : {}),
    provider,
    ...(model ? { model } : {}),
    ...(choice.kind === 'chosen' && choice.hardwareId ? { hardwareId: choice.hardwareId } : {}),
    ...(installSection ? { installSection } : {}),
    ...(coSection ? { coInstallersSection: coSection } : {}),
    ...(ci ? { classInstaller: ci } : {}),
    classCoInstallers: classCo,
    deviceCoInstallers: deviceCo,
  };
  return { kind: 'scenario', document: toScenario(summary), summary, findings: sortFindings(sink.findings) };
}

function toScenario(s: ImportSummary): ScenarioDocument {
  // Without a model (a class co-installer INF, say) the device is one of the INF's class, if it names one.
  const device =
    s.model || s.classGuid || s.className
      ? {
          ...(s.model ? { description: s.model.description } : {}),
          ...(s.hardwareId ? { hardwareId: s.hardwareId } : {}),
          ...(s.classGuid ? { classGuid: s.classGuid } : {}),
          ...(s.className ? { className: s.className } : {}),
        }
      : undefined;
  const where = [s.model ? `model "${s.model.description}"` : 'no device model', s.installSection ? `[${s.installSection}]` : undefined, s.coInstallersSection ? `[${s.coInstallersSection}]` : undefined, s.arch]
    .filter(Boolean)
    .join(', ');
  return {
    name: `${basename(s.file)}${s.model ? `: ${s.model.description}` : ''}`,
    description: `Imported from ${basename(s.file)} by devinst inf import (${where}). Every installer answers as a well-behaved one does: co-installers NO_ERROR, the class installer ERROR_DI_DO_DEFAULT.`,
    ...(device ? { device } : {}),
    arch: s.arch === 'x86' ? 'x86' : 'x64',
    classCoInstallers: s.classCoInstallers.map((c) => ({ name: c.name })),
    deviceCoInstallers: s.deviceCoInstallers.map((c) => ({ name: c.name })),
    classInstaller: s.classInstaller ? { name: s.classInstaller.name } : null,
  };
}
