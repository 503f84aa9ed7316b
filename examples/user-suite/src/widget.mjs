/**
 * WidgetCoInstaller (contosowidget.dll), the Contoso widget's device co-installer, described for
 * devinst: what it answers to a DIF under given conditions.
 *
 * It asks for postprocessing of DIF_INSTALLDEVICE and, once the device is installed, writes the
 * widget's mode to the driver key. Silent mode (not shipped yet: CONTOSO_SILENT_MODE=1 turns it on)
 * adds a branch for quiet installations (DI_QUIETINSTALL) — and that branch returns
 * ERROR_DI_DO_DEFAULT from postprocessing "to let Windows finish", which a co-installer must never
 * originate (MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/co-installer-interface.md).
 */
import { readFileSync } from 'node:fs';

export const WIDGET = 'contosowidget.dll,WidgetCoInstaller';

/** Silent mode: the feature whose branch holds the mistake. */
export const SILENT_MODE = process.env.CONTOSO_SILENT_MODE === '1';

/** What WidgetCoInstaller answers to `dif`; `quiet`: DI_QUIETINSTALL is set. */
export function widgetAnswers({ dif, quiet }, { silentMode = SILENT_MODE } = {}) {
  if (dif !== 'DIF_INSTALLDEVICE') return { pre: 'NO_ERROR' };
  if (quiet && silentMode) {
    // The mistake: "nothing to do when quiet, let Windows do the default".
    return { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', privateData: { mode: 'silent' }, post: 'ERROR_DI_DO_DEFAULT' };
  }
  return {
    pre: 'ERROR_DI_POSTPROCESSING_REQUIRED',
    privateData: { mode: quiet ? 'quiet' : 'full' },
    post: 'propagate',
    effects: [{ writeProperty: { name: 'WidgetMode', value: quiet ? 'quiet' : 'full' }, phase: 'post' }],
  };
}

/** The class's scenario (scenario.json), without the widget's co-installer. */
export const classScenario = JSON.parse(readFileSync(new URL('../scenario.json', import.meta.url), 'utf8'));

/**
 * The scenario of one test case: `around` (a variation of the class's scenario, with its "dif"),
 * DI_QUIETINSTALL when `quiet`, and WidgetCoInstaller answering as it does under those conditions.
 */
export function scenarioFor({ quiet, around }, options) {
  const flags = [...(around.flags ?? []), ...(quiet ? ['DI_QUIETINSTALL'] : [])];
  return {
    ...around,
    ...(flags.length > 0 ? { flags } : {}),
    deviceCoInstallers: [...(around.deviceCoInstallers ?? []), { name: WIDGET, on: { [around.dif]: widgetAnswers({ dif: around.dif, quiet }, options) } }],
  };
}

/** The same, with silent mode on: the mistake reachable. */
export function scenarioWithSilentMode(testCase) {
  return scenarioFor(testCase, { silentMode: true });
}
