/**
 * The public catalogue (devinst/testing `invariants` and `rules`): every invariant of the model and
 * every installer guideline rule, by name, each with its sentence and the public sources it rests on.
 *
 * - An **invariant** is a law of the model itself (e.g. PostIsReverseOfPre): it breaks only when a
 *   profile or a planted bug makes Windows' dispatch behave otherwise.
 * - A **rule** is a Microsoft guideline an installer must follow (e.g. coinstaller-originated-do-default):
 *   the model runs what Windows would and records each breach as a violation.
 * Both are checked by `devinst explore <scenario>`, `checkInvariants` and the Jest matchers.
 */
import { LIFECYCLE_RULES } from '../domain/lifecycle/rules.js';
import { DISPATCH_RULES } from '../domain/violations.js';
import { DISPATCH_INVARIANTS, JOURNAL_INVARIANTS, LIFECYCLE_INVARIANTS } from './index.js';

export type CatalogueKind = 'dispatch' | 'lifecycle' | 'journal' | 'rule';

export interface CatalogueEntry {
  readonly name: string;
  /** dispatch / lifecycle / journal: an invariant of the model; rule: an installer guideline. */
  readonly kind: CatalogueKind;
  /** What must always hold (for a rule: what its breach is). */
  readonly sentence: string;
  /** The public sources, "; "-separated: MicrosoftDocs paths, ReactOS/Wine files, public logs, docs/ pages. */
  readonly source: string;
}

const EXPAND: readonly [RegExp, string][] = [
  [/^WDD /, 'MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/'],
  [/^SDK /, 'MicrosoftDocs/sdk-api sdk-api-src/content/setupapi/'],
  [/^Logs /, 'setupapi.dev.log: '],
];

/** A source line with the project's internal notes (reference-file sections, choice ids) left out and abbreviations spelled out. */
export function publicSource(source: string): string {
  return source
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '' && !/^(spec\.md|implementations\.md|style\.md|choices? [A-Z]\d)/.test(s))
    .map((s) => EXPAND.reduce((text, [pattern, full]) => text.replace(pattern, full), s))
    .join('; ');
}

function entries(): CatalogueEntry[] {
  const out: CatalogueEntry[] = [];
  for (const i of DISPATCH_INVARIANTS) out.push({ name: i.name, kind: 'dispatch', sentence: i.sentence, source: publicSource(i.source) });
  for (const i of LIFECYCLE_INVARIANTS) out.push({ name: i.name, kind: 'lifecycle', sentence: i.sentence, source: publicSource(i.source) });
  for (const i of JOURNAL_INVARIANTS) out.push({ name: i.name, kind: 'journal', sentence: i.sentence, source: publicSource(i.source) });
  return out;
}

function ruleEntries(): CatalogueEntry[] {
  const rules: Record<string, { summary: string; source: string }> = { ...DISPATCH_RULES, ...LIFECYCLE_RULES };
  return Object.entries(rules).map(([name, r]) => ({ name, kind: 'rule' as const, sentence: `An installer must not break this guideline; its breach: ${r.summary}.`, source: publicSource(r.source) }));
}

const byName = (list: CatalogueEntry[]) => Object.freeze(Object.fromEntries(list.map((e) => [e.name, Object.freeze(e)]))) as Readonly<Record<string, CatalogueEntry>>;

/** The model's invariants by name (dispatch, lifecycle, journal). */
export const INVARIANTS: Readonly<Record<string, CatalogueEntry>> = byName(entries());
/** The installer guideline rules by id. */
export const RULES: Readonly<Record<string, CatalogueEntry>> = byName(ruleEntries());

export function catalogueEntry(name: string): CatalogueEntry | undefined {
  return Object.hasOwn(INVARIANTS, name) ? INVARIANTS[name] : Object.hasOwn(RULES, name) ? RULES[name] : undefined;
}
