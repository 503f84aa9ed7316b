/**
 * Reading the deviceInstall chart through an inspector: every DIF of an installation is a dispatch
 * inside the installation's own chart, so the snapshots an inspector receives (XState's
 * `@xstate.microstep` inspection events, from `runInstall(…, { inspect })`) name preprocessing, the
 * co-installer being called, the class installer, the default handler, postprocessing, the nested
 * DIF_DESTROYPRIVATEDATA and the finish-install states.
 *
 * Expected paths are worked out from the example files and the documented behaviour:
 *  - the hardware-first sequence sends DIF_REGISTER_COINSTALLERS, whose default handler
 *    (SetupDiRegisterCoDeviceInstallers) sends DIF_DESTROYPRIVATEDATA before it writes the new list
 *    (MicrosoftDocs/sdk-api nf-setupapi-setupdiregistercodeviceinstallers.md; docs/lifecycle.md);
 *  - a co-installer's failure in preprocessing goes to postprocessing under windows
 *    (windows-driver-docs-pr/install/co-installer-operation.md);
 *  - on Windows 7 a failed finish-install action keeps the device marked, and a new finish-install
 *    process runs when the device is enumerated in an administrator context, and at the next
 *    administrator log-on (windows-driver-docs-pr/install/running-finish-install-actions.md).
 */
import { exampleFile, inspectInstall, statesOf, type SeenStep } from '../support/chart.js';

const tagsAt = (steps: readonly SeenStep[], state: string): readonly string[] | undefined => steps.find((s) => s.state === state)?.tags;

/** Consecutive duplicates dropped. */
const path = (states: readonly string[]): string[] => states.filter((s, i) => s !== states[i - 1]);

describe('the deviceInstall chart, seen through an inspector', () => {
  describe('given examples/finish-install-win7.json installed with an inspector attached', () => {
    const steps = inspectInstall(exampleFile('finish-install-win7'));
    const states = statesOf(steps);

    it('should show each DIF of the sequence going through the dispatch states', () => {
      expect(states).toEqual(
        expect.arrayContaining([
          'coreInstall.dif.starting',
          'coreInstall.dif.preprocessing.choosing',
          'coreInstall.dif.preprocessing.calling',
          'coreInstall.dif.classInstaller.choosing',
          'coreInstall.dif.defaultHandler.choosing',
          'coreInstall.dif.defaultHandler.calling.awaiting',
          'coreInstall.dif.postprocessing.choosing',
          'coreInstall.dif.done',
        ]),
      );
      expect(tagsAt(steps, 'coreInstall.dif.preprocessing.calling')).toEqual(['calling', 'coInstaller', 'pre']);
      expect(tagsAt(steps, 'coreInstall.dif.defaultHandler.calling.awaiting')).toEqual(['calling', 'defaultHandler']);
    });

    it('should show the DIF_DESTROYPRIVATEDATA of DIF_REGISTER_COINSTALLERS as a dispatch nested in the default handler call', () => {
      const nested = steps.filter((s) => s.state.startsWith('coreInstall.dif.defaultHandler.calling.destroyPrivateData.'));
      expect(path(nested.map((s) => s.state))).toEqual([
        'coreInstall.dif.defaultHandler.calling.destroyPrivateData.starting',
        'coreInstall.dif.defaultHandler.calling.destroyPrivateData.preprocessing.choosing',
        'coreInstall.dif.defaultHandler.calling.destroyPrivateData.classInstaller.choosing',
        'coreInstall.dif.defaultHandler.calling.destroyPrivateData.defaultHandler.choosing',
        'coreInstall.dif.defaultHandler.calling.destroyPrivateData.postprocessing.choosing',
        'coreInstall.dif.defaultHandler.calling.destroyPrivateData.done',
      ]);
      // the outer default handler's call is in progress the whole time
      expect(nested.every((s) => s.tags.includes('nested') && s.tags.includes('defaultHandler'))).toBe(true);
      // and its answer is awaited once the nested dispatch is done
      const after = steps[steps.indexOf(nested[nested.length - 1]) + 1];
      expect(after.state).toBe('coreInstall.dif.defaultHandler.calling.awaiting');
    });

    it('should run the finish-install loop in the same chart: two failed attempts, then one that succeeds', () => {
      const loop = path(steps.map((s) => s.state).filter((s) => !s.startsWith('coreInstall.')));
      const attempt = (last: string[]) => [
        'finishInstallRunning.starting',
        'finishInstallRunning.preprocessing.choosing',
        'finishInstallRunning.preprocessing.calling',
        ...last,
        'finishInstallRunning.done',
        'attempted',
      ];
      // ERROR_FILE_NOT_FOUND in preprocessing: straight to postprocessing (nobody asked for a callback)
      const failed = attempt(['finishInstallRunning.postprocessing.choosing']);
      const succeeded = attempt([
        'finishInstallRunning.classInstaller.choosing',
        'finishInstallRunning.defaultHandler.choosing',
        'finishInstallRunning.defaultHandler.calling',
        'finishInstallRunning.postprocessing.choosing',
      ]);
      expect(loop).toEqual(['settling', ...failed, 'finishInstallPending', ...failed, 'finishInstallPending', ...succeeded, 'installed', 'done']);
    });

    it('should tag every finish-install state, and the co-installer called in DIF_FINISHINSTALL_ACTION', () => {
      for (const state of ['finishInstallPending', 'finishInstallRunning.starting', 'finishInstallRunning.done', 'attempted']) {
        expect(tagsAt(steps, state)).toContain('finishInstall');
      }
      expect(tagsAt(steps, 'finishInstallRunning.preprocessing.calling')).toEqual(['calling', 'coInstaller', 'finishInstall', 'pre']);
    });

    it('should name which event moved the chart: the failing preprocessing answer leaves the calling state for postprocessing', () => {
      const i = steps.findIndex((s) => s.state === 'finishInstallRunning.preprocessing.calling');
      expect(steps[i + 1]).toEqual({ event: 'coInstaller.returned', state: 'finishInstallRunning.postprocessing.choosing', tags: ['finishInstall', 'post'] });
    });
  });

  describe('given examples/class-coinstaller-postprocessing.json installed with an inspector attached', () => {
    const steps = inspectInstall(exampleFile('class-coinstaller-postprocessing'));
    const states = statesOf(steps);

    it('should show the class installer being called, and the co-installers called back in postprocessing', () => {
      expect(states).toEqual(
        expect.arrayContaining([
          'coreInstall.dif.preprocessing.calling',
          'coreInstall.dif.classInstaller.calling',
          'coreInstall.dif.defaultHandler.calling.awaiting',
          'coreInstall.dif.postprocessing.calling',
          'installed',
        ]),
      );
      expect(tagsAt(steps, 'coreInstall.dif.classInstaller.calling')).toEqual(['calling', 'classInstaller']);
      expect(tagsAt(steps, 'coreInstall.dif.postprocessing.calling')).toEqual(['calling', 'coInstaller', 'post']);
    });

    it('should send no nested DIF_DESTROYPRIVATEDATA: DIF_REGISTER_COINSTALLERS registers no device co-installer here', () => {
      // With no device co-installers registered the installer list is kept, so there is no nested
      // DIF_DESTROYPRIVATEDATA (pbatard/libwdi issue #310, the qport log; log2timeline/plaso
      // test_data/setupapi.dev.log, the VirtualBox installs; docs/lifecycle.md choice L5).
      expect(states.filter((s) => s.includes('destroyPrivateData'))).toEqual([]);
      expect(states).toContain('coreInstall.dif.defaultHandler.calling.checking');
    });

    it('should never show a finish-install state (no installer asked for a finish-install action)', () => {
      expect(states.filter((s) => s.startsWith('finishInstall') || s === 'attempted')).toEqual([]);
    });
  });

  describe('given examples/violations/ui-in-noninteractive-context.json (a dialog during server-side DIF_INSTALLDEVICE)', () => {
    // a dialog in the non-interactive server-side installation never gets an answer
    // (windows-driver-docs-pr/install/writing-class-installers-and-co-installers.md; docs/lifecycle.md)
    const steps = inspectInstall(exampleFile('violations/ui-in-noninteractive-context'));

    it('should leave the co-installer\'s calling state straight for hung, and end only when the watchdog fires', () => {
      expect(steps.slice(-3)).toEqual([
        { event: expect.any(String), state: 'coreInstall.dif.preprocessing.calling', tags: ['calling', 'coInstaller', 'pre'] },
        { event: 'coInstaller.returned', state: 'hung', tags: [] },
        { event: 'watchdog.expired', state: 'done', tags: [] },
      ]);
    });
  });
});
