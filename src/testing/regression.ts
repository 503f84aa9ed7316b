/**
 * From a shrunk counterexample to a regression test: the text of a Jest test file (ESM) that runs
 * the counterexample's scenario through devinst and pins what it must show. Written with
 * `writeRegressionTest`, which never replaces an existing file.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { catalogueEntry } from '../invariants/catalogue.js';

export interface RegressionCase {
  /** The test's title. */
  readonly title: string;
  /**
   * How the test turns the counterexample into a scenario: a function exported by one of your
   * modules (specifier relative to the test file). Absent: the counterexample is the scenario document.
   */
  readonly build?: { readonly module: string; readonly export: string };
  /** What the test pins: the rule (or invariant) the scenario breaks, or that every one holds (after the fix). */
  readonly expectation: { readonly breaks: string } | 'satisfies';
}

export interface RegressionTestOptions {
  /** The shrunk counterexample as fast-check reported it (plain JSON): a scenario document, or the input of `build`. */
  readonly counterexample: unknown;
  /** One test per case, in order. */
  readonly tests: readonly RegressionCase[];
  /** Where it came from (fast-check's seed and path), written into the file. */
  readonly seed?: number;
  readonly path?: string | null;
  /** Import specifier of devinst's testing API (default "devinst/testing"). */
  readonly from?: string;
}

/** The test file's text (ESM, Jest). */
export function regressionTest(options: RegressionTestOptions): string {
  if (options.tests.length === 0) throw new Error('regressionTest: no test to write');
  for (const t of options.tests) {
    if (typeof t.expectation === 'object' && catalogueEntry(t.expectation.breaks) === undefined) {
      throw new Error(`regressionTest: unknown invariant or rule "${t.expectation.breaks}"`);
    }
  }
  const from = options.from ?? 'devinst/testing';
  const origin = options.seed !== undefined ? `fast-check seed ${options.seed}${options.path ? `, path "${options.path}"` : ''}` : 'a shrunk counterexample';
  const lines = [`// Regression test written by devinst/testing regressionTest() from ${origin}.`, `import { expect, test } from '@jest/globals';`, `import { devinstMatchers, runScenario } from '${from}';`];
  const imports = new Map<string, Set<string>>();
  for (const t of options.tests) if (t.build) (imports.get(t.build.module) ?? imports.set(t.build.module, new Set()).get(t.build.module)!).add(t.build.export);
  for (const [module, names] of imports) lines.push(`import { ${[...names].sort().join(', ')} } from '${module}';`);
  lines.push('', 'expect.extend(devinstMatchers);', '', `const counterexample = ${JSON.stringify(options.counterexample, null, 2)};`);
  for (const t of options.tests) {
    const scenario = t.build ? `${t.build.export}(counterexample)` : 'counterexample';
    const assertion = t.expectation === 'satisfies' ? 'toSatisfyInvariants()' : `toBreak(${JSON.stringify(t.expectation.breaks)})`;
    lines.push('', `test(${JSON.stringify(t.title)}, () => {`, `  expect(runScenario(${scenario})).${assertion};`, '});');
  }
  return lines.join('\n') + '\n';
}

/** Writes a new regression test file (and its folder); an existing file is never replaced. Returns the path. */
export function writeRegressionTest(file: string, text: string): string {
  if (existsSync(file)) throw new Error(`${file}: already exists; not overwritten`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text, { flag: 'wx' });
  return file;
}

/**
 * fast-check parameters whose reporter, when the property fails, writes the shrunk counterexample
 * as a regression test file (never replacing one) and fails with fast-check's report plus where the
 * file is: `fc.assert(property, { ...regressionOnFailure('test/x.regression.test.mjs', { tests }) })`.
 */
export function regressionOnFailure<T>(file: string, options: Omit<RegressionTestOptions, 'counterexample' | 'seed' | 'path'>): { reporter: (details: RunDetailsLike<T>) => void } {
  return {
    reporter(details) {
      if (!details.failed) return;
      let where: string;
      try {
        const counterexample = details.counterexample?.length === 1 ? details.counterexample[0] : details.counterexample;
        where = `regression test written to ${writeRegressionTest(file, regressionTest({ ...options, counterexample, seed: details.seed, path: details.counterexamplePath }))}`;
      } catch (error) {
        where = `no regression test written: ${error instanceof Error ? error.message : String(error)}`;
      }
      const cause = details.errorInstance instanceof Error ? `\n\n${details.errorInstance.message}` : '';
      throw new Error(`Property failed after ${details.numRuns} tests (seed ${details.seed}, path "${details.counterexamplePath ?? ''}")\nCounterexample: ${JSON.stringify(details.counterexample)}${cause}\n\n${where}`);
    },
  };
}

/** What regressionOnFailure reads of fast-check's RunDetails (so this module does not load fast-check). */
export interface RunDetailsLike<T> {
  readonly failed: boolean;
  readonly numRuns: number;
  readonly seed: number;
  readonly counterexamplePath: string | null;
  readonly counterexample: [T] | T[] | null;
  readonly errorInstance: unknown;
}
