/**
 * difDispatch under the windows profile: one test per rule of the documented (and observed)
 * SetupDiCallClassInstaller behaviour, through runDif(scenarioDocument, dif).
 *
 * Main sources (docs/sources.md tags):
 *  - WDD = MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/<page>.md
 *  - WDD-img = same repository, windows-driver-docs-pr/install/images/dif-flow.png, callco.png
 *  - WDD co-installer-operation.md, images/dif-flow.png; WDD co-installer-operation.md, handling-dif-codes.md, images/dif-flow.png (order, return values, postprocessing, reference algorithm), WDD co-installer-interface.md and the per-DIF pages (dif-*.md), WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h
 *  - WDD co-installer-operation.md D1–D10 (documented / observed Windows behaviour)
 * Expected calls are written out by hand from those rules.
 */
import { runDif } from '../../src/host/runDif.js';
import { ci, co, scenario } from '../support/scenarios.js';

const TRUE_NO_ERROR = { hex: '0x00000000', name: 'NO_ERROR', success: true };
const FALSE_DO_DEFAULT = { hex: '0xE000020E', name: 'ERROR_DI_DO_DEFAULT', success: false };
const NO_HANDLER = { who: 'defaultHandler', function: null, returned: '0xE000020E' };

describe('difDispatch (windows profile)', () => {
  describe('preprocessing order', () => {
    // WDD co-installer-operation.md, images/dif-flow.png steps 1–3; WDD co-installer-operation.md (steps 1–6); WDD-img dif-flow.png
    it('should call class co-installers in list order, then device co-installers in list order, then the class installer', () => {
      // Given two class and two device co-installers that all return NO_ERROR, and a class installer
      const doc = scenario({
        classCoInstallers: [co('cc1.dll,A'), co('cc2.dll,B')],
        deviceCoInstallers: [co('dc1.dll,C'), co('dc2.dll,D')],
        classInstaller: ci('ci.dll,Install', 'NO_ERROR'),
      });
      // When DIF_INSTALLDEVICE is dispatched
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      // Then each is called once, in that order, and NO_ERROR from the class installer skips the DH
      expect(r.calls).toEqual([
        { who: 'classCoInstaller', index: 1, name: 'cc1.dll,A', phase: 'pre', returned: '0x00000000' },
        { who: 'classCoInstaller', index: 2, name: 'cc2.dll,B', phase: 'pre', returned: '0x00000000' },
        { who: 'deviceCoInstaller', index: 3, name: 'dc1.dll,C', phase: 'pre', returned: '0x00000000' },
        { who: 'deviceCoInstaller', index: 4, name: 'dc2.dll,D', phase: 'pre', returned: '0x00000000' },
        { who: 'classInstaller', name: 'ci.dll,Install', returned: '0x00000000' },
      ]);
      expect(r.result).toEqual(TRUE_NO_ERROR);
      expect(r.dif).toBe('DIF_INSTALLDEVICE');
      expect(r.profile).toBe('windows');
    });

    // setupapi.dev.log (Logs, docs/sources.md): n is the 1-based position in the combined list,
    // class co-installers first (log 11: three class co-installers are 1–3; log 18: with no class
    // co-installers the device co-installers are 1 and 2)
    it('should number device co-installers from 1 when there are no class co-installers', () => {
      const doc = scenario({ deviceCoInstallers: [co('WdfCoInstaller.dll'), co('WinUSBCoInstaller2.dll')], classInstaller: ci('ci.dll,I', 'NO_ERROR') });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls.filter((c) => c.phase === 'pre').map((c) => [c.who, c.index])).toEqual([
        ['deviceCoInstaller', 1],
        ['deviceCoInstaller', 2],
      ]);
    });

    // WDD co-installer-interface.md / WDD co-installer-interface.md: NO_ERROR → processing continues
    it('should go on to the next co-installer after NO_ERROR', () => {
      const doc = scenario({
        classCoInstallers: [co('a.dll,A', 'DIF_INSTALLDEVICE', { pre: 'NO_ERROR' }), co('b.dll,B', 'DIF_INSTALLDEVICE', { pre: 'NO_ERROR' })],
        classInstaller: ci('ci.dll,I', 'NO_ERROR'),
      });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls.map((c) => c.name)).toEqual(['a.dll,A', 'b.dll,B', 'ci.dll,I']);
    });
  });

  describe('device co-installers need a DeviceInfoData', () => {
    // WDD dif-detect.md, dif-firsttimesetup.md; WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h (DID column "NULL"); WDD co-installer-interface.md; WDD dif-detect.md, dif-firsttimesetup.md
    it.each(['DIF_DETECT', 'DIF_FIRSTTIMESETUP'])('should not call device co-installers for %s (DeviceInfoData is always NULL)', (dif) => {
      // Given a class and a device co-installer and no class installer
      const doc = scenario({ classCoInstallers: [co('cc.dll,A')], deviceCoInstallers: [co('dc.dll,B')] });
      // When the class-wide DIF is dispatched
      const r = runDif(doc, dif);
      // Then only the class co-installer runs; no CI → ERROR_DI_DO_DEFAULT; neither DIF has a DH (WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h)
      expect(r.calls).toEqual([{ who: 'classCoInstaller', index: 1, name: 'cc.dll,A', phase: 'pre', returned: '0x00000000' }, NO_HANDLER]);
      expect(r.result).toEqual(FALSE_DO_DEFAULT);
    });

    // SDK nf-setupapi-setupdicallclassinstaller.md (SDK nf-setupapi-setupdicallclassinstaller.md: with no DeviceInfoData the installers
    // of the set's class are called); WDD dif-detect.md, dif-firsttimesetup.md DIF_SELECTDEVICE "optional; NULL means pick a driver for the class"
    it('should not call device co-installers when there is no device', () => {
      const doc = scenario({ device: undefined, classCoInstallers: [co('cc.dll,A')], deviceCoInstallers: [co('dc.dll,B')] });
      const r = runDif(doc, 'DIF_SELECTDEVICE');
      expect(r.calls).toEqual([
        { who: 'classCoInstaller', index: 1, name: 'cc.dll,A', phase: 'pre', returned: '0x00000000' },
        { who: 'defaultHandler', function: 'SetupDiSelectDevice', returned: '0x00000000' },
      ]);
      expect(r.result).toEqual(TRUE_NO_ERROR);
    });

    // WDD co-installer-operation.md; Wine dlls/setupapi/tests/devinst.c and WDD co-installer-operation.md; Logs xcp-ng/xcp #83 (docs/semantics.md C1): "does not handle" is modelled as "invoked, expected to
    // return NO_ERROR"; already-registered device co-installers are called for DIF_ALLOW_INSTALL (log 18).
    // (WDD co-installer-operation.md, handling-dif-codes.md, images/dif-flow.png's pseudo-code filters them instead — see the report.)
    // WDD co-installer-operation.md; Wine dlls/setupapi/tests/devinst.c (DIF_DESTROYPRIVATEDATA reaches co-installers on Windows 7+, logs 01, 03, 05, 07);
    // WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h row 0x0C: co-installers "return NO_ERROR", so they are called; no default handler
    it('should call class and device co-installers and the class installer for DIF_DESTROYPRIVATEDATA', () => {
      const doc = scenario({ classCoInstallers: [co('cc.dll,A')], deviceCoInstallers: [co('dc.dll,B')], classInstaller: ci('ci.dll,I', 'ERROR_DI_DO_DEFAULT') });
      const r = runDif(doc, 'DIF_DESTROYPRIVATEDATA');
      expect(r.calls).toEqual([
        { who: 'classCoInstaller', index: 1, name: 'cc.dll,A', phase: 'pre', returned: '0x00000000' },
        { who: 'deviceCoInstaller', index: 2, name: 'dc.dll,B', phase: 'pre', returned: '0x00000000' },
        { who: 'classInstaller', name: 'ci.dll,I', returned: '0xE000020E' },
        NO_HANDLER,
      ]);
      expect(r.result).toEqual(FALSE_DO_DEFAULT);
    });

    it('should call registered device co-installers for DIF_ALLOW_INSTALL', () => {
      const doc = scenario({ deviceCoInstallers: [co('WdfCoInstaller.dll')] });
      const r = runDif(doc, 'DIF_ALLOW_INSTALL');
      expect(r.calls).toEqual([
        { who: 'deviceCoInstaller', index: 1, name: 'WdfCoInstaller.dll,CoDeviceInstall', phase: 'pre', returned: '0x00000000' },
        NO_HANDLER,
      ]);
    });
  });

  describe('ERROR_DI_POSTPROCESSING_REQUIRED', () => {
    // WDD co-installer-operation.md, images/dif-flow.png step 1 and step 6; WDD co-installer-interface.md PrivateData
    it('should remember the co-installer with its PrivateData and call it back after the default handler', () => {
      const doc = scenario({
        classCoInstallers: [co('cc.dll,A', 'DIF_INSTALLDEVICE', { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', privateData: { k: 1 } })],
      });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([
        { who: 'classCoInstaller', index: 1, name: 'cc.dll,A', phase: 'pre', returned: '0xE0000226' },
        { who: 'defaultHandler', function: 'SetupDiInstallDevice', returned: '0x00000000' },
        { who: 'classCoInstaller', index: 1, name: 'cc.dll,A', phase: 'post', installResult: '0x00000000', privateData: { k: 1 }, returned: '0x00000000' },
      ]);
      expect(r.result).toEqual(TRUE_NO_ERROR);
    });

    // WDD co-installer-operation.md, handling-dif-codes.md, images/dif-flow.png: each co-installer gets a fresh Context with PrivateData = null
    it('should give a co-installer that stored nothing a null PrivateData on the callback', () => {
      const doc = scenario({
        classCoInstallers: [co('cc1.dll,A', 'DIF_INSTALLDEVICE', { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', privateData: 'mine' })],
        deviceCoInstallers: [co('dc.dll,B', 'DIF_INSTALLDEVICE', { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED' })],
        classInstaller: ci('ci.dll,I', 'NO_ERROR'),
      });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls.filter((c) => c.phase === 'post').map((c) => [c.index, c.privateData])).toEqual([
        [2, null],
        [1, 'mine'],
      ]);
    });
  });

  describe('a failing co-installer', () => {
    // WDD co-installer-operation.md, images/dif-flow.png step 1 "Any other Win32 error: stop the preprocessing chain and jump to step 6";
    // WDD co-installer-interface.md; WDD-img dif-flow.png (every failure still reaches postprocessing); WDD co-installer-operation.md;
    // WDD co-installer-operation.md (log 01: "CoInstaller 1: failed(0x00000002)!" then exit(0x00000002))
    it('should skip the remaining co-installers, the class installer and the default handler, but still run postprocessing', () => {
      // Given CC1 asks for postprocessing and CC2 fails with ERROR_ACCESS_DENIED
      const doc = scenario({
        classCoInstallers: [
          co('cc1.dll,A', 'DIF_INSTALLDEVICE', { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', privateData: 'cc1' }),
          co('cc2.dll,B', 'DIF_INSTALLDEVICE', { pre: 'ERROR_ACCESS_DENIED' }),
          co('cc3.dll,C'),
        ],
        deviceCoInstallers: [co('dc.dll,D')],
        classInstaller: ci('ci.dll,I', 'ERROR_DI_DO_DEFAULT'),
      });
      // When
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      // Then CC3, DC4, the class installer and SetupDiInstallDevice are never called; CC1 gets InstallResult 0x5
      expect(r.calls).toEqual([
        { who: 'classCoInstaller', index: 1, name: 'cc1.dll,A', phase: 'pre', returned: '0xE0000226' },
        { who: 'classCoInstaller', index: 2, name: 'cc2.dll,B', phase: 'pre', returned: '0x00000005' },
        { who: 'classCoInstaller', index: 1, name: 'cc1.dll,A', phase: 'post', installResult: '0x00000005', privateData: 'cc1', returned: '0x00000005' },
      ]);
      expect(r.result).toEqual({ hex: '0x00000005', name: 'ERROR_ACCESS_DENIED', success: false });
    });

    it('should stop at a failing device co-installer too', () => {
      const doc = scenario({
        deviceCoInstallers: [co('dc1.dll,A', 'DIF_INSTALLDEVICE', { pre: 'ERROR_FILE_NOT_FOUND' }), co('dc2.dll,B')],
      });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([{ who: 'deviceCoInstaller', index: 1, name: 'dc1.dll,A', phase: 'pre', returned: '0x00000002' }]);
      expect(r.result).toEqual({ hex: '0x00000002', name: 'ERROR_FILE_NOT_FOUND', success: false });
    });
  });

  describe('the class installer', () => {
    // WDD co-installer-operation.md, images/dif-flow.png step 3; WDD co-installer-interface.md (WDD handling-dif-codes.md)
    it.each([
      ['NO_ERROR', '0x00000000', 'NO_ERROR', true],
      ['ERROR_DI_DONT_INSTALL', '0xE000022B', 'ERROR_DI_DONT_INSTALL', false],
      ['ERROR_FILE_NOT_FOUND', '0x00000002', 'ERROR_FILE_NOT_FOUND', false],
    ] as const)('should make its answer %s the status and not call the default handler', (answer, hexText, name, success) => {
      const doc = scenario({ classInstaller: ci('ci.dll,I', answer) });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([{ who: 'classInstaller', name: 'ci.dll,I', returned: hexText }]);
      expect(r.result).toEqual({ hex: hexText, name, success });
    });

    // WDD co-installer-operation.md, images/dif-flow.png step 3 → 4 → 5: ERROR_DI_DO_DEFAULT runs the default handler
    it('should run the default handler after ERROR_DI_DO_DEFAULT', () => {
      const doc = scenario({ classInstaller: ci('ci.dll,I', 'ERROR_DI_DO_DEFAULT') });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([
        { who: 'classInstaller', name: 'ci.dll,I', returned: '0xE000020E' },
        { who: 'defaultHandler', function: 'SetupDiInstallDevice', returned: '0x00000000' },
      ]);
      expect(r.result).toEqual(TRUE_NO_ERROR);
    });

    // SDK ns-setupapi-sp_devinstall_params_a.md (DI_FLAGSEX_CI_FAILED) "Absent"; WDD-img dif-flow.png "if none, Err = ERROR_DI_DO_DEFAULT"; Logs xcp-ng/xcp #83
    it('should treat a missing class installer as ERROR_DI_DO_DEFAULT and run the default handler', () => {
      const doc = scenario({ classInstaller: null });
      const r = runDif(doc, 'DIF_REMOVE');
      expect(r.calls).toEqual([{ who: 'defaultHandler', function: 'SetupDiRemoveDevice', returned: '0x00000000' }]);
      expect(r.result).toEqual(TRUE_NO_ERROR);
    });
  });

  describe('DI_NODI_DEFAULTACTION', () => {
    // WDD co-installer-operation.md, images/dif-flow.png step 4, WDD images/dif-flow.png; SDK ns-setupapi-sp_devinstall_params_a.md (SDK ns-setupapi-sp_devinstall_params_a.md: also when there is no CI);
    // the status stays ERROR_DI_DO_DEFAULT (Logs exit(0xe000020e) (docs/semantics.md C2); WDD calling-the-default-dif-code-handlers.md "most likely", unverified)
    it('should skip the default handler when there is no class installer and leave ERROR_DI_DO_DEFAULT', () => {
      const doc = scenario({ flags: ['DI_NODI_DEFAULTACTION'] });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([]);
      expect(r.result).toEqual(FALSE_DO_DEFAULT);
    });

    it('should skip the default handler after a class installer returned ERROR_DI_DO_DEFAULT', () => {
      const doc = scenario({ flags: ['DI_NODI_DEFAULTACTION'], classInstaller: ci('ci.dll,I', 'ERROR_DI_DO_DEFAULT') });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([{ who: 'classInstaller', name: 'ci.dll,I', returned: '0xE000020E' }]);
      expect(r.result).toEqual(FALSE_DO_DEFAULT);
    });
  });

  describe('a DIF without a default handler', () => {
    // WDD co-installer-operation.md, handling-dif-codes.md, images/dif-flow.png "no DH → status stays ERROR_DI_DO_DEFAULT"; WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h list (WDD calling-the-default-dif-code-handlers.md);
    // setupapi.dev.log: "Default installer: Enter/Exit" is printed even then, exit 0xe000020e (Logs pbatard/libwdi #200, #228);
    // WDD calling-the-default-dif-code-handlers.md (wine test_call_class_installer on Windows: FALSE, ERROR_DI_DO_DEFAULT)
    it.each([
      'DIF_ALLOW_INSTALL',
      'DIF_DESTROYPRIVATEDATA',
      'DIF_NEWDEVICEWIZARD_FINISHINSTALL',
      'DIF_NEWDEVICEWIZARD_PRESELECT',
      'DIF_ADDPROPERTYPAGE_ADVANCED',
      'DIF_POWERMESSAGEWAKE',
      'DIF_TROUBLESHOOTER',
      'DIF_UPDATEDRIVER_UI',
    ])('should record a default-handler step with no function for %s and return FALSE', (dif) => {
      const r = runDif(scenario({}), dif);
      expect(r.calls).toEqual([NO_HANDLER]);
      expect(r.result).toEqual(FALSE_DO_DEFAULT);
    });
  });

  describe('DIF_FINISHINSTALL_ACTION', () => {
    // WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h row 0x2A and WDD overview-of-finish-install-actions.md, running-finish-install-actions.md (WDD running-the-default-finish-install-action.md; PrevDocs ff551022:
    // SetupDiFinishInstallAction on Vista and Windows 7 only; none on Windows 8 and later)
    it.each(['vista', 'win7'] as const)('should run SetupDiFinishInstallAction on %s', (os) => {
      const r = runDif(scenario({ os }), 'DIF_FINISHINSTALL_ACTION');
      expect(r.calls).toEqual([{ who: 'defaultHandler', function: 'SetupDiFinishInstallAction', returned: '0x00000000' }]);
      expect(r.result).toEqual(TRUE_NO_ERROR);
    });

    it.each(['win8', 'win10', 'win11'] as const)('should have no default handler on %s', (os) => {
      const r = runDif(scenario({ os }), 'DIF_FINISHINSTALL_ACTION');
      expect(r.calls).toEqual([NO_HANDLER]);
      expect(r.result).toEqual(FALSE_DO_DEFAULT);
    });
  });

  describe('postprocessing', () => {
    // WDD co-installer-operation.md, images/dif-flow.png worked example; WDD co-installer-operation.md and WDD-img callco.png: two CCs, one DC,
    // a CI returning ERROR_DI_DO_DEFAULT, DH SetupDiInstallDevice, one callback to CC #2 with InstallResult NO_ERROR.
    // Only co-installers are called back, never the class installer (WDD co-installer-operation.md, images/dif-flow.png; WDD calling-the-default-dif-code-handlers.md)
    it('should reproduce the worked example of co-installer-operation.md', () => {
      const doc = scenario({
        classCoInstallers: [co('cc1.dll,A'), co('cc2.dll,B', 'DIF_INSTALLDEVICE', { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED' })],
        deviceCoInstallers: [co('dc1.dll,C')],
        classInstaller: ci('ci.dll,I', 'ERROR_DI_DO_DEFAULT'),
      });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([
        { who: 'classCoInstaller', index: 1, name: 'cc1.dll,A', phase: 'pre', returned: '0x00000000' },
        { who: 'classCoInstaller', index: 2, name: 'cc2.dll,B', phase: 'pre', returned: '0xE0000226' },
        { who: 'deviceCoInstaller', index: 3, name: 'dc1.dll,C', phase: 'pre', returned: '0x00000000' },
        { who: 'classInstaller', name: 'ci.dll,I', returned: '0xE000020E' },
        { who: 'defaultHandler', function: 'SetupDiInstallDevice', returned: '0x00000000' },
        { who: 'classCoInstaller', index: 2, name: 'cc2.dll,B', phase: 'post', installResult: '0x00000000', privateData: null, returned: '0x00000000' },
      ]);
      expect(r.result).toEqual(TRUE_NO_ERROR);
    });

    // WDD co-installer-operation.md, images/dif-flow.png "If all three co-installers had asked for postprocessing, the callback order would be
    // DC1, CC2, CC1" (WDD co-installer-operation.md, reverse order); WDD co-installer-operation.md (log 12)
    it('should call back in reverse order (DC1, CC2, CC1), each with its own PrivateData', () => {
      const doc = scenario({
        classCoInstallers: [
          co('cc1.dll,A', 'DIF_INSTALLDEVICE', { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', privateData: 'pd-cc1' }),
          co('cc2.dll,B', 'DIF_INSTALLDEVICE', { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', privateData: 'pd-cc2' }),
        ],
        deviceCoInstallers: [co('dc1.dll,C', 'DIF_INSTALLDEVICE', { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', privateData: 'pd-dc1' })],
        classInstaller: ci('ci.dll,I', 'ERROR_DI_DO_DEFAULT'),
      });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([
        { who: 'classCoInstaller', index: 1, name: 'cc1.dll,A', phase: 'pre', returned: '0xE0000226' },
        { who: 'classCoInstaller', index: 2, name: 'cc2.dll,B', phase: 'pre', returned: '0xE0000226' },
        { who: 'deviceCoInstaller', index: 3, name: 'dc1.dll,C', phase: 'pre', returned: '0xE0000226' },
        { who: 'classInstaller', name: 'ci.dll,I', returned: '0xE000020E' },
        { who: 'defaultHandler', function: 'SetupDiInstallDevice', returned: '0x00000000' },
        { who: 'deviceCoInstaller', index: 3, name: 'dc1.dll,C', phase: 'post', installResult: '0x00000000', privateData: 'pd-dc1', returned: '0x00000000' },
        { who: 'classCoInstaller', index: 2, name: 'cc2.dll,B', phase: 'post', installResult: '0x00000000', privateData: 'pd-cc2', returned: '0x00000000' },
        { who: 'classCoInstaller', index: 1, name: 'cc1.dll,A', phase: 'post', installResult: '0x00000000', privateData: 'pd-cc1', returned: '0x00000000' },
      ]);
      expect(r.result).toEqual(TRUE_NO_ERROR);
    });

    // WDD co-installer-interface.md "Modelling consequences": each callback's return is the next one's InstallResult, the last
    // one is the result (WDD co-installer-interface.md + [inference], WDD co-installer-interface.md InstallResult (docs/semantics.md C3)); a co-installer may turn a
    // failure into success
    it('should chain InstallResult through the callbacks and let a co-installer turn a failure into success', () => {
      // Given DC1 overrides NO_ERROR with ERROR_GEN_FAILURE, CC2 propagates, CC1 overrides with NO_ERROR
      const doc = scenario({
        classCoInstallers: [
          co('cc1.dll,A', 'DIF_INSTALLDEVICE', { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', post: 'NO_ERROR' }),
          co('cc2.dll,B', 'DIF_INSTALLDEVICE', { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', post: 'propagate' }),
        ],
        deviceCoInstallers: [co('dc1.dll,C', 'DIF_INSTALLDEVICE', { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', post: 'ERROR_GEN_FAILURE' })],
      });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls.filter((c) => c.phase === 'post')).toEqual([
        { who: 'deviceCoInstaller', index: 3, name: 'dc1.dll,C', phase: 'post', installResult: '0x00000000', privateData: null, returned: '0x0000001F' },
        { who: 'classCoInstaller', index: 2, name: 'cc2.dll,B', phase: 'post', installResult: '0x0000001F', privateData: null, returned: '0x0000001F' },
        { who: 'classCoInstaller', index: 1, name: 'cc1.dll,A', phase: 'post', installResult: '0x0000001F', privateData: null, returned: '0x00000000' },
      ]);
      expect(r.result).toEqual(TRUE_NO_ERROR);
      expect(r.violations).toEqual([]);
    });

    // WDD co-installer-interface.md: "propagate" passes InstallResult on (XenBus src/coinst/coinst.c returns Context->InstallResult)
    it('should pass a class installer failure on through a propagating co-installer', () => {
      const doc = scenario({
        classCoInstallers: [co('cc.dll,A', 'DIF_INSTALLDEVICE', { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', post: 'propagate' })],
        classInstaller: ci('ci.dll,I', 'ERROR_DI_DONT_INSTALL'),
      });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls).toEqual([
        { who: 'classCoInstaller', index: 1, name: 'cc.dll,A', phase: 'pre', returned: '0xE0000226' },
        { who: 'classInstaller', name: 'ci.dll,I', returned: '0xE000022B' },
        { who: 'classCoInstaller', index: 1, name: 'cc.dll,A', phase: 'post', installResult: '0xE000022B', privateData: null, returned: '0xE000022B' },
      ]);
      expect(r.result).toEqual({ hex: '0xE000022B', name: 'ERROR_DI_DONT_INSTALL', success: false });
    });

    // WDD co-installer-interface.md: a co-installer may also turn success into failure
    it('should let an overriding co-installer turn success into failure', () => {
      const doc = scenario({
        classCoInstallers: [co('cc.dll,A', 'DIF_INSTALLDEVICE', { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', post: 'ERROR_ACCESS_DENIED' })],
      });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls.at(-1)).toEqual({
        who: 'classCoInstaller', index: 1, name: 'cc.dll,A', phase: 'post', installResult: '0x00000000', privateData: null, returned: '0x00000005',
      });
      expect(r.result).toEqual({ hex: '0x00000005', name: 'ERROR_ACCESS_DENIED', success: false });
    });
  });

  describe('the result', () => {
    // SDK nf-setupapi-setupdicallclassinstaller.md (SDK nf-setupapi-setupdicallclassinstaller.md): TRUE on success, otherwise FALSE + GetLastError;
    // WDD co-installer-operation.md
    it.each([
      ['NO_ERROR', { hex: '0x00000000', name: 'NO_ERROR', success: true }],
      ['ERROR_DI_DO_DEFAULT', { hex: '0xE000020E', name: 'ERROR_DI_DO_DEFAULT', success: false }],
      ['0x12345678', { hex: '0x12345678', name: null, success: false }],
      ['ERROR_NO_DRIVER_SELECTED', { hex: '0xE0000203', name: 'ERROR_NO_DRIVER_SELECTED', success: false }],
    ] as const)('should be TRUE iff the final status is NO_ERROR (%s)', (code, result) => {
      // The class installer handles DIF_ALLOW_INSTALL itself (no DH exists for it), so its answer is final
      const r = runDif(scenario({ classInstaller: ci('ci.dll,I', code) }), 'DIF_ALLOW_INSTALL');
      expect(r.result).toEqual(result);
    });
  });

  describe('default entry points', () => {
    // WDD registering-a-class-co-installer.md, co-installer-operation.md (WDD registering-a-class-co-installer.md, registering-a-device-specific-co-installer.md):
    // no entry point → CoDeviceInstall; Wine dlls/setupapi/tests/devinst.c test_class_installer (docs/semantics.md C7) and WDD registering-a-class-co-installer.md, registering-a-device-specific-co-installer.md; Wine dlls/setupapi/tests/devinst.c: class installer → ClassInstall
    // (wine-mirror/wine dlls/setupapi/tests/devinst.c test_class_installer, run on Windows);
    // setupapi.dev.log: "== dll" without ",fn" resolves to CoDeviceInstall ("Using exported function 'CoDeviceInstall'", WinUSBCoInstaller2.dll)
    it('should call x.dll as x.dll,CoDeviceInstall and a class installer z.dll as z.dll,ClassInstall', () => {
      const doc = scenario({
        classCoInstallers: [co('x.dll')],
        deviceCoInstallers: [co('y.dll')],
        classInstaller: ci('z.dll', 'NO_ERROR'),
      });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls.map((c) => c.name)).toEqual(['x.dll,CoDeviceInstall', 'y.dll,CoDeviceInstall', 'z.dll,ClassInstall']);
    });

    // ReactOS and Wine dlls/setupapi/devinst.c Wine 7: "x.dll, Entry" is the style of Microsoft's own registration sample;
    // Windows resolves it (white space is not part of the entry name)
    it('should call "x.dll, Entry" as x.dll,Entry', () => {
      const doc = scenario({ classCoInstallers: [co('x.dll, Entry')], classInstaller: ci('z.dll, ClassEntry', 'NO_ERROR') });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls.map((c) => c.name)).toEqual(['x.dll,Entry', 'z.dll,ClassEntry']);
    });
  });

  describe('an unknown DIF value', () => {
    // WDD calling-the-default-dif-code-handlers.md/D9 and WDD how-finish-install-actions-are-processed.md; Logs last row (wine test_call_class_installer / test_class_installer with
    // 0xdeadbeef on Windows): passed to the installers; no handler → FALSE, ERROR_DI_DO_DEFAULT;
    // the class installer answers ERROR_DI_DO_DEFAULT for unrecognised codes (WDD co-installer-interface.md)
    it('should pass 0xDEADBEEF to the installers and end with ERROR_DI_DO_DEFAULT', () => {
      const doc = scenario({
        classCoInstallers: [co('cc.dll,A', '0xDEADBEEF', { pre: 'NO_ERROR' })],
        classInstaller: ci('ci.dll,I', 'ERROR_DI_DO_DEFAULT'),
      });
      const r = runDif(doc, 0xdeadbeef);
      expect(r.dif).toBe('0xDEADBEEF');
      expect(r.calls).toEqual([
        { who: 'classCoInstaller', index: 1, name: 'cc.dll,A', phase: 'pre', returned: '0x00000000' },
        { who: 'classInstaller', name: 'ci.dll,I', returned: '0xE000020E' },
        NO_HANDLER,
      ]);
      expect(r.result).toEqual(FALSE_DO_DEFAULT);
    });
  });

  describe('a failing default handler', () => {
    // WDD co-installer-interface.md last row: "Default handler: FALSE + GetLastError → the status becomes that error"
    // (WDD-img dif-flow.png); postprocessing still runs with it as InstallResult (WDD co-installer-operation.md, images/dif-flow.png step 6)
    it('should make the handler error the status and the InstallResult of the callbacks', () => {
      const doc = scenario({
        classCoInstallers: [co('cc.dll,A', 'DIF_INSTALLDEVICE', { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED' })],
        defaultHandlers: { DIF_INSTALLDEVICE: 'ERROR_NO_DRIVER_SELECTED' },
      });
      const r = runDif(doc, 'DIF_INSTALLDEVICE');
      expect(r.calls.slice(1)).toEqual([
        { who: 'defaultHandler', function: 'SetupDiInstallDevice', returned: '0xE0000203' },
        { who: 'classCoInstaller', index: 1, name: 'cc.dll,A', phase: 'post', installResult: '0xE0000203', privateData: null, returned: '0xE0000203' },
      ]);
      expect(r.result).toEqual({ hex: '0xE0000203', name: 'ERROR_NO_DRIVER_SELECTED', success: false });
    });
  });
});
