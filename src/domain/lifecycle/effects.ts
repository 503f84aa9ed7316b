/**
 * Installer effects (docs/lifecycle.md "Effects"): what an installer does besides answering, and the real
 * consequence each guideline breach has in the model (WDD writing-class-installers-and-co-installers.md).
 */
import { Boxed } from '../appendLog.js';
import { difLabel } from '../codes.js';
import { combineFlags, Flag, FlagEx } from '../flags.js';
import { makeViolation } from '../violations.js';
import type { InstallState } from './installState.js';
import { LIFECYCLE_RULES, MAX_DYNAMIC_PAGES, type LifecycleRuleId } from './rules.js';
import { DIF } from './sequences.js';
import type { DifContext, Effect } from './types.js';

/** The installer call an effect happens in. */
export interface EffectCall {
  readonly who: 'classCoInstaller' | 'deviceCoInstaller' | 'classInstaller';
  readonly index?: number;
  readonly name: string;
  readonly dif: number;
  readonly phase?: 'pre' | 'post';
  readonly context: DifContext;
}

function violation(s: InstallState, rule: LifecycleRuleId, call: EffectCall, detail: string): void {
  s.violations = s.violations.append(makeViolation(rule, LIFECYCLE_RULES[rule].source, call, detail));
}

const installerKey = (call: EffectCall): string => `${call.who}:${call.index ?? 0}:${call.name}`;

/**
 * Whether these effects make the call hang (what applyEffects will return): a dialog shown in the
 * non-interactive server-side context never gets an answer.
 */
export function callHangs(call: Pick<EffectCall, 'context'>, effects: readonly Effect[]): boolean {
  return call.context === 'server' && effects.some((effect) => effect.type === 'showDialog');
}

/**
 * Applies the effects listed for this call's phase. Returns true when the call hangs (a dialog
 * in a non-interactive context never gets an answer).
 */
export function applyEffects(s: InstallState, call: EffectCall, effects: readonly Effect[]): boolean {
  const x64 = s.plan.arch === 'x64';
  for (const effect of effects) {
    switch (effect.type) {
      case 'setFlags':
        if (call.phase === 'post' && s.flagsBeforePost === null) s.flagsBeforePost = s.flags;
        s.flags = (s.flags | combineFlags('flags', effect.flags)) >>> 0;
        if ((s.flags & (Flag.DI_NEEDREBOOT | Flag.DI_NEEDRESTART)) !== 0) s.needsReboot = true;
        break;
      case 'clearFlags':
        if (call.phase === 'post' && s.flagsBeforePost === null) s.flagsBeforePost = s.flags;
        s.flags = (s.flags & ~combineFlags('flags', effect.flags)) >>> 0;
        break;
      case 'setFlagsEx': {
        let value = combineFlags('flagsEx', effect.flags);
        if ((value & FlagEx.DI_FLAGSEX_FINISHINSTALL_ACTION) !== 0 && call.dif !== DIF.NEWDEVICEWIZARD_FINISHINSTALL) {
          violation(s, 'finish-install-flag-outside-finishinstall-dif', call, 'set DI_FLAGSEX_FINISHINSTALL_ACTION');
          value = (value & ~FlagEx.DI_FLAGSEX_FINISHINSTALL_ACTION) >>> 0;
        }
        s.flagsEx = (s.flagsEx | value) >>> 0;
        break;
      }
      case 'clearFlagsEx':
        s.flagsEx = (s.flagsEx & ~combineFlags('flagsEx', effect.flags)) >>> 0;
        break;
      case 'writeProperty':
        s.driverKey = new Boxed({ ...s.driverKey.value, [effect.name]: effect.value });
        break;
      case 'readProperty':
        if (!(effect.name in s.driverKey.value)) s.notes = s.notes.append(`${call.name} read driver-key property "${effect.name}", which is not set`);
        break;
      case 'keepInDll': {
        const key = installerKey(call);
        s.dll = new Boxed({ ...s.dll.value, [key]: { ...(s.dll.value[key] ?? {}), [effect.name]: effect.value } });
        break;
      }
      case 'readFromDll': {
        const key = installerKey(call);
        const now = s.dll.value[key] ?? {};
        if (!(effect.name in now) && (s.keptEarlier.value[key] ?? []).includes(effect.name)) {
          violation(s, 'state-kept-in-dll', call, `read "${effect.name}" from its DLL, but the DLL was unloaded after an earlier DIF and the value is gone`);
        }
        break;
      }
      case 'showDialog':
        if ((s.flags & Flag.DI_QUIETINSTALL) !== 0) violation(s, 'ui-during-quiet-install', call, 'showed a dialog while DI_QUIETINSTALL was set');
        if (call.context === 'server') {
          violation(s, 'ui-in-noninteractive-context', call, 'showed a dialog in the non-interactive server-side installation (the installation hangs)');
          // The dialog never returns: nothing the installer would do after it happens.
          return true;
        }
        break;
      case 'startProcess':
        if (call.dif !== DIF.FINISHINSTALL_ACTION) violation(s, 'process-outside-finish-install', call, `started ${effect.image} outside a finish-install action`);
        else if (!effect.wait) violation(s, 'process-not-awaited', call, `started ${effect.image} without waiting for it to exit`);
        if (!effect.signed && x64) violation(s, 'unsigned-binary-on-x64', call, `started the unsigned program ${effect.image} on 64-bit Windows (blocked)`);
        break;
      case 'loadLibrary':
        violation(s, 'explicit-loadlibrary', call, `loaded ${effect.dll} explicitly`);
        if (!effect.signed && x64) violation(s, 'unsigned-binary-on-x64', call, `loaded the unsigned DLL ${effect.dll} on 64-bit Windows (blocked)`);
        break;
      case 'addPropertyPages': {
        const room = Math.max(0, MAX_DYNAMIC_PAGES - s.pages);
        if (effect.count > room) violation(s, 'too-many-property-pages', call, `added ${effect.count} pages where only ${room} of ${MAX_DYNAMIC_PAGES} were left`);
        s.pages += Math.min(effect.count, room);
        break;
      }
      case 'callDefaultHandler':
        if (call.who !== 'classInstaller') violation(s, 'coinstaller-called-default-handler', call, 'called the default handler');
        break;
      case 'finishInstallWork':
        s.notes = s.notes.append(`${call.name}: finish-install work ${effect.succeeds ? 'succeeded' : 'failed'} during ${difLabel(call.dif)}`);
        break;
      default: {
        const never: never = effect;
        throw new Error(`unknown effect ${JSON.stringify(never)}`);
      }
    }
  }
  return false;
}

/** After every DIF each installer's DLL is unloaded: what it kept there is gone (WDD writing-class-installers-and-co-installers.md "State"). */
export function applyUnloadDlls(s: InstallState): void {
  const kept: Record<string, readonly string[]> = { ...s.keptEarlier.value };
  for (const [key, values] of Object.entries(s.dll.value)) kept[key] = [...new Set([...(kept[key] ?? []), ...Object.keys(values)])];
  s.keptEarlier = new Boxed(kept);
  s.dll = new Boxed({});
}
