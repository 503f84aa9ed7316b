/**
 * Every machine by id, with the version its journals carry. Replay, the CLI and the viewer look
 * machines up here.
 */
import { difDispatchMachine } from './difDispatch/difDispatch.machine.js';
import { DIF_DISPATCH_VERSION } from './difDispatch/difDispatch.types.js';

export const MACHINES = {
  difDispatch: { machine: difDispatchMachine, version: DIF_DISPATCH_VERSION },
} as const;

export type MachineId = keyof typeof MACHINES;

export { difDispatchMachine, DIF_DISPATCH_VERSION };
