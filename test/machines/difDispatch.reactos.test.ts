/**
 * difDispatch under the reactos profile: where reactos/reactos dll/win32/setupapi/devinst.c
 * (SetupDiCallClassInstaller) and misc.c (GetFunctionPointer) depart from documented Windows.
 * Each test names the step of ReactOS's SetupDiCallClassInstaller (or GetFunctionPointer) it checks.
 */
import type { RunResult } from '../../src/domain/runResult.js';
import { runDif } from '../../src/host/runDif.js';
import type { ScenarioDocument } from '../../src/scenario/schema.js';
import { ci, co, scenario } from '../support/scenarios.js';

const reactos = (doc: ScenarioDocument): ScenarioDocument => scenario({ ...doc, profile: 'reactos' });
const POST = 'ERROR_DI_POSTPROCESSING_REQUIRED';
const TRUE_NO_ERROR = { hex: '0x00000000', name: 'NO_ERROR', success: true };

/**
 * The calls to installers and to real default-handler functions. ReactOS writes no log, so the
 * "no default handler" step (function null) the model may record carries no reference meaning here
 * and is left out; a handler function that did run stays in the list and is compared.
 */
function installerCalls(r: RunResult) {
  return r.calls.filter((c) => !(c.who === 'defaultHandler' && c.function === null));
}

describe('difDispatch (reactos profile)', () => {
  describe('the per-DIF mask', () => {
    // ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller; ReactOS and Wine dlls/setupapi/devinst.c "Participation rules": device co-installers excluded for DIF_ALLOW_INSTALL
    it('should not call device co-installers for DIF_ALLOW_INSTALL', () => {
      const r = runDif(reactos({ classCoInstallers: [co('cc.dll,A')], deviceCoInstallers: [co('dc.dll,B')] }), 'DIF_ALLOW_INSTALL');
      expect(installerCalls(r)).toEqual([{ who: 'classCoInstaller', index: 1, name: 'cc.dll,A', phase: 'pre', returned: '0x00000000' }]);
      // R10: ERROR_DI_DO_DEFAULT with no handler becomes NO_ERROR
      expect(r.result).toEqual(TRUE_NO_ERROR);
    });

    // ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller (its participation switch): DIF_DESTROYPRIVATEDATA goes to the class installer only
    it('should send DIF_DESTROYPRIVATEDATA to the class installer only', () => {
      const doc = reactos({ classCoInstallers: [co('cc.dll,A')], deviceCoInstallers: [co('dc.dll,B')], classInstaller: ci('ci.dll,I', 'ERROR_DI_DO_DEFAULT') });
      const r = runDif(doc, 'DIF_DESTROYPRIVATEDATA');
      expect(installerCalls(r)).toEqual([{ who: 'classInstaller', name: 'ci.dll,I', returned: '0xE000020E' }]);
      expect(r.result).toEqual(TRUE_NO_ERROR);
    });

    // ReactOS devinst.c has no handler-less "default installer" step: `else rc = NO_ERROR` (R10);
    // docs/semantics.md `unhandledDoDefault`. So no defaultHandler call at all is recorded.
    it('should record no default-handler call when the DIF has none', () => {
      const r = runDif(reactos({ classInstaller: ci('ci.dll,I', 'ERROR_DI_DO_DEFAULT') }), 'DIF_NEWDEVICEWIZARD_FINISHINSTALL');
      expect(r.calls).toEqual([{ who: 'classInstaller', name: 'ci.dll,I', returned: '0xE000020E' }]);
    });

    // ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller; WDD calling-the-default-dif-code-handlers.md; ReactOS and Wine dlls/setupapi/devinst.c (DIF_FINISHINSTALL_ACTION "not in switch"; last row: DIF_UPDATEDRIVER_UI,
    // DIF_ADDPROPERTYPAGE_BASIC, DIF_FIRSTTIMESETUP, unknown 0xdeadbeef → ERROR_NOT_SUPPORTED, nothing called)
    it.each(['DIF_FINISHINSTALL_ACTION', 'DIF_UPDATEDRIVER_UI', 'DIF_ADDPROPERTYPAGE_BASIC', 'DIF_FIRSTTIMESETUP', '0xDEADBEEF'])(
      'should refuse %s with ERROR_NOT_SUPPORTED and call nobody',
      (dif) => {
        const doc = reactos({ os: 'win7', classCoInstallers: [co('cc.dll,A')], deviceCoInstallers: [co('dc.dll,B')], classInstaller: ci('ci.dll,I', 'NO_ERROR') });
        const r = runDif(doc, dif);
        expect(r.calls).toEqual([]);
        expect(r.result).toEqual({ hex: '0x00000032', name: 'ERROR_NOT_SUPPORTED', success: false });
      },
    );
  });

  describe('a failing co-installer', () => {
    // ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller (any other error stops the loops) and R9 (the class installer is called
    // unconditionally and its return overwrites the status); ReactOS and Wine dlls/setupapi/devinst.c ReactOS 1
    it('should stop the co-installers but still call the class installer, whose answer replaces the failure', () => {
      const doc = reactos({
        classCoInstallers: [co('cc1.dll,A', 'DIF_INSTALLDEVICE', { pre: 'ERROR_ACCESS_DENIED' }), co('cc2.dll,B')],
        deviceCoInstallers: [co('dc.dll,C')],
        classInstaller: ci('ci.dll,I', 'NO_ERROR'),
      });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([
        { who: 'classCoInstaller', index: 1, name: 'cc1.dll,A', phase: 'pre', returned: '0x00000005' },
        { who: 'classInstaller', name: 'ci.dll,I', returned: '0x00000000' },
      ]);
      expect(r.result).toEqual(TRUE_NO_ERROR);
    });

    // ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller: "With no class installer the status becomes ERROR_DI_DO_DEFAULT — also after a
    // co-installer error"; ReactOS and Wine dlls/setupapi/devinst.c ReactOS 1: "... and the default handler runs"
    it('should run the default handler after a co-installer failure when there is no class installer', () => {
      const doc = reactos({ deviceCoInstallers: [co('dc.dll,C', 'DIF_INSTALLDEVICE', { pre: 'ERROR_FILE_NOT_FOUND' })] });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([
        { who: 'deviceCoInstaller', index: 1, name: 'dc.dll,C', phase: 'pre', returned: '0x00000002' },
        { who: 'defaultHandler', function: 'SetupDiInstallDevice', returned: '0x00000000' },
      ]);
      expect(r.result).toEqual(TRUE_NO_ERROR);
    });
  });

  describe('ERROR_DI_DO_DEFAULT that no default handler consumes', () => {
    // ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller; WDD calling-the-default-dif-code-handlers.md; ReactOS and Wine dlls/setupapi/devinst.c ("installers called, no handler → TRUE"); ReactOS and Wine dlls/setupapi/devinst.c ReactOS 4
    it('should become NO_ERROR (TRUE) for a DIF with no default handler', () => {
      const r = runDif(reactos({ classInstaller: ci('ci.dll,I', 'ERROR_DI_DO_DEFAULT') }), 'DIF_NEWDEVICEWIZARD_FINISHINSTALL');
      expect(installerCalls(r)).toEqual([{ who: 'classInstaller', name: 'ci.dll,I', returned: '0xE000020E' }]);
      expect(r.result).toEqual(TRUE_NO_ERROR);
    });

    // ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller: "if a default handler exists and DI_NODI_DEFAULTACTION is clear … otherwise NO_ERROR"
    it('should become NO_ERROR when DI_NODI_DEFAULTACTION suppresses the handler', () => {
      const r = runDif(reactos({ flags: ['DI_NODI_DEFAULTACTION'] }), 'DIF_INSTALLDEVICE');
      expect(installerCalls(r)).toEqual([]);
      expect(r.result).toEqual(TRUE_NO_ERROR);
    });
  });

  describe('postprocessing', () => {
    // ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller ("class co-installers front to back, then device co-installers front to back");
    // ReactOS dll/win32/setupapi/devinst.c; WDD co-installer-operation.md says reverse order (docs/semantics.md §3)
    it('should call back in forward order: class co-installers, then device co-installers', () => {
      const doc = reactos({
        classCoInstallers: [co('cc1.dll,A', 'DIF_INSTALLDEVICE', { pre: POST, privateData: 'p1' }), co('cc2.dll,B', 'DIF_INSTALLDEVICE', { pre: POST, privateData: 'p2' })],
        deviceCoInstallers: [co('dc1.dll,C', 'DIF_INSTALLDEVICE', { pre: POST, privateData: 'p3' })],
      });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls.filter((c) => c.phase === 'post')).toEqual([
        { who: 'classCoInstaller', index: 1, name: 'cc1.dll,A', phase: 'post', installResult: '0x00000000', privateData: 'p1', returned: '0x00000000' },
        { who: 'classCoInstaller', index: 2, name: 'cc2.dll,B', phase: 'post', installResult: '0x00000000', privateData: 'p2', returned: '0x00000000' },
        { who: 'deviceCoInstaller', index: 3, name: 'dc1.dll,C', phase: 'post', installResult: '0x00000000', privateData: 'p3', returned: '0x00000000' },
      ]);
      expect(r.calls.findIndex((c) => c.who === 'defaultHandler')).toBe(3);
    });

    // ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller ("a co-installer that does not touch PrivateData inherits the previous one's pointer,
    // or uninitialised stack contents for the first"); ReactOS and Wine dlls/setupapi/devinst.c ReactOS 3; ReactOS dll/win32/setupapi/devinst.c item 4
    it('should share one PrivateData: a co-installer that stores none inherits the previous value', () => {
      const doc = reactos({
        classCoInstallers: [
          co('cc1.dll,A', 'DIF_INSTALLDEVICE', { pre: POST }),
          co('cc2.dll,B', 'DIF_INSTALLDEVICE', { pre: POST, privateData: 'from-cc2' }),
          co('cc3.dll,C', 'DIF_INSTALLDEVICE', { pre: POST }),
        ],
      });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls.filter((c) => c.phase === 'post').map((c) => [c.index, c.privateData])).toEqual([
        [1, '(uninitialised stack memory)'],
        [2, 'from-cc2'],
        [3, 'from-cc2'],
      ]);
    });

    // ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller: InstallResult = current status, chained; each return becomes the new status
    it('should chain InstallResult through the forward callbacks', () => {
      const doc = reactos({
        classCoInstallers: [
          co('cc1.dll,A', 'DIF_INSTALLDEVICE', { pre: POST, privateData: 1, post: 'ERROR_GEN_FAILURE' }),
          co('cc2.dll,B', 'DIF_INSTALLDEVICE', { pre: POST, privateData: 2, post: 'propagate' }),
        ],
      });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls.filter((c) => c.phase === 'post').map((c) => [c.index, c.installResult, c.returned])).toEqual([
        [1, '0x00000000', '0x0000001F'],
        [2, '0x0000001F', '0x0000001F'],
      ]);
      expect(r.result).toEqual({ hex: '0x0000001F', name: 'ERROR_GEN_FAILURE', success: false });
    });
  });

  describe('stub default handlers', () => {
    // WDD calling-the-default-dif-code-handlers.md; ReactOS and Wine dlls/setupapi/devinst.c (DIF_REMOVE / DIF_UNREMOVE: "a stub in this devinst.c (ERROR_CALL_NOT_IMPLEMENTED)"); ReactOS and Wine dlls/setupapi/devinst.c ReactOS 9
    it.each([
      ['DIF_REMOVE', 'SetupDiRemoveDevice'],
      ['DIF_UNREMOVE', 'SetupDiUnremoveDevice'],
    ])('should make %s fail with ERROR_CALL_NOT_IMPLEMENTED even when the scenario says the handler succeeds', (dif, fn) => {
      const r = runDif(reactos({ defaultHandlers: { [dif]: 'NO_ERROR' } }), dif);
      expect(r.calls).toEqual([{ who: 'defaultHandler', function: fn, returned: '0x00000078' }]);
      expect(r.result).toEqual({ hex: '0x00000078', name: 'ERROR_CALL_NOT_IMPLEMENTED', success: false });
    });
  });

  describe('entry points', () => {
    // ReactOS dll/win32/setupapi/misc.c GetFunctionPointer (GetFunctionPointer: the string must contain a comma, otherwise it is dropped, R4/R5);
    // ReactOS and Wine dlls/setupapi/devinst.c ReactOS 6
    it('should not call a co-installer registered as x.dll without ",entry"', () => {
      const r = runDif(reactos({ classCoInstallers: [co('x.dll'), co('y.dll,Entry')], classInstaller: ci('ci.dll,I', 'NO_ERROR') }), 'DIF_INSTALLDEVICE');
      expect(r.calls.map((c) => c.name)).toEqual(['y.dll,Entry', 'ci.dll,I']);
    });

    // ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller/R7: an Installer32 without an entry point marks the class installer as failed and
    // ReactOS continues as if there were none → ERROR_DI_DO_DEFAULT → default handler
    it('should treat a class installer without ",entry" as absent', () => {
      const r = runDif(reactos({ classInstaller: ci('z.dll', 'NO_ERROR') }), 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([{ who: 'defaultHandler', function: 'SetupDiInstallDevice', returned: '0x00000000' }]);
    });

    // ReactOS dll/win32/setupapi/misc.c GetFunctionPointer: "commas and white space after the comma are skipped"
    it('should call "x.dll, Entry" as x.dll,Entry', () => {
      const r = runDif(reactos({ classCoInstallers: [co('x.dll, Entry')], classInstaller: ci('ci.dll,I', 'NO_ERROR') }), 'DIF_INSTALLDEVICE');
      expect(r.calls.map((c) => c.name)).toEqual(['x.dll,Entry', 'ci.dll,I']);
    });
  });

  describe('DI_FLAGSEX_CI_FAILED', () => {
    // ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller: the class installer is loaded only "if allowed and DI_FLAGSEX_CI_FAILED not already set";
    // without it the status is ERROR_DI_DO_DEFAULT (R9) and the default handler runs (R10)
    it('should not call the class installer when the flag is already set', () => {
      const r = runDif(reactos({ flagsEx: ['DI_FLAGSEX_CI_FAILED'], classInstaller: ci('ci.dll,I', 'NO_ERROR') }), 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([{ who: 'defaultHandler', function: 'SetupDiInstallDevice', returned: '0x00000000' }]);
    });
  });

  describe('no device', () => {
    // ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller ("A NULL element is not rejected") and ReactOS and Wine dlls/setupapi/devinst.c / ReactOS and Wine dlls/setupapi/devinst.c ReactOS 8: dereferenced → crash
    // for any DIF that reaches installer lookup
    it.each(['DIF_INSTALLDEVICE', 'DIF_DETECT'])('should end %s with 0xC0000005 and call nobody', (dif) => {
      const r = runDif(reactos({ device: undefined, classCoInstallers: [co('cc.dll,A')], classInstaller: ci('ci.dll,I', 'NO_ERROR') }), dif);
      expect(r.calls).toEqual([]);
      expect(r.result.hex).toBe('0xC0000005');
      expect(r.result.success).toBe(false);
    });
  });
});
