/**
 * DllStateNeverSurvivesADif: what an installer keeps in its DLL is gone at the next DIF.
 * Source: WDD writing-class-installers-and-co-installers.md "State" (WDD writing-class-installers-and-co-installers.md: Windows usually
 * unloads the DLL after each DIF code; keep state in the driver key); Logs xcp-ng/win-pv-drivers #10
 * (PROCESS_DETACH). A nested DIF runs inside another, which is not over: the DLLs stay loaded
 * across it (docs/lifecycle.md).
 */
import { fails, type LifecycleInvariant } from '../types.js';
import { executionOrder } from './executionOrder.js';

const where = (v: { dif: string; who: string; index?: number }): string => `${v.dif}/${v.who}${v.index !== undefined ? ` ${v.index}` : ''}`;

export const dllStateNeverSurvivesADif: LifecycleInvariant = {
  name: 'DllStateNeverSurvivesADif',
  sentence: 'A value an installer kept in its DLL is readable only within the same DIF: reading it in a later DIF finds nothing and is reported as state-kept-in-dll, and nothing else is.',
  source: 'WDD writing-class-installers-and-co-installers.md "State"; Logs xcp-ng/win-pv-drivers #10',
  machine: 'deviceInstall',
  check(scenario, result) {
    const now = new Map<string, Set<string>>();
    const earlier = new Map<string, Set<string>>();
    const expected: string[] = [];
    for (const h of executionOrder(scenario, result)) {
      if (h.kind === 'difEnd') {
        if (h.record.nestedIn !== undefined) continue; // the DIF it ran in is not over: the DLLs stay loaded
        for (const [key, names] of now) earlier.set(key, new Set([...(earlier.get(key) ?? []), ...names]));
        now.clear();
        continue;
      }
      if (h.effects.length === 0) continue;
      // One DLL per installer: a class change (docs/lifecycle.md L12) brings another class installer at the same place.
      const key = `${h.call.who}:${h.call.index ?? 0}:${h.call.name ?? ''}`;
      for (const e of h.effects) {
        if (e.type === 'keepInDll') now.set(key, new Set([...(now.get(key) ?? []), e.name]));
        if (e.type === 'readFromDll' && !now.get(key)?.has(e.name) && earlier.get(key)?.has(e.name)) {
          expected.push(where({ dif: h.record.dif, who: h.call.who, index: h.call.index }));
        }
      }
    }
    const actual = result.violations.filter((v) => v.rule === 'state-kept-in-dll').map(where);
    const prefix = actual.slice(0, expected.length);
    const agrees = result.outcome === 'hung' ? prefix.join('|') === expected.join('|') : actual.join('|') === expected.join('|');
    return agrees ? null : fails(`state-kept-in-dll reported at [${actual.join(', ')}] where reads of earlier DIFs' DLL state happened at [${expected.join(', ')}]`);
  },
};
