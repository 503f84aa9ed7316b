/**
 * examples/violations/ has one scenario per violation id (docs/lifecycle.md "Installer effects": "one
 * scenario per violation id"). For every file: the outcome its description states ("Outcome: X."),
 * and a violation with the rule id the file is named after, in the DIF the description names.
 * Rule sources: docs/lifecycle.md (lifecycle rules, WDD finish-install-actions--windows-vista-and-later-.md; WDD writing-class-installers-and-co-installers.md) and docs/semantics.md "Violations"
 * (dispatch rules).
 */
import { runInstall } from '../../src/host/runInstall.js';
import { lifecycleExample, rules, violationExampleNames } from '../support/lifecycle.js';

describe('examples/violations: one scenario per violation id', () => {
  // Each file's description ends with "Outcome: <outcome>." and its name is the rule it breaks
  // (docs/lifecycle.md "Installer effects"; docs/semantics.md "Violations").
  // The outcome and DIF of each, read by hand from the descriptions:
  const EXPECTED: Record<string, { outcome: string; dif: string }> = {
    'coinstaller-called-default-handler': { outcome: 'installed', dif: 'DIF_INSTALLDEVICE' },
    'coinstaller-originated-do-default': { outcome: 'installed', dif: 'DIF_INSTALLINTERFACES' },
    'destroyprivatedata-nonzero': { outcome: 'installed', dif: 'DIF_DESTROYPRIVATEDATA' },
    'explicit-loadlibrary': { outcome: 'installed', dif: 'DIF_INSTALLDEVICE' },
    'finish-install-flag-outside-finishinstall-dif': { outcome: 'installed', dif: 'DIF_INSTALLDEVICE' },
    'postprocessing-not-allowed': { outcome: 'installed', dif: 'DIF_ALLOW_INSTALL' },
    'postprocessing-requested-in-post': { outcome: 'failed', dif: 'DIF_INSTALLDEVICE' },
    'process-not-awaited': { outcome: 'installed', dif: 'DIF_FINISHINSTALL_ACTION' },
    'process-outside-finish-install': { outcome: 'installed', dif: 'DIF_INSTALLDEVICE' },
    'requires-interactive-windowstation': { outcome: 'failed', dif: 'DIF_ALLOW_INSTALL' },
    'setfailedinstall-nonzero': { outcome: 'failed', dif: 'DIF_INSTALLDEVICE' },
    'state-kept-in-dll': { outcome: 'installed', dif: 'DIF_INSTALLDEVICE' },
    'too-many-property-pages': { outcome: 'installed', dif: 'DIF_ADDPROPERTYPAGE_ADVANCED' },
    'ui-during-quiet-install': { outcome: 'installed', dif: 'DIF_ADDPROPERTYPAGE_ADVANCED' },
    'ui-in-noninteractive-context': { outcome: 'hung', dif: 'DIF_INSTALLDEVICE' },
    'unsigned-binary-on-x64': { outcome: 'installed', dif: 'DIF_INSTALLDEVICE' },
  };

  it('should have a hand-written expectation for every file, and a file for every expectation', () => {
    expect(violationExampleNames()).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(violationExampleNames())('examples/violations/%s.json', (name) => {
    const doc = lifecycleExample(`violations/${name}`);
    const stated = /Outcome: ([a-z-]+)\.$/.exec(doc.description ?? '')?.[1];

    it('should end with the outcome its description states', () => {
      expect(stated).toBeDefined();
      expect(runInstall(doc).outcome).toBe(stated);
      expect(stated).toBe(EXPECTED[name]?.outcome);
    });

    it('should record the violation its file is named after, in the DIF its description names', () => {
      const r = runInstall(doc);
      expect(rules(r)).toContain(name);
      expect(r.violations.filter((v) => v.rule === name).map((v) => v.dif)).toContain(EXPECTED[name]?.dif);
    });
  });
});
