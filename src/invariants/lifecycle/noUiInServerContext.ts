/**
 * NoUiInServerContext: no dialog appears during the non-interactive server-side installation; an
 * installer that tries is reported and the installation hangs.
 * Source: WDD writing-class-installers-and-co-installers.md "UI" and WDD how-finish-install-actions-are-processed.md; Logs pbatard/libwdi #200, #228, #310, xcp-ng/xcp #83 (WDD writing-class-installers-and-co-installers.md: a dialog
 * hangs the installation; WDD debugging-device-installations--windows-vista-and-later-.md: the
 * core stages run non-interactively in DrvInst.exe); docs/lifecycle.md choice L7.
 */
import { fails, type LifecycleInvariant } from '../types.js';
import { executionOrder } from './executionOrder.js';

export const noUiInServerContext: LifecycleInvariant = {
  name: 'NoUiInServerContext',
  sentence: 'No installer call in the server-side (non-interactive) installation ever returns after showing a dialog: the first such dialog is reported as ui-in-noninteractive-context and the installation hangs until the watchdog ends it.',
  source: 'WDD writing-class-installers-and-co-installers.md "UI", WDD how-finish-install-actions-are-processed.md; Logs pbatard/libwdi #200, #228, #310, xcp-ng/xcp #83; WDD writing-class-installers-and-co-installers.md, debugging-device-installations--windows-vista-and-later-.md; choice L7',
  machine: 'deviceInstall',
  check(scenario, result) {
    for (const h of executionOrder(scenario, result)) {
      if (h.kind === 'call' && h.record.context === 'server' && h.effects.some((e) => e.type === 'showDialog')) {
        return fails(`${h.call.who}${h.call.index !== undefined ? ` ${h.call.index}` : ''} showed a dialog in ${h.record.dif} on the server side and the installation went on`);
      }
    }
    const reported = result.violations.filter((v) => v.rule === 'ui-in-noninteractive-context').length;
    if (reported > 1) return fails(`${reported} dialogs were reported on the server side; the first one hangs the installation`);
    if ((reported === 1) !== (result.outcome === 'hung')) {
      return fails(reported === 1 ? `a server-side dialog was reported but the outcome is ${result.outcome}` : 'the installation hung without a server-side dialog');
    }
    return null;
  },
};
