/**
 * The effects of one DIF (`devinst run`), with the consequences `devinst install` gives them.
 *
 * The difDispatch machine decides the calls of one SetupDiCallClassInstaller and knows nothing of
 * effects; the deviceInstall machine applies them. So when an installer lists effects for the DIF
 * being run, the same scenario is also run through the deviceInstall machine as a one-step
 * sequence (that DIF alone, no session, no timeline) and its consequences are taken from there:
 * the guideline violations, a call that never returns (a dialog in the non-interactive server
 * context), the notes. Effects whose meaning lies in a later DIF (flags, DLL state, driver-key
 * properties, the finish-install mark) get a note saying so.
 *
 * The step runs in the context the DIF has in the scenario's own sequence; a DIF the sequence does
 * not send runs in the context of the built-in sequence that sends it, and any other DIF in an
 * interactive (client) process, where applications call SetupDiCallClassInstaller
 * (docs/lifecycle.md "run and install").
 */
import { difLabel } from '../domain/codes.js';
import type { RunResult } from '../domain/runResult.js';
import { behaviourFor, type Scenario } from '../domain/scenario.js';
import { sequencePlan, type SequencePlan } from '../domain/lifecycle/sequences.js';
import { SEQUENCE_NAMES, type DifContext, type Effect } from '../domain/lifecycle/types.js';
import { install } from './runInstall.js';

/** Every effect listed for `dif` by any installer of the scenario, with the installer's name. */
function effectsFor(scenario: Scenario, dif: number): { readonly name: string; readonly effect: Effect }[] {
  const out: { name: string; effect: Effect }[] = [];
  for (const spec of [...scenario.classCoInstallers, ...scenario.deviceCoInstallers]) {
    const b = spec.on.get(dif) ?? spec.on.get('*');
    for (const effect of b?.effects ?? []) out.push({ name: spec.declared, effect });
  }
  if (scenario.classInstaller) {
    const b = behaviourFor(scenario.classInstaller, dif, { returns: [], effects: [] });
    for (const effect of b.effects) out.push({ name: scenario.classInstaller.declared, effect });
  }
  return out;
}

/** Whether any installer lists effects for `dif`: only then does withEffects read the scenario. */
export function listsEffects(scenario: Scenario, dif: number): boolean {
  return effectsFor(scenario, dif).length > 0;
}

/** The context `dif` runs in for `run`: see the module comment. */
export function runContext(scenario: Scenario, dif: number): DifContext {
  const own = sequencePlan(scenario.lifecycle.sequence).steps.find((s) => s.dif === dif);
  if (own) return own.context;
  for (const name of SEQUENCE_NAMES) {
    const step = sequencePlan(name).steps.find((s) => s.dif === dif);
    if (step) return step.context;
  }
  return 'client';
}

/** Why an effect means more than this DIF shows, or null. */
function acrossDifs(effect: Effect): string | null {
  switch (effect.type) {
    case 'setFlags':
    case 'clearFlags':
    case 'setFlagsEx':
    case 'clearFlagsEx':
      return `${effect.type} ${effect.flags.join(', ')} takes effect from the next DIF (docs/lifecycle.md L1)`;
    case 'keepInDll':
      return `keepInDll "${effect.name}" matters only if a later DIF reads it: the DLL is unloaded after every DIF`;
    case 'readFromDll':
      return `readFromDll "${effect.name}" finds what the same installer kept in an earlier DIF`;
    case 'writeProperty':
      return `writeProperty "${effect.name}" persists in the driver key for later DIFs`;
    case 'readProperty':
      return `readProperty "${effect.name}" reads what an earlier DIF may have written`;
    case 'finishInstallWork':
      return 'finishInstallWork happens in a finish-install action, after core installation';
    default:
      return null;
  }
}

/**
 * `result` (the difDispatch run of `dif`) with the consequences of the DIF's effects. Without any
 * effect for this DIF, `result` itself.
 */
export function withEffects(scenario: Scenario, dif: number, result: RunResult): RunResult {
  const listed = effectsFor(scenario, dif);
  if (listed.length === 0) return result;
  const context = runContext(scenario, dif);
  const explicit = sequencePlan([dif]);
  const sequence: SequencePlan = { ...explicit, steps: explicit.steps.map((s) => ({ ...s, context })) };
  const oneStep: Scenario = { ...scenario, lifecycle: { ...scenario.lifecycle, timeline: [], session: null } };
  const installed = install(oneStep, { sequence });
  const label = difLabel(dif);
  const notes = [...result.notes];
  const add = (note: string) => {
    if (!notes.includes(note)) notes.push(note);
  };
  add(`effects applied as devinst install applies them, in the ${context === 'server' ? 'non-interactive server-side (DrvInst)' : 'interactive client-side'} context`);
  for (const { name, effect } of listed) {
    const why = acrossDifs(effect);
    if (why) add(`${name}: ${why}; devinst install shows the whole installation`);
  }
  for (const note of installed.notes) add(note);
  if (installed.needsReboot) add('an installer set DI_NEEDREBOOT or DI_NEEDRESTART: the caller is asked to restart');
  const record = installed.difs.find((d) => d.dif === label && d.nestedIn === undefined);
  if (installed.outcome === 'hung' || !record) {
    const hang = installed.violations.find((v) => v.rule === 'ui-in-noninteractive-context');
    const at = hang ? result.calls.findIndex((c) => c.who === hang.who && c.index === hang.index && c.phase === hang.phase) : -1;
    add(`${hang ? `${hang.name} never returns from its ${hang.phase ?? ''} call` : 'the call never returns'}: the installation hangs until the watchdog ends it, and no later call happens`);
    return {
      ...result,
      calls: at >= 0 ? result.calls.slice(0, at + 1) : result.calls,
      violations: installed.violations,
      notes,
      hung: true,
    };
  }
  return { ...result, violations: installed.violations, notes };
}
