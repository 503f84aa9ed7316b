/**
 * The recorded state counts of docs/invariants.md (between `<!-- STATES:BEGIN -->` and
 * `<!-- STATES:END -->`): what `devinst explore` reaches at its default bounds, per profile. The
 * section is generated here; test/explore/stateCounts.test.ts fails when the counts change and the
 * docs do not, and `npm run bench -- --only states --write` rewrites it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { difLabel, parseDif } from '../../domain/codes.js';
import { PROFILE_NAMES } from '../../domain/profiles.js';
import { DISPATCH_INVARIANTS } from '../../invariants/index.js';
import { DEFAULT_DIF } from '../../host/runDif.js';
import { exploreDispatch } from './dispatchExplorer.js';
import { codeText, DEFAULT_DISPATCH_BOUNDS } from './dispatchSpace.js';

export const STATES_BEGIN = '<!-- STATES:BEGIN -->';
export const STATES_END = '<!-- STATES:END -->';
export const STATES_FILE = 'docs/invariants.md';

const fmt = (n: number) => n.toLocaleString('en-US');

/** The section's text (without the markers). */
export function statesSection(): string {
  const dif = parseDif(DEFAULT_DIF);
  const b = DEFAULT_DISPATCH_BOUNDS;
  const lines = [
    '',
    '## State counts',
    '',
    `What \`devinst explore --profile P\` reaches at its default bounds: ${difLabel(dif)}; 0–${b.maxClassCoInstallers} class and 0–${b.maxDeviceCoInstallers} device co-installers, a class installer or none,`,
    `DI_NODI_DEFAULTACTION set or clear, a device or none; every call answered with each of ${b.codes.map(codeText).join(', ')}`,
    '(postprocessing also "propagate"), a co-installer storing its index as PrivateData or nothing. A state is the',
    'configuration, the waiting machine state, the dispatch fields a later step reads, and the ghost state of every',
    `registered dispatch invariant (${DISPATCH_INVARIANTS.length}: ${DISPATCH_INVARIANTS.map((i) => i.name).join(', ')}), so the counts change when`,
    'the model or the catalogue does. `test/explore/stateCounts.test.ts` fails until this section is regenerated with',
    '`npm run bench -- --only states --write`.',
    '',
    '| profile | configurations | distinct states | transitions | final states | depth | invariants that hold |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const profile of PROFILE_NAMES) {
    const r = exploreDispatch({ profile, dif, bounds: b });
    const held = r.results.filter((x) => x.failure === null).length;
    lines.push(`| ${profile} | ${r.configurations} | ${fmt(r.distinctStates)} | ${fmt(r.transitions)} | ${fmt(r.finalStates)} | ${r.depth} | ${held} of ${r.results.length} |`);
  }
  lines.push('');
  return lines.join('\n');
}

/** The section as docs/invariants.md has it now (null: no markers). */
export function recordedStatesSection(file = STATES_FILE): string | null {
  const doc = readFileSync(file, 'utf8');
  const from = doc.indexOf(STATES_BEGIN);
  const to = doc.indexOf(STATES_END);
  if (from < 0 || to < from) return null;
  return doc.slice(from + STATES_BEGIN.length, to);
}

export function writeStatesSection(file = STATES_FILE): void {
  const doc = readFileSync(file, 'utf8');
  const from = doc.indexOf(STATES_BEGIN);
  const to = doc.indexOf(STATES_END);
  if (from < 0 || to < from) throw new Error(`${file} has no ${STATES_BEGIN} … ${STATES_END} section`);
  writeFileSync(file, doc.slice(0, from + STATES_BEGIN.length) + statesSection() + doc.slice(to));
}
