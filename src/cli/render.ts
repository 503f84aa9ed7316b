/**
 * The readable timeline of a dispatch, for `devinst run` and `devinst replay` without --json.
 * Pure: RunResult (+ the plan, for what was not called) in, text out.
 */
import type pc from 'picocolors';
import { hex, statusLabel } from '../domain/codes.js';
import type { DispatchPlan } from '../domain/dispatchPlan.js';
import type { CallRecord } from '../domain/dispatchRules.js';
import type { RunResult } from '../domain/runResult.js';
import { statusByName } from '../domain/statusCodes.js';
import { printable } from './printable.js';

export type Colors = ReturnType<typeof pc.createColors>;

const WHO: Record<CallRecord['who'], string> = {
  classCoInstaller: 'class co-installer',
  deviceCoInstaller: 'device co-installer',
  classInstaller: 'class installer',
  defaultHandler: 'default handler',
};

function codeText(c: Colors, hexText: string): string {
  const value = Number.parseInt(hexText.slice(2), 16);
  const label = statusLabel(value);
  if (value === 0) return c.green(label);
  if (value === statusByName('ERROR_DI_DO_DEFAULT')!.value || value === statusByName('ERROR_DI_POSTPROCESSING_REQUIRED')!.value) return c.cyan(label);
  return c.red(label);
}

function callLine(c: Colors, call: CallRecord, hangs = false): string {
  const arrow = c.dim('→');
  if (hangs) {
    const index = call.index !== undefined ? String(call.index).padStart(2) : '  ';
    return `   ${index} ${WHO[call.who].padEnd(19)} ${c.bold(printable(call.name ?? ''))} ${arrow} ${c.red('never returns')}`;
  }
  if (call.who === 'defaultHandler') {
    const fn = call.function ?? c.dim('(no default handler for this DIF)');
    return `      ${fn} ${arrow} ${codeText(c, call.returned)}`;
  }
  const index = call.index !== undefined ? String(call.index).padStart(2) : '  ';
  const input =
    call.phase === 'post'
      ? c.dim(` InstallResult=${statusLabel(Number.parseInt(call.installResult!.slice(2), 16))} PrivateData=${JSON.stringify(call.privateData)}`)
      : '';
  return `   ${index} ${WHO[call.who].padEnd(19)} ${c.bold(printable(call.name ?? ''))}${printable(input)} ${arrow} ${codeText(c, call.returned)}`;
}

export interface RenderInput {
  readonly result: RunResult;
  readonly plan: DispatchPlan;
  readonly title?: string;
}

export function renderTimeline(c: Colors, { result, plan, title }: RenderInput): string {
  const out: string[] = [];
  const difText = `${result.dif}${result.dif.startsWith('0x') ? '' : ` (${hex(plan.dif)})`}`;
  out.push(c.bold(title ?? `SetupDiCallClassInstaller(${difText})`) + c.dim(`  profile ${result.profile}, os ${plan.os}`));
  if (!plan.hasDeviceInfo) out.push(c.dim('   DeviceInfoData: NULL (no device co-installers)'));

  const pre = result.calls.filter((x) => x.phase === 'pre');
  const post = result.calls.filter((x) => x.phase === 'post');
  const ci = result.calls.filter((x) => x.who === 'classInstaller');
  const dh = result.calls.filter((x) => x.who === 'defaultHandler');

  if (plan.rejection) {
    out.push(`   ${c.red('refused before any installer ran:')} ${plan.rejection.reason}`);
  } else {
    out.push(c.underline('preprocessing'));
    if (pre.length === 0) out.push(c.dim('      (no co-installer called)'));
    pre.forEach((x) => out.push(callLine(c, x, result.hung === true && x === result.calls[result.calls.length - 1])));
    const failed = pre.find((x) => x.returned !== hex(0) && x.returned !== hex(0xe0000226));
    const stoppedEarly = failed !== undefined && plan.semantics.onPreFailure[failed.who as 'classCoInstaller' | 'deviceCoInstaller'] !== 'class-installer';
    const skipped = c.dim(`      (skipped: co-installer ${failed?.index} failed)`);
    const hung = c.dim('      (not reached: the installation hung)');
    out.push(c.underline('class installer'));
    if (ci.length > 0) ci.forEach((x) => out.push(callLine(c, x, result.hung === true && x === result.calls[result.calls.length - 1])));
    else if (result.hung) out.push(hung);
    else if (stoppedEarly) out.push(skipped);
    else out.push(c.dim('      (none for this class: status ERROR_DI_DO_DEFAULT)'));
    out.push(c.underline('default handler'));
    if (dh.length > 0) dh.forEach((x) => out.push(callLine(c, x)));
    else if (result.hung) out.push(hung);
    else if (stoppedEarly) out.push(skipped);
    else if (ci.length > 0 && ci[0].returned !== hex(0xe000020e)) out.push(c.dim('      (not reached: the class installer did not return ERROR_DI_DO_DEFAULT)'));
    else out.push(c.dim('      (not reached: DI_NODI_DEFAULTACTION is set)'));
    out.push(c.underline('postprocessing'));
    if (post.length === 0) out.push(result.hung ? hung : c.dim('      (no co-installer called back)'));
    post.forEach((x) => out.push(callLine(c, x, result.hung === true && x === result.calls[result.calls.length - 1])));
  }

  const ok = result.result.success;
  const returned = ok ? c.green('TRUE') : c.red('FALSE');
  if (result.hung) out.push(`${c.bold('result')}  ${c.red('hung')}  ${c.dim('the last call never returned: SetupDiCallClassInstaller does not return')}`);
  else out.push(`${c.bold('result')}  ${codeText(c, result.result.hex)}  ${c.dim('SetupDiCallClassInstaller returns')} ${returned}`);
  for (const note of result.notes) out.push(`   ${c.yellow('note')} ${printable(note)}`);
  if (result.violations.length === 0) out.push(`${c.bold('violations')}  ${c.green('none')}`);
  else {
    out.push(`${c.bold('violations')}  ${c.red(String(result.violations.length))}`);
    for (const v of result.violations) out.push(`   ${c.red(v.rule)}  ${printable(v.message)}\n      ${c.dim(v.source)}`);
  }
  return out.join('\n');
}
