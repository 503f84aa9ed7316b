/**
 * difDispatch under the wine profile: where wine-mirror/wine dlls/setupapi/devinst.c
 * (SetupDiCallClassInstaller, call_coinstallers) departs from documented Windows.
 * Each test names the step of Wine's SetupDiCallClassInstaller or call_coinstallers it checks.
 */
import { runDif } from '../../src/host/runDif.js';
import type { ScenarioDocument } from '../../src/scenario/schema.js';
import { ci, co, scenario } from '../support/scenarios.js';

const wine = (doc: ScenarioDocument): ScenarioDocument => scenario({ ...doc, profile: 'wine' });
const POST = 'ERROR_DI_POSTPROCESSING_REQUIRED';
const TRUE_NO_ERROR = { hex: '0x00000000', name: 'NO_ERROR', success: true };
const FALSE_DO_DEFAULT = { hex: '0xE000020E', name: 'ERROR_DI_DO_DEFAULT', success: false };

describe('difDispatch (wine profile)', () => {
  describe('no device', () => {
    // Wine dlls/setupapi/devinst.c SetupDiCallClassInstaller (get_device: a non-NULL element is required) and ReactOS and Wine dlls/setupapi/devinst.c "NULL DeviceInfoData: rejected,
    // ERROR_INVALID_PARAMETER"; ReactOS and Wine dlls/setupapi/devinst.c Wine 5
    it.each(['DIF_INSTALLDEVICE', 'DIF_SELECTDEVICE'])('should refuse %s with ERROR_INVALID_PARAMETER and call nobody', (dif) => {
      const r = runDif(wine({ device: undefined, classCoInstallers: [co('cc.dll,A')], classInstaller: ci('ci.dll,I', 'NO_ERROR') }), dif);
      expect(r.calls).toEqual([]);
      expect(r.result).toEqual({ hex: '0x00000057', name: 'ERROR_INVALID_PARAMETER', success: false });
    });
  });

  describe('postprocessing', () => {
    // Wine dlls/setupapi/devinst.c SetupDiCallClassInstaller ("ERROR_DI_POSTPROCESSING_REQUIRED only produces a FIXME trace — the co-installer is
    // never called back") and W8; ReactOS and Wine dlls/setupapi/devinst.c Wine 1
    it('should never call a co-installer back, even when it asked', () => {
      const doc = wine({
        classCoInstallers: [co('cc.dll,A', 'DIF_INSTALLDEVICE', { pre: POST, privateData: 'x' })],
        deviceCoInstallers: [co('dc.dll,B', 'DIF_INSTALLDEVICE', { pre: POST })],
      });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([
        { who: 'classCoInstaller', index: 1, name: 'cc.dll,A', phase: 'pre', returned: '0xE0000226' },
        { who: 'deviceCoInstaller', index: 2, name: 'dc.dll,B', phase: 'pre', returned: '0xE0000226' },
        { who: 'defaultHandler', function: 'SetupDiInstallDevice', returned: '0x00000000' },
      ]);
      expect(r.result).toEqual(TRUE_NO_ERROR);
    });
  });

  describe('a failing device co-installer', () => {
    // Wine dlls/setupapi/devinst.c SetupDiCallClassInstaller (device co-installer result ignored: processing continues with the class installer)
    // and W4 ("any other non-zero result … aborts the list"); ReactOS and Wine dlls/setupapi/devinst.c Wine 2
    it('should skip the later device co-installers but still call the class installer and the default handler', () => {
      const doc = wine({
        classCoInstallers: [co('cc.dll,A')],
        deviceCoInstallers: [co('dc1.dll,B', 'DIF_INSTALLDEVICE', { pre: 'ERROR_ACCESS_DENIED' }), co('dc2.dll,C')],
        classInstaller: ci('ci.dll,I', 'ERROR_DI_DO_DEFAULT'),
      });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([
        { who: 'classCoInstaller', index: 1, name: 'cc.dll,A', phase: 'pre', returned: '0x00000000' },
        { who: 'deviceCoInstaller', index: 2, name: 'dc1.dll,B', phase: 'pre', returned: '0x00000005' },
        { who: 'classInstaller', name: 'ci.dll,I', returned: '0xE000020E' },
        { who: 'defaultHandler', function: 'SetupDiInstallDevice', returned: '0x00000000' },
      ]);
      expect(r.result).toEqual(TRUE_NO_ERROR);
    });
  });

  describe('a failing class co-installer', () => {
    // Wine dlls/setupapi/devinst.c SetupDiCallClassInstaller ("returns FALSE at once (last error = the co-installer's code): no device
    // co-installers, class installer or default handler")
    it('should return its error at once and call nothing else', () => {
      const doc = wine({
        classCoInstallers: [co('cc1.dll,A', 'DIF_INSTALLDEVICE', { pre: 'ERROR_ACCESS_DENIED' }), co('cc2.dll,B')],
        deviceCoInstallers: [co('dc.dll,C')],
        classInstaller: ci('ci.dll,I', 'ERROR_DI_DO_DEFAULT'),
      });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([{ who: 'classCoInstaller', index: 1, name: 'cc1.dll,A', phase: 'pre', returned: '0x00000005' }]);
      expect(r.result).toEqual({ hex: '0x00000005', name: 'ERROR_ACCESS_DENIED', success: false });
    });
  });

  describe('DI_NODI_DEFAULTACTION', () => {
    // Wine dlls/setupapi/devinst.c SetupDiCallClassInstaller; ReactOS and Wine dlls/setupapi/devinst.c ("DI_NODI_DEFAULTACTION: ignored"); ReactOS and Wine dlls/setupapi/devinst.c Wine 3
    it('should be ignored: the default handler still runs', () => {
      const r = runDif(wine({ flags: ['DI_NODI_DEFAULTACTION'] }), 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([{ who: 'defaultHandler', function: 'SetupDiInstallDevice', returned: '0x00000000' }]);
      expect(r.result).toEqual(TRUE_NO_ERROR);
    });
  });

  describe('DI_FLAGSEX_CI_FAILED', () => {
    // Wine dlls/setupapi/devinst.c SetupDiCallClassInstaller: DI_FLAGSEX_CI_FAILED is not implemented (ignored): the class installer is still called
    it('should be ignored: the class installer is still called', () => {
      const r = runDif(wine({ flagsEx: ['DI_FLAGSEX_CI_FAILED'], classInstaller: ci('ci.dll,I', 'NO_ERROR') }), 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([{ who: 'classInstaller', name: 'ci.dll,I', returned: '0x00000000' }]);
    });
  });

  describe('default handlers', () => {
    // Wine dlls/setupapi/devinst.c SetupDiCallClassInstaller/W7 and WDD calling-the-default-dif-code-handlers.md; ReactOS and Wine dlls/setupapi/devinst.c (FIXME → FALSE/ERROR_DI_DO_DEFAULT); ReactOS and Wine dlls/setupapi/devinst.c Wine 4
    it.each(['DIF_PROPERTYCHANGE', 'DIF_SELECTDEVICE', 'DIF_UNREMOVE', 'DIF_FINISHINSTALL_ACTION'])(
      'should have no handler for %s and return FALSE with ERROR_DI_DO_DEFAULT',
      (dif) => {
        const r = runDif(wine({ os: 'win7' }), dif);
        expect(r.calls).toEqual([{ who: 'defaultHandler', function: null, returned: '0xE000020E' }]);
        expect(r.result).toEqual(FALSE_DO_DEFAULT);
      },
    );

    // WDD calling-the-default-dif-code-handlers.md; ReactOS and Wine dlls/setupapi/devinst.c: DIF_REMOVE → SetupDiRemoveDevice (implemented)
    it('should run SetupDiRemoveDevice for DIF_REMOVE', () => {
      const r = runDif(wine({}), 'DIF_REMOVE');
      expect(r.calls).toEqual([{ who: 'defaultHandler', function: 'SetupDiRemoveDevice', returned: '0x00000000' }]);
    });

    // Wine dlls/setupapi/devinst.c SetupDiCallClassInstaller: the handler's BOOL is returned directly, last error from the handler
    it('should return a failing handler\'s error', () => {
      const r = runDif(wine({ defaultHandlers: { DIF_INSTALLDEVICE: 'ERROR_FILE_NOT_FOUND' } }), 'DIF_INSTALLDEVICE');
      expect(r.result).toEqual({ hex: '0x00000002', name: 'ERROR_FILE_NOT_FOUND', success: false });
    });
  });

  describe('participation', () => {
    // Wine dlls/setupapi/devinst.c SetupDiCallClassInstaller ("No per-DIF filtering: every DIF goes to every installer found") and WDD calling-the-default-dif-code-handlers.md; ReactOS and Wine dlls/setupapi/devinst.c last row
    // (unknown 0xdeadbeef: installers called → FALSE / ERROR_DI_DO_DEFAULT)
    it('should pass an unknown DIF to every installer and end with ERROR_DI_DO_DEFAULT', () => {
      const doc = wine({ classCoInstallers: [co('cc.dll,A')], deviceCoInstallers: [co('dc.dll,B')], classInstaller: ci('ci.dll,I', 'ERROR_DI_DO_DEFAULT') });
      const r = runDif(doc, 0xdeadbeef);
      expect(r.calls).toEqual([
        { who: 'classCoInstaller', index: 1, name: 'cc.dll,A', phase: 'pre', returned: '0x00000000' },
        { who: 'deviceCoInstaller', index: 2, name: 'dc.dll,B', phase: 'pre', returned: '0x00000000' },
        { who: 'classInstaller', name: 'ci.dll,I', returned: '0xE000020E' },
        { who: 'defaultHandler', function: null, returned: '0xE000020E' },
      ]);
      expect(r.result).toEqual(FALSE_DO_DEFAULT);
    });
  });

  describe('entry points', () => {
    // Wine dlls/setupapi/devinst.c SetupDiCallClassInstaller (no white-space trimming: "x.dll, Entry" looks up " Entry" and silently fails) and
    // W5 (same parsing for the class installer; an unloadable one is treated as absent); ReactOS and Wine dlls/setupapi/devinst.c Wine 7
    it('should not call "x.dll, Entry" and treat a class installer "z.dll, Entry" as absent', () => {
      const doc = wine({ classCoInstallers: [co('x.dll, Entry'), co('y.dll,Entry')], classInstaller: ci('z.dll, Entry', 'NO_ERROR') });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls.map((c) => c.name ?? c.function)).toEqual(['y.dll,Entry', 'SetupDiInstallDevice']);
    });

    // Wine dlls/setupapi/devinst.c SetupDiCallClassInstaller ("entry point = text after the comma, or CoDeviceInstall when no comma") and
    // W5 ("default entry ClassInstall")
    it('should call x.dll as x.dll,CoDeviceInstall and a class installer z.dll as z.dll,ClassInstall', () => {
      const r = runDif(wine({ deviceCoInstallers: [co('x.dll')], classInstaller: ci('z.dll', 'NO_ERROR') }), 'DIF_INSTALLDEVICE');
      expect(r.calls.map((c) => c.name)).toEqual(['x.dll,CoDeviceInstall', 'z.dll,ClassInstall']);
    });
  });
});
