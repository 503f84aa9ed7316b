/**
 * DriverKeyStatePersists: what installers write to the driver key, and the registered
 * CoInstallers32, stay there for the device's life.
 * Source: WDD writing-class-installers-and-co-installers.md "State" (WDD writing-class-installers-and-co-installers.md: keep state as
 * properties of the driver key), WDD registering-a-class-co-installer.md, co-installer-operation.md and WDD co-installer-operation.md (CoInstallers32 in the driver key; SDK
 * nf-setupapi-setupdiregistercodeviceinstallers.md; WDD inf-ddinstall-coinstallers-section.md).
 */
import { isDeepStrictEqual } from 'node:util';
import { fails, type LifecycleInvariant } from '../types.js';
import { executionOrder } from './executionOrder.js';

export const driverKeyStatePersists: LifecycleInvariant = {
  name: 'DriverKeyStatePersists',
  sentence: "At the end of the run the driver key holds the last value each installer wrote to each property, and CoInstallers32 lists the device co-installers once they are registered; nothing else.",
  source: 'WDD writing-class-installers-and-co-installers.md "State", WDD registering-a-class-co-installer.md, co-installer-operation.md, WDD co-installer-operation.md; WDD writing-class-installers-and-co-installers.md, inf-ddinstall-coinstallers-section.md; SDK nf-setupapi-setupdiregistercodeviceinstallers.md',
  machine: 'deviceInstall',
  check(scenario, result) {
    const written = new Map<string, unknown>();
    let registered = scenario.lifecycle.sequence !== 'hardware-first' && scenario.deviceCoInstallers.length > 0;
    for (const h of executionOrder(scenario, result)) {
      if (h.kind !== 'call') continue;
      for (const e of h.effects) if (e.type === 'writeProperty') written.set(e.name, e.value);
      if (h.record.dif === 'DIF_REGISTER_COINSTALLERS' && h.call.who === 'defaultHandler' && h.call.function && Number.parseInt(h.call.returned, 16) === 0) {
        registered = scenario.deviceCoInstallers.length > 0;
      }
    }
    const key = result.driverKey;
    const hung = result.outcome === 'hung';
    for (const [name, value] of written) {
      if (name === 'CoInstallers32') continue;
      if (!(name in key)) return fails(`the driver key lost property "${name}"`);
      if (!hung && !isDeepStrictEqual(key[name], value)) return fails(`the driver key holds ${JSON.stringify(key[name])} for "${name}" but the last value written was ${JSON.stringify(value)}`);
    }
    const names = scenario.deviceCoInstallers.map((c) => c.declared);
    if (registered && !isDeepStrictEqual(key.CoInstallers32, names)) return fails(`CoInstallers32 is ${JSON.stringify(key.CoInstallers32)} although ${JSON.stringify(names)} were registered`);
    if (!hung) {
      const extra = Object.keys(key).find((k) => (k === 'CoInstallers32' ? !registered && !written.has(k) : !written.has(k)));
      if (extra !== undefined) return fails(`the driver key holds "${extra}", which no installer wrote`);
    }
    return null;
  },
};
