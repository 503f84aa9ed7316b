/**
 * The catalogue table of docs/invariants.md, rendered from src/invariants/ (names, sentences,
 * sources, machines, profile expectations) and the property files that check each invariant.
 */
import { expectationOf } from '../../src/invariants/expectations.js';
import { DISPATCH_INVARIANTS, JOURNAL_INVARIANTS, LIFECYCLE_INVARIANTS } from '../../src/invariants/index.js';

export const CATALOGUE_BEGIN = '<!-- CATALOGUE:BEGIN -->';
export const CATALOGUE_END = '<!-- CATALOGUE:END -->';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

export interface CatalogueEntry {
  readonly name: string;
  readonly sentence: string;
  readonly source: string;
  readonly machine: string;
  readonly file: string;
  readonly kind: 'dispatch' | 'lifecycle' | 'journal';
}

export function catalogueEntries(): CatalogueEntry[] {
  return [
    ...DISPATCH_INVARIANTS.map((i) => ({ ...pick(i), kind: 'dispatch' as const, file: 'properties/invariants.dispatch.property.ts' })),
    ...LIFECYCLE_INVARIANTS.map((i) => ({ ...pick(i), kind: 'lifecycle' as const, file: 'properties/invariants.lifecycle.property.ts' })),
    ...JOURNAL_INVARIANTS.map((i) => ({ ...pick(i), kind: 'journal' as const, file: 'properties/journal.property.ts' })),
  ];
}

function pick(i: { name: string; sentence: string; source: string; machine: string }) {
  return { name: i.name, sentence: i.sentence, source: i.source, machine: i.machine };
}

function verdicts(entry: CatalogueEntry): string[] {
  if (entry.kind === 'journal') return ['holds', 'holds', 'holds'];
  return (['windows', 'reactos', 'wine'] as const).map((p) => expectationOf(entry.name, p).expectation);
}

export function renderCatalogue(): string {
  const rows = catalogueEntries().map((e, n) => {
    const [windows, reactos, wine] = verdicts(e).map((v) => (v === 'breaks' ? '**breaks**' : 'holds'));
    const test = `\`${e.file}\` › "${e.name}: …"`;
    return `| ${n + 1} | **${e.name}** | ${cell(e.sentence)} | ${cell(e.source)} | ${e.machine} | ${test} | ${windows} | ${reactos} | ${wine} |`;
  });
  return [
    CATALOGUE_BEGIN,
    '| # | Name | Sentence | Source | Machine | Property test (file › title) | windows | reactos | wine |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    CATALOGUE_END,
  ].join('\n');
}
