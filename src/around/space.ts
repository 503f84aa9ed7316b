/**
 * The space `devinst explore <scenario>` searches: the user's own scenario, with every installer's
 * answers varied over an alphabet (and, on request, the order of the co-installers,
 * DI_NODI_DEFAULTACTION, the OS and the profile). Everything else of the scenario (names, effects,
 * PrivateData, the device, other DIFs) stays as the user wrote it. A point of the space is one
 * choice per position; choice 0 of every position is the user's own scenario.
 *
 * The documented answer alphabets, by role (docs/testing.md "The space"):
 *   co-installer preprocessing   NO_ERROR, ERROR_DI_POSTPROCESSING_REQUIRED, a Win32 error
 *                                (ERROR_FILE_NOT_FOUND) — MicrosoftDocs/windows-driver-docs
 *                                windows-driver-docs-pr/install/co-installer-interface.md; no
 *                                postprocessing request for DIF_ALLOW_INSTALL, DIF_REGISTERDEVICE and
 *                                DIF_ADDPROPERTYPAGE_ADVANCED (dif-allow-install.md, dif-registerdevice.md,
 *                                dif-addpropertypage-advanced.md), only NO_ERROR for DIF_DESTROYPRIVATEDATA
 *                                (dif-destroyprivatedata.md);
 *   co-installer postprocessing  pass InstallResult on ("propagate"), NO_ERROR, a Win32 error
 *                                (co-installer-interface.md);
 *   class installer              NO_ERROR, ERROR_DI_DO_DEFAULT, a Win32 error (handling-dif-codes.md).
 * A co-installer never originates ERROR_DI_DO_DEFAULT (co-installer-interface.md), so it is not in
 * their alphabets. To each role's alphabet the codes the scenario's installers of that role use are
 * added: their own answers (mistakes included) are always part of the space. `--codes` replaces the
 * documented alphabets (all roles) with a list of one's own.
 */
import { difLabel, parseDif, parseStatus } from '../domain/codes.js';
import { OS_VERSIONS } from '../domain/difCodes.js';
import { SEQUENCE_NAMES, type SequenceName } from '../domain/lifecycle/types.js';
import { PROFILE_NAMES } from '../domain/profiles.js';
import { Status } from '../domain/statusCodes.js';
import { codeText } from './adapter.js';

export const VARY_AXES = ['answers', 'order', 'flags', 'os', 'profile'] as const;
export type VaryAxis = (typeof VARY_AXES)[number];

/** The documented alphabets (see above); DIF-specific limits are applied by `documentedPre`. */
export const DOCUMENTED_ALPHABETS = {
  pre: [Status.NO_ERROR, Status.ERROR_DI_POSTPROCESSING_REQUIRED, Status.ERROR_FILE_NOT_FOUND],
  post: [Status.NO_ERROR, Status.ERROR_FILE_NOT_FOUND],
  classInstaller: [Status.NO_ERROR, Status.ERROR_DI_DO_DEFAULT, Status.ERROR_FILE_NOT_FOUND],
} as const satisfies Record<string, readonly number[]>;

const NO_POST_DIFS: ReadonlySet<number> = new Set([0x18 /* DIF_ALLOW_INSTALL */, 0x19 /* DIF_REGISTERDEVICE */, 0x23 /* DIF_ADDPROPERTYPAGE_ADVANCED */]);
const DIF_DESTROYPRIVATEDATA = 0x0c;

function documentedPre(dif: number): readonly number[] {
  if (dif === DIF_DESTROYPRIVATEDATA) return [Status.NO_ERROR];
  return NO_POST_DIFS.has(dif) ? DOCUMENTED_ALPHABETS.pre.filter((c) => c !== Status.ERROR_DI_POSTPROCESSING_REQUIRED) : DOCUMENTED_ALPHABETS.pre;
}

/** The answer alphabets of one exploration, by role. */
export interface Alphabets {
  readonly pre: readonly number[];
  readonly post: readonly number[];
  readonly classInstaller: readonly number[];
}

/** The DIF whose answers a `--sequence` exploration varies, besides those the scenario names for an installer. */
export const KEY_DIFS: Readonly<Record<SequenceName, string>> = {
  'hardware-first': 'DIF_INSTALLDEVICE',
  reinstall: 'DIF_INSTALLDEVICE',
  remove: 'DIF_REMOVE',
  properties: 'DIF_ADDPROPERTYPAGE_ADVANCED',
};

type Doc = Record<string, unknown>;
type Entry = { name: string; on?: Record<string, Record<string, unknown>> };
export type Kind = 'classCoInstallers' | 'deviceCoInstallers' | 'classInstaller';

/** One co-installer answer (pre, and post when it asked for postprocessing) or a class installer's answer. */
export interface AnswerChoice {
  readonly pre: number;
  readonly post?: number | 'propagate';
}

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

const POST = Status.ERROR_DI_POSTPROCESSING_REQUIRED;

/** The status codes the document's installers use, by role. */
export function codesIn(document: unknown): Alphabets {
  const pre = new Set<number>();
  const post = new Set<number>();
  const ci = new Set<number>();
  const add = (to: Set<number>, value: unknown) => {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === 'string' || typeof v === 'number') {
        try {
          to.add(parseStatus(v));
        } catch {
          /* not a code: validation reports it */
        }
      }
    }
  };
  const doc = document as Doc;
  for (const kind of ['classCoInstallers', 'deviceCoInstallers'] as const) {
    for (const entry of (doc[kind] as Entry[] | undefined) ?? []) {
      for (const b of Object.values(entry.on ?? {})) {
        add(pre, b.pre);
        if (b.post !== 'propagate') add(post, b.post);
      }
    }
  }
  const classInstaller = doc.classInstaller as Entry | null | undefined;
  for (const b of Object.values(classInstaller?.on ?? {})) add(ci, b.returns);
  return { pre: [...pre], post: [...post], classInstaller: [...ci] };
}

/** The key of `on` that covers `dif`: its own entry, else "*", else null. */
export function keyFor(on: Record<string, unknown> | undefined, dif: number): string | null {
  if (!on) return null;
  for (const key of Object.keys(on)) {
    if (key === '*') continue;
    try {
      if (parseDif(key) === dif) return key;
    } catch {
      /* validation reports it */
    }
  }
  return Object.hasOwn(on, '*') ? '*' : null;
}

const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

function ownAnswer(entry: Entry, kind: Kind, dif: number): AnswerChoice {
  const key = keyFor(entry.on, dif);
  const b = key === null ? {} : entry.on![key];
  if (kind === 'classInstaller') return { pre: b.returns === undefined ? Status.ERROR_DI_DO_DEFAULT : parseStatus(first(b.returns) as string) };
  const pre = b.pre === undefined ? Status.NO_ERROR : parseStatus(first(b.pre) as string);
  if (pre !== POST) return { pre };
  return { pre, post: b.post === undefined || b.post === 'propagate' ? 'propagate' : parseStatus(b.post as string) };
}

const sameAnswer = (a: AnswerChoice, b: AnswerChoice) => a.pre === b.pre && (a.post ?? null) === (b.post ?? null);

function answerChoices(own: AnswerChoice, kind: Kind, dif: number, alphabets: Alphabets, custom: boolean): AnswerChoice[] {
  const all: AnswerChoice[] = [];
  const union = (a: readonly number[], b: readonly number[]) => [...new Set([...a, ...b])];
  if (kind === 'classInstaller') for (const pre of alphabets.classInstaller) all.push({ pre });
  else {
    for (const pre of custom ? alphabets.pre : union(documentedPre(dif), alphabets.pre.filter((c) => !DOCUMENTED_ALPHABETS.pre.includes(c as never)))) {
      if (pre !== POST) all.push({ pre });
      else for (const post of ['propagate' as const, ...alphabets.post]) all.push({ pre, post });
    }
  }
  return [own, ...all.filter((c) => !sameAnswer(c, own))];
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

/** A point: the choice index per position. */
export type Point = readonly number[];

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function applyAnswer(entry: Entry, kind: Kind, dif: number, choice: AnswerChoice): Entry {
  const on = { ...(entry.on ?? {}) };
  const key = keyFor(on, dif);
  const target = key === null || key === '*' ? difLabel(dif) : key;
  const base = { ...(key === null ? {} : on[key]) };
  if (kind === 'classInstaller') base.returns = codeText(choice.pre);
  else {
    base.pre = codeText(choice.pre);
    if (choice.post !== undefined) base.post = choice.post === 'propagate' ? 'propagate' : codeText(choice.post);
  }
  on[target] = base;
  return { ...entry, on };
}

/** The scenario document of a point (choice 0 everywhere: the user's own document, unchanged). */
export function documentAt(space: Space, point: Point): Doc {
  if (point.every((c) => c === 0)) return space.document;
  const doc = clone(space.document);
  space.positions.forEach((p, i) => {
    const c = point[i];
    if (c === 0) return;
    switch (p.axis) {
      case 'answers': {
        if (p.kind === 'classInstaller') doc.classInstaller = applyAnswer(doc.classInstaller as Entry, p.kind, p.dif, p.choices[c]);
        else (doc[p.kind] as Entry[])[p.index] = applyAnswer((doc[p.kind] as Entry[])[p.index], p.kind, p.dif, p.choices[c]);
        break;
      }
      case 'flags': {
        const flags = ((doc.flags as string[] | undefined) ?? []).filter((f) => f !== 'DI_NODI_DEFAULTACTION');
        if (p.choices[c]) flags.push('DI_NODI_DEFAULTACTION');
        if (flags.length > 0) doc.flags = flags;
        else delete doc.flags;
        break;
      }
      case 'os':
      case 'profile':
        doc[p.axis] = p.choices[c];
        break;
      case 'order':
        break;
    }
  });
  // Orders last: answers are applied by the installers' original positions.
  space.positions.forEach((p, i) => {
    if (p.axis !== 'order' || point[i] === 0) return;
    const list = doc[p.kind] as Entry[];
    doc[p.kind] = p.choices[point[i]].map((j) => list[j]);
  });
  return doc;
}

const answerText = (kind: Kind, a: AnswerChoice) =>
  kind === 'classInstaller' ? `returns ${codeText(a.pre)}` : `pre ${codeText(a.pre)}${a.post !== undefined ? `, post ${a.post === 'propagate' ? 'propagate' : codeText(a.post)}` : ''}`;

/** What a point changes from the user's scenario, one phrase per changed position. */
export function describeChanges(space: Space, point: Point): string[] {
  const out: string[] = [];
  space.positions.forEach((p, i) => {
    const c = point[i];
    if (c === 0) return;
    switch (p.axis) {
      case 'answers':
        out.push(`${p.installer} ${difLabel(p.dif)}: ${answerText(p.kind, p.choices[c])} (was ${answerText(p.kind, p.choices[0])})`);
        break;
      case 'order':
        out.push(`${p.kind === 'classCoInstallers' ? 'class' : 'device'} co-installers in the order ${p.choices[c].map((j) => j + 1).join(', ')}`);
        break;
      case 'flags':
        out.push(p.choices[c] ? 'DI_NODI_DEFAULTACTION set' : 'DI_NODI_DEFAULTACTION cleared');
        break;
      default:
        out.push(`${p.axis} ${p.choices[c]}`);
    }
  });
  return out;
}

/** Every point, in mixed-radix order (the first position varies fastest). */
export function* points(space: Space): Generator<Point> {
  const radices = space.positions.map((p) => p.choices.length);
  const point = radices.map(() => 0);
  for (;;) {
    yield point;
    let i = 0;
    while (i < radices.length && ++point[i] === radices[i]) point[i++] = 0;
    if (i === radices.length) return;
  }
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
