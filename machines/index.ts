/**
 * Every machine by id, with the version its journals carry and the versions whose journals it replays. Replay, the CLI and the viewer look
 * machines up here.
 */
import { deviceInstallMachine } from './deviceInstall/deviceInstall.machine.js';
import { DEVICE_INSTALL_REPLAYS, DEVICE_INSTALL_VERSION } from './deviceInstall/deviceInstall.types.js';
import { difDispatchMachine } from './difDispatch/difDispatch.machine.js';
import { DIF_DISPATCH_REPLAYS, DIF_DISPATCH_VERSION } from './difDispatch/difDispatch.types.js';

export const MACHINES = {
  difDispatch: { machine: difDispatchMachine, version: DIF_DISPATCH_VERSION, replays: DIF_DISPATCH_REPLAYS },
  deviceInstall: { machine: deviceInstallMachine, version: DEVICE_INSTALL_VERSION, replays: DEVICE_INSTALL_REPLAYS },
} as const;

export type MachineId = keyof typeof MACHINES;

export { deviceInstallMachine, DEVICE_INSTALL_VERSION, difDispatchMachine, DIF_DISPATCH_VERSION };
