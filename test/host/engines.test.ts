/**
 * dispatch()'s choice of engine (src/host/runDif.ts): the derived executor unless an inspector is
 * attached, then an XState actor the inspector watches. That both give the same run is
 * properties/engines.property.ts; here, that each is the one that runs.
 */
import type { InspectionEvent } from 'xstate';
import { dispatch, runDif } from '../../src/host/runDif.js';
import { validateScenario } from '../../src/scenario/load.js';

const doc = {
  device: { description: 'Toaster' },
  deviceCoInstallers: [{ name: 'co.dll,Entry', on: { '*': { pre: 'ERROR_DI_POSTPROCESSING_REQUIRED' } } }],
};

describe('dispatch engines', () => {
  test('with an inspector the run is an XState actor: the inspector sees its microsteps', () => {
    const seen: string[] = [];
    runDif(doc, 'DIF_INSTALLDEVICE', { inspect: (e: InspectionEvent) => void seen.push(e.type) });
    expect(seen).toContain('@xstate.actor');
    expect(seen.filter((t) => t === '@xstate.microstep').length).toBeGreaterThanOrEqual(3);
  });

  test('an inspector given to the forced executor engine is refused (the executor cannot be watched)', () => {
    const { scenario } = validateScenario(doc);
    expect(() => dispatch(scenario, 0x02, { engine: 'executor', inspect: () => {} })).toThrow(TypeError);
  });

  test('the executor engine runs the machine: a co-installer that asks for postprocessing is called back', () => {
    const { scenario } = validateScenario(doc);
    const result = dispatch(scenario, 0x02, { engine: 'executor' });
    // preprocessing, the default handler (no class installer: ERROR_DI_DO_DEFAULT), the callback
    expect(result.calls.map((c) => `${c.who}${c.phase ? `:${c.phase}` : ''}`)).toEqual(['deviceCoInstaller:pre', 'defaultHandler', 'deviceCoInstaller:post']);
    expect(result.result).toEqual({ hex: '0x00000000', name: 'NO_ERROR', success: true });
  });
});
