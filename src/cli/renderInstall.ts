/**
 * The readable timeline of a whole installation, for `devinst install` and for `devinst replay` of
 * an install journal: grouped by phase (the DIF sequence, each finish-install attempt), one line
 * per DIF, violations highlighted.
 */
import { statusLabel } from '../domain/codes.js';
import type { CallRecord } from '../domain/dispatchRules.js';
import type { InstallResult } from '../domain/lifecycle/installResult.js';
import type { DifRecord } from '../domain/lifecycle/installState.js';
import { isNoObjection } from '../domain/lifecycle/progress.js';
import type { Colors } from './render.js';
import { printable } from './printable.js';

const code = (hexText: string): number => Number.parseInt(hexText.slice(2), 16);

function callText(call: CallRecord): string {
  const label = statusLabel(code(call.returned)).replace(/ \(0x[0-9A-F]{8}\)$/, '');
  if (call.who === 'defaultHandler') return `${call.function ?? 'no default handler'}→${label}`;
  if (call.who === 'classInstaller') return `class installer→${label}`;
  return `${call.index}${call.who === 'classCoInstaller' ? 'c' : 'd'} ${call.phase}→${label}`;
}

function difLine(c: Colors, d: DifRecord, violationCount: number): string {
  const ok = isNoObjection(code(d.result.hex));
  const mark = ok ? c.green('✔') : c.red('✘');
  const indent = d.nestedIn ? '    ↳ ' : '  ';
  const result = ok ? statusLabel(code(d.result.hex)) : c.red(statusLabel(code(d.result.hex)));
  const calls = d.calls.length > 0 ? c.dim(`  ${d.calls.map(callText).join(' · ')}`) : c.dim('  (nobody called)');
  const flagged = violationCount > 0 ? c.red(`  ⚠ ${violationCount}`) : '';
  return `${indent}${mark} ${d.dif.padEnd(d.nestedIn ? 32 : 36)} ${result}${flagged}${calls}`;
}

export function renderInstall(c: Colors, r: InstallResult, title?: string): string {
  const out: string[] = [c.bold(title ?? 'Device installation') + c.dim(`  sequence ${r.sequence}, os ${r.os}, profile ${r.profile}`)];
  const perDif = (d: DifRecord) => r.violations.filter((v) => v.dif === d.dif).length;
  const core = r.difs.filter((d) => d.dif !== 'DIF_FINISHINSTALL_ACTION');
  const attempts = r.difs.filter((d) => d.dif === 'DIF_FINISHINSTALL_ACTION');
  const where = core[0]?.context === 'client' ? 'client side, interactive' : 'server side, DrvInst';
  out.push(c.underline(`${r.sequence === 'hardware-first' || r.sequence === 'reinstall' ? 'core installation' : 'DIF sequence'} (${where})`));
  for (const d of core) out.push(difLine(c, d, d.calls.length > 0 ? perDif(d) : 0));
  attempts.forEach((d, i) => {
    out.push(c.underline(`finish-install attempt ${i + 1} (client side, administrator)`));
    out.push(difLine(c, d, 0));
  });

  const outcomeColour = r.outcome === 'installed' || r.outcome === 'removed' ? c.green : r.outcome === 'finish-install-pending' ? c.yellow : c.red;
  out.push(`${c.bold('outcome')}  ${outcomeColour(r.outcome)}${r.failure ? c.red(`  (${r.failure.dif} failed with ${statusLabel(code(r.failure.hex))})`) : ''}`);
  const fi = r.finishInstall;
  out.push(
    `${c.bold('finish-install')}  ${fi.marked ? `marked; ${fi.attempts} attempt${fi.attempts === 1 ? '' : 's'}${fi.results.length ? ` (${fi.results.join(', ')})` : ''}; ${fi.pending ? c.yellow('still pending') : 'not pending'}` : 'not needed'}`,
  );
  out.push(`${c.bold('restart')}  ${r.needsReboot ? c.yellow('needed (DI_NEEDREBOOT/DI_NEEDRESTART)') : 'not needed'}`);
  out.push(`${c.bold('driver key')}  ${c.dim(printable(JSON.stringify(r.driverKey)))}`);
  for (const note of r.notes) out.push(`   ${c.yellow('note')} ${printable(note)}`);
  if (r.violations.length === 0) out.push(`${c.bold('violations')}  ${c.green('none')}`);
  else {
    out.push(`${c.bold('violations')}  ${c.red(String(r.violations.length))}`);
    for (const v of r.violations) out.push(`   ${c.red(v.rule)}  ${printable(v.message)}\n      ${c.dim(v.source)}`);
  }
  return out.join('\n');
}
