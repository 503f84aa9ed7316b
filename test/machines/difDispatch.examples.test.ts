/**
 * The bundled examples/*.json under their own profile (windows), expected calls worked out by hand
 * from WDD co-installer-operation.md, images/dif-flow.png (MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/co-installer-operation.md,
 * images/dif-flow.png) and the example files themselves.
 */
import { runDif } from '../../src/host/runDif.js';
import { example } from '../support/scenarios.js';

describe('bundled examples (windows profile)', () => {
  describe('given examples/toaster.json', () => {
    // One device co-installer that returns NO_ERROR; the TOASTER class has no class installer, so the status
    // is ERROR_DI_DO_DEFAULT (WDD-img dif-flow.png) and SetupDiInstallDevice runs (WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h)
    it('should call the device co-installer, then SetupDiInstallDevice, and return TRUE', () => {
      const r = runDif(example('toaster'));
      expect(r).toEqual({
        dif: 'DIF_INSTALLDEVICE',
        profile: 'windows',
        result: { hex: '0x00000000', name: 'NO_ERROR', success: true },
        calls: [
          { who: 'deviceCoInstaller', index: 1, name: 'tostrco2.dll,ToasterCoInstaller', phase: 'pre', returned: '0x00000000' },
          { who: 'defaultHandler', function: 'SetupDiInstallDevice', returned: '0x00000000' },
        ],
        violations: [],
        notes: [],
      });
    });
  });

  describe('given examples/class-installer-handles.json', () => {
    // A class installer that returns NO_ERROR has handled the DIF: the DH is not called again
    // (WDD handling-dif-codes.md; WDD co-installer-operation.md, images/dif-flow.png "A class installer that runs the default handler itself", pbatard/libwdi #228, #310)
    it('should call the class installer only and return TRUE', () => {
      const r = runDif(example('class-installer-handles'));
      expect(r.calls).toEqual([{ who: 'classInstaller', name: 'msports.dll,PortsClassInstaller', returned: '0x00000000' }]);
      expect(r.result).toEqual({ hex: '0x00000000', name: 'NO_ERROR', success: true });
      expect(r.violations).toEqual([]);
    });
  });

  describe('given examples/failing-coinstaller.json', () => {
    // DC 2 fails with ERROR_FILE_NOT_FOUND: DC 3, the (absent) class installer and the DH are skipped; CC 1 asked
    // for postprocessing and is still called back with InstallResult 0x2 (WDD co-installer-operation.md, images/dif-flow.png; xcp-ng/win-pv-drivers #10)
    it('should stop at the failing device co-installer and still call the class co-installer back', () => {
      const r = runDif(example('failing-coinstaller'));
      expect(r.calls).toEqual([
        { who: 'classCoInstaller', index: 1, name: 'classwatch.dll,WatchCoInstaller', phase: 'pre', returned: '0xE0000226' },
        { who: 'deviceCoInstaller', index: 2, name: 'xenbus_coinst.dll,Entry', phase: 'pre', returned: '0x00000002' },
        {
          who: 'classCoInstaller',
          index: 1,
          name: 'classwatch.dll,WatchCoInstaller',
          phase: 'post',
          installResult: '0x00000002',
          privateData: { started: 'pre' },
          returned: '0x00000002',
        },
      ]);
      expect(r.result).toEqual({ hex: '0x00000002', name: 'ERROR_FILE_NOT_FOUND', success: false });
      expect(r.violations).toEqual([]);
    });
  });

  describe('given examples/class-coinstaller-postprocessing.json', () => {
    // Three class co-installers; 1 and 2 ask for postprocessing with their own PrivateData; the class installer
    // returns ERROR_DI_DO_DEFAULT so SetupDiInstallDevice runs; callbacks in reverse order: 2 then 1 (log 12)
    it('should call back co-installers 2 then 1 with their own PrivateData', () => {
      const r = runDif(example('class-coinstaller-postprocessing'));
      expect(r.calls).toEqual([
        { who: 'classCoInstaller', index: 1, name: 'wlaninst.dll,WlanDeviceClassCoInstaller', phase: 'pre', returned: '0xE0000226' },
        { who: 'classCoInstaller', index: 2, name: 'netcfgx.dll,NetClassCoInstaller', phase: 'pre', returned: '0xE0000226' },
        { who: 'classCoInstaller', index: 3, name: 'wwaninst.dll,WwanClassCoInstaller', phase: 'pre', returned: '0x00000000' },
        { who: 'classInstaller', name: 'NetCfgx.dll,NetClassInstaller', returned: '0xE000020E' },
        { who: 'defaultHandler', function: 'SetupDiInstallDevice', returned: '0x00000000' },
        {
          who: 'classCoInstaller',
          index: 2,
          name: 'netcfgx.dll,NetClassCoInstaller',
          phase: 'post',
          installResult: '0x00000000',
          privateData: { bindings: 3 },
          returned: '0x00000000',
        },
        {
          who: 'classCoInstaller',
          index: 1,
          name: 'wlaninst.dll,WlanDeviceClassCoInstaller',
          phase: 'post',
          installResult: '0x00000000',
          privateData: 'wlan-context',
          returned: '0x00000000',
        },
      ]);
      expect(r.result).toEqual({ hex: '0x00000000', name: 'NO_ERROR', success: true });
      expect(r.violations).toEqual([]);
    });
  });
});
