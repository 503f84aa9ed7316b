/**
 * The dispatch monitors bite: hand-written call traces (not produced by the model) that break
 * exactly one documented rule each are caught, with the rule's source in mind (WDD co-installer-operation.md, images/dif-flow.png; WDD co-installer-operation.md, handling-dif-codes.md, images/dif-flow.png).
 */
import type { CallRecord } from '../../src/domain/dispatchRules.js';
import { planDispatch } from '../../src/domain/dispatchPlan.js';
import { validateScenario } from '../../src/scenario/load.js';
import { checkDispatchTrace, DISPATCH_INVARIANTS, type DispatchEnd, type DispatchObservation } from '../../src/invariants/index.js';
import type { DifDispatchEvent } from '../../machines/difDispatch/difDispatch.types.js';

const OK = '0x00000000';
const POST = '0xE0000226';
const DO_DEFAULT = '0xE000020E';
const FAIL = '0x00000002';

const pre = (index: number, returned: string, who: CallRecord['who'] = 'classCoInstaller'): CallRecord => ({ who, index, name: `c${index}.dll,E`, phase: 'pre', returned });
const post = (index: number, installResult: string, returned: string, privateData: unknown = null, who: CallRecord['who'] = 'classCoInstaller'): CallRecord =>
  ({ who, index, name: `c${index}.dll,E`, phase: 'post', installResult, privateData, returned }) as CallRecord;
const ci = (returned: string): CallRecord => ({ who: 'classInstaller', name: 'ci.dll,ClassInstall', returned });
const dh = (returned: string, fn: string | null = 'SetupDiInstallDevice'): CallRecord => ({ who: 'defaultHandler', function: fn, returned });

function plan(doc: Record<string, unknown> = {}, dif = 0x02) {
  return planDispatch(validateScenario({ device: {}, ...doc }).scenario, dif);
}

function judge(name: string, calls: readonly CallRecord[], status: string, options: { plan?: ReturnType<typeof plan>; answers?: (DifDispatchEvent | undefined)[]; violations?: string[][] } = {}) {
  const invariant = DISPATCH_INVARIANTS.find((i) => i.name === name)!;
  const observations: DispatchObservation[] = calls.map((call, i) => ({
    call,
    status: 0,
    violations: (options.violations?.[i] ?? []).map((rule) => ({ rule, who: 'classCoInstaller', index: call.index, name: '', dif: '', message: '', source: '' }) as never),
    ...(options.answers?.[i] ? { answer: options.answers[i] } : {}),
  }));
  const end: DispatchEnd = { status: Number.parseInt(status, 16) >>> 0, calls, violations: [] };
  return checkDispatchTrace(invariant, options.plan ?? plan({ classInstaller: { name: 'ci.dll' } }), observations, end);
}

const answer = (index: number, privateData?: unknown): DifDispatchEvent =>
  ({ type: 'coInstaller.returned', who: 'classCoInstaller', index, phase: 'pre', code: POST, ...(privateData !== undefined ? { privateData } : {}) }) as DifDispatchEvent;

describe('dispatch monitors on hand-written traces', () => {
  const reverse = [pre(1, POST), pre(2, POST), ci(DO_DEFAULT), dh(OK), post(2, OK, OK), post(1, OK, OK)];

  it('should accept the documented call order (co-installer-operation.md: callbacks in reverse)', () => {
    for (const name of ['CallOrder', 'PostIsReverseOfPre', 'EveryPostRequestHonoured', 'NoPostWithoutRequest', 'FailureStopsChain', 'DefaultHandlerIffDoDefault', 'InstallResultChains', 'ResultIsLastStatus', 'ClassInstallerAtMostOnce']) {
      expect({ name, failure: judge(name, reverse, OK) }).toEqual({ name, failure: null });
    }
  });

  it('PostIsReverseOfPre: should catch callbacks in request order', () => {
    expect(judge('PostIsReverseOfPre', [pre(1, POST), pre(2, POST), ci(OK), post(1, OK, OK), post(2, OK, OK)], OK)).not.toBeNull();
  });

  it('EveryPostRequestHonoured: should catch a requester never called back, and a second callback', () => {
    expect(judge('EveryPostRequestHonoured', [pre(1, POST), ci(OK)], OK)).not.toBeNull();
    expect(judge('EveryPostRequestHonoured', [pre(1, POST), ci(OK), post(1, OK, OK), post(1, OK, OK)], OK)).not.toBeNull();
  });

  it('NoPostWithoutRequest: should catch a callback to a co-installer that did not ask', () => {
    expect(judge('NoPostWithoutRequest', [pre(1, OK), ci(OK), post(1, OK, OK)], OK)).not.toBeNull();
  });

  it('FailureStopsChain: should catch the class installer after a failing co-installer', () => {
    expect(judge('FailureStopsChain', [pre(1, FAIL), ci(OK)], OK)).not.toBeNull();
    expect(judge('FailureStopsChain', [pre(1, POST), pre(2, FAIL), post(1, FAIL, FAIL)], FAIL)).toBeNull();
  });

  it('DefaultHandlerIffDoDefault: should catch a handler after NO_ERROR, and a missing step after DO_DEFAULT', () => {
    expect(judge('DefaultHandlerIffDoDefault', [ci(OK), dh(OK)], OK)).not.toBeNull();
    expect(judge('DefaultHandlerIffDoDefault', [ci(DO_DEFAULT)], DO_DEFAULT)).not.toBeNull();
    const flagged = plan({ classInstaller: { name: 'ci.dll' }, flags: ['DI_NODI_DEFAULTACTION'] });
    expect(judge('DefaultHandlerIffDoDefault', [ci(DO_DEFAULT), dh(OK)], OK, { plan: flagged })).not.toBeNull();
    expect(judge('DefaultHandlerIffDoDefault', [ci(DO_DEFAULT)], DO_DEFAULT, { plan: flagged })).toBeNull();
  });

  it('InstallResultChains: should catch a callback that does not get the previous answer', () => {
    expect(judge('InstallResultChains', [pre(1, POST), pre(2, POST), ci(FAIL), post(2, FAIL, OK), post(1, FAIL, OK)], OK)).not.toBeNull();
    expect(judge('InstallResultChains', [pre(1, POST), pre(2, POST), ci(FAIL), post(2, FAIL, OK), post(1, OK, OK)], OK)).toBeNull();
  });

  it('PrivateDataRoundTrips: should catch PrivateData that is not the co-installer\'s own', () => {
    const answers = [answer(1, { mine: 1 }), answer(2)];
    expect(judge('PrivateDataRoundTrips', [pre(1, POST), pre(2, POST), ci(OK), post(2, OK, OK, { mine: 1 }), post(1, OK, OK, { mine: 1 })], OK, { answers })).not.toBeNull();
    expect(judge('PrivateDataRoundTrips', [pre(1, POST), pre(2, POST), ci(OK), post(2, OK, OK, null), post(1, OK, OK, { mine: 1 })], OK, { answers })).toBeNull();
  });

  it('ResultIsLastStatus: should catch an ERROR_DI_DO_DEFAULT turned into success', () => {
    expect(judge('ResultIsLastStatus', [ci(DO_DEFAULT)], OK, { plan: plan({ classInstaller: { name: 'ci.dll' } }, 0x1e) })).not.toBeNull();
    expect(judge('ResultIsLastStatus', [], DO_DEFAULT, { plan: plan({}, 0x1e) })).toBeNull();
  });

  it('CoInstallersNeverOriginateDoDefault: should catch an unreported origination and a false report', () => {
    expect(judge('CoInstallersNeverOriginateDoDefault', [pre(1, DO_DEFAULT)], DO_DEFAULT)).not.toBeNull();
    expect(judge('CoInstallersNeverOriginateDoDefault', [pre(1, DO_DEFAULT)], DO_DEFAULT, { violations: [['coinstaller-originated-do-default']] })).toBeNull();
    expect(judge('CoInstallersNeverOriginateDoDefault', [pre(1, POST), ci(DO_DEFAULT), post(1, DO_DEFAULT, DO_DEFAULT)], DO_DEFAULT, { violations: [[], [], ['coinstaller-originated-do-default']] })).not.toBeNull();
  });

  it('ClassInstallerAtMostOnce: should catch a second class-installer call', () => {
    expect(judge('ClassInstallerAtMostOnce', [ci(DO_DEFAULT), ci(OK)], OK)).not.toBeNull();
  });

  it('CallOrder: should catch a device co-installer before a class co-installer, and the class installer after postprocessing', () => {
    expect(judge('CallOrder', [pre(2, OK, 'deviceCoInstaller'), pre(1, OK)], OK)).not.toBeNull();
    expect(judge('CallOrder', [pre(1, POST), post(1, OK, OK), ci(OK)], OK)).not.toBeNull();
  });

  it('UnknownDifPassesThrough and NullDeviceInfoNoDeviceCoInstallers: should catch a refused call and a device co-installer without a device', () => {
    const refused = { ...plan({}, 0xdeadbeef), rejection: { status: 0x32, reason: 'not in the switch' } };
    expect(judge('UnknownDifPassesThrough', [], '0x00000032', { plan: refused })).not.toBeNull();
    const detect = plan({}, 0x0f);
    expect(judge('NullDeviceInfoNoDeviceCoInstallers', [pre(1, OK, 'deviceCoInstaller')], OK, { plan: detect })).not.toBeNull();
    expect(judge('NullDeviceInfoNoDeviceCoInstallers', [pre(1, OK)], OK, { plan: detect })).toBeNull();
  });
});
