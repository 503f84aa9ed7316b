/**
 * Stepping the deviceInstall machine without an actor, as `install()` and the lifecycle explorer do:
 * through the executor derived from the machine's definition (src/executor/, the default), or
 * through XState's own `transition` (src/host/fold.ts). Both give snapshots with the same value,
 * context, status, output, tags and intent actions (test/explore/lifecycleRefinement.test.ts steps
 * them side by side over every state and transition the default-bounds lifecycle exploration
 * visits); `'xstate'` is there to check that and to measure one against the other (bench/lifecycle.ts).
 */
import type { StateValue } from 'xstate';
import { deviceInstallMachine } from '../../machines/deviceInstall/deviceInstall.machine.js';
import type { DeviceInstallContext, DeviceInstallEvent } from '../../machines/deviceInstall/deviceInstall.types.js';
import type { InstallResult } from '../domain/lifecycle/installResult.js';
import type { InstallPlan } from '../domain/lifecycle/installState.js';
import { createExecutorFold, type ExecutorSnapshot } from './executorFold.js';
import { createFold } from './fold.js';

export type InstallEngine = 'executor' | 'xstate';
export const INSTALL_ENGINES: readonly InstallEngine[] = ['executor', 'xstate'];

/** What a host reads of a deviceInstall snapshot (XState's and the executor's both have it). */
export interface InstallSnapshot {
  readonly value: StateValue;
  readonly status: string;
  readonly context: DeviceInstallContext;
  readonly output: InstallResult | undefined;
  readonly tags: ReadonlySet<string>;
}

export interface InstallFold<S extends InstallSnapshot = InstallSnapshot> {
  initial(plan: InstallPlan): S;
  /** The next snapshot; the same object when no transition took the event (or the run is over). */
  next(snapshot: S, event: DeviceInstallEvent): S;
  /** Intent actions of the last step, by type and resolved params. */
  readonly actions: readonly { readonly type: string; readonly params: unknown }[];
}

function executorInstallFold(recordIntents = true): InstallFold {
  const fold = createExecutorFold<typeof deviceInstallMachine, DeviceInstallContext>(deviceInstallMachine, recordIntents ? {} : { intents: false });
  return {
    actions: fold.actions,
    initial: (plan) => fold.initial(plan) as unknown as InstallSnapshot,
    next(snapshot, event) {
      const before = snapshot as unknown as ExecutorSnapshot<DeviceInstallContext>;
      const after = fold.next(before, event);
      return (after.state === before.state ? before : after) as unknown as InstallSnapshot;
    },
  };
}

function xstateInstallFold(): InstallFold {
  const fold = createFold(deviceInstallMachine);
  return {
    actions: fold.actions,
    initial: (plan) => fold.initial(plan) as unknown as InstallSnapshot,
    next: (snapshot, event) => fold.next(snapshot as never, event) as unknown as InstallSnapshot,
  };
}

const folds = new Map<InstallEngine, InstallFold>();
let quiet: InstallFold | undefined;

/**
 * The executor's fold without intent actions recorded (its `actions` stay empty), for a host that
 * reads only the snapshots (the lifecycle explorer): recording them costs a context copy per step.
 */
export function quietInstallFold(): InstallFold {
  return (quiet ??= executorInstallFold(false));
}

/** The fold of an engine (one per engine: neither is re-entrant, nothing steps from inside a step). */
export function installFold(engine: InstallEngine = 'executor'): InstallFold {
  let fold = folds.get(engine);
  if (!fold) folds.set(engine, (fold = engine === 'executor' ? executorInstallFold() : xstateInstallFold()));
  return fold;
}
