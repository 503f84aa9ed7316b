/**
 * Jest matchers, with no dependency on Jest: plain functions in the shape `expect.extend` takes.
 * `devinst/testing/jest` registers them on the global `expect`; with `@jest/globals` (or another
 * expect-compatible runner) call `expect.extend(devinstMatchers)` yourself.
 *
 *   expect(run).toSatisfyInvariants()            no invariant and no guideline rule breaks
 *   expect(run).toBreak('PostIsReverseOfPre')    this one breaks (an invariant name or a rule id)
 *
 * `run` is what runScenario returns, or a journal's text. A failure prints what broke, with the
 * rule's source, and the timeline of the run.
 */
import { catalogueEntry, INVARIANTS, RULES } from '../invariants/catalogue.js';
import type { Breach } from '../invariants/evaluate.js';
import { asRun, type ScenarioRun } from './run.js';

interface MatcherContext {
  readonly isNot?: boolean;
}

export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

function describeBreach(b: Breach): string {
  const where = [b.installer ? `installer ${b.installer}` : null, b.dif ? `in ${b.dif}` : null].filter(Boolean).join(' ');
  return `  ✘ ${b.name} (${b.kind === 'rule' ? 'guideline rule' : 'invariant'}): ${b.failure}${where ? `\n      ${where}` : ''}${b.source ? `\n      source: ${b.source}` : ''}`;
}

function runHeader(run: ScenarioRun): string {
  const name = typeof run.scenario.name === 'string' ? ` "${run.scenario.name}"` : '';
  return run.kind === 'dispatch' ? `the dispatch of ${String(run.scenario.dif)} in scenario${name}` : `the installation of scenario${name}`;
}

function judge(received: unknown): ScenarioRun | MatcherResult {
  try {
    return asRun(received);
  } catch (error) {
    return { pass: false, message: () => (error instanceof Error ? error.message : String(error)) };
  }
}

export function toSatisfyInvariants(this: MatcherContext | void, received: unknown): MatcherResult {
  const run = judge(received);
  if (!('breaches' in run)) return run;
  const pass = run.breaches.length === 0;
  return {
    pass,
    message: () =>
      pass
        ? `expected ${runHeader(run)} to break an invariant or a guideline rule, but every one holds\n\ntimeline:\n${run.timeline}`
        : `expected ${runHeader(run)} to satisfy every invariant and guideline rule, but ${run.breaches.length} break${run.breaches.length === 1 ? 's' : ''}:\n${run.breaches.map(describeBreach).join('\n')}\n\ntimeline:\n${run.timeline}`,
  };
}

export function toBreak(this: MatcherContext | void, received: unknown, name: string): MatcherResult {
  if (catalogueEntry(name) === undefined) {
    const names = [...Object.keys(INVARIANTS), ...Object.keys(RULES)];
    return { pass: (this as MatcherContext | undefined)?.isNot === true, message: () => `toBreak: unknown invariant or rule "${name}" (expected one of ${names.join(', ')})` };
  }
  const run = judge(received);
  if (!('breaches' in run)) return run;
  const found = run.breaches.filter((b) => b.name === name);
  const pass = found.length > 0;
  return {
    pass,
    message: () =>
      pass
        ? `expected ${runHeader(run)} not to break ${name}, but it does:\n${found.map(describeBreach).join('\n')}\n\ntimeline:\n${run.timeline}`
        : `expected ${runHeader(run)} to break ${name} (${catalogueEntry(name)!.sentence}), but it holds${run.breaches.length > 0 ? `; what breaks instead:\n${run.breaches.map(describeBreach).join('\n')}` : ''}\n\ntimeline:\n${run.timeline}`,
  };
}

/** The matchers, for `expect.extend(devinstMatchers)`. */
export const devinstMatchers = { toSatisfyInvariants, toBreak };

/** The matchers' types, for declaration merging with your runner's `Matchers` interface. */
export interface DevinstMatchers<R = unknown> {
  /** No invariant and no guideline rule breaks on this run (a runScenario result or a journal's text). */
  toSatisfyInvariants(): R;
  /** The invariant (by name) or guideline rule (by id) breaks on this run. */
  toBreak(name: string): R;
}
