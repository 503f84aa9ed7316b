/**
 * Models: [Manufacturer] entries, their platform-decorated models sections, and the device lines
 * in them (`device-description = install-section-name [,hw-id] [,compatible-id]…`,
 * learn.microsoft.com .../install/inf-models-section). Lines with the same manufacturer,
 * description and install section are one model with several hardware IDs.
 * An INF without [Manufacturer] (a documentation fragment) offers the install sections of its
 * `*.CoInstallers` sections instead: a documented choice.
 */
import type { ParsedInf } from './parse.js';
import { chooseDecoration, parseDecoration, type Decoration, type Target } from './platform.js';

export interface ModelCandidate {
  readonly manufacturer: string;
  readonly description: string;
  /** The install section named by the models line (undecorated base name). */
  readonly installSection: string;
  readonly hardwareIds: string[];
  readonly modelsSection: string;
  readonly line: number;
  readonly column: number;
  /** From a `*.CoInstallers` section of an INF without [Manufacturer]. */
  readonly fragment: boolean;
}

const DECORATED = /\.nt(x86|amd64|ia64|arm64|arm)?$/i;

export function collectModels(inf: ParsedInf, target: Target): ModelCandidate[] {
  const manufacturer = inf.section('Manufacturer');
  const out: ModelCandidate[] = [];
  if (!manufacturer) {
    const bases = new Map<string, string>();
    for (const section of inf.lexed.sections.values()) {
      const m = /^(.*)\.coinstallers$/i.exec(section.name);
      if (!m || m[1] === '') continue;
      const base = m[1].replace(DECORATED, '');
      if (!bases.has(base.toLowerCase())) bases.set(base.toLowerCase(), base);
    }
    for (const base of bases.values()) {
      const where = inf.where(inf.section(`${base}.CoInstallers`)?.offset ?? 0);
      out.push({ manufacturer: '', description: base, installSection: base, hardwareIds: [], modelsSection: '', ...where, fragment: true });
    }
    if (out.length > 0) inf.sink.add(inf.file, 1, 1, 'no-manufacturer', `no [Manufacturer] section: the install section${out.length === 1 ? '' : 's'} of ${out.map((c) => `[${c.installSection}.CoInstallers]`).join(', ')} ${out.length === 1 ? 'is' : 'are'} offered as model${out.length === 1 ? '' : 's'}`);
    return out;
  }
  const groups = new Map<string, ModelCandidate>();
  for (const line of manufacturer.lines) {
    const name = inf.value(line.key ?? line.fields[0]);
    const base = inf.value(line.fields[0]).trim();
    if (base === '') continue;
    // `NT$ARCH$` (an .inx template) is read as the target architecture, as stampinf would write it;
    // the section keeps its written name.
    const decorations: Decoration[] = [];
    const written = new Map<Decoration, string>();
    for (const token of line.key ? line.fields.slice(1) : []) {
      const raw = inf.value(token).trim();
      const d = parseDecoration(raw.replace(/\$ARCH\$/gi, target.arch));
      if (d) {
        decorations.push(d);
        written.set(d, raw);
      }
    }
    const chosen = chooseDecoration(decorations, target);
    const at = inf.where(line.offset);
    let sectionName = chosen ? `${base}.${written.get(chosen) ?? chosen.text}` : base;
    if (!chosen && (decorations.length > 0 || target.arch !== 'x86')) {
      const listed = decorations.length ? decorations.map((d) => d.text).join(', ') : 'none';
      const fallback = inf.section(base) ? `; the undecorated [${base}] is used here, though Windows would not use it` : '';
      inf.sink.add(inf.file, at.line, at.column, 'no-models-for-platform', `no decoration of "${base}" matches Windows 10 on ${target.arch} (listed: ${listed})${fallback}`);
      if (!inf.section(base)) continue;
      sectionName = base;
    }
    const models = inf.section(sectionName);
    if (!models) {
      inf.sink.add(inf.file, at.line, at.column, 'unknown-section', `models section [${sectionName}] is referenced here but not defined`);
      continue;
    }
    for (const device of models.lines) {
      if (!device.key) continue;
      const description = inf.value(device.key);
      const install = inf.value(device.fields[0]).trim();
      if (install === '') continue;
      const ids = device.fields.slice(1).map((f) => inf.value(f).trim()).filter((id) => id !== '');
      const id = `${name}\0${description}\0${install}`.toLowerCase();
      const existing = groups.get(id);
      if (existing) {
        for (const hw of ids) if (!existing.hardwareIds.some((h) => h.toLowerCase() === hw.toLowerCase())) existing.hardwareIds.push(hw);
        continue;
      }
      const where = inf.where(device.offset);
      const candidate: ModelCandidate = { manufacturer: name, description, installSection: install, hardwareIds: ids, modelsSection: models.name, ...where, fragment: false };
      groups.set(id, candidate);
      out.push(candidate);
    }
  }
  return out;
}

export type ModelChoice =
  | { readonly kind: 'chosen'; readonly model: ModelCandidate; readonly hardwareId: string | undefined }
  | { readonly kind: 'none' }
  | { readonly kind: 'choose'; readonly reason: string; readonly candidates: readonly ModelCandidate[] };

export function chooseModel(candidates: readonly ModelCandidate[], options: { model?: string; hwid?: string }): ModelChoice {
  if (options.hwid !== undefined) {
    const wanted = options.hwid.toLowerCase();
    const model = candidates.find((c) => c.hardwareIds.some((h) => h.toLowerCase() === wanted));
    if (!model) return { kind: 'choose', reason: `no model has hardware ID "${options.hwid}"`, candidates };
    return { kind: 'chosen', model, hardwareId: model.hardwareIds.find((h) => h.toLowerCase() === wanted) };
  }
  if (options.model !== undefined) {
    const wanted = options.model.toLowerCase();
    const matching = candidates.filter((c) => c.description.toLowerCase() === wanted || c.installSection.toLowerCase() === wanted);
    if (matching.length === 1) return { kind: 'chosen', model: matching[0], hardwareId: matching[0].hardwareIds[0] };
    return { kind: 'choose', reason: matching.length === 0 ? `no model "${options.model}"` : `several models match "${options.model}": use --hwid`, candidates: matching.length ? matching : candidates };
  }
  if (candidates.length === 0) return { kind: 'none' };
  if (candidates.length === 1) return { kind: 'chosen', model: candidates[0], hardwareId: candidates[0].hardwareIds[0] };
  return { kind: 'choose', reason: `${candidates.length} models: choose one with --model or --hwid`, candidates };
}
