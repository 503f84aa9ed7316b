/**
 * PrivateDataRoundTrips: a co-installer gets back in postprocessing exactly the PrivateData it
 * stored in its own preprocessing call.
 * Source: WDD co-installer-interface.md "PrivateData" (WDD co-installer-interface.md: the pointer is owned by the
 * co-installer and the same pointer comes back on the callback); a fresh Context per call, so a
 * co-installer that stored nothing gets NULL (WDD co-installer-operation.md).
 */
import { asksForPostprocessing, canonicalJson, describeCall, isCoInstaller } from './reference.js';
import { fails, type DispatchInvariant } from '../types.js';

/**
 * Ghost: per requester index, the canonical JSON text of what it stored (null: the runner did not
 * pass the answer, so that callback is not judged). Entries leave once called back.
 */
export const privateDataRoundTrips: DispatchInvariant<Readonly<Record<string, string | null>>> = {
  name: 'PrivateDataRoundTrips',
  sentence: 'A co-installer is called back with exactly the PrivateData it stored in its own preprocessing call (NULL if it stored nothing).',
  source: 'WDD co-installer-interface.md; WDD co-installer-operation.md',
  machine: 'difDispatch',
  init: () => ({}),
  step(stored, { call, answer }) {
    if (asksForPostprocessing(call)) {
      const text = answer && answer.type === 'coInstaller.returned' ? canonicalJson(answer.privateData ?? null) : null;
      return { ...stored, [String(call.index)]: text };
    }
    if (!isCoInstaller(call) || call.phase !== 'post' || !(String(call.index) in stored)) return stored;
    const { [String(call.index)]: own, ...rest } = stored;
    if (own !== null && own !== canonicalJson(call.privateData ?? null)) {
      return fails(`${describeCall(call)} got PrivateData ${canonicalJson(call.privateData ?? null)} but stored ${own}`);
    }
    return rest;
  },
  end: () => null,
};
