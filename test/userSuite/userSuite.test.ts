/**
 * examples/user-suite run as its users run it: devinst packed from the current tree (`npm pack`,
 * into a temporary folder), the suite installed from the tarball (offline, from the npm cache),
 * its Jest tests run. It passes as shipped; with the planted mistake made reachable
 * (CONTOSO_SILENT_MODE=1) its fast-check property fails with a shrunk counterexample that names the
 * rule a co-installer must not break: it must never originate ERROR_DI_DO_DEFAULT
 * (MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/co-installer-interface.md).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installSuite, packDevinst, ROOT, run, runSuite } from '../support/pack.js';

jest.setTimeout(300_000);

let temp: string;
let project: string;
beforeAll(() => {
  temp = mkdtempSync(path.join(os.tmpdir(), 'devinst-user-suite-'));
  const tarball = packDevinst(path.join(temp, 'stage'));
  project = path.join(temp, 'project');
  installSuite(path.join(ROOT, 'examples', 'user-suite'), project, tarball);
});
afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('examples/user-suite against the packed package', () => {
  it('passes as shipped: the property holds and the regression test pins the counterexample', () => {
    const r = runSuite(project);
    const output = r.stdout + r.stderr;
    expect(output).toContain('Tests:       3 passed, 3 total');
    expect(r.status).toBe(0);
  });

  it('devinst/testing and devinst/testing/jest are typed: a TypeScript user of the packed package type-checks (strict, no skipLibCheck)', () => {
    const check = [
      "import { checkInvariants, invariants, regressionTest, rules, runScenario, scenarioVariations, type Breach } from 'devinst/testing';",
      "import 'devinst/testing/jest';",
      "import fc from 'fast-check';",
      "const run = runScenario({ device: {}, dif: 'DIF_INSTALLDEVICE' });",
      'export const breaches: Breach[] = checkInvariants(run);',
      'export const variations: fc.Arbitrary<Record<string, unknown>> = scenarioVariations({});',
      "export const source: string = invariants.PostIsReverseOfPre.source + rules['coinstaller-originated-do-default'].sentence;",
      "export const text: string = regressionTest({ counterexample: {}, tests: [{ title: 't', expectation: { breaks: 'PostIsReverseOfPre' } }] });",
      '// @ts-expect-error: a run is not a string',
      'export const wrong: string = run;',
      '',
    ].join('\n');
    writeFileSync(path.join(project, 'check.ts'), check);
    writeFileSync(
      path.join(project, 'tsconfig.check.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['check.ts'] }),
    );
    const r = run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.check.json'], project);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('the property fails with a shrunk counterexample when the planted mistake is reachable', () => {
    const r = runSuite(project, ['test/widget.property.test.mjs'], { CONTOSO_SILENT_MODE: '1' });
    const output = r.stdout + r.stderr;
    expect(r.status).toBe(1);
    expect(output).toMatch(/Property failed after \d+ tests/);
    expect(output).toMatch(/Shrunk \d+ time\(s\)/);
    // The shrunk case: quiet, DIF_INSTALLDEVICE, the class's own installers as written.
    expect(output).toContain('Counterexample: [{"quiet":true,"around":{"name":"contoso-widget"');
    expect(output).toContain('✘ coinstaller-originated-do-default (guideline rule): co-installer 2 (contosowidget.dll,WidgetCoInstaller) originated ERROR_DI_DO_DEFAULT during DIF_INSTALLDEVICE postprocessing');
    expect(output).toContain('source: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/co-installer-interface.md');
    // The matcher's failure shows the run's timeline.
    expect(output).toContain('post (InstallResult NO_ERROR (0x00000000), PrivateData {"mode":"silent"}) → ERROR_DI_DO_DEFAULT (0xE000020E)');
  });
});
