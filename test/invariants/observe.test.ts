/**
 * The runners: observeDispatch sees exactly the calls runDif reports, one observation each, with
 * the host's answer and the violations of that call; observeInstall is runInstall.
 */
import { readFileSync } from 'node:fs';
import { PROFILES } from '../../src/domain/profiles.js';
import { runDif } from '../../src/host/runDif.js';
import { runInstall } from '../../src/host/runInstall.js';
import { checkDispatch, DISPATCH_INVARIANTS, observeDispatch, observeInstall } from '../../src/invariants/index.js';

const failing = JSON.parse(readFileSync('examples/failing-coinstaller.json', 'utf8'));
const postprocessing = JSON.parse(readFileSync('examples/class-coinstaller-postprocessing.json', 'utf8'));

describe('observeDispatch', () => {
  it.each([['failing-coinstaller', failing], ['class-coinstaller-postprocessing', postprocessing]])('%s: should observe each call runDif reports, in order', (_name, doc) => {
    const run = observeDispatch(doc, doc.dif ?? 'DIF_INSTALLDEVICE');
    const live = runDif(doc, doc.dif ?? 'DIF_INSTALLDEVICE');
    expect(run.observations.map((o) => o.call)).toEqual(live.calls);
    expect(run.result).toEqual(live);
    expect(run.end.calls).toEqual(live.calls);
    expect(run.observations.flatMap((o) => o.violations)).toEqual(live.violations);
  });

  it('should attach the host answer to each answered call, and none to a default-handler step without a handler', () => {
    const run = observeDispatch({ device: {}, classCoInstallers: [{ name: 'a.dll', on: { '*': { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', privateData: { n: 1 } } } }] }, 'DIF_ALLOW_INSTALL');
    expect(run.observations.map((o) => [o.call.who, o.answer?.type ?? null])).toEqual([
      ['classCoInstaller', 'coInstaller.returned'],
      ['defaultHandler', null],
      ['classCoInstaller', 'coInstaller.returned'],
    ]);
    expect(run.observations[0].answer).toMatchObject({ privateData: { n: 1 } });
  });

  it('should run a semantics override: forward postprocessing under windows breaks PostIsReverseOfPre', () => {
    const doc = { device: {}, classCoInstallers: [1, 2].map((i) => ({ name: `c${i}.dll`, on: { '*': { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED' } } })) };
    const reverse = observeDispatch(doc, 2);
    const forward = observeDispatch(doc, 2, { semantics: { ...PROFILES.windows, postprocessing: 'forward' } });
    expect(checkDispatch(DISPATCH_INVARIANTS, reverse)).toEqual([]);
    expect(checkDispatch(DISPATCH_INVARIANTS, forward).map((b) => b.name)).toEqual(['PostIsReverseOfPre']);
  });
});

describe('observeInstall', () => {
  it('should give the InstallResult runInstall gives', () => {
    const doc = JSON.parse(readFileSync('examples/finish-install-win7.json', 'utf8'));
    expect(observeInstall(doc).result).toEqual(runInstall(doc));
  });
});
