/**
 * Installer rules whose breach the model records (never silently absorbs), each with a stable id.
 * The breach still has its effect on the call: the model runs what Windows would run.
 */
import { difLabel, hex } from './codes.js';
import { FlagEx } from './flags.js';
import { Status } from './statusCodes.js';

export const DISPATCH_RULES = {
  'coinstaller-originated-do-default': {
    summary: 'a co-installer returned ERROR_DI_DO_DEFAULT that it did not receive as InstallResult',
    source: 'MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/co-installer-interface.md',
  },
  'postprocessing-requested-in-post': {
    summary: 'a co-installer returned ERROR_DI_POSTPROCESSING_REQUIRED during postprocessing',
    source: 'MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/co-installer-interface.md (only preprocessing may ask; undocumented: docs/semantics.md C4)',
  },
  'postprocessing-not-allowed': {
    summary: 'a co-installer asked for postprocessing of DIF_ALLOW_INSTALL, DIF_REGISTERDEVICE or DIF_ADDPROPERTYPAGE_ADVANCED',
    source: 'MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/dif-allow-install.md, dif-registerdevice.md, dif-addpropertypage-advanced.md',
  },
  'destroyprivatedata-nonzero': {
    summary: 'a co-installer returned something other than NO_ERROR from DIF_DESTROYPRIVATEDATA preprocessing',
    source: 'MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/dif-destroyprivatedata.md',
  },
  'setfailedinstall-nonzero': {
    summary: 'with DI_FLAGSEX_SETFAILEDINSTALL set, DIF_INSTALLDEVICE got an answer other than NO_ERROR (co-installers) or NO_ERROR/ERROR_DI_DO_DEFAULT (class installer)',
    source: 'MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/dif-installdevice.md; MicrosoftDocs/sdk-api sdk-api-src/content/setupapi/ns-setupapi-sp_devinstall_params_a.md',
  },
  'requires-interactive-windowstation': {
    summary: 'an installer failed a request with ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION, which makes the installation fail',
    source: 'MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/dif-allow-install.md; writing-class-installers-and-co-installers.md',
  },
} as const;

export type DispatchRuleId = keyof typeof DISPATCH_RULES;

export interface Violation<R extends string = DispatchRuleId> {
  readonly rule: R;
  readonly who: 'classCoInstaller' | 'deviceCoInstaller' | 'classInstaller';
  readonly index?: number;
  readonly name: string;
  readonly dif: string;
  readonly phase?: 'pre' | 'post';
  readonly message: string;
  readonly source: string;
}

const NO_POST_DIFS: ReadonlySet<number> = new Set([0x18 /* ALLOW_INSTALL */, 0x19 /* REGISTERDEVICE */, 0x23 /* ADDPROPERTYPAGE_ADVANCED */]);
const DIF_DESTROYPRIVATEDATA = 0x0c;
const DIF_INSTALLDEVICE = 0x02;

export interface Answer {
  readonly who: Violation['who'];
  readonly index?: number;
  readonly name: string;
  readonly dif: number;
  readonly flagsEx: number;
  /** Co-installers only. */
  readonly phase?: 'pre' | 'post';
  /** Postprocessing only: the status the co-installer received. */
  readonly installResult?: number;
  readonly code: number;
}

/** The installer call a violation is about. */
export interface ViolationPlace {
  readonly who: Violation['who'];
  readonly index?: number;
  readonly name: string;
  readonly dif: number;
  readonly phase?: 'pre' | 'post';
}

/**
 * Built violations, by source, rule, installer name, detail, then a number for the rest (DIF,
 * installer index, kind and phase). The same few (rule, installer, detail) come back millions of
 * times in exhaustive exploration, so each is built once; the records kept are frozen, as nothing
 * changes a violation once recorded. (Nested maps of parts the callers already hold: a key string
 * built per call would cost about what building the violation does.)
 */
const violationCache = new Map<string, Map<string, Map<string, Map<string, Map<number, Violation<string>>>>>>();
const VIOLATION_CACHE_LIMIT = 1 << 14;
let violationsCached = 0;

/** The DIF, index, kind and phase of a place as one exact number, or undefined when they do not fit. */
function placeNumber(at: ViolationPlace): number | undefined {
  const index = at.index === undefined ? 0 : at.index + 1;
  const who = at.who === 'classCoInstaller' ? 0 : at.who === 'deviceCoInstaller' ? 1 : at.who === 'classInstaller' ? 2 : -1;
  const phase = at.phase === undefined ? 0 : at.phase === 'pre' ? 1 : at.phase === 'post' ? 2 : -1;
  if (who < 0 || phase < 0 || !Number.isInteger(index) || index < 0 || index >= 2 ** 16 || !Number.isInteger(at.dif) || at.dif < 0 || at.dif >= 2 ** 32) return undefined;
  return at.dif * 2 ** 20 + index * 16 + who * 4 + phase;
}

/** A map's entry, added empty if missing. */
function level<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

/** Builds a violation record: `detail` completes "co-installer 2 (x.dll,Entry) …" (memoised). */
export function makeViolation<R extends string>(rule: R, source: string, at: ViolationPlace, detail: string): Violation<R> {
  const n = placeNumber(at);
  const found = n === undefined ? undefined : violationCache.get(source)?.get(rule)?.get(at.name)?.get(detail)?.get(n);
  if (found !== undefined) return found as Violation<R>;
  const built = buildViolation(rule, source, at, detail);
  if (n !== undefined && violationsCached < VIOLATION_CACHE_LIMIT) {
    Object.freeze(built); // shared from now on
    const byRule = level(violationCache, source, () => new Map());
    const byName = level(byRule, rule, () => new Map());
    const byDetail = level(byName, at.name, () => new Map());
    level(byDetail, detail, () => new Map<number, Violation<string>>()).set(n, built);
    violationsCached += 1;
  }
  return built;
}

function buildViolation<R extends string>(rule: R, source: string, at: ViolationPlace, detail: string): Violation<R> {
  const place = at.index !== undefined ? `co-installer ${at.index} (${at.name})` : `class installer ${at.name}`;
  return {
    rule,
    who: at.who,
    ...(at.index !== undefined ? { index: at.index } : {}),
    name: at.name,
    dif: difLabel(at.dif),
    ...(at.phase ? { phase: at.phase } : {}),
    message: `${place} ${detail} during ${difLabel(at.dif)}${at.phase ? ` ${at.phase}processing` : ''}`,
    source,
  };
}

function violation(rule: DispatchRuleId, answer: Answer, detail: string): Violation {
  return makeViolation(rule, DISPATCH_RULES[rule].source, answer, detail);
}

const NONE: readonly Violation[] = Object.freeze([]);

/** Every rule this answer breaks, in a fixed order (one shared empty list when none: most answers break none). */
export function checkAnswer(answer: Answer): readonly Violation[] {
  let found: Violation[] | undefined;
  const { code, dif, phase } = answer;
  const coInstaller = answer.who !== 'classInstaller';
  const passedOn = phase === 'post' && code === answer.installResult;

  if (coInstaller && code === Status.ERROR_DI_DO_DEFAULT && !passedOn) {
    (found ??= []).push(violation('coinstaller-originated-do-default', answer, 'originated ERROR_DI_DO_DEFAULT'));
  }
  if (coInstaller && phase === 'post' && code === Status.ERROR_DI_POSTPROCESSING_REQUIRED) {
    (found ??= []).push(violation('postprocessing-requested-in-post', answer, 'returned ERROR_DI_POSTPROCESSING_REQUIRED'));
  }
  if (coInstaller && phase === 'pre' && code === Status.ERROR_DI_POSTPROCESSING_REQUIRED && NO_POST_DIFS.has(dif)) {
    (found ??= []).push(violation('postprocessing-not-allowed', answer, 'asked for postprocessing'));
  }
  if (coInstaller && phase === 'pre' && dif === DIF_DESTROYPRIVATEDATA && code !== Status.NO_ERROR) {
    (found ??= []).push(violation('destroyprivatedata-nonzero', answer, `returned ${hex(code)} instead of NO_ERROR`));
  }
  if (dif === DIF_INSTALLDEVICE && (answer.flagsEx & FlagEx.DI_FLAGSEX_SETFAILEDINSTALL) !== 0) {
    const allowed = coInstaller ? code === Status.NO_ERROR || passedOn : code === Status.NO_ERROR || code === Status.ERROR_DI_DO_DEFAULT;
    if (!allowed) (found ??= []).push(violation('setfailedinstall-nonzero', answer, `returned ${hex(code)} with DI_FLAGSEX_SETFAILEDINSTALL set`));
  }
  if (code === Status.ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION && !passedOn) {
    (found ??= []).push(violation('requires-interactive-windowstation', answer, 'returned ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION'));
  }
  return found ?? NONE;
}
