/**
 * Everything a run breaks, invariants and guideline rules alike, as one list of breaches: what
 * `devinst explore <scenario>`, `checkInvariants` and the Jest matchers report.
 */
import { difLabel, parseDif, type CodeInput } from '../domain/codes.js';
import type { InstallResult } from '../domain/lifecycle/installResult.js';
import type { Semantics } from '../domain/profiles.js';
import type { RunResult } from '../domain/runResult.js';
import type { Violation } from '../domain/violations.js';
import { readJournal } from '../journal/read.js';
import { catalogueEntry, publicSource } from './catalogue.js';
import { DISPATCH_INVARIANTS, JOURNAL_INVARIANTS, LIFECYCLE_INVARIANTS } from './index.js';
import { checkDispatch, checkInstall, observeDispatch, observeInstall } from './observe.js';

export interface Breach {
  /** The invariant's name or the rule's id. */
  readonly name: string;
  readonly kind: 'invariant' | 'rule';
  /** One sentence: what went wrong on this run. */
  readonly failure: string;
  /** The rule's public source. */
  readonly source: string;
  /** The installer that broke a rule (its registration string), when one did. */
  readonly installer: string | null;
  /** The DIF it happened in, when known. */
  readonly dif: string | null;
}

export interface Evaluated {
  readonly kind: 'dispatch' | 'install';
  readonly result: RunResult | InstallResult;
  readonly breaches: readonly Breach[];
  /** Installer calls in the run (dispatch) or over every DIF of the installation. */
  readonly calls: number;
}

function invariantBreach(name: string, failure: string, dif: string | null): Breach {
  return { name, kind: 'invariant', failure, source: catalogueEntry(name)?.source ?? '', installer: null, dif };
}

function ruleBreaches(violations: readonly Violation<string>[]): Breach[] {
  const seen = new Set<string>();
  const out: Breach[] = [];
  for (const v of violations) {
    const key = `${v.rule}\u0000${v.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name: v.rule, kind: 'rule', failure: v.message, source: publicSource(v.source), installer: v.name, dif: v.dif });
  }
  return out;
}

/** One DIF dispatched through the real difDispatch machine, answered as the scenario says. */
export function evaluateDispatch(document: unknown, dif: CodeInput, semantics?: Semantics): Evaluated {
  const run = observeDispatch(document, dif, semantics ? { semantics } : {});
  const label = difLabel(parseDif(dif));
  const breaches = [...checkDispatch(DISPATCH_INVARIANTS, run).map((b) => invariantBreach(b.name, b.failure, label)), ...ruleBreaches(run.result.violations)];
  return { kind: 'dispatch', result: run.result, breaches, calls: run.result.calls.length };
}

/** A whole installation through the real deviceInstall machine. */
export function evaluateInstall(document: unknown): Evaluated {
  const run = observeInstall(document);
  const breaches = [...checkInstall(LIFECYCLE_INVARIANTS, run).map((b) => invariantBreach(b.name, b.failure, null)), ...ruleBreaches(run.result.violations)];
  return { kind: 'install', result: run.result, breaches, calls: run.result.difs.reduce((n, d) => n + d.calls.length, 0) };
}

/** The journal invariants on a live result and the journal it wrote. */
export function journalBreaches(live: RunResult | InstallResult, journal: string): Breach[] {
  const out: Breach[] = [];
  for (const invariant of JOURNAL_INVARIANTS) {
    const failure = invariant.check({ live, journal });
    if (failure) out.push(invariantBreach(invariant.name, failure.failure, null));
  }
  return out;
}

/** Re-runs a journal's scenario through the machine and judges it, journal invariants included. */
export function evaluateJournal(text: string, file = 'journal'): Evaluated {
  const { header } = readJournal(text, file);
  const evaluated = header.run.kind === 'install' ? evaluateInstall(header.scenario) : evaluateDispatch(header.scenario, header.run.dif ?? '');
  return { ...evaluated, breaches: [...evaluated.breaches, ...journalBreaches(evaluated.result, text)] };
}
