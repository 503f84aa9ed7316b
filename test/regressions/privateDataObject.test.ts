/**
 * Regression: PrivateData that is an object or array reached the postprocessing call record as a
 * revoked immer proxy (found by properties/dispatch.oracle.property.ts; minimal counterexample
 * below, shrunk by fast-check). PostProcessing must hand each co-installer the PrivateData it
 * stored: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/co-installer-interface.md.
 */
import { runDif } from '../../src/host/runDif.js';
import { recordDif } from '../../src/host/runDif.js';
import { replayJournal } from '../../src/journal/replay.js';

describe('object PrivateData survives to postprocessing', () => {
  it('windows: {} stored in preprocessing comes back in postprocessing', () => {
    const result = runDif({ classCoInstallers: [{ name: 'a.dll', on: { '*': { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED', privateData: {} } } }] }, 2);
    expect(JSON.parse(JSON.stringify(result.calls[2]))).toEqual({
      who: 'classCoInstaller',
      index: 1,
      name: 'a.dll,CoDeviceInstall',
      phase: 'post',
      installResult: '0x00000000',
      privateData: {},
      returned: '0x00000000',
    });
  });

  it('reactos: an inherited array in the shared Context comes back, and the journal replays', () => {
    // ReactOS dll/win32/setupapi/devinst.c SetupDiCallClassInstaller: a co-installer that stores nothing inherits the previous one's PrivateData.
    const doc = {
      profile: 'reactos',
      device: {},
      classCoInstallers: [
        { name: 'a.dll,E', on: { '*': { pre: 'NO_ERROR', privateData: [1, { x: 2 }] } } },
        { name: 'b.dll,E', on: { '*': { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED' } } },
      ],
    };
    const { result, journal } = recordDif(doc, 2);
    const post = result.calls.find((c) => c.phase === 'post');
    expect(post?.privateData).toEqual([1, { x: 2 }]);
    expect(replayJournal(journal)).toEqual(result);
  });
});
