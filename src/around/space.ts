/**
 * The space `devinst explore <scenario>` searches: the user's own scenario, with every installer's
 * answers varied over an alphabet (and, on request, the order of the co-installers,
 * DI_NODI_DEFAULTACTION, the OS and the profile). Everything else of the scenario (names, effects,
 * PrivateData, the device, other DIFs) stays as the user wrote it. A point of the space is one
 * choice per position; choice 0 of every position is the user's own scenario.
 *
 * The answer alphabets are in alphabets.ts; applying a point to the document in points.ts (which
 * imports this file's types, so it is imported from there, not re-exported here).
 */
import { difLabel, parseDif } from '../domain/codes.js';
import { OS_VERSIONS } from '../domain/difCodes.js';
import { SEQUENCE_NAMES, type SequenceName } from '../domain/lifecycle/types.js';
import { PROFILE_NAMES } from '../domain/profiles.js';
import { codeText } from './adapter.js';
import { answerChoices, codesIn, DOCUMENTED_ALPHABETS, ownAnswer, type Alphabets, type AnswerChoice, type Doc, type Entry, type Kind } from './alphabets.js';

export { DOCUMENTED_ALPHABETS, codesIn, keyFor, type Alphabets, type AnswerChoice, type Kind } from './alphabets.js';

export const VARY_AXES = ['answers', 'order', 'flags', 'os', 'profile'] as const;
export type VaryAxis = (typeof VARY_AXES)[number];

/** The DIF whose answers a `--sequence` exploration varies, besides those the scenario names for an installer. */
export const KEY_DIFS: Readonly<Record<SequenceName, string>> = {
  'hardware-first': 'DIF_INSTALLDEVICE',
  reinstall: 'DIF_INSTALLDEVICE',
  remove: 'DIF_REMOVE',
  properties: 'DIF_ADDPROPERTYPAGE_ADVANCED',
};

export type Position =
  | { readonly axis: 'answers'; readonly kind: Kind; readonly index: number; readonly installer: string; readonly dif: number; readonly choices: readonly AnswerChoice[] }
  | { readonly axis: 'order'; readonly kind: 'classCoInstallers' | 'deviceCoInstallers'; readonly choices: readonly (readonly number[])[] }
  | { readonly axis: 'flags'; readonly choices: readonly boolean[] }
  | { readonly axis: 'os' | 'profile'; readonly choices: readonly string[] };

export interface SpaceRequest {
  /** Dispatch one DIF (default: the scenario's "dif", else DIF_INSTALLDEVICE) … */
  readonly dif?: number;
  /** … or run the whole installation sequence. */
  readonly sequence?: SequenceName;
  /** Default: answers. */
  readonly vary?: readonly VaryAxis[];
  /** Replaces the documented alphabet (the scenario's own codes are still added). */
  readonly codes?: readonly number[];
}

export interface Space {
  readonly document: Doc;
  readonly mode: 'dispatch' | 'lifecycle';
  readonly dif: number;
  readonly sequence: SequenceName | null;
  readonly vary: readonly VaryAxis[];
  readonly alphabets: Alphabets;
  /** --codes was given: one alphabet for every role. */
  readonly customCodes: boolean;
  readonly positions: readonly Position[];
  /** Points in the space (the product of the positions' choice counts). */
  readonly size: number;
}


function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const rest of permutations(n - 1)) for (let at = 0; at <= rest.length; at++) out.push([...rest.slice(0, at), n - 1, ...rest.slice(at)]);
  const identity = Array.from({ length: n }, (_, i) => i);
  return [identity, ...out.filter((p) => p.some((v, i) => v !== i))];
}

function installers(doc: Doc): { kind: Kind; index: number; entry: Entry }[] {
  const out: { kind: Kind; index: number; entry: Entry }[] = [];
  for (const kind of ['classCoInstallers', 'deviceCoInstallers'] as const) ((doc[kind] as Entry[] | undefined) ?? []).forEach((entry, index) => out.push({ kind, index, entry }));
  const ci = doc.classInstaller as Entry | null | undefined;
  if (ci) out.push({ kind: 'classInstaller', index: 0, entry: ci });
  return out;
}

/** The DIFs whose answers vary for one installer. */
function difsOf(entry: Entry, space: { mode: 'dispatch' | 'lifecycle'; dif: number; sequence: SequenceName | null }, sequenceDifs: ReadonlySet<number>): number[] {
  if (space.mode === 'dispatch') return [space.dif];
  const difs = new Set<number>([parseDif(KEY_DIFS[space.sequence!])]);
  for (const key of Object.keys(entry.on ?? {})) {
    if (key === '*') continue;
    try {
      const d = parseDif(key);
      if (sequenceDifs.has(d)) difs.add(d);
    } catch {
      /* validation reports it */
    }
  }
  return [...difs];
}

export function buildSpace(document: unknown, request: SpaceRequest, sequenceDifs: ReadonlySet<number> = new Set()): Space {
  const doc = document as Doc;
  const vary = request.vary && request.vary.length > 0 ? [...new Set(request.vary)] : (['answers'] as VaryAxis[]);
  const mode = request.sequence !== undefined ? 'lifecycle' : 'dispatch';
  const dif = request.dif ?? (typeof doc.dif === 'string' || typeof doc.dif === 'number' ? parseDif(doc.dif) : parseDif('DIF_INSTALLDEVICE'));
  const used = codesIn(doc);
  const custom = request.codes !== undefined;
  const union = (base: readonly number[], own: readonly number[]) => [...new Set([...(request.codes ?? base), ...own])];
  const alphabets: Alphabets = {
    pre: union(DOCUMENTED_ALPHABETS.pre, used.pre),
    post: union(DOCUMENTED_ALPHABETS.post, used.post),
    classInstaller: union(DOCUMENTED_ALPHABETS.classInstaller, used.classInstaller),
  };
  const positions: Position[] = [];
  const where = { mode, dif, sequence: request.sequence ?? null } as const;
  if (vary.includes('answers')) {
    for (const { kind, index, entry } of installers(doc)) {
      for (const d of difsOf(entry, where, sequenceDifs)) {
        positions.push({ axis: 'answers', kind, index, installer: entry.name, dif: d, choices: answerChoices(ownAnswer(entry, kind, d), kind, d, alphabets, custom) });
      }
    }
  }
  if (vary.includes('order')) {
    for (const kind of ['classCoInstallers', 'deviceCoInstallers'] as const) {
      const n = ((doc[kind] as unknown[] | undefined) ?? []).length;
      if (n > 1) positions.push({ axis: 'order', kind, choices: permutations(n) });
    }
  }
  if (vary.includes('flags')) {
    const own = Array.isArray(doc.flags) && (doc.flags as unknown[]).includes('DI_NODI_DEFAULTACTION');
    positions.push({ axis: 'flags', choices: [own, !own] });
  }
  if (vary.includes('os')) {
    const own = typeof doc.os === 'string' ? doc.os : 'win10';
    positions.push({ axis: 'os', choices: [own, ...OS_VERSIONS.filter((o) => o !== own)] });
  }
  if (vary.includes('profile')) {
    const own = typeof doc.profile === 'string' ? doc.profile : 'windows';
    positions.push({ axis: 'profile', choices: [own, ...PROFILE_NAMES.filter((p) => p !== own)] });
  }
  const size = positions.reduce((n, p) => n * p.choices.length, 1);
  return { document: doc, mode, dif, sequence: request.sequence ?? null, vary, alphabets, customCodes: custom, positions, size };
}

export const isSequenceName = (s: unknown): s is SequenceName => typeof s === 'string' && (SEQUENCE_NAMES as readonly string[]).includes(s);

/**
 * What to run when the request does not say: a scenario with a "dif" dispatches it; one without
 * runs the whole installation, in its "sequence" (default hardware-first) — as runScenario does.
 */
export function resolveRequest<R extends { readonly dif?: unknown; readonly sequence?: SequenceName }>(document: unknown, request: R): R {
  if (request.dif !== undefined || request.sequence !== undefined) return request;
  const doc = document as Doc;
  if (doc.dif !== undefined) return request;
  return { ...request, sequence: isSequenceName(doc.sequence) ? doc.sequence : 'hardware-first' };
}


/** Human-readable bounds of a space (printed before it starts). */
export function describeSpace(space: Space): string[] {
  const answers = space.positions.filter((p) => p.axis === 'answers');
  const lines = [
    space.mode === 'dispatch' ? `dispatch of ${difLabel(space.dif)}` : `installation sequence ${space.sequence} (answers varied for ${[...new Set(answers.map((p) => difLabel((p as { dif: number }).dif)))].join(', ') || 'no DIF'})`,
    `varying ${space.vary.join(', ')}; answers: co-installer preprocessing ${space.alphabets.pre.map(codeText).join(', ')}; postprocessing propagate, ${space.alphabets.post.map(codeText).join(', ')}; class installer ${space.alphabets.classInstaller.map(codeText).join(', ')}${space.customCodes ? ' (--codes)' : ' (documented, plus the codes the scenario uses)'}`,
  ];
  for (const p of space.positions) {
    if (p.axis === 'answers') lines.push(`  ${p.installer} ${difLabel(p.dif)}: ${p.choices.length} answers`);
    else if (p.axis === 'order') lines.push(`  order of the ${p.kind === 'classCoInstallers' ? 'class' : 'device'} co-installers: ${p.choices.length} permutations`);
    else if (p.axis === 'flags') lines.push('  DI_NODI_DEFAULTACTION: set or not');
    else lines.push(`  ${p.axis}: ${p.choices.join(', ')}`);
  }
  return lines;
}
