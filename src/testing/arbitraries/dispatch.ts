/**
 * Arbitraries for one dispatch (a scenario document and a DIF) used by the invariant properties.
 *
 * Two sources, mixed: `scenarioDocArb` (scenario.ts: every shape a scenario file can take, odd
 * names and codes included) and `wellBehavedDocArb` below, biased towards installers that follow
 * the rules (NO_ERROR, postprocessing requests with their own PrivateData, class installers asking
 * for the default), so that long chains with several callbacks are common. Built with `.map`
 * only; shrinking goes towards fewer installers, NO_ERROR, DIF_INSTALLDEVICE.
 */
import fc from 'fast-check';
import type { DocProfile as OracleProfile } from './types.js';
import { difArb, scenarioDocArb, type ScenarioDoc } from './scenario.js';

const DEVICE = { description: 'Toaster', classGuid: '{B85B7C50-6A01-11d2-B841-00C04FAD5171}', className: 'TOASTER' };

/** Pre answers: mostly NO_ERROR or a postprocessing request; now and then a failure or a forbidden DO_DEFAULT. */
const preArb = fc.integer({ min: 0, max: 11 }).map((i) => (i < 5 ? 'NO_ERROR' : i < 10 ? 'ERROR_DI_POSTPROCESSING_REQUIRED' : i < 11 ? 'ERROR_FILE_NOT_FOUND' : 'ERROR_DI_DO_DEFAULT'));
/** Post answers: mostly pass InstallResult on. */
const postArb = fc.integer({ min: 0, max: 7 }).map((i) => (i < 6 ? 'propagate' : i < 7 ? 'NO_ERROR' : 'ERROR_ACCESS_DENIED'));
const classAnswerArb = fc.integer({ min: 0, max: 5 }).map((i) => (i < 4 ? 'ERROR_DI_DO_DEFAULT' : i < 5 ? 'NO_ERROR' : 'ERROR_DI_DONT_INSTALL'));

function coInstallersArb(prefix: 'cc' | 'dc', max: number) {
  return fc.array(fc.tuple(preArb, fc.boolean(), postArb), { maxLength: max }).map((list) =>
    list.map(([pre, stores, post], i) => {
      const name = `${prefix}${i + 1}.dll,${prefix === 'cc' ? 'ClassCo' : 'DeviceCo'}${i + 1}`;
      const behaviour: Record<string, unknown> = { pre };
      if (stores) behaviour.privateData = { by: `${prefix}${i + 1}` };
      if (post !== 'propagate') behaviour.post = post;
      return { name, on: { '*': behaviour } };
    }),
  );
}

/** Scenario documents of well-behaved installers for one profile. */
export function wellBehavedDocArb(profile: OracleProfile): fc.Arbitrary<ScenarioDoc> {
  return fc
    .record({
      device: fc.integer({ min: 0, max: 7 }).map((i) => i > 0),
      classCoInstallers: coInstallersArb('cc', 3),
      deviceCoInstallers: coInstallersArb('dc', 3),
      classInstaller: fc.option(classAnswerArb, { freq: 4, nil: undefined }),
      noDefaultAction: fc.integer({ min: 0, max: 5 }).map((i) => i === 5),
    })
    .map((r): ScenarioDoc => {
      const doc: Record<string, unknown> = { profile };
      if (r.device) doc.device = DEVICE;
      if (r.noDefaultAction) doc.flags = ['DI_NODI_DEFAULTACTION'];
      if (r.classCoInstallers.length > 0) doc.classCoInstallers = r.classCoInstallers;
      if (r.deviceCoInstallers.length > 0) doc.deviceCoInstallers = r.deviceCoInstallers;
      if (r.classInstaller !== undefined) doc.classInstaller = { name: 'ci.dll,ClassInstall', on: { '*': { returns: r.classInstaller } } };
      return doc as ScenarioDoc;
    });
}

export interface DispatchCase {
  readonly doc: ScenarioDoc;
  readonly dif: number;
}

/** A scenario document and a DIF: well-behaved installers two times in three, anything else otherwise. */
export function dispatchCaseArb(profile: OracleProfile): fc.Arbitrary<DispatchCase> {
  return fc
    .tuple(fc.oneof({ weight: 2, arbitrary: wellBehavedDocArb(profile) }, { weight: 1, arbitrary: scenarioDocArb(profile) }), difArb)
    .map(([doc, dif]) => ({ doc, dif }));
}
