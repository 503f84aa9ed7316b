/**
 * difDispatch under the wine profile: where wine-mirror/wine dlls/setupapi/devinst.c
 * (SetupDiCallClassInstaller, call_coinstallers) departs from documented Windows.
 * Items W1–W8 and §4–§6 are those of implementations.md.
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
    // implementations.md W1 (get_device: a non-NULL element is required) and §5 "NULL DeviceInfoData: rejected,
    // ERROR_INVALID_PARAMETER"; §6 Wine 5
    it.each(['DIF_INSTALLDEVICE', 'DIF_SELECTDEVICE'])('should refuse %s with ERROR_INVALID_PARAMETER and call nobody', (dif) => {
      const r = runDif(wine({ device: undefined, classCoInstallers: [co('cc.dll,A')], classInstaller: ci('ci.dll,I', 'NO_ERROR') }), dif);
      expect(r.calls).toEqual([]);
      expect(r.result).toEqual({ hex: '0x00000057', name: 'ERROR_INVALID_PARAMETER', success: false });
    });
  });

  describe('postprocessing', () => {
    // implementations.md W4 ("ERROR_DI_POSTPROCESSING_REQUIRED only produces a FIXME trace — the co-installer is
    // never called back") and W8; §6 Wine 1
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
    // implementations.md W3 (device co-installer result ignored: processing continues with the class installer)
    // and W4 ("any other non-zero result … aborts the list"); §6 Wine 2
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
    // implementations.md W2 ("returns FALSE at once (last error = the co-installer's code): no device
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
    // implementations.md W8 and §5 ("DI_NODI_DEFAULTACTION: ignored"); §6 Wine 3
    it('should be ignored: the default handler still runs', () => {
      const r = runDif(wine({ flags: ['DI_NODI_DEFAULTACTION'] }), 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([{ who: 'defaultHandler', function: 'SetupDiInstallDevice', returned: '0x00000000' }]);
      expect(r.result).toEqual(TRUE_NO_ERROR);
    });
  });

  describe('DI_FLAGSEX_CI_FAILED', () => {
    // implementations.md W8: DI_FLAGSEX_CI_FAILED is not implemented (ignored): the class installer is still called
    it('should be ignored: the class installer is still called', () => {
      const r = runDif(wine({ flagsEx: ['DI_FLAGSEX_CI_FAILED'], classInstaller: ci('ci.dll,I', 'NO_ERROR') }), 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([{ who: 'classInstaller', name: 'ci.dll,I', returned: '0x00000000' }]);
    });
  });

  describe('default handlers', () => {
    // implementations.md W6/W7 and §4 (FIXME → FALSE/ERROR_DI_DO_DEFAULT); §6 Wine 4
    it.each(['DIF_PROPERTYCHANGE', 'DIF_SELECTDEVICE', 'DIF_UNREMOVE', 'DIF_FINISHINSTALL_ACTION'])(
      'should have no handler for %s and return FALSE with ERROR_DI_DO_DEFAULT',
      (dif) => {
        const r = runDif(wine({ os: 'win7' }), dif);
        expect(r.calls).toEqual([{ who: 'defaultHandler', function: null, returned: '0xE000020E' }]);
        expect(r.result).toEqual(FALSE_DO_DEFAULT);
      },
    );

    // implementations.md §4: DIF_REMOVE → SetupDiRemoveDevice (implemented)
    it('should run SetupDiRemoveDevice for DIF_REMOVE', () => {
      const r = runDif(wine({}), 'DIF_REMOVE');
      expect(r.calls).toEqual([{ who: 'defaultHandler', function: 'SetupDiRemoveDevice', returned: '0x00000000' }]);
    });

    // implementations.md W6: the handler's BOOL is returned directly, last error from the handler
    it('should return a failing handler\'s error', () => {
      const r = runDif(wine({ defaultHandlers: { DIF_INSTALLDEVICE: 'ERROR_FILE_NOT_FOUND' } }), 'DIF_INSTALLDEVICE');
      expect(r.result).toEqual({ hex: '0x00000002', name: 'ERROR_FILE_NOT_FOUND', success: false });
    });
  });

  describe('participation', () => {
    // implementations.md W1 ("No per-DIF filtering: every DIF goes to every installer found") and §4 last row
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
    // implementations.md W4 (no white-space trimming: "x.dll, Entry" looks up " Entry" and silently fails) and
    // W5 (same parsing for the class installer; an unloadable one is treated as absent); §6 Wine 7
    it('should not call "x.dll, Entry" and treat a class installer "z.dll, Entry" as absent', () => {
      const doc = wine({ classCoInstallers: [co('x.dll, Entry'), co('y.dll,Entry')], classInstaller: ci('z.dll, Entry', 'NO_ERROR') });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls.map((c) => c.name ?? c.function)).toEqual(['y.dll,Entry', 'SetupDiInstallDevice']);
    });

    // implementations.md W4 ("entry point = text after the comma, or CoDeviceInstall when no comma") and
    // W5 ("default entry ClassInstall")
    it('should call x.dll as x.dll,CoDeviceInstall and a class installer z.dll as z.dll,ClassInstall', () => {
      const r = runDif(wine({ deviceCoInstallers: [co('x.dll')], classInstaller: ci('z.dll', 'NO_ERROR') }), 'DIF_INSTALLDEVICE');
      expect(r.calls.map((c) => c.name)).toEqual(['x.dll,CoDeviceInstall', 'z.dll,ClassInstall']);
    });
  });
});
