/**
 * runDif (the XState model) against an independent plain-function oracle of one
 * SetupDiCallClassInstaller call, for each semantics profile.
 *
 * Rules and their sources (shared/reference):
 * - windows — WDD co-installer-operation.md, images/dif-flow.png (order: class co-installers, device co-installers, class installer,
 *   default handler, postprocessing in reverse), WDD co-installer-interface.md (meaning of each answer), WDD co-installer-interface.md (InstallResult
 *   chaining, PrivateData), WDD images/dif-flow.png; SDK ns-setupapi-sp_devinstall_params_a.md (when the default handler runs; DI_NODI_DEFAULTACTION), WDD co-installer-interface.md and the per-DIF pages (dif-*.md) (per-DIF
 *   restrictions → violations), WDD dif-detect.md, dif-firsttimesetup.md (DIF_DETECT / DIF_FIRSTTIMESETUP have no DeviceInfoData), WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h
 *   (DIF values, default handlers, FINISHINSTALL_ACTION only on Vista/Win7); WDD co-installer-operation.md
 *   D2 (default entry points), D4–D8, and WDD how-finish-install-actions-are-processed.md; Logs (handler table).
 * - reactos — ReactOS dll/win32/setupapi/devinst.c, misc.c R2 (participation mask, ERROR_NOT_SUPPORTED), R6 (CI_FAILED),
 *   R7 (comma required, spaces after the comma skipped), R8 (shared Context / PrivateData), R9 (class
 *   installer always runs), R10 (DO_DEFAULT → handler or NO_ERROR), R11 (forward postprocessing),
 *   WDD calling-the-default-dif-code-handlers.md; ReactOS and Wine dlls/setupapi/devinst.c (ReactOS handlers; REMOVE/UNREMOVE stubs), ReactOS and Wine dlls/setupapi/devinst.c (NULL DeviceInfoData dereferenced → crash).
 * - wine — Wine dlls/setupapi/devinst.c W1 (no DeviceInfoData → ERROR_INVALID_PARAMETER), W2 (class
 *   co-installer error returns at once), W3 (device co-installer error ignored), W4 (name parsing,
 *   POSTPROCESSING_REQUIRED never called back), W5 (class installer), W6 (handlers; the flag is
 *   ignored), W8 (no postprocessing), WDD calling-the-default-dif-code-handlers.md; ReactOS and Wine dlls/setupapi/devinst.c (Wine column).
 *
 * Compared: `result`, `calls` (full objects, in order) and the violation ids
 * (`rule@who:index`). `notes` and violation messages are not compared.
 */
import { fc, test } from '@fast-check/jest';
import { runDif } from '../src/host/runDif.js';
import { difArb, scenarioDocArb } from './arbitraries/scenario.js';
import { oracleDispatch, type OracleProfile, type OracleScenario } from './oracle/dispatchOracle.js';

interface Comparable {
  result: unknown;
  calls: unknown;
  violations: string[];
}

function violationIds(violations: readonly { rule: string; who: string; index?: number }[]): string[] {
  return violations.map((v) => `${v.rule}@${v.who}:${v.index ?? '-'}`);
}

function actualOf(doc: OracleScenario, dif: number): Comparable {
  const r = runDif(doc, dif);
  return { result: r.result, calls: r.calls, violations: violationIds(r.violations) };
}

function expectedOf(doc: OracleScenario, dif: number): Comparable {
  const o = oracleDispatch(doc, dif);
  return { result: o.result, calls: o.calls, violations: violationIds(o.violations) };
}

const PROFILES: readonly OracleProfile[] = ['windows', 'reactos', 'wine'];

describe('runDif agrees with the oracle', () => {
  for (const profile of PROFILES) {
    test.prop([scenarioDocArb(profile), difArb])(`${profile} profile`, (doc, dif) => {
      expect(actualOf(doc, dif)).toStrictEqual(expectedOf(doc, dif));
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Hand-computed examples (worked out from the rules, not by running either implementation).

const ok = { hex: '0x00000000', name: 'NO_ERROR', success: true };
const device = { description: 'dev', hardwareId: 'ROOT\\DEV', classGuid: '{4d36e97d-e325-11ce-bfc1-08002be10318}', className: 'System' };

/** Failing device co-installer; a class co-installer asked for postprocessing (examples/failing-coinstaller.json). */
function failingDoc(profile: OracleProfile): OracleScenario {
  return {
    device,
    profile,
    classCoInstallers: [{ name: 'classwatch.dll,WatchCoInstaller', on: { DIF_INSTALLDEVICE: { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', privateData: { started: 'pre' } } } }],
    deviceCoInstallers: [{ name: 'xenbus_coinst.dll,Entry', on: { DIF_INSTALLDEVICE: { pre: 'ERROR_FILE_NOT_FOUND' } } }, { name: 'never_called.dll,Entry' }],
  };
}

function expectBoth(doc: OracleScenario, dif: number, expected: Comparable): void {
  expect(expectedOf(doc, dif)).toStrictEqual(expected);
  expect(actualOf(doc, dif)).toStrictEqual(expected);
}

describe('hand-computed cases', () => {
  test('windows: toaster (one device co-installer, no class installer) → SetupDiInstallDevice', () => {
    const doc: OracleScenario = {
      device: { description: 'Toaster Package Sample Toaster', classGuid: '{B85B7C50-6A01-11d2-B841-00C04FAD5171}', className: 'TOASTER' },
      profile: 'windows',
      os: 'win10',
      deviceCoInstallers: [{ name: 'tostrco2.dll,ToasterCoInstaller', on: { '*': { pre: 'NO_ERROR' } } }],
      classInstaller: null,
    };
    expectBoth(doc, 0x02, {
      result: ok,
      calls: [
        { who: 'deviceCoInstaller', index: 1, name: 'tostrco2.dll,ToasterCoInstaller', phase: 'pre', returned: '0x00000000' },
        { who: 'defaultHandler', function: 'SetupDiInstallDevice', returned: '0x00000000' },
      ],
      violations: [],
    });
  });

  test('windows: failing device co-installer stops everything; the class co-installer is called back with the failure', () => {
    expectBoth(failingDoc('windows'), 0x02, {
      result: { hex: '0x00000002', name: 'ERROR_FILE_NOT_FOUND', success: false },
      calls: [
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
      ],
      violations: [],
    });
  });

  test('reactos: the failure is lost (no class installer → DO_DEFAULT → handler), postprocessing sees NO_ERROR', () => {
    expectBoth(failingDoc('reactos'), 0x02, {
      result: ok,
      calls: [
        { who: 'classCoInstaller', index: 1, name: 'classwatch.dll,WatchCoInstaller', phase: 'pre', returned: '0xE0000226' },
        { who: 'deviceCoInstaller', index: 2, name: 'xenbus_coinst.dll,Entry', phase: 'pre', returned: '0x00000002' },
        { who: 'defaultHandler', function: 'SetupDiInstallDevice', returned: '0x00000000' },
        {
          who: 'classCoInstaller',
          index: 1,
          name: 'classwatch.dll,WatchCoInstaller',
          phase: 'post',
          installResult: '0x00000000',
          privateData: { started: 'pre' },
          returned: '0x00000000',
        },
      ],
      violations: [],
    });
  });

  test('wine: device co-installer failure ignored, no postprocessing', () => {
    expectBoth(failingDoc('wine'), 0x02, {
      result: ok,
      calls: [
        { who: 'classCoInstaller', index: 1, name: 'classwatch.dll,WatchCoInstaller', phase: 'pre', returned: '0xE0000226' },
        { who: 'deviceCoInstaller', index: 2, name: 'xenbus_coinst.dll,Entry', phase: 'pre', returned: '0x00000002' },
        { who: 'defaultHandler', function: 'SetupDiInstallDevice', returned: '0x00000000' },
      ],
      violations: [],
    });
  });

  test('windows vs reactos: postprocessing order, PrivateData, names without entry, DI_NODI_DEFAULTACTION', () => {
    const doc = (profile: OracleProfile): OracleScenario => ({
      device,
      profile,
      flags: ['DI_NODI_DEFAULTACTION'],
      classCoInstallers: [{ name: 'a.dll, First', on: { '*': { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED' } } }, { name: 'b.dll' }],
      deviceCoInstallers: [
        { name: 'c.dll,Third', on: { DIF_PROPERTYCHANGE: { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', privateData: 7 } } },
        { name: 'd.dll,Fourth', on: { '*': { pre: '0xE0000226', post: 'ERROR_ACCESS_DENIED' } } },
      ],
      classInstaller: { name: 'ci.dll' },
    });
    const denied = { hex: '0x00000005', name: 'ERROR_ACCESS_DENIED', success: false };
    // windows: everything resolves; CI "ci.dll,ClassInstall" answers DO_DEFAULT; the flag keeps the
    // handler from running (status stays DO_DEFAULT); postprocessing in reverse: 4, 3, 1.
    expectBoth(doc('windows'), 0x12, {
      result: denied,
      calls: [
        { who: 'classCoInstaller', index: 1, name: 'a.dll,First', phase: 'pre', returned: '0xE0000226' },
        { who: 'classCoInstaller', index: 2, name: 'b.dll,CoDeviceInstall', phase: 'pre', returned: '0x00000000' },
        { who: 'deviceCoInstaller', index: 3, name: 'c.dll,Third', phase: 'pre', returned: '0xE0000226' },
        { who: 'deviceCoInstaller', index: 4, name: 'd.dll,Fourth', phase: 'pre', returned: '0xE0000226' },
        { who: 'classInstaller', name: 'ci.dll,ClassInstall', returned: '0xE000020E' },
        { who: 'deviceCoInstaller', index: 4, name: 'd.dll,Fourth', phase: 'post', installResult: '0xE000020E', privateData: null, returned: '0x00000005' },
        { who: 'deviceCoInstaller', index: 3, name: 'c.dll,Third', phase: 'post', installResult: '0x00000005', privateData: 7, returned: '0x00000005' },
        { who: 'classCoInstaller', index: 1, name: 'a.dll,First', phase: 'post', installResult: '0x00000005', privateData: null, returned: '0x00000005' },
      ],
      violations: [],
    });
    // reactos: "b.dll" and "ci.dll" have no comma (not called / no class installer); DO_DEFAULT with
    // the flag set becomes NO_ERROR; forward postprocessing; d inherits c's PrivateData, a sees garbage.
    expectBoth(doc('reactos'), 0x12, {
      result: denied,
      calls: [
        { who: 'classCoInstaller', index: 1, name: 'a.dll,First', phase: 'pre', returned: '0xE0000226' },
        { who: 'deviceCoInstaller', index: 3, name: 'c.dll,Third', phase: 'pre', returned: '0xE0000226' },
        { who: 'deviceCoInstaller', index: 4, name: 'd.dll,Fourth', phase: 'pre', returned: '0xE0000226' },
        {
          who: 'classCoInstaller',
          index: 1,
          name: 'a.dll,First',
          phase: 'post',
          installResult: '0x00000000',
          privateData: '(uninitialised stack memory)',
          returned: '0x00000000',
        },
        { who: 'deviceCoInstaller', index: 3, name: 'c.dll,Third', phase: 'post', installResult: '0x00000000', privateData: 7, returned: '0x00000000' },
        { who: 'deviceCoInstaller', index: 4, name: 'd.dll,Fourth', phase: 'post', installResult: '0x00000000', privateData: 7, returned: '0x00000005' },
      ],
      violations: [],
    });
  });

  test('windows: violations under DI_FLAGSEX_SETFAILEDINSTALL, interactive-windowstation, postprocessing requested in post', () => {
    const doc: OracleScenario = {
      device,
      flagsEx: ['DI_FLAGSEX_SETFAILEDINSTALL'],
      classCoInstallers: [
        { name: 'p.dll,Post', on: { DIF_INSTALLDEVICE: { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', post: 'ERROR_DI_POSTPROCESSING_REQUIRED' } } },
        { name: 'ui.dll,Ui', on: { '*': { pre: ['ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION', 'NO_ERROR'] } } },
      ],
      classInstaller: { name: 'ci.dll,Never', on: { '*': { returns: 'NO_ERROR' } } },
    };
    expectBoth(doc, 0x02, {
      result: { hex: '0xE0000226', name: 'ERROR_DI_POSTPROCESSING_REQUIRED', success: false },
      calls: [
        { who: 'classCoInstaller', index: 1, name: 'p.dll,Post', phase: 'pre', returned: '0xE0000226' },
        { who: 'classCoInstaller', index: 2, name: 'ui.dll,Ui', phase: 'pre', returned: '0x000005B3' },
        { who: 'classCoInstaller', index: 1, name: 'p.dll,Post', phase: 'post', installResult: '0x000005B3', privateData: null, returned: '0xE0000226' },
      ],
      violations: [
        'setfailedinstall-nonzero@classCoInstaller:1',
        'setfailedinstall-nonzero@classCoInstaller:2',
        'requires-interactive-windowstation@classCoInstaller:2',
        'postprocessing-requested-in-post@classCoInstaller:1',
        'setfailedinstall-nonzero@classCoInstaller:1',
      ],
    });
  });
});
