/**
 * Running a scenario for a test, and judging a run: `runScenario` records the run (its journal
 * too) through the real machines; `checkInvariants` returns every invariant and guideline rule it
 * breaks (an empty list: all hold).
 */
import { parseDif, type CodeInput } from '../domain/codes.js';
import type { InstallResult } from '../domain/lifecycle/installResult.js';
import type { RunResult } from '../domain/runResult.js';
import { DEFAULT_DIF, recordDif } from '../host/runDif.js';
import { recordInstall } from '../host/runInstall.js';
import { evaluateDispatch, evaluateInstall, evaluateJournal, journalBreaches, type Breach } from '../invariants/evaluate.js';
import { readJournal } from '../journal/read.js';
import { dispatchTimeline, installTimeline } from './timeline.js';

export type { Breach } from '../invariants/evaluate.js';

const RUN = Symbol.for('devinst.testing.ScenarioRun');

/** A recorded run: what `checkInvariants` and the matchers judge. */
export interface ScenarioRun {
  readonly kind: 'dispatch' | 'install';
  /** The scenario document that ran (with "dif" for a dispatch). */
  readonly scenario: Record<string, unknown>;
  readonly result: RunResult | InstallResult;
  /** The run's journal (JSON Lines): `devinst replay` replays it. */
  readonly journal: string;
  /** Every invariant and guideline rule the run breaks. */
  readonly breaches: readonly Breach[];
  /** The run, one line per installer call (what a failing matcher prints). */
  readonly timeline: string;
}

export interface RunScenarioOptions {
  /** Dispatch this DIF (default: the scenario's "dif"). */
  readonly dif?: CodeInput;
  /** Run the whole installation instead (default when the scenario has no "dif" and no `dif` is given). */
  readonly install?: boolean;
  /** Clock for the journal (tests pin it). */
  readonly now?: () => Date;
}

const FIXED = () => new Date('2000-01-01T00:00:00.000Z');

/**
 * Runs a scenario document through the real machines: one DIF (`dif`, or the scenario's "dif"), or,
 * without one, the whole installation. The journal's clock is fixed unless `now` is given, so a run
 * is a pure function of its scenario.
 */
export function runScenario(scenario: unknown, options: RunScenarioOptions = {}): ScenarioRun {
  const doc = scenario as Record<string, unknown>;
  const now = options.now ?? FIXED;
  const difInput = options.dif ?? (doc.dif as CodeInput | undefined);
  if (options.install || difInput === undefined) {
    const { result, journal } = recordInstall(doc, { now });
    const breaches = [...evaluateInstall(doc).breaches, ...journalBreaches(result, journal)];
    return brand({ kind: 'install', scenario: doc, result, journal, breaches, timeline: installTimeline(result) });
  }
  const dif = parseDif(difInput ?? DEFAULT_DIF);
  const { result, journal } = recordDif(doc, dif, { now });
  const breaches = [...evaluateDispatch(doc, dif).breaches, ...journalBreaches(result, journal)];
  return brand({ kind: 'dispatch', scenario: { ...doc, dif: result.dif }, result, journal, breaches, timeline: dispatchTimeline(result) });
}

function brand(run: ScenarioRun): ScenarioRun {
  Object.defineProperty(run, RUN, { value: true });
  return Object.freeze(run);
}

export function isScenarioRun(value: unknown): value is ScenarioRun {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[RUN] === true;
}

/** What can be judged: a run from `runScenario`, or a journal's text (as `devinst run --journal` writes it). */
export type Judgeable = ScenarioRun | string;

/** The run a judgeable stands for (a journal is re-run through the machine from its scenario). */
export function asRun(input: Judgeable | unknown): ScenarioRun {
  if (isScenarioRun(input)) return input;
  if (typeof input === 'string') {
    const { header } = readJournal(input, 'journal');
    const evaluated = evaluateJournal(input);
    const result = evaluated.result;
    const timeline = evaluated.kind === 'install' ? installTimeline(result as InstallResult) : dispatchTimeline(result as RunResult);
    return brand({ kind: evaluated.kind, scenario: header.scenario as Record<string, unknown>, result, journal: input, breaches: evaluated.breaches, timeline });
  }
  const shape = typeof input === 'object' && input !== null ? Object.keys(input).slice(0, 4).join(', ') : typeof input;
  throw new TypeError(
    `devinst/testing: expected a run from runScenario(…) or a journal's text, got ${shape === '' ? 'an empty object' : shape}. ` +
      'A bare RunResult or InstallResult does not carry its scenario, so its invariants cannot be judged: run the scenario with runScenario(scenario).',
  );
}

/** Every invariant and guideline rule the run breaks; `only` keeps the names listed. */
export function checkInvariants(input: Judgeable, options: { readonly only?: readonly string[] } = {}): Breach[] {
  const breaches = asRun(input).breaches;
  return options.only ? breaches.filter((b) => options.only!.includes(b.name)) : [...breaches];
}
