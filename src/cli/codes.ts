/**
 * `devinst codes [NAME|VALUE]`: look up DIF codes, status codes and DI_ flags.
 */
import { CodeError, hex, parseDif, parseStatus } from '../domain/codes.js';
import { DIF_CODES, difByValue, type DifInfo } from '../domain/difCodes.js';
import { DI_FLAGS, DI_FLAGSEX, flagByNameOf, type FlagInfo } from '../domain/flags.js';
import { STATUS_CODES, statusByValue, type StatusCodeInfo } from '../domain/statusCodes.js';
import { InputError } from '../errors.js';
import type { Colors } from './render.js';

export type CodeMatch =
  | { readonly kind: 'dif'; readonly info: DifInfo }
  | { readonly kind: 'status'; readonly info: StatusCodeInfo }
  | { readonly kind: 'flag' | 'flagEx'; readonly info: FlagInfo }
  | { readonly kind: 'unknown'; readonly hex: string };

const KIND_WORD: Record<string, string> = { classCoInstaller: 'class co-installers', deviceCoInstaller: 'device co-installers', classInstaller: 'class installer' };

/** Everything a query names: a DIF, a status code, a flag, or (for numbers) all with that value. */
export function lookUpCode(query: string): CodeMatch[] {
  const text = query.trim();
  const flag = flagByNameOf('flags', text) ?? flagByNameOf('flags', text.toUpperCase());
  if (flag) return [{ kind: 'flag', info: flag }];
  const flagEx = flagByNameOf('flagsEx', text) ?? flagByNameOf('flagsEx', text.toUpperCase());
  if (flagEx) return [{ kind: 'flagEx', info: flagEx }];

  const isNumber = /^(0x[0-9a-f]+|-?\d+)$/i.test(text);
  if (!isNumber) {
    const upper = text.toUpperCase();
    if (upper.startsWith('DIF_')) return [{ kind: 'dif', info: difByValue(parse(parseDif, text))! }];
    return [{ kind: 'status', info: statusByValue(parse(parseStatus, text))! }];
  }
  const value = parse(parseStatus, text);
  const matches: CodeMatch[] = [];
  const dif = difByValue(value);
  if (dif) matches.push({ kind: 'dif', info: dif });
  const status = statusByValue(value);
  if (status) matches.push({ kind: 'status', info: status });
  return matches.length > 0 ? matches : [{ kind: 'unknown', hex: hex(value) }];
}

function parse(fn: (input: string) => number, text: string): number {
  try {
    return fn(text);
  } catch (error) {
    if (error instanceof CodeError) throw new InputError(error.message);
    throw error;
  }
}

export function renderMatch(c: Colors, match: CodeMatch): string {
  switch (match.kind) {
    case 'dif': {
      const d = match.info;
      const handler = d.defaultHandler ? `${d.defaultHandler}${d.defaultHandlerOn ? ` (${d.defaultHandlerOn.join(', ')} only)` : ''}` : 'none';
      const who = d.handledBy.length > 0 ? d.handledBy.map((k) => KIND_WORD[k]).join(', ') : 'no vendor installer';
      return [
        `${c.bold(d.name)}  ${hex(d.value)}  ${d.category} DIF code`,
        `   ${d.meaning}`,
        `   DeviceInfoData: ${d.deviceInfoData === 'null' ? 'always NULL' : d.deviceInfoData}`,
        `   default handler: ${handler}`,
        `   handled by: ${who}`,
        ...(d.note ? [`   note: ${d.note}`] : []),
        c.dim(`   source: ${d.source.endsWith('.md') ? `MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/${d.source}` : d.source}`),
      ].join('\n');
    }
    case 'status': {
      const s = match.info;
      return `${c.bold(s.name)}  ${hex(s.value)}  (${s.value} unsigned)  status code\n   ${s.meaning}`;
    }
    case 'flag':
    case 'flagEx': {
      const f = match.info;
      const field = match.kind === 'flag' ? 'SP_DEVINSTALL_PARAMS.Flags' : 'SP_DEVINSTALL_PARAMS.FlagsEx';
      return `${c.bold(f.name)}  ${hex(f.value)}  ${field} flag (${f.group})`;
    }
    case 'unknown':
      return `${c.bold(match.hex)}  no DIF or status code with this value is known; as a status it is passed through unchanged, as a DIF it is sent to the installers`;
    default: {
      const never: never = match;
      return never;
    }
  }
}

/** All tables, for `devinst codes` with no argument. */
export function renderAllCodes(c: Colors): string {
  const out: string[] = [c.bold('DIF codes')];
  for (const d of DIF_CODES) {
    out.push(`  ${hex(d.value)}  ${d.name.padEnd(36)} ${d.category.padEnd(8)} ${c.dim(d.defaultHandler ?? '-')}`);
  }
  out.push('', c.bold('Status codes'));
  for (const s of STATUS_CODES) out.push(`  ${hex(s.value)}  ${s.name}`);
  out.push('', c.bold('DI_ flags (Flags)'));
  for (const f of DI_FLAGS) out.push(`  ${hex(f.value)}  ${f.name}`);
  out.push('', c.bold('DI_FLAGSEX_ flags (FlagsEx)'));
  for (const f of DI_FLAGSEX) out.push(`  ${hex(f.value)}  ${f.name}`);
  return out.join('\n');
}
