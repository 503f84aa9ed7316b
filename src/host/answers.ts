/**
 * The host side of the dispatch: it plays the installers and default handlers a scenario
 * describes, answering the call the machine is waiting on. Nothing here decides what SetupAPI
 * does next; it only says what each installer returned.
 */
import type { DifDispatchEvent } from '../../machines/difDispatch/difDispatch.types.js';
import { hex } from '../domain/codes.js';
import type { PendingCall } from '../domain/dispatchRules.js';
import {
  behaviourFor,
  DEFAULT_CLASS_BEHAVIOUR,
  DEFAULT_CO_BEHAVIOUR,
  nthAnswer,
  type CoInstallerBehaviour,
  type InstallerSpec,
  type Scenario,
} from '../domain/scenario.js';
import type { Effect } from '../domain/lifecycle/types.js';
import { Status } from '../domain/statusCodes.js';

/**
 * How many times each installer has been sent each DIF before (for answer lists). One counter
 * object lives as long as the scenario runs; a single dispatch starts it empty.
 */
export type CallCounters = Map<string, number>;

const DIF_REGISTER_COINSTALLERS = 0x22;

/** Each installer's identity for the counters: the same installer in another list position (or another class's installer with the same name) counts apart. */
const ids = new WeakMap<object, number>();
let lastId = 0;
function idOf(spec: object): number {
  let id = ids.get(spec);
  if (id === undefined) {
    id = ++lastId;
    ids.set(spec, id);
  }
  return id;
}

function nextCall(counters: CallCounters, key: string): number {
  const n = counters.get(key) ?? 0;
  counters.set(key, n + 1);
  return n;
}

/**
 * The answer from an installer's list for its next call of the DIF. A list of one answer gives it
 * whatever the count, and the counter is read for that installer and DIF only, so it is neither
 * read nor kept then (the count is built from the key only when it matters).
 */
function nextAnswer(answers: readonly number[], counters: CallCounters, kind: string, spec: object, dif: number): number {
  if (answers.length === 1) return answers[0];
  return nthAnswer(answers, nextCall(counters, `${kind}:${idOf(spec)}:${dif}`));
}

function coInstallerSpec(scenario: Scenario, index: number): InstallerSpec<CoInstallerBehaviour> {
  const classCount = scenario.classCoInstallers.length;
  const spec = index <= classCount ? scenario.classCoInstallers[index - 1] : scenario.deviceCoInstallers[index - classCount - 1];
  if (!spec) throw new Error(`no co-installer ${index} in the scenario`);
  return spec;
}

/**
 * What the installer in the pending call answers. `scenario` is the scenario as the DIF sees it
 * (in an installation, `scenarioForDif`: the installers of the list that DIF was dispatched with).
 */
export function answerPending(scenario: Scenario, dif: number, pending: PendingCall, counters: CallCounters): DifDispatchEvent {
  switch (pending.who) {
    case 'classCoInstaller':
    case 'deviceCoInstaller': {
      const index = pending.index!;
      const spec = coInstallerSpec(scenario, index);
      const behaviour = behaviourFor(spec, dif, DEFAULT_CO_BEHAVIOUR);
      if (pending.phase === 'post') {
        const code = behaviour.post === 'propagate' ? pending.installResult! : behaviour.post;
        return { type: 'coInstaller.returned', who: pending.who, index, phase: 'post', code: hex(code) };
      }
      const code = nextAnswer(behaviour.pre, counters, 'co', spec, dif);
      // Two literals rather than a conditional spread (an object spread is far slower than a literal).
      const who = pending.who;
      if (behaviour.privateData === undefined) return { type: 'coInstaller.returned', who, index, phase: 'pre', code: hex(code) };
      return { type: 'coInstaller.returned', who, index, phase: 'pre', code: hex(code), privateData: behaviour.privateData };
    }
    case 'classInstaller': {
      const behaviour = behaviourFor(scenario.classInstaller!, dif, DEFAULT_CLASS_BEHAVIOUR);
      return { type: 'classInstaller.returned', code: hex(nextAnswer(behaviour.returns, counters, 'class', scenario.classInstaller!, dif)) };
    }
    case 'defaultHandler': {
      // DIF_REGISTER_COINSTALLERS's handler result can also be given as the lifecycle's registerCoInstallers.
      const registration = dif === DIF_REGISTER_COINSTALLERS && scenario.lifecycle.registerCoInstallers !== Status.NO_ERROR ? scenario.lifecycle.registerCoInstallers : undefined;
      const code = pending.stubResult ?? registration ?? scenario.defaultHandlers.get(dif) ?? scenario.defaultHandlers.get('*') ?? Status.NO_ERROR;
      return { type: 'defaultHandler.returned', code: hex(code) };
    }
    default: {
      const never: never = pending.who;
      throw new Error(`unexpected pending call ${String(never)}`);
    }
  }
}

/** The effects an installer performs in the pending call: a co-installer's for that phase, a class installer's all. */
export function effectsOf(scenario: Scenario, dif: number, pending: PendingCall): readonly Effect[] {
  if (pending.who === 'classInstaller') return behaviourFor(scenario.classInstaller!, dif, DEFAULT_CLASS_BEHAVIOUR).effects;
  if (pending.who === 'defaultHandler') return [];
  const behaviour = behaviourFor(coInstallerSpec(scenario, pending.index!), dif, DEFAULT_CO_BEHAVIOUR);
  return behaviour.effects.filter((e) => e.phase === pending.phase);
}
