/**
 * Finish-install actions (docs/lifecycle.md "Finish-install actions"; WDD finish-install-actions--windows-vista-and-later-.md).
 *
 * Sources: WDD how-finish-install-actions-are-processed.md and
 * setting-the-configflag-finishinstall-action-device-configuration-flag.md (marking, WDD setting-the-configflag-finishinstall-action-device-configuration-flag.md);
 * WDD running-finish-install-actions.md, overview-of-finish-install-actions.md (when it runs, WDD overview-of-finish-install-actions.md, running-finish-install-actions.md);
 * WDD dif-finishinstall-action.md, implementing-finish-install-actions.md (return codes and retry, WDD dif-finishinstall-action.md, implementing-finish-install-actions.md);
 * WDD guidelines-for-implementing-finish-install-actions.md (Windows 8+: one chance, WDD overview-of-finish-install-actions.md, running-finish-install-actions.md, WDD guidelines-for-implementing-finish-install-actions.md against dif-finishinstall-action.md (docs/lifecycle.md L3));
 * PrevDocs ff551022 (SetupDiFinishInstallAction, Vista through Windows 7). WDD = MicrosoftDocs/windows-driver-docs
 * windows-driver-docs-pr/install/<page>.md.
 */
import { runInstall } from '../../src/host/runInstall.js';
import type { ScenarioDocument } from '../../src/scenario/schema.js';
import { lifecycleExample, WIDGET } from '../support/lifecycle.js';
import { scenario } from '../support/scenarios.js';

const DC = 'widgetco.dll,WidgetCoInstaller';
const FLAG = { setFlagsEx: ['DI_FLAGSEX_FINISHINSTALL_ACTION'] };
type Behaviour = NonNullable<NonNullable<ScenarioDocument['deviceCoInstallers']>[number]['on']>[string];

/** A device co-installer that flags an action in DIF_NEWDEVICEWIZARD_FINISHINSTALL and answers DIF_FINISHINSTALL_ACTION with `action`. */
function widget(os: 'vista' | 'win7' | 'win10', action: Behaviour, extra: ScenarioDocument = {}): ScenarioDocument {
  return scenario({
    device: WIDGET,
    os,
    deviceCoInstallers: [{ name: DC, on: { DIF_NEWDEVICEWIZARD_FINISHINSTALL: { pre: 'NO_ERROR', effects: [FLAG] }, DIF_FINISHINSTALL_ACTION: action } }],
    ...extra,
  });
}
const FAILS = { pre: 'ERROR_FILE_NOT_FOUND' } as const;
const attempts = (doc: ScenarioDocument) => runInstall(doc).finishInstall.attempts;

describe('marking the device (WDD setting-the-configflag-finishinstall-action-device-configuration-flag.md)', () => {
  // WDD how-finish-install-actions-are-processed.md: set during DIF_NEWDEVICEWIZARD_FINISHINSTALL, checked once all installers ran
  it('should mark the device when a co-installer sets DI_FLAGSEX_FINISHINSTALL_ACTION during DIF_NEWDEVICEWIZARD_FINISHINSTALL', () => {
    const r = runInstall(widget('win7', FAILS));
    expect(r.finishInstall).toEqual({ marked: true, attempts: 0, pending: true, results: [] });
    expect(r.outcome).toBe('finish-install-pending');
  });

  // WDD setting-the-configflag-finishinstall-action-device-configuration-flag.md item 2: a class installer without pages sets the flag and returns ERROR_DI_DO_DEFAULT
  it('should mark the device when the class installer sets it and returns ERROR_DI_DO_DEFAULT', () => {
    const r = runInstall(
      scenario({
        device: WIDGET,
        os: 'win7',
        classInstaller: { name: 'ci.dll,ClassInstall', on: { DIF_NEWDEVICEWIZARD_FINISHINSTALL: { returns: 'ERROR_DI_DO_DEFAULT', effects: [FLAG] } } },
      }),
    );
    expect(r.finishInstall.marked).toBe(true);
  });

  // WDD setting-the-configflag-finishinstall-action-device-configuration-flag.md item 3: "If the flag is set once all installers have handled the request"
  it('should not mark the device when a later installer of the same DIF clears the flag again', () => {
    const r = runInstall(
      scenario({
        device: WIDGET,
        os: 'win7',
        classCoInstallers: [{ name: 'cc.dll,ClassCo', on: { DIF_NEWDEVICEWIZARD_FINISHINSTALL: { effects: [FLAG] } } }],
        deviceCoInstallers: [{ name: DC, on: { DIF_NEWDEVICEWIZARD_FINISHINSTALL: { effects: [{ clearFlagsEx: ['DI_FLAGSEX_FINISHINSTALL_ACTION'] }] } } }],
      }),
    );
    expect(r.finishInstall).toEqual({ marked: false, attempts: 0, pending: false, results: [] });
    expect(r.outcome).toBe('installed');
  });

  // WDD how-finish-install-actions-are-processed.md: only DIF_NEWDEVICEWIZARD_FINISHINSTALL announces actions
  it('should never run DIF_FINISHINSTALL_ACTION for a device nobody marked, whatever the timeline', () => {
    const r = runInstall(
      scenario({ device: WIDGET, os: 'win7', session: { admin: true }, timeline: [{ type: 'device.reenumerated' }, { type: 'user.loggedOn', admin: true }] }),
    );
    expect(r.difs.map((d) => d.dif)).not.toContain('DIF_FINISHINSTALL_ACTION');
    expect(r.finishInstall).toEqual({ marked: false, attempts: 0, pending: false, results: [] });
  });
});

describe('Vista and Windows 7: when an attempt runs (WDD overview-of-finish-install-actions.md, running-finish-install-actions.md)', () => {
  // WDD running-finish-install-actions.md: hardware-first, right after core installation (choice L4: if an admin is logged on)
  it('should attempt right after core installation when an administrator is logged on, after DIF_DESTROYPRIVATEDATA', () => {
    const r = runInstall(widget('win7', { pre: 'NO_ERROR' }, { session: { admin: true } }));
    expect(r.difs.map((d) => d.dif).slice(-2)).toEqual(['DIF_DESTROYPRIVATEDATA', 'DIF_FINISHINSTALL_ACTION']);
    expect(r.finishInstall).toEqual({ marked: true, attempts: 1, pending: false, results: ['0x00000000'] });
    expect(r.outcome).toBe('installed');
  });

  it.each([[{ admin: false }], [null]])('should not attempt after core installation with session %p, but at the next administrator log-on', (session) => {
    expect(attempts(widget('win7', FAILS, { session }))).toBe(0);
    expect(attempts(widget('win7', FAILS, { session, timeline: [{ type: 'user.loggedOn', admin: true }] }))).toBe(1);
  });

  // WDD overview-of-finish-install-actions.md, running-finish-install-actions.md: a new process each time the device is enumerated in an administrator context
  it('should retry at device.reenumerated and device.reattached while an administrator is logged on', () => {
    const doc = widget('win7', FAILS, { session: { admin: true }, timeline: [{ type: 'device.reenumerated' }, { type: 'device.reattached' }] });
    expect(runInstall(doc).finishInstall).toEqual({ marked: true, attempts: 3, pending: true, results: ['0x00000002', '0x00000002', '0x00000002'] });
  });

  it('should not retry at device.reenumerated or device.reattached while a standard user or nobody is logged on', () => {
    const timeline: ScenarioDocument['timeline'] = [
      { type: 'user.loggedOff' },
      { type: 'device.reenumerated' },
      { type: 'device.reattached' },
      { type: 'user.loggedOn', admin: false },
      { type: 'device.reenumerated' },
      { type: 'device.reattached' },
    ];
    expect(attempts(widget('win7', FAILS, { session: { admin: true }, timeline }))).toBe(1);
  });

  // WDD overview-of-finish-install-actions.md, running-finish-install-actions.md: "the next time an administrator logs on"; a standard user's log-on is no admin context (L4)
  it('should retry at an administrator log-on, not at a standard user log-on', () => {
    expect(attempts(widget('win7', FAILS, { session: { admin: true }, timeline: [{ type: 'user.loggedOn', admin: false }] }))).toBe(1);
    expect(attempts(widget('win7', FAILS, { session: { admin: true }, timeline: [{ type: 'user.loggedOn', admin: true }] }))).toBe(2);
  });

  // docs/lifecycle.md timeline: system.restarted logs everybody off
  it('should not retry at a re-enumeration right after a restart (nobody logged on)', () => {
    expect(attempts(widget('win7', FAILS, { session: { admin: true }, timeline: [{ type: 'system.restarted' }, { type: 'device.reenumerated' }] }))).toBe(1);
  });

  // "Finish installing device software" exists from Windows 8 on (docs/lifecycle.md timeline table)
  it('should not run on user.finishInstallRequested', () => {
    expect(attempts(widget('win7', FAILS, { session: { admin: false }, timeline: [{ type: 'user.finishInstallRequested', admin: true }] }))).toBe(0);
  });
});

describe('Vista and Windows 7: what clears the mark (WDD dif-finishinstall-action.md, implementing-finish-install-actions.md)', () => {
  const afterTwoChances = (action: Behaviour, extra: ScenarioDocument = {}) =>
    runInstall(widget('win7', action, { session: { admin: true }, timeline: [{ type: 'user.loggedOn', admin: true }], ...extra }));

  it('should clear it when the co-installer answers NO_ERROR (no second attempt)', () => {
    expect(afterTwoChances({ pre: 'NO_ERROR' }).finishInstall).toEqual({ marked: true, attempts: 1, pending: false, results: ['0x00000000'] });
  });

  // "Failed, and must not be retried": a co-installer keeps NO_ERROR
  it('should clear it for a co-installer failure that must not be retried (NO_ERROR)', () => {
    const r = afterTwoChances({ pre: 'NO_ERROR', effects: [{ finishInstallWork: { succeeds: false } }] });
    expect(r.finishInstall).toEqual({ marked: true, attempts: 1, pending: false, results: ['0x00000000'] });
    expect(r.outcome).toBe('installed');
  });

  const withClassInstaller = (returns: string) =>
    afterTwoChances({ pre: 'NO_ERROR' }, { classInstaller: { name: 'ci.dll,ClassInstall', on: { DIF_FINISHINSTALL_ACTION: { returns } } } });

  // "Class installer succeeded and wants no default processing": NO_ERROR; the DH is skipped
  it('should clear it when the class installer answers NO_ERROR', () => {
    const r = withClassInstaller('NO_ERROR');
    expect(r.finishInstall).toEqual({ marked: true, attempts: 1, pending: false, results: ['0x00000000'] });
    expect(r.difs.at(-1)!.calls.some((c) => c.who === 'defaultHandler')).toBe(false);
  });

  // ERROR_DI_DO_DEFAULT: success, or a failure that must not be retried; on Windows 7 the DH then runs
  it('should clear it when the class installer answers ERROR_DI_DO_DEFAULT', () => {
    expect(withClassInstaller('ERROR_DI_DO_DEFAULT').finishInstall).toEqual({ marked: true, attempts: 1, pending: false, results: ['0x00000000'] });
  });

  // "Failed, and should be retried": a Win32 error keeps the mark
  it('should keep it when the class installer answers a Win32 error', () => {
    expect(withClassInstaller('ERROR_FILE_NOT_FOUND').finishInstall).toEqual({ marked: true, attempts: 2, pending: true, results: ['0x00000002', '0x00000002'] });
  });
});

describe('a class installer answer list (docs/lifecycle.md: "returns" may be a list)', () => {
  // WDD dif-finishinstall-action.md, implementing-finish-install-actions.md: a Win32 error is retried; ERROR_DI_DO_DEFAULT then lets SetupDiFinishInstallAction run (Windows 7)
  it('should give attempt n the n-th answer: ERROR_FILE_NOT_FOUND, then ERROR_DI_DO_DEFAULT', () => {
    const r = runInstall(
      widget('win7', { pre: 'NO_ERROR' }, {
        session: { admin: true },
        timeline: [{ type: 'device.reattached' }, { type: 'device.reattached' }],
        classInstaller: { name: 'ci.dll,ClassInstall', on: { DIF_FINISHINSTALL_ACTION: { returns: ['ERROR_FILE_NOT_FOUND', 'ERROR_DI_DO_DEFAULT'] } } },
      }),
    );
    expect(r.finishInstall).toEqual({ marked: true, attempts: 2, pending: false, results: ['0x00000002', '0x00000000'] });
  });
});

describe('the acceptance case: fails twice, then succeeds', () => {
  // WDD overview-of-finish-install-actions.md, running-finish-install-actions.md (Vista/7: retry at each admin enumeration until it succeeds); examples/finish-install-win7.json:
  // after core (admin) → 0x2; device.reenumerated (admin) → 0x2; logged off; standard user; device.reattached (no
  // admin) → nothing; administrator log-on → NO_ERROR
  it('should make exactly 3 attempts on Windows 7 (examples/finish-install-win7.json)', () => {
    // Given the Windows 7 example (fails, fails, succeeds), When it runs
    const r = runInstall(lifecycleExample('finish-install-win7'));
    // Then three attempts, the last one clearing the mark
    expect(r.finishInstall).toEqual({ marked: true, attempts: 3, pending: false, results: ['0x00000002', '0x00000002', '0x00000000'] });
    expect(r.outcome).toBe('installed');
    expect(r.violations).toEqual([]);
  });

  it('should make the same 3 attempts on Vista', () => {
    const r = runInstall({ ...lifecycleExample('finish-install-win7'), os: 'vista' });
    expect(r.finishInstall).toEqual({ marked: true, attempts: 3, pending: false, results: ['0x00000002', '0x00000002', '0x00000000'] });
  });

  it('should stop at 3 attempts however many administrator enumerations follow', () => {
    const doc = lifecycleExample('finish-install-win7');
    const r = runInstall({ ...doc, timeline: [...(doc.timeline ?? []), { type: 'device.reenumerated' }, { type: 'device.reattached' }, { type: 'user.loggedOn', admin: true }] });
    expect(r.finishInstall).toEqual({ marked: true, attempts: 3, pending: false, results: ['0x00000002', '0x00000002', '0x00000000'] });
  });

  it('should stay pending after 2 attempts when the timeline ends before the third', () => {
    const r = runInstall({ ...lifecycleExample('finish-install-win7'), timeline: [{ type: 'device.reenumerated' }, { type: 'user.loggedOff' }] });
    expect(r.finishInstall).toEqual({ marked: true, attempts: 2, pending: true, results: ['0x00000002', '0x00000002'] });
    expect(r.outcome).toBe('finish-install-pending');
  });

  // WDD overview-of-finish-install-actions.md, running-finish-install-actions.md Windows 8+: one chance, the mark cleared whatever the result (choice L3)
  it('should make exactly 1 attempt on Windows 10, not pending (examples/finish-install-win10.json)', () => {
    // Given the same package on Windows 10: re-enumeration, a standard user's request, then two administrator requests
    const r = runInstall(lifecycleExample('finish-install-win10'));
    // Then only the first administrator request runs it; it fails and the mark is cleared anyway
    expect(r.finishInstall).toEqual({ marked: true, attempts: 1, pending: false, results: ['0x00000002'] });
    expect(r.outcome).toBe('installed');
  });

  it('should make exactly 1 attempt on Windows 10 with the Windows 7 timeline plus one request and plenty of admin enumerations', () => {
    const doc = lifecycleExample('finish-install-win7');
    const timeline: ScenarioDocument['timeline'] = [
      ...(doc.timeline ?? []),
      { type: 'device.reenumerated' },
      { type: 'user.finishInstallRequested', admin: true },
      { type: 'device.reenumerated' },
      { type: 'user.loggedOn', admin: true },
      { type: 'user.finishInstallRequested', admin: true },
    ];
    const r = runInstall({ ...doc, os: 'win10', timeline });
    expect(r.finishInstall).toEqual({ marked: true, attempts: 1, pending: false, results: ['0x00000002'] });
  });
});

describe('Windows 8 and later (WDD overview-of-finish-install-actions.md, running-finish-install-actions.md; WDD guidelines-for-implementing-finish-install-actions.md against dif-finishinstall-action.md (docs/lifecycle.md L3); choice L3)', () => {
  it.each(['win8', 'win10', 'win11'] as const)('should run nothing automatically on %s: not after core, not at re-enumeration, re-attach or admin log-on', (os) => {
    const r = runInstall({
      ...widget('win10', FAILS),
      os,
      session: { admin: true },
      timeline: [{ type: 'device.reenumerated' }, { type: 'device.reattached' }, { type: 'user.loggedOn', admin: true }],
    });
    expect(r.finishInstall).toEqual({ marked: true, attempts: 0, pending: true, results: [] });
    expect(r.outcome).toBe('finish-install-pending');
  });

  it('should not run for a standard user\'s "Finish installing device software"', () => {
    const r = runInstall(widget('win10', FAILS, { timeline: [{ type: 'user.finishInstallRequested', admin: false }] }));
    expect(r.finishInstall).toEqual({ marked: true, attempts: 0, pending: true, results: [] });
    expect(r.outcome).toBe('finish-install-pending');
  });

  it('should run once for an administrator and clear the mark although it failed', () => {
    const r = runInstall(
      widget('win10', FAILS, { timeline: [{ type: 'user.finishInstallRequested', admin: true }, { type: 'user.finishInstallRequested', admin: true }] }),
    );
    expect(r.finishInstall).toEqual({ marked: true, attempts: 1, pending: false, results: ['0x00000002'] });
    expect(r.outcome).toBe('installed');
  });

  it('should run once for an administrator and clear the mark when it succeeded', () => {
    const r = runInstall(widget('win10', { pre: 'NO_ERROR' }, { timeline: [{ type: 'user.finishInstallRequested', admin: true }] }));
    // no default handler on Windows 8+ (semantics.md W6, C6): ERROR_DI_DO_DEFAULT stays the status
    expect(r.finishInstall).toEqual({ marked: true, attempts: 1, pending: false, results: ['0xE000020E'] });
  });
});

describe('DIF_FINISHINSTALL_ACTION dispatch (WDD how-finish-install-actions-are-processed.md)', () => {
  // WDD how-finish-install-actions-are-processed.md step 2: class co-installers, device co-installers, class installer, default handler (Vista/7), postprocessing
  const full = (os: 'win7' | 'win10') =>
    runInstall({
      ...widget(os, { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED' }),
      session: { admin: true },
      timeline: [{ type: 'user.finishInstallRequested', admin: true }],
      classCoInstallers: [{ name: 'cc.dll,ClassCo' }],
      classInstaller: { name: 'ci.dll,ClassInstall', on: { '*': { returns: 'ERROR_DI_DO_DEFAULT' } } },
    });
  const shape = (calls: readonly { who: string; phase?: string; function?: string | null; returned: string }[]) =>
    calls.map((c) => [c.who, c.phase ?? c.function ?? null, c.returned]);

  it('should run client side and reach the co-installers, the class installer and SetupDiFinishInstallAction on Windows 7', () => {
    const action = full('win7').difs.find((d) => d.dif === 'DIF_FINISHINSTALL_ACTION')!;
    expect(action.context).toBe('client');
    expect(shape(action.calls)).toEqual([
      ['classCoInstaller', 'pre', '0x00000000'],
      ['deviceCoInstaller', 'pre', '0xE0000226'],
      ['classInstaller', null, '0xE000020E'],
      ['defaultHandler', 'SetupDiFinishInstallAction', '0x00000000'],
      ['deviceCoInstaller', 'post', '0x00000000'],
    ]);
  });

  it('should reach the same installers but no default handler on Windows 10', () => {
    const action = full('win10').difs.find((d) => d.dif === 'DIF_FINISHINSTALL_ACTION')!;
    expect(action.context).toBe('client');
    expect(shape(action.calls)).toEqual([
      ['classCoInstaller', 'pre', '0x00000000'],
      ['deviceCoInstaller', 'pre', '0xE0000226'],
      ['classInstaller', null, '0xE000020E'],
      ['defaultHandler', null, '0xE000020E'],
      ['deviceCoInstaller', 'post', '0xE000020E'],
    ]);
  });
});
