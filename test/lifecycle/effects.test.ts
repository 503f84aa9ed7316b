/**
 * Installer effects (docs/lifecycle.md "Installer effects"): each effect's consequence and violation id.
 * (examples/violations/ is checked file by file in violationExamples.test.ts.)
 *
 * Sources: WDD writing-class-installers-and-co-installers.md (WDD writing-class-installers-and-co-installers.md: UI, state, loading code,
 * processes), WDD dif-addpropertypage-advanced.md, dif-propertychange.md and WDD creating-custom-property-pages.md (MAX_INSTALLWIZARD_DYNAPAGES = 20),
 * SDK ns-setupapi-sp_devinstall_params_a.md (DI_QUIETINSTALL), SDK nf-setupapi-setupdiinstalldevice.md
 * (a device is not started when DI_NEEDREBOOT is set), SDK nf-setupapi-setupdicallclassinstaller.md
 * (restart flags reported at the end). WDD = MicrosoftDocs/windows-driver-docs
 * windows-driver-docs-pr/install/<page>.md; SDK = MicrosoftDocs/sdk-api sdk-api-src/content/setupapi/<page>.md.
 */
import { runInstall } from '../../src/host/runInstall.js';
import { difNames, rules, WIDGET } from '../support/lifecycle.js';
import { co, scenario } from '../support/scenarios.js';
import type { ScenarioDocument } from '../../src/scenario/schema.js';

const DC = 'dc.dll,DevCo';
type Behaviour = NonNullable<NonNullable<ScenarioDocument['deviceCoInstallers']>[number]['on']>[string];

/** hardware-first with one device co-installer behaving as given per DIF. */
const withDevCo = (on: Record<string, Behaviour>, extra: ScenarioDocument = {}): ScenarioDocument =>
  scenario({ device: WIDGET, deviceCoInstallers: [{ name: DC, on }], ...extra });

describe('showDialog', () => {
  // WDD how-finish-install-actions-are-processed.md; Logs pbatard/libwdi #200, #228, #310, xcp-ng/xcp #83 / WDD writing-class-installers-and-co-installers.md "UI": a dialog in the non-interactive DrvInst session hangs the installation;
  // docs/lifecycle.md choice L7: no DIF follows, not even DIF_DESTROYPRIVATEDATA
  it('should hang a server-side installation: outcome hung, and no DIF finishes after the one that hung', () => {
    // Given a device co-installer that shows a dialog in DIF_INSTALLINTERFACES preprocessing
    const r = runInstall(withDevCo({ DIF_INSTALLINTERFACES: { effects: ['showDialog'] } }, { session: { admin: true }, timeline: [{ type: 'user.loggedOn', admin: true }] }));
    // Then DIF_INSTALLINTERFACES never finishes (difs lists finished DIFs), and nothing runs after it
    expect(difNames(r)).toEqual(['DIF_SELECTBESTCOMPATDRV', 'DIF_ALLOW_INSTALL', 'DIF_INSTALLDEVICEFILES', 'DIF_REGISTER_COINSTALLERS', 'DIF_DESTROYPRIVATEDATA']);
    expect(r.outcome).toBe('hung');
    expect(r.violations.map((v) => [v.rule, v.dif, v.who, v.phase])).toEqual([['ui-in-noninteractive-context', 'DIF_INSTALLINTERFACES', 'deviceCoInstaller', 'pre']]);
  });

  // L7: "whatever the installer's answer would have been"
  it('should hang even when the installer would have failed the DIF after its dialog', () => {
    const r = runInstall(withDevCo({ DIF_INSTALLDEVICE: { pre: 'ERROR_FILE_NOT_FOUND', effects: ['showDialog'] } }));
    expect(r.outcome).toBe('hung');
    expect(difNames(r).at(-1)).toBe('DIF_INSTALLINTERFACES');
  });

  // WDD dif-addpropertypage-advanced.md, dif-propertychange.md; WDD how-finish-install-actions-are-processed.md: property pages run in an interactive user process; WDD writing-class-installers-and-co-installers.md: property pages are allowed UI
  it('should not hang in the client context (properties)', () => {
    const r = runInstall(withDevCo({ DIF_ADDPROPERTYPAGE_ADVANCED: { effects: ['showDialog'] } }, { sequence: 'properties', session: { admin: true } }));
    expect(r.outcome).toBe('installed');
    expect(difNames(r)).toEqual(['DIF_ADDPROPERTYPAGE_ADVANCED', 'DIF_DESTROYPRIVATEDATA']);
    expect(r.violations).toEqual([]);
  });

  // SDK ns-setupapi-sp_devinstall_params_a.md: no UI at all while DI_QUIETINSTALL is set (WDD writing-class-installers-and-co-installers.md)
  it('should count UI during a quiet server-side install twice: quiet install and non-interactive context', () => {
    const r = runInstall(withDevCo({ DIF_INSTALLDEVICE: { effects: ['showDialog'] } }, { flags: ['DI_QUIETINSTALL'] }));
    expect(rules(r).sort()).toEqual(['ui-during-quiet-install', 'ui-in-noninteractive-context']);
    expect(r.outcome).toBe('hung');
  });
});

describe('keepInDll / readFromDll', () => {
  // WDD writing-class-installers-and-co-installers.md "State": the DLL is usually unloaded after each DIF code, so state lives until the end of the DIF
  it('should not count state kept and read back in the same DIF (pre, then post)', () => {
    const r = runInstall(
      withDevCo({
        DIF_INSTALLDEVICE: { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', effects: [{ keepInDll: { name: 'portCount', value: 4 } }, { readFromDll: 'portCount', phase: 'post' }] },
      }),
    );
    expect(r.violations).toEqual([]);
    expect(r.outcome).toBe('installed');
  });

  // The nested DIF_DESTROYPRIVATEDATA runs inside DIF_REGISTER_COINSTALLERS (docs/lifecycle.md "The machine"), which has
  // not ended: a class co-installer that keeps state in preprocessing still has it when called back in postprocessing
  it('should not count state kept in DIF_REGISTER_COINSTALLERS preprocessing and read in its postprocessing (the nested DIF is inside it)', () => {
    const r = runInstall(
      scenario({
        classCoInstallers: [
          co('cc.dll,ClassCo', 'DIF_REGISTER_COINSTALLERS', {
            pre: 'ERROR_DI_POSTPROCESSING_REQUIRED',
            effects: [{ keepInDll: { name: 'oldList', value: 1 } }, { readFromDll: 'oldList', phase: 'post' }],
          }),
        ],
      }),
    );
    expect(r.violations).toEqual([]);
  });

  it('should count state kept in one DIF and read in the next (state-kept-in-dll)', () => {
    const r = runInstall(withDevCo({ DIF_INSTALLINTERFACES: { effects: [{ keepInDll: { name: 'portCount', value: 4 } }] }, DIF_INSTALLDEVICE: { effects: [{ readFromDll: 'portCount' }] } }));
    expect(r.violations.map((v) => [v.rule, v.dif])).toEqual([['state-kept-in-dll', 'DIF_INSTALLDEVICE']]);
  });
});

describe('writeProperty / readProperty', () => {
  // WDD writing-class-installers-and-co-installers.md "State": keep state as properties of the device's driver key
  it('should keep a driver-key property from one DIF to a later one, without a violation', () => {
    const r = runInstall(withDevCo({ DIF_INSTALLINTERFACES: { effects: [{ writeProperty: { name: 'PortCount', value: 4 } }] }, DIF_NEWDEVICEWIZARD_FINISHINSTALL: { effects: [{ readProperty: 'PortCount' }] } }));
    expect(r.violations).toEqual([]);
    expect(r.driverKey).toEqual({ CoInstallers32: [DC], PortCount: 4 });
  });

  // docs/lifecycle.md: driver-key properties persist for the device's life (registration rewrites only CoInstallers32)
  it('should keep a property written before DIF_REGISTER_COINSTALLERS next to the new CoInstallers32', () => {
    const r = runInstall(
      scenario({
        classCoInstallers: [co('cc.dll,ClassCo', 'DIF_SELECTBESTCOMPATDRV', { effects: [{ writeProperty: { name: 'Mode', value: { fast: true } } }] })],
        deviceCoInstallers: [co(DC)],
      }),
    );
    expect(r.driverKey).toEqual({ Mode: { fast: true }, CoInstallers32: [DC] });
  });
});

describe('setFlags DI_NEEDREBOOT', () => {
  // A device co-installer sets DI_NEEDREBOOT during DIF_INSTALLINTERFACES (so it is set for DIF_INSTALLDEVICE,
  // choice L1) and flags a finish-install action; Windows 7, an administrator logged on.
  const rebooting = (timeline: ScenarioDocument['timeline']) =>
    withDevCo(
      {
        DIF_INSTALLINTERFACES: { effects: [{ setFlags: ['DI_NEEDREBOOT'] }] },
        DIF_NEWDEVICEWIZARD_FINISHINSTALL: { effects: [{ setFlagsEx: ['DI_FLAGSEX_FINISHINSTALL_ACTION'] }] },
      },
      { os: 'win7', session: { admin: true }, timeline },
    );

  // SDK nf-setupapi-setupdicallclassinstaller.md: reported once at the end
  it('should report needsReboot', () => {
    const r = runInstall(rebooting([]));
    expect(r.needsReboot).toBe(true);
  });

  // SDK nf-setupapi-setupdiinstalldevice.md (not started with DI_NEEDREBOOT); WDD overview-of-finish-install-actions.md, running-finish-install-actions.md (a finish-install
  // process runs only after the device has started): no attempt until a restart, then at the next admin log-on
  it('should not attempt the finish-install action until the system restarted and an administrator logged on', () => {
    const r = runInstall(rebooting([{ type: 'device.reenumerated' }, { type: 'user.loggedOn', admin: true }]));
    expect(r.finishInstall).toEqual({ marked: true, attempts: 0, pending: true, results: [] });
    expect(r.outcome).toBe('finish-install-pending');
  });

  it('should attempt it at the first administrator log-on after the restart', () => {
    const r = runInstall(rebooting([{ type: 'device.reenumerated' }, { type: 'system.restarted' }, { type: 'device.reenumerated' }, { type: 'user.loggedOn', admin: true }]));
    // nobody is logged on after the restart, so the re-enumeration in between does not count (WDD overview-of-finish-install-actions.md, running-finish-install-actions.md)
    expect(r.finishInstall).toEqual({ marked: true, attempts: 1, pending: false, results: ['0x00000000'] });
    expect(r.outcome).toBe('installed');
    expect(r.needsReboot).toBe(true);
  });

  // WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h DIF_INSTALLDEVICE: SetupDiInstallDevice (the default handler) starts the device, and "in
  // postprocessing the device is running, unless DI_NEEDREBOOT was set" — before the handler ran; docs/lifecycle.md
  // choice L1: a flag set by an effect takes effect from the next DIF on. A DI_NEEDREBOOT set in DIF_INSTALLDEVICE
  // postprocessing is reported, but the device was already started, so the first attempt is right after core.
  it('should still treat the device as started when DI_NEEDREBOOT is set only in DIF_INSTALLDEVICE postprocessing', () => {
    const r = runInstall(
      withDevCo(
        {
          DIF_INSTALLDEVICE: { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', effects: [{ setFlags: ['DI_NEEDREBOOT'], phase: 'post' }] },
          DIF_NEWDEVICEWIZARD_FINISHINSTALL: { effects: [{ setFlagsEx: ['DI_FLAGSEX_FINISHINSTALL_ACTION'] }] },
        },
        { os: 'win7', session: { admin: true } },
      ),
    );
    expect(r.needsReboot).toBe(true);
    expect(r.finishInstall).toEqual({ marked: true, attempts: 1, pending: false, results: ['0x00000000'] });
  });

  it('should not report needsReboot when nobody sets a restart flag', () => {
    expect(runInstall(withDevCo({})).needsReboot).toBe(false);
  });
});

describe('loadLibrary', () => {
  // WDD writing-class-installers-and-co-installers.md "Loading code": no explicit LoadLibrary; unsigned binaries are blocked on 64-bit Windows only
  const loading = (arch: 'x86' | 'x64', signed: boolean) => withDevCo({ DIF_INSTALLDEVICE: { effects: [{ loadLibrary: { dll: 'helper.dll', signed } }] } }, { arch });

  it('should count only explicit-loadlibrary for a signed DLL on x86', () => {
    expect(rules(runInstall(loading('x86', true)))).toEqual(['explicit-loadlibrary']);
  });

  it('should count only explicit-loadlibrary for an unsigned DLL on x86', () => {
    expect(rules(runInstall(loading('x86', false)))).toEqual(['explicit-loadlibrary']);
  });

  it('should count explicit-loadlibrary and unsigned-binary-on-x64 for an unsigned DLL on x64', () => {
    expect(rules(runInstall(loading('x64', false))).sort()).toEqual(['explicit-loadlibrary', 'unsigned-binary-on-x64']);
  });
});

describe('addPropertyPages', () => {
  // WDD creating-custom-property-pages.md: check NumDynamicPages against MAX_INSTALLWIZARD_DYNAPAGES (20), WDD dif-addpropertypage-advanced.md, dif-propertychange.md step 1
  const pages = (...counts: number[]) =>
    scenario({
      device: WIDGET,
      sequence: 'properties',
      session: { admin: true },
      deviceCoInstallers: counts.map((n, i) => co(`pages${i + 1}.dll,Pages`, 'DIF_ADDPROPERTYPAGE_ADVANCED', { effects: [{ addPropertyPages: n }] })),
    });

  it('should accept exactly 20 pages from one co-installer', () => {
    expect(runInstall(pages(20)).violations).toEqual([]);
  });

  it('should accept 12 + 8 = 20 pages from two co-installers', () => {
    expect(runInstall(pages(12, 8)).violations).toEqual([]);
  });

  it('should count the 21st page, against the co-installer that added it', () => {
    const r = runInstall(pages(20, 1));
    expect(r.violations.map((v) => [v.rule, v.name, v.dif])).toEqual([['too-many-property-pages', 'pages2.dll,Pages', 'DIF_ADDPROPERTYPAGE_ADVANCED']]);
    expect(r.outcome).toBe('installed');
  });

  it('should count 21 pages from one co-installer', () => {
    expect(rules(runInstall(pages(21)))).toEqual(['too-many-property-pages']);
  });
});

describe('callDefaultHandler', () => {
  // WDD calling-the-default-dif-code-handlers.md: only a class installer may call a default handler
  it('should not count a class installer that calls the default handler itself', () => {
    const r = runInstall(scenario({ classInstaller: { name: 'ci.dll,ClassInstall', on: { DIF_INSTALLDEVICE: { returns: 'NO_ERROR', effects: ['callDefaultHandler'] } } } }));
    expect(r.violations).toEqual([]);
  });
});

describe('setFlagsEx DI_FLAGSEX_FINISHINSTALL_ACTION outside DIF_NEWDEVICEWIZARD_FINISHINSTALL', () => {
  // WDD how-finish-install-actions-are-processed.md: it has no effect there
  it('should not mark the device, even though DIF_NEWDEVICEWIZARD_FINISHINSTALL follows', () => {
    const r = runInstall(withDevCo({ DIF_INSTALLDEVICE: { effects: [{ setFlagsEx: ['DI_FLAGSEX_FINISHINSTALL_ACTION'] }] } }, { os: 'win7', session: { admin: true } }));
    expect(r.finishInstall).toEqual({ marked: false, attempts: 0, pending: false, results: [] });
    expect(rules(r)).toEqual(['finish-install-flag-outside-finishinstall-dif']);
  });
});

describe('answer lists', () => {
  // docs/lifecycle.md: the n-th call of that DIF returns the n-th item, the last one repeating
  it('should answer the nested and the final DIF_DESTROYPRIVATEDATA with the first and second item', () => {
    // Given a class co-installer whose DIF_DESTROYPRIVATEDATA answers are ERROR_FILE_NOT_FOUND, then NO_ERROR,
    // and a device co-installer whose registration sends the nested DIF_DESTROYPRIVATEDATA (choice L5)
    const r = runInstall(
      scenario({
        classCoInstallers: [co('cc.dll,ClassCo', 'DIF_DESTROYPRIVATEDATA', { pre: ['ERROR_FILE_NOT_FOUND', 'NO_ERROR'] })],
        deviceCoInstallers: [co('dc.dll,DevCo', 'DIF_INSTALLDEVICE', { pre: 'NO_ERROR' })],
      }),
    );
    // Then the nested call (first) gets 0x2, the final one NO_ERROR; only the first breaks the rule
    const destroys = r.difs.filter((d) => d.dif === 'DIF_DESTROYPRIVATEDATA');
    expect(destroys.map((d) => [d.nestedIn ?? null, d.calls[0].returned])).toEqual([
      ['DIF_REGISTER_COINSTALLERS', '0x00000002'],
      [null, '0x00000000'],
    ]);
    expect(r.violations.map((v) => [v.rule, v.dif])).toEqual([['destroyprivatedata-nonzero', 'DIF_DESTROYPRIVATEDATA']]);
  });

  it('should repeat the last item for later calls', () => {
    const r = runInstall(
      scenario({
        sequence: ['DIF_INSTALLINTERFACES', 'DIF_INSTALLINTERFACES', 'DIF_INSTALLINTERFACES'],
        deviceCoInstallers: [co(DC, 'DIF_INSTALLINTERFACES', { pre: ['ERROR_DI_POSTPROCESSING_REQUIRED', 'NO_ERROR'] })],
      }),
    );
    // the first call asks for postprocessing and is called back; the second and third answer NO_ERROR
    expect(r.difs.map((d) => d.calls.filter((c) => c.who === 'deviceCoInstaller').map((c) => `${c.phase}:${c.returned}`))).toEqual([
      ['pre:0xE0000226', 'post:0x00000000'],
      ['pre:0x00000000'],
      ['pre:0x00000000'],
    ]);
  });
});
