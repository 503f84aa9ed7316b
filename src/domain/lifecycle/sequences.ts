/**
 * The DIF sequences a device lives through (WDD how-finish-install-actions-are-processed.md; Logs).
 *
 * hardware-first — WDD how-finish-install-actions-are-processed.md; Logs pbatard/libwdi #200, #228, #310, xcp-ng/xcp #83 (Logs pbatard/libwdi #200, #228, #310; xcp-ng/xcp #83): the core
 *   ("server-side") installation runs non-interactively in DrvInst under LocalSystem
 *   (WDD debugging-device-installations--windows-vista-and-later-.md), then DIF_DESTROYPRIVATEDATA
 *   when the device information set is destroyed (WDD dif-destroyprivatedata.md).
 * reinstall — the same, for a device whose device co-installers are already registered
 *   (observed in Logs xcp-ng/xcp #83: they take part from the first DIF).
 * remove — DIF_REMOVE, then DIF_DESTROYPRIVATEDATA (WDD dif-remove.md).
 * properties — DIF_ADDPROPERTYPAGE_ADVANCED in an interactive user process, then
 *   DIF_PROPERTYCHANGE if a page changed something (WDD dif-addpropertypage-advanced.md, dif-propertychange.md; WDD dif-addpropertypage-advanced.md,
 *   dif-propertychange.md).
 */
import { difByName } from '../difCodes.js';
import type { DifContext, SequenceName } from './types.js';

const dif = (name: string): number => difByName(name)!.value;

export const DIF = {
  SELECTBESTCOMPATDRV: dif('DIF_SELECTBESTCOMPATDRV'),
  ALLOW_INSTALL: dif('DIF_ALLOW_INSTALL'),
  INSTALLDEVICEFILES: dif('DIF_INSTALLDEVICEFILES'),
  REGISTER_COINSTALLERS: dif('DIF_REGISTER_COINSTALLERS'),
  INSTALLINTERFACES: dif('DIF_INSTALLINTERFACES'),
  INSTALLDEVICE: dif('DIF_INSTALLDEVICE'),
  NEWDEVICEWIZARD_FINISHINSTALL: dif('DIF_NEWDEVICEWIZARD_FINISHINSTALL'),
  DESTROYPRIVATEDATA: dif('DIF_DESTROYPRIVATEDATA'),
  REMOVE: dif('DIF_REMOVE'),
  ADDPROPERTYPAGE_ADVANCED: dif('DIF_ADDPROPERTYPAGE_ADVANCED'),
  PROPERTYCHANGE: dif('DIF_PROPERTYCHANGE'),
  FINISHINSTALL_ACTION: dif('DIF_FINISHINSTALL_ACTION'),
} as const;

export interface Step {
  readonly dif: number;
  readonly context: DifContext;
  /** Sent even after a failed step (DIF_DESTROYPRIVATEDATA: the set is destroyed whatever happened). */
  readonly cleanup: boolean;
  /** Sent only if a property page changed something and an administrator may apply it. */
  readonly onlyIfPropertiesChanged?: boolean;
}

export interface SequencePlan {
  readonly name: SequenceName | 'explicit';
  readonly steps: readonly Step[];
  /** Whether the device's co-installers are registered before the first DIF (an installed device). */
  readonly registeredFromStart: boolean;
}

const step = (d: number, context: DifContext, cleanup = false): Step => ({ dif: d, context, cleanup });

const CORE: readonly Step[] = [
  step(DIF.SELECTBESTCOMPATDRV, 'server'),
  step(DIF.ALLOW_INSTALL, 'server'),
  step(DIF.INSTALLDEVICEFILES, 'server'),
  step(DIF.REGISTER_COINSTALLERS, 'server'),
  step(DIF.INSTALLINTERFACES, 'server'),
  step(DIF.INSTALLDEVICE, 'server'),
  step(DIF.NEWDEVICEWIZARD_FINISHINSTALL, 'server'),
  step(DIF.DESTROYPRIVATEDATA, 'server', true),
];

export function sequencePlan(sequence: SequenceName | readonly number[]): SequencePlan {
  if (typeof sequence !== 'string') {
    // An explicit list runs as written, server-side; DIF_DESTROYPRIVATEDATA steps still run after a
    // failure. Device co-installers count as registered unless the list registers them itself.
    return {
      name: 'explicit',
      steps: sequence.map((d) => step(d, 'server', d === DIF.DESTROYPRIVATEDATA)),
      registeredFromStart: !sequence.includes(DIF.REGISTER_COINSTALLERS),
    };
  }
  switch (sequence) {
    case 'hardware-first':
      return { name: sequence, steps: CORE, registeredFromStart: false };
    case 'reinstall':
      return { name: sequence, steps: CORE, registeredFromStart: true };
    case 'remove':
      return { name: sequence, steps: [step(DIF.REMOVE, 'client'), step(DIF.DESTROYPRIVATEDATA, 'client', true)], registeredFromStart: true };
    case 'properties':
      return {
        name: sequence,
        steps: [
          step(DIF.ADDPROPERTYPAGE_ADVANCED, 'client'),
          { ...step(DIF.PROPERTYCHANGE, 'client'), onlyIfPropertiesChanged: true },
          step(DIF.DESTROYPRIVATEDATA, 'client', true),
        ],
        registeredFromStart: true,
      };
    default: {
      const never: never = sequence;
      return never;
    }
  }
}
