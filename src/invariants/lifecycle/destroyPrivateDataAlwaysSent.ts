/**
 * DestroyPrivateDataAlwaysSent: the sequence always ends with DIF_DESTROYPRIVATEDATA, and the
 * co-installer registration sends a nested one to the old list first.
 * Source: WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h DIF_DESTROYPRIVATEDATA and WDD using-device-installation-functions.md (WDD dif-destroyprivatedata.md: sent when the set
 * or the installer list is discarded), WDD how-finish-install-actions-are-processed.md; Logs pbatard/libwdi #200, #228, #310, xcp-ng/xcp #83 steps 5 and 9 (Logs pbatard/libwdi #200, xcp-ng/xcp #83),
 * Logs xcp-ng/win-pv-drivers #10 (also after a failed step); docs/lifecycle.md choices L5, L7.
 */
import { fails, type LifecycleInvariant } from '../types.js';
import { sequenceRecords } from './executionOrder.js';

export const destroyPrivateDataAlwaysSent: LifecycleInvariant = {
  name: 'DestroyPrivateDataAlwaysSent',
  sentence: "Unless an installer hung it, every installation sequence ends with DIF_DESTROYPRIVATEDATA, also after a failed step, and every call of DIF_REGISTER_COINSTALLERS's default handler sends a nested DIF_DESTROYPRIVATEDATA to the old installer list first.",
  source: 'WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h; WDD how-finish-install-actions-are-processed.md; Logs pbatard/libwdi #200, #228, #310, xcp-ng/xcp #83; WDD using-device-installation-functions.md; WDD dif-destroyprivatedata.md, dif-register-coinstallers.md; Logs xcp-ng/xcp #83, xcp-ng/win-pv-drivers #10; choices L5, L7',
  machine: 'deviceInstall',
  check(scenario, result) {
    if (typeof scenario.lifecycle.sequence !== 'string') return null;
    for (let i = 0; i < result.difs.length; i++) {
      const record = result.difs[i];
      if (record.dif !== 'DIF_REGISTER_COINSTALLERS' || record.nestedIn !== undefined) continue;
      const handler = record.calls.some((c) => c.who === 'defaultHandler' && c.function);
      const after = result.difs[i + 1];
      const nested = after?.dif === 'DIF_DESTROYPRIVATEDATA' && after.nestedIn === 'DIF_REGISTER_COINSTALLERS';
      if (handler && !nested) return fails("DIF_REGISTER_COINSTALLERS's default handler ran without the nested DIF_DESTROYPRIVATEDATA");
      if (!handler && nested) return fails('a nested DIF_DESTROYPRIVATEDATA was sent although no default handler ran for DIF_REGISTER_COINSTALLERS');
    }
    if (result.outcome === 'hung') return null;
    const steps = sequenceRecords(result);
    if (steps.at(-1)?.dif !== 'DIF_DESTROYPRIVATEDATA') return fails(`the sequence ended with ${steps.at(-1)?.dif ?? 'nothing'}, not DIF_DESTROYPRIVATEDATA`);
    return null;
  },
};
