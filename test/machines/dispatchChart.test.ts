/**
 * Reading the difDispatch chart: where the machine is, and which tags a viewer highlights, at the
 * points that matter. Each test steps the real machine (a live actor) with the answers a host would
 * send and asserts the state value and tags after the answer.
 *
 * Sources for where a failing preprocessing answer goes, per profile:
 *  - windows: the failure skips the remaining co-installers, the class installer and the default
 *    handler; co-installers that asked for postprocessing are still called back
 *    (MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/co-installer-operation.md);
 *  - reactos: the class installer is called even after a co-installer failed and its answer replaces
 *    the status (reactos/reactos dll/win32/setupapi/devinst.c, SetupDiCallClassInstaller);
 *  - wine: a class co-installer's failure returns at once, a device co-installer's failure still
 *    reaches the class installer (wine-mirror/wine dlls/setupapi/devinst.c, SetupDiCallClassInstaller).
 */
import { createActor } from 'xstate';
import { difDispatchMachine } from '../../machines/difDispatch/difDispatch.machine.js';
import type { DifDispatchEvent } from '../../machines/difDispatch/difDispatch.types.js';
import { parseDif } from '../../src/domain/codes.js';
import { planDispatch } from '../../src/domain/dispatchPlan.js';
import type { ProfileName } from '../../src/domain/profiles.js';
import { stateName } from '../../src/journal/replay.js';
import { validateScenario } from '../../src/scenario/load.js';
import { ci, co, scenario } from '../support/scenarios.js';

/** Class co-installer 1 asks for postprocessing, device co-installer 2 answers `dc2`, a class installer follows. */
function dispatchOf(profile: ProfileName) {
  const doc = scenario({
    profile,
    classCoInstallers: [co('cc.dll,Entry')],
    deviceCoInstallers: [co('dc.dll,Entry')],
    classInstaller: ci('ci.dll,ClassInstall', 'ERROR_DI_DO_DEFAULT'),
  });
  const actor = createActor(difDispatchMachine, { input: planDispatch(validateScenario(doc).scenario, parseDif('DIF_INSTALLDEVICE')) });
  actor.start();
  const send = (event: DifDispatchEvent) => actor.send(event);
  const now = () => {
    const s = actor.getSnapshot();
    return { state: stateName(s), tags: [...s.tags].sort(), pending: s.context.pending };
  };
  return { send, now };
}

const pre = (who: 'classCoInstaller' | 'deviceCoInstaller', index: number, code: string): DifDispatchEvent => ({
  type: 'coInstaller.returned',
  who,
  index,
  phase: 'pre',
  code,
});

const ERROR_DI_POSTPROCESSING_REQUIRED = '0xE0000226';
const ERROR_FILE_NOT_FOUND = '0x00000002';

describe('the difDispatch chart', () => {
  describe('given a dispatch starting', () => {
    it('should wait in preprocessing.calling for the first class co-installer, tagged as a co-installer being called in preprocessing', () => {
      const { now } = dispatchOf('windows');
      expect(now()).toEqual({
        state: 'preprocessing.calling',
        tags: ['calling', 'coInstaller', 'pre'],
        pending: { who: 'classCoInstaller', index: 1, name: 'cc.dll,Entry', phase: 'pre' },
      });
    });
  });

  describe('given a co-installer that asked for postprocessing', () => {
    it('should stay in preprocessing.calling, now calling the next co-installer (ERROR_DI_POSTPROCESSING_REQUIRED goes on)', () => {
      const { send, now } = dispatchOf('windows');
      send(pre('classCoInstaller', 1, ERROR_DI_POSTPROCESSING_REQUIRED));
      expect(now().state).toBe('preprocessing.calling');
      expect(now().tags).toEqual(['calling', 'coInstaller', 'pre']);
      expect(now().pending).toMatchObject({ who: 'deviceCoInstaller', index: 2, phase: 'pre' });
    });

    it('should call it back in postprocessing.calling after the class installer, with InstallResult the status so far', () => {
      const { send, now } = dispatchOf('windows');
      send(pre('classCoInstaller', 1, ERROR_DI_POSTPROCESSING_REQUIRED));
      send(pre('deviceCoInstaller', 2, '0x00000000'));
      expect(now()).toMatchObject({ state: 'classInstaller.calling', tags: ['calling', 'classInstaller'] });
      send({ type: 'classInstaller.returned', code: '0x00000000' });
      // NO_ERROR from the class installer: the default handler step is not reached (WDD handling-dif-codes.md)
      expect(now()).toEqual({
        state: 'postprocessing.calling',
        tags: ['calling', 'coInstaller', 'post'],
        pending: { who: 'classCoInstaller', index: 1, name: 'cc.dll,Entry', phase: 'post', installResult: 0, privateData: null },
      });
    });
  });

  describe('given a failing preprocessing answer', () => {
    it('should, under windows, route the failure to postprocessing and call back the co-installer that asked', () => {
      const { send, now } = dispatchOf('windows');
      send(pre('classCoInstaller', 1, ERROR_DI_POSTPROCESSING_REQUIRED));
      send(pre('deviceCoInstaller', 2, ERROR_FILE_NOT_FOUND));
      expect(now()).toMatchObject({ state: 'postprocessing.calling', tags: ['calling', 'coInstaller', 'post'] });
      expect(now().pending).toMatchObject({ who: 'classCoInstaller', index: 1, installResult: 2 });
    });

    it('should, under reactos, route the failure to the class installer', () => {
      const { send, now } = dispatchOf('reactos');
      send(pre('classCoInstaller', 1, ERROR_DI_POSTPROCESSING_REQUIRED));
      send(pre('deviceCoInstaller', 2, ERROR_FILE_NOT_FOUND));
      expect(now()).toMatchObject({ state: 'classInstaller.calling', tags: ['calling', 'classInstaller'], pending: { who: 'classInstaller' } });
    });

    it("should, under wine, route a device co-installer's failure to the class installer", () => {
      const { send, now } = dispatchOf('wine');
      send(pre('classCoInstaller', 1, '0x00000000'));
      send(pre('deviceCoInstaller', 2, ERROR_FILE_NOT_FOUND));
      expect(now()).toMatchObject({ state: 'classInstaller.calling', tags: ['calling', 'classInstaller'] });
    });

    it("should, under wine, return a class co-installer's failure at once: done, nobody else called", () => {
      const { send, now } = dispatchOf('wine');
      send(pre('classCoInstaller', 1, ERROR_FILE_NOT_FOUND));
      expect(now()).toEqual({ state: 'done', tags: [], pending: null });
    });
  });

  describe('given an answer that does not answer the pending call', () => {
    it('should stay where it is (the guard refuses it)', () => {
      const { send, now } = dispatchOf('windows');
      send(pre('deviceCoInstaller', 2, '0x00000000'));
      expect(now().state).toBe('preprocessing.calling');
      expect(now().pending).toMatchObject({ who: 'classCoInstaller', index: 1 });
    });
  });
});
