/**
 * Model bug (fixed): in the server context a dialog never returns (the installation hangs,
 * docs/lifecycle.md L7), yet the effects listed after it in the same call still happen: a property
 * is written to the driver key and a second dialog is reported.
 *
 * Found by properties/invariants.lifecycle.property.ts (NoUiInServerContext, while the lifecycle
 * arbitrary could list several dialogs in one call; two dialogs reported where the first hangs).
 * The arbitrary now puts a dialog last in a call's effects (properties/arbitraries/lifecycle.ts).
 *
 * Rule: a dialog shown while a DIF is processed in the non-interactive DrvInst process hangs the
 * installation (WDD writing-class-installers-and-co-installers.md "UI"; WDD writing-class-installers-and-co-installers.md): the installer's
 * code after it never runs. Cause: src/domain/lifecycle/effects.ts applyEffects goes on through the
 * list after `showDialog` set `hung`.
 *
 * Fixed: applyEffects stops at a dialog that hangs the installation.
 */
import { runInstall } from '../../src/host/runInstall.js';

const doc = {
  device: { description: 'dev' },
  classCoInstallers: [{ name: 'cc.dll,Entry', on: { DIF_INSTALLDEVICE: { effects: ['showDialog', { writeProperty: { name: 'After', value: 1 } }, 'showDialog'] } } }],
};

describe('effects listed after a dialog that hangs the server-side installation', () => {
  test('should not happen: nothing is written after the dialog, and one dialog is reported', () => {
    const r = runInstall(doc);
    expect(r.outcome).toBe('hung');
    expect(r.driverKey).toEqual({});
    expect(r.violations.filter((v) => v.rule === 'ui-in-noninteractive-context')).toHaveLength(1);
  });
});
