/**
 * The installer rules the model records as violations (windows profile), one test per rule id.
 * Sources: WDD co-installer-interface.md and the per-DIF pages (dif-*.md); MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/<page>.md.
 */
import { runDif } from '../../src/host/runDif.js';
import { ci, co, scenario } from '../support/scenarios.js';

const POST = 'ERROR_DI_POSTPROCESSING_REQUIRED';

describe('dispatch rule violations (windows profile)', () => {
  describe('coinstaller-originated-do-default', () => {
    // WDD co-installer-interface.md: a co-installer must never originate ERROR_DI_DO_DEFAULT
    // (MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/co-installer-interface.md)
    it('should be recorded when a co-installer returns ERROR_DI_DO_DEFAULT in preprocessing', () => {
      const r = runDif(scenario({ classCoInstallers: [co('cc.dll,A', 'DIF_INSTALLDEVICE', { pre: 'ERROR_DI_DO_DEFAULT' })] }), 'DIF_INSTALLDEVICE');
      expect(r.violations).toHaveLength(1);
      expect(r.violations[0]).toMatchObject({ rule: 'coinstaller-originated-do-default', who: 'classCoInstaller', index: 1, name: 'cc.dll,A', dif: 'DIF_INSTALLDEVICE', phase: 'pre' });
    });

    it('should be recorded in postprocessing when the InstallResult was not ERROR_DI_DO_DEFAULT', () => {
      const doc = scenario({
        classCoInstallers: [co('cc.dll,A', 'DIF_INSTALLDEVICE', { pre: POST, post: 'ERROR_DI_DO_DEFAULT' })],
        classInstaller: ci('ci.dll,I', 'NO_ERROR'),
      });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls.at(-1)).toMatchObject({ phase: 'post', installResult: '0x00000000', returned: '0xE000020E' });
      expect(r.violations.map((v) => [v.rule, v.phase, v.index])).toEqual([['coinstaller-originated-do-default', 'post', 1]]);
    });

    // WDD co-installer-interface.md: "A co-installer may pass it on in postprocessing when that was the InstallResult it received"
    it.each(['propagate', 'ERROR_DI_DO_DEFAULT'])('should not be recorded when a co-installer passes ERROR_DI_DO_DEFAULT on (post: %s)', (post) => {
      // DIF_NEWDEVICEWIZARD_FINISHINSTALL has no default handler, so the InstallResult is ERROR_DI_DO_DEFAULT
      const doc = scenario({ deviceCoInstallers: [co('dc.dll,A', 'DIF_NEWDEVICEWIZARD_FINISHINSTALL', { pre: POST, post })] });
      const r = runDif(doc, 'DIF_NEWDEVICEWIZARD_FINISHINSTALL');
      expect(r.calls.at(-1)).toEqual({
        who: 'deviceCoInstaller', index: 1, name: 'dc.dll,A', phase: 'post', installResult: '0xE000020E', privateData: null, returned: '0xE000020E',
      });
      expect(r.violations).toEqual([]);
    });
  });

  describe('postprocessing-requested-in-post', () => {
    // WDD co-installer-interface.md (only preprocessing may ask: co-installer-interface.md); undocumented: docs/semantics.md C4 (undocumented outcome)
    it('should be recorded when a co-installer returns ERROR_DI_POSTPROCESSING_REQUIRED in postprocessing', () => {
      const doc = scenario({ classCoInstallers: [co('cc.dll,A', 'DIF_INSTALLDEVICE', { pre: POST, post: POST })] });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.violations.map((v) => [v.rule, v.who, v.index, v.phase])).toEqual([['postprocessing-requested-in-post', 'classCoInstaller', 1, 'post']]);
    });
  });

  describe('postprocessing-not-allowed', () => {
    // WDD co-installer-interface.md and the per-DIF pages (dif-*.md) row 1: co-installers should not return ERROR_DI_POSTPROCESSING_REQUIRED for these DIFs
    // (WDD dif-allow-install.md, dif-registerdevice.md, dif-addpropertypage-advanced.md)
    it.each(['DIF_ALLOW_INSTALL', 'DIF_REGISTERDEVICE', 'DIF_ADDPROPERTYPAGE_ADVANCED'])('should be recorded for %s', (dif) => {
      const r = runDif(scenario({ classCoInstallers: [co('cc.dll,A', dif, { pre: POST })] }), dif);
      expect(r.violations.map((v) => [v.rule, v.dif, v.phase])).toEqual([['postprocessing-not-allowed', dif, 'pre']]);
    });

    it('should not be recorded for DIF_INSTALLDEVICE', () => {
      const r = runDif(scenario({ classCoInstallers: [co('cc.dll,A', 'DIF_INSTALLDEVICE', { pre: POST })] }), 'DIF_INSTALLDEVICE');
      expect(r.violations).toEqual([]);
    });
  });

  describe('destroyprivatedata-nonzero', () => {
    // WDD co-installer-interface.md and the per-DIF pages (dif-*.md); WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h row 0x0C: co-installers do nothing and return NO_ERROR from preprocessing
    // (WDD dif-destroyprivatedata.md)
    it.each(['ERROR_ACCESS_DENIED', POST])('should be recorded when a co-installer returns %s', (pre) => {
      const r = runDif(scenario({ deviceCoInstallers: [co('dc.dll,A', 'DIF_DESTROYPRIVATEDATA', { pre })] }), 'DIF_DESTROYPRIVATEDATA');
      expect(r.violations.map((v) => [v.rule, v.who, v.index])).toEqual([['destroyprivatedata-nonzero', 'deviceCoInstaller', 1]]);
    });

    it('should not be recorded for NO_ERROR', () => {
      const r = runDif(scenario({ deviceCoInstallers: [co('dc.dll,A', 'DIF_DESTROYPRIVATEDATA', { pre: 'NO_ERROR' })] }), 'DIF_DESTROYPRIVATEDATA');
      expect(r.violations).toEqual([]);
    });
  });

  describe('setfailedinstall-nonzero', () => {
    // WDD co-installer-interface.md and the per-DIF pages (dif-*.md): DIF_INSTALLDEVICE with DI_FLAGSEX_SETFAILEDINSTALL — co-installers must return NO_ERROR,
    // class installers NO_ERROR or ERROR_DI_DO_DEFAULT (WDD dif-installdevice.md; SDK ns-setupapi-sp_devinstall_params_a.md)
    const failedInstall = { flagsEx: ['DI_FLAGSEX_SETFAILEDINSTALL'] };

    it('should be recorded when a co-installer fails', () => {
      const doc = scenario({ ...failedInstall, classCoInstallers: [co('cc.dll,A', 'DIF_INSTALLDEVICE', { pre: 'ERROR_ACCESS_DENIED' })] });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.violations.map((v) => [v.rule, v.who])).toEqual([['setfailedinstall-nonzero', 'classCoInstaller']]);
    });

    it('should be recorded when the class installer returns an error', () => {
      const r = runDif(scenario({ ...failedInstall, classInstaller: ci('ci.dll,I', 'ERROR_ACCESS_DENIED') }), 'DIF_INSTALLDEVICE');
      expect(r.violations.map((v) => [v.rule, v.who, v.name])).toEqual([['setfailedinstall-nonzero', 'classInstaller', 'ci.dll,I']]);
    });

    it.each(['NO_ERROR', 'ERROR_DI_DO_DEFAULT'])('should not be recorded when the class installer returns %s', (answer) => {
      const doc = scenario({ ...failedInstall, classCoInstallers: [co('cc.dll,A')], classInstaller: ci('ci.dll,I', answer) });
      expect(runDif(doc, 'DIF_INSTALLDEVICE').violations).toEqual([]);
    });

    it('should not be recorded without the flag', () => {
      const r = runDif(scenario({ classInstaller: ci('ci.dll,I', 'ERROR_ACCESS_DENIED') }), 'DIF_INSTALLDEVICE');
      expect(r.violations).toEqual([]);
    });
  });

  describe('requires-interactive-windowstation', () => {
    // WDD co-installer-interface.md and the per-DIF pages (dif-*.md) last row and WDD writing-class-installers-and-co-installers.md (WDD dif-allow-install.md; writing-class-installers-and-co-installers.md):
    // do not fail a request with ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION (0x5B3)
    it('should be recorded for a co-installer', () => {
      const r = runDif(scenario({ classCoInstallers: [co('cc.dll,A', 'DIF_ALLOW_INSTALL', { pre: 'ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION' })] }), 'DIF_ALLOW_INSTALL');
      expect(r.violations.map((v) => [v.rule, v.who])).toEqual([['requires-interactive-windowstation', 'classCoInstaller']]);
      expect(r.result).toEqual({ hex: '0x000005B3', name: 'ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION', success: false });
    });

    it('should be recorded for a class installer', () => {
      const r = runDif(scenario({ classInstaller: ci('ci.dll,I', '0x5B3') }), 'DIF_ALLOW_INSTALL');
      expect(r.violations.map((v) => [v.rule, v.who])).toEqual([['requires-interactive-windowstation', 'classInstaller']]);
    });
  });

  describe('a violation', () => {
    it('should not change what is called', () => {
      // WDD co-installer-operation.md, images/dif-flow.png step 1: ERROR_DI_DO_DEFAULT from a co-installer is not NO_ERROR or
      // ERROR_DI_POSTPROCESSING_REQUIRED, so it stops preprocessing like any other error
      const doc = scenario({
        classCoInstallers: [co('cc.dll,A', 'DIF_INSTALLDEVICE', { pre: 'ERROR_DI_DO_DEFAULT' }), co('cc2.dll,B')],
        classInstaller: ci('ci.dll,I', 'NO_ERROR'),
      });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([{ who: 'classCoInstaller', index: 1, name: 'cc.dll,A', phase: 'pre', returned: '0xE000020E' }]);
      expect(r.result).toEqual({ hex: '0xE000020E', name: 'ERROR_DI_DO_DEFAULT', success: false });
    });
  });
});
