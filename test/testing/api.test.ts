/**
 * devinst/testing: the catalogue, checkInvariants, the matchers, the variation arbitraries and the
 * regression test writer. Rules and sources: a co-installer must never originate
 * ERROR_DI_DO_DEFAULT (MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/co-installer-interface.md),
 * the rule examples/violations/coinstaller-originated-do-default.json breaks; the toaster sample
 * (microsoft/Windows-driver-samples general/toaster/toastpkg/toastco/toastco.c) always returns NO_ERROR.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { RunResult } from '../../src/domain/runResult.js';
import { recordDif, runDif } from '../../src/host/runDif.js';
import { validateScenario } from '../../src/scenario/load.js';
import { DISPATCH_INVARIANTS, LIFECYCLE_INVARIANTS, JOURNAL_INVARIANTS } from '../../src/invariants/index.js';
import { DISPATCH_RULES } from '../../src/domain/violations.js';
import { LIFECYCLE_RULES } from '../../src/domain/lifecycle/rules.js';
import {
  checkInvariants,
  devinstMatchers,
  dispatchCaseArbitrary,
  installationArbitrary,
  invariants,
  regressionTest,
  rules,
  runScenario,
  scenarioVariations,
  toBreak,
  toSatisfyInvariants,
  variationSpace,
  writeRegressionTest,
  regressionOnFailure,
} from '../../src/testing/index.js';

// The matcher types come from src/testing/jest.ts (devinst/testing/jest), which declares them for @types/jest.
expect.extend(devinstMatchers);

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const toaster = read('examples/toaster.json');
const planted = read('examples/violations/coinstaller-originated-do-default.json');

describe('the catalogue', () => {
  it('names every invariant of the three machines and every guideline rule, each with a sentence and a public source', () => {
    expect(Object.keys(invariants)).toEqual([...DISPATCH_INVARIANTS, ...LIFECYCLE_INVARIANTS, ...JOURNAL_INVARIANTS].map((i) => i.name));
    expect(Object.keys(rules)).toEqual([...Object.keys(DISPATCH_RULES), ...Object.keys(LIFECYCLE_RULES)]);
    for (const entry of [...Object.values(invariants), ...Object.values(rules)]) {
      expect(entry.sentence.length).toBeGreaterThan(20);
      expect(entry.source).not.toBe('');
      // Only public sources: no reference-file sections, no internal choice ids.
      expect(entry.source).not.toMatch(/spec\.md|implementations\.md|style\.md|§|\bchoices? [A-Z]\d/);
    }
    expect(invariants.PostIsReverseOfPre.source).toContain('MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/co-installer-operation.md');
    expect(rules['coinstaller-originated-do-default'].source).toBe('MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/co-installer-interface.md');
  });
});

describe('runScenario and checkInvariants', () => {
  it('the toaster breaks nothing, dispatched or installed', () => {
    expect(checkInvariants(runScenario(toaster))).toEqual([]);
    expect(checkInvariants(runScenario(toaster, { install: true }))).toEqual([]);
  });

  it('the planted co-installer breaks coinstaller-originated-do-default, naming the installer, the DIF and the source; a journal gives the same', () => {
    const run = runScenario(planted);
    expect(run.kind).toBe('install');
    const [breach, ...others] = checkInvariants(run);
    expect(others).toEqual([]);
    expect(breach).toEqual({
      name: 'coinstaller-originated-do-default',
      kind: 'rule',
      failure: 'co-installer 1 (classhelp.dll,ClassCoInstaller) originated ERROR_DI_DO_DEFAULT during DIF_INSTALLINTERFACES preprocessing',
      source: 'MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/co-installer-interface.md',
      installer: 'classhelp.dll,ClassCoInstaller',
      dif: 'DIF_INSTALLINTERFACES',
    });
    expect(checkInvariants(run.journal)).toEqual([breach]);
    const dispatch = recordDif(planted, 'DIF_INSTALLINTERFACES').journal;
    expect(checkInvariants(dispatch).map((b) => b.name)).toEqual(['coinstaller-originated-do-default']);
    expect(checkInvariants(run, { only: ['PostIsReverseOfPre'] })).toEqual([]);
  });

  it('a bare RunResult is refused with a sentence saying what to pass instead', () => {
    expect(() => checkInvariants(runDif(toaster) as never)).toThrow(/does not carry its scenario.*runScenario\(scenario\)/);
  });
});

describe('the matchers', () => {
  it('toSatisfyInvariants and toBreak, as Jest users write them', () => {
    expect(runScenario(toaster)).toSatisfyInvariants();
    expect(runScenario(planted)).toBreak('coinstaller-originated-do-default');
    expect(runScenario(planted)).not.toBreak('PostIsReverseOfPre');
    expect(runScenario(toaster)).not.toBreak('coinstaller-originated-do-default');
  });

  it('a failure says what broke, where, by which source, and shows the timeline of the run', () => {
    const result = toSatisfyInvariants(runScenario(planted, { dif: 'DIF_INSTALLINTERFACES' }));
    expect(result.pass).toBe(false);
    expect(result.message()).toBe(
      [
        'expected the dispatch of DIF_INSTALLINTERFACES in scenario "coinstaller-originated-do-default" to satisfy every invariant and guideline rule, but 1 breaks:',
        '  ✘ coinstaller-originated-do-default (guideline rule): co-installer 1 (classhelp.dll,ClassCoInstaller) originated ERROR_DI_DO_DEFAULT during DIF_INSTALLINTERFACES preprocessing',
        '      installer classhelp.dll,ClassCoInstaller in DIF_INSTALLINTERFACES',
        '      source: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/co-installer-interface.md',
        '',
        'timeline:',
        '  1. class co-installer 1 classhelp.dll,ClassCoInstaller pre → ERROR_DI_DO_DEFAULT (0xE000020E)',
        '  ⇒ DIF_INSTALLINTERFACES returns FALSE, ERROR_DI_DO_DEFAULT (0xE000020E)',
      ].join('\n'),
    );
    const holds = toBreak(runScenario(toaster), 'PostIsReverseOfPre');
    expect(holds.pass).toBe(false);
    expect(holds.message()).toContain('to break PostIsReverseOfPre (Each postprocessing callback goes to the co-installer that asked most recently');
    expect(holds.message()).toContain('1. device co-installer 1 tostrco2.dll,ToasterCoInstaller pre → NO_ERROR');
  });

  it('toBreak refuses an unknown name, listing the known ones', () => {
    const result = toBreak(runScenario(toaster), 'PostIsReversOfPre');
    expect(result.pass).toBe(false);
    expect(result.message()).toMatch(/^toBreak: unknown invariant or rule "PostIsReversOfPre" \(expected one of CallOrder, PostIsReverseOfPre, /);
  });
});

describe('scenarioVariations', () => {
  it('draws only valid scenarios of the explored space, all of it, the user\'s own first in shrinking', () => {
    const space = variationSpace(toaster);
    expect(space.size).toBe(5);
    const seen = new Set<string>();
    fc.assert(
      fc.property(scenarioVariations(toaster), (doc) => {
        validateScenario(doc);
        expect(doc.dif).toBe('DIF_INSTALLDEVICE');
        seen.add(JSON.stringify(doc.deviceCoInstallers));
      }),
      { numRuns: 200, seed: 1 },
    );
    expect(seen.size).toBe(5);
  });

  it('a failing property shrinks to one change from the scenario as written', () => {
    const doc = read('examples/class-coinstaller-postprocessing.json');
    const details = fc.check(
      fc.property(scenarioVariations(doc, { vary: ['answers', 'flags'] }), (variant) => checkInvariants(runScenario(variant)).every((b) => b.name !== 'postprocessing-requested-in-post')),
      { numRuns: 500, seed: 7 },
    );
    // postprocessing-requested-in-post: ERROR_DI_POSTPROCESSING_REQUIRED is not a postprocessing answer of the
    // documented alphabet, so no variation breaks it.
    expect(details.failed).toBe(false);
    const failing = fc.check(
      fc.property(scenarioVariations(doc, { vary: ['answers', 'flags'] }), (variant) => (runScenario(variant).result as RunResult).result.success),
      { numRuns: 500, seed: 7 },
    );
    expect(failing.failed).toBe(true);
    const [shrunk] = failing.counterexample!;
    const changed = (['classCoInstallers', 'deviceCoInstallers', 'classInstaller', 'flags'] as const).filter((k) => JSON.stringify(shrunk[k]) !== JSON.stringify(doc[k]));
    expect(changed).toHaveLength(1);
  });
});

describe('the arbitraries from scratch', () => {
  it('installationArbitrary and dispatchCaseArbitrary draw valid scenarios that run; exclude leaves inputs out', () => {
    for (const doc of fc.sample(installationArbitrary('windows'), { numRuns: 15, seed: 3 })) expect(runScenario(doc).kind).toBe('install');
    for (const c of fc.sample(dispatchCaseArbitrary('wine'), { numRuns: 15, seed: 3 })) expect(runScenario(c.doc, { dif: c.dif }).kind).toBe('dispatch');
    const noTimeline = fc.sample(installationArbitrary('windows', { exclude: (doc) => doc.timeline !== undefined }), { numRuns: 30, seed: 3 });
    expect(noTimeline.every((doc) => doc.timeline === undefined)).toBe(true);
  });
});

describe('regressionTest', () => {
  const suite = 'examples/user-suite';

  it('wrote examples/user-suite/test/widget.regression.test.mjs from the property\'s shrunk counterexample', () => {
    const classScenario = read(path.join(suite, 'scenario.json'));
    const text = regressionTest({
      counterexample: { quiet: true, around: { ...classScenario, dif: 'DIF_INSTALLDEVICE' } },
      seed: 42,
      path: '6:1:1:1',
      tests: [
        { title: 'quiet DIF_INSTALLDEVICE: WidgetCoInstaller keeps every invariant and guideline (as shipped)', build: { module: '../src/widget.mjs', export: 'scenarioFor' }, expectation: 'satisfies' },
        {
          title: 'quiet DIF_INSTALLDEVICE with silent mode: devinst catches the ERROR_DI_DO_DEFAULT origination',
          build: { module: '../src/widget.mjs', export: 'scenarioWithSilentMode' },
          expectation: { breaks: 'coinstaller-originated-do-default' },
        },
      ],
    });
    expect(readFileSync(path.join(suite, 'test', 'widget.regression.test.mjs'), 'utf8').replace(/\r\n/g, '\n')).toBe(text);
  });

  it('regressionOnFailure writes the shrunk counterexample of a failing property as a test, with its seed and path', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'devinst-regression-'));
    try {
      const file = path.join(dir, 'planted.regression.test.mjs');
      const property = fc.property(scenarioVariations(planted, { dif: 'DIF_INSTALLDEVICE' }), (doc) => {
        expect(runScenario(doc)).toSatisfyInvariants();
      });
      const run = () => fc.assert(property, { seed: 5, numRuns: 100, ...regressionOnFailure(file, { tests: [{ title: 'pinned', expectation: { breaks: 'coinstaller-originated-do-default' } }] }) });
      expect(run).toThrow(/regression test written to .*planted\.regression\.test\.mjs/);
      const text = readFileSync(file, 'utf8');
      expect(text).toMatch(/^\/\/ Regression test written by devinst\/testing regressionTest\(\) from fast-check seed 5, path "[\d:]+"\./);
      expect(text).toContain('"pre": "ERROR_DI_DO_DEFAULT"');
      expect(text).toContain('expect(runScenario(counterexample)).toBreak("coinstaller-originated-do-default");');
      // The counterexample it wrote does break the rule.
      const json = text.slice(text.indexOf('const counterexample = ') + 'const counterexample = '.length, text.indexOf(';\n\ntest('));
      expect(runScenario(JSON.parse(json))).toBreak('coinstaller-originated-do-default');
      // A second failure does not replace the file.
      expect(run).toThrow(/no regression test written: .*already exists/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown rule, and writeRegressionTest never replaces a file', () => {
    expect(() => regressionTest({ counterexample: {}, tests: [{ title: 't', expectation: { breaks: 'NoSuchRule' } }] })).toThrow('unknown invariant or rule "NoSuchRule"');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'devinst-regression-'));
    try {
      const file = path.join(dir, 'a', 'x.test.mjs');
      writeRegressionTest(file, 'first');
      expect(() => writeRegressionTest(file, 'second')).toThrow('already exists; not overwritten');
      expect(readFileSync(file, 'utf8')).toBe('first');
      writeFileSync(path.join(dir, 'mine.mjs'), 'mine');
      expect(() => writeRegressionTest(path.join(dir, 'mine.mjs'), 'x')).toThrow();
      expect(existsSync(file)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
