/**
 * A deliberately small model of the finish-install mark and its attempts after core installation
 * (WDD overview-of-finish-install-actions.md, running-finish-install-actions.md; WDD dif-finishinstall-action.md, implementing-finish-install-actions.md; docs/lifecycle.md "Finish-install actions"), for the model-based test. It
 * knows nothing of DIFs or dispatch: one installer marks the device or not, stops it (DI_NEEDREBOOT)
 * or not, and answers each finish-install attempt with success or a Win32 error.
 *
 *   Vista/7: an attempt at every administrator context (log-on, re-enumeration, re-attach, and
 *            right after core installation) while marked and running; success clears the mark.
 *   8 and later: an attempt only when an administrator asks; the mark is cleared whatever happens.
 *   A restart logs everybody off and starts a stopped device.
 */
import type fc from 'fast-check';
import type { InstallDriver } from './installDriver.js';

export interface FinishInstallSetup {
  readonly os: 'vista' | 'win7' | 'win8' | 'win10' | 'win11';
  /** Who is logged on when core installation ends. */
  readonly session: { readonly admin: boolean } | null;
  /** The installer flags a finish-install action. */
  readonly marks: boolean;
  /** The installer sets DI_NEEDREBOOT in DIF_INSTALLDEVICE: the device waits for a restart. */
  readonly stopsDevice: boolean;
  /** Whether the n-th attempt succeeds (the last one repeats). */
  readonly outcomes: readonly boolean[];
}

export interface FinishInstallModel {
  readonly retries: boolean;
  readonly outcomes: readonly boolean[];
  marked: boolean;
  attempts: number;
  /** Who is logged on: true an administrator, false a standard user, null nobody. */
  admin: boolean | null;
  started: boolean;
}

export type FinishInstallCommand = fc.Command<FinishInstallModel, InstallDriver>;

/** The scenario document the setup describes (hardware-first; one device co-installer does it all). */
export function scenarioOf(setup: FinishInstallSetup): Record<string, unknown> {
  return {
    device: { description: 'Contoso Widget', className: 'USBDevice' },
    os: setup.os,
    ...(setup.session ? { session: setup.session } : {}),
    deviceCoInstallers: [
      {
        name: 'widgetco.dll,WidgetCoInstaller',
        on: {
          ...(setup.stopsDevice ? { DIF_INSTALLDEVICE: { effects: [{ setFlags: ['DI_NEEDREBOOT'] }] } } : {}),
          ...(setup.marks ? { DIF_NEWDEVICEWIZARD_FINISHINSTALL: { effects: [{ setFlagsEx: ['DI_FLAGSEX_FINISHINSTALL_ACTION'] }] } } : {}),
          DIF_FINISHINSTALL_ACTION: { pre: setup.outcomes.map((ok) => (ok ? 'NO_ERROR' : 'ERROR_FILE_NOT_FOUND')), effects: [{ startProcess: { image: 'setup.exe' } }] },
        },
      },
    ],
  };
}

/** One finish-install process, if the device is marked and running. */
export function maybeAttempt(m: FinishInstallModel): void {
  if (!m.marked || !m.started) return;
  const ok = m.outcomes[Math.min(m.attempts, m.outcomes.length - 1)];
  m.attempts += 1;
  if (ok || !m.retries) m.marked = false;
}

/** The model right after core installation. */
export function initialModel(setup: FinishInstallSetup): FinishInstallModel {
  const m: FinishInstallModel = {
    retries: setup.os === 'vista' || setup.os === 'win7',
    outcomes: setup.outcomes,
    marked: setup.marks,
    attempts: 0,
    admin: setup.session ? setup.session.admin : null,
    started: !setup.stopsDevice,
  };
  if (m.retries && m.admin === true) maybeAttempt(m);
  return m;
}
