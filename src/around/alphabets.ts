/**
 * The answers each installer may give, by role.
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
import { parseDif, parseStatus } from '../domain/codes.js';
import { Status } from '../domain/statusCodes.js';

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


export type Doc = Record<string, unknown>;
export type Entry = { name: string; on?: Record<string, Record<string, unknown>> };
export type Kind = 'classCoInstallers' | 'deviceCoInstallers' | 'classInstaller';

/** One co-installer answer (pre, and post when it asked for postprocessing) or a class installer's answer. */
export interface AnswerChoice {
  readonly pre: number;
  readonly post?: number | 'propagate';
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

export function ownAnswer(entry: Entry, kind: Kind, dif: number): AnswerChoice {
  const key = keyFor(entry.on, dif);
  const b = key === null ? {} : entry.on![key];
  if (kind === 'classInstaller') return { pre: b.returns === undefined ? Status.ERROR_DI_DO_DEFAULT : parseStatus(first(b.returns) as string) };
  const pre = b.pre === undefined ? Status.NO_ERROR : parseStatus(first(b.pre) as string);
  if (pre !== POST) return { pre };
  return { pre, post: b.post === undefined || b.post === 'propagate' ? 'propagate' : parseStatus(b.post as string) };
}

const sameAnswer = (a: AnswerChoice, b: AnswerChoice) => a.pre === b.pre && (a.post ?? null) === (b.post ?? null);

export function answerChoices(own: AnswerChoice, kind: Kind, dif: number, alphabets: Alphabets, custom: boolean): AnswerChoice[] {
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
