/**
 * Model bug (fixed): DI_NEEDREBOOT set before DIF_INSTALLDEVICE's default handler ran is forgotten
 * when an installer sets it again, or clears it, in DIF_INSTALLDEVICE postprocessing, so the device
 * counts as started and a finish-install process runs although the device waits for a restart.
 *
 * Found by properties/invariants.lifecycle.property.ts (FinishInstallRetriesUntilSuccess and
 * FinishInstallOnlyInInteractiveAdminContext):
 * - set again: first under the reactos profile, seed 1064920344, path
 *   "45:2:2:2:2:4:9:8:13:13:16:16:17:16:16" (the windows profile has the same lifecycle,
 *   docs/lifecycle.md L5);
 * - cleared: windows, 10,000 runs, seed 1914728164, path
 *   "8977:1:1:1:1:2:3:8:9:13:15:15:17:20:16:3:14:13:18:19:19:20:19:19:19:19".
 * Shrunk counterexamples below.
 *
 * Rule: SetupDiInstallDevice does not start the device when DI_NEEDREBOOT is set (SDK
 * nf-setupapi-setupdiinstalldevice.md); flags set in postprocessing come after it ran (WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h
 * DIF_INSTALLDEVICE; docs/lifecycle.md L1); a finish-install process runs only for a started device
 * (WDD overview-of-finish-install-actions.md, running-finish-install-actions.md). Cause: progress.ts applyStepFinished masks every flag bit set in postprocessing
 * (`s.flags & ~s.flagsSetInPost`), also bits that were already set before it, and a bit cleared in
 * postprocessing is simply gone; the flags as they were when postprocessing began are what
 * SetupDiInstallDevice saw.
 *
 * Fixed: progress.ts now reads the flags as they were when postprocessing began (flagsBeforePost).
 */
import { runInstall } from '../../src/host/runInstall.js';

const doc = {
  os: 'win7',
  session: { admin: true },
  device: { description: 'Contoso Widget' },
  // NEEDREBOOT is set in the postprocessing of every DIF: first in DIF_SELECTBESTCOMPATDRV, long before DIF_INSTALLDEVICE.
  classCoInstallers: [{ name: 'cc1.dll,Entry1', on: { '*': { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', effects: [{ setFlags: ['DI_NEEDREBOOT'], phase: 'post' }] } } }],
  deviceCoInstallers: [
    {
      name: 'finish.dll,FinishInstall',
      on: {
        DIF_NEWDEVICEWIZARD_FINISHINSTALL: { effects: [{ setFlagsEx: ['DI_FLAGSEX_FINISHINSTALL_ACTION'] }] },
        DIF_FINISHINSTALL_ACTION: { pre: 'ERROR_FILE_NOT_FOUND' },
      },
    },
  ],
};

/** The class installer sets DI_NEEDREBOOT in its one call (before the default handler); a device co-installer clears it in postprocessing. */
const cleared = {
  os: 'win7',
  session: { admin: true },
  device: { description: 'Contoso Widget' },
  deviceCoInstallers: [
    { name: 'dc1.dll,Entry1', on: { '*': { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', effects: [{ clearFlags: ['DI_NEEDREBOOT'], phase: 'post' }] } } },
    doc.deviceCoInstallers[0],
  ],
  classInstaller: { name: 'ci.dll,ClassInstall', on: { '*': { returns: 'ERROR_DI_DO_DEFAULT', effects: [{ setFlags: ['DI_NEEDREBOOT'] }] } } },
};

describe.each([
  ['set before DIF_INSTALLDEVICE and again in its postprocessing', doc],
  ['set before DIF_INSTALLDEVICE\'s default handler and cleared in its postprocessing', cleared],
])('a restart flag %s', (_case, scenario) => {
  test('should keep the device stopped, so no finish-install process runs before a restart', () => {
    const r = runInstall(scenario);
    expect(r.finishInstall).toEqual({ marked: true, attempts: 0, pending: true, results: [] });
  });
});
