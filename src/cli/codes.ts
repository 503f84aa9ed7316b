/**
 * `devinst codes [NAME|VALUE]`: look up DIF codes, status codes and DI_ flags.
 */
import { CodeError, hex, parseStatus } from '../domain/codes.js';
import { DIF_CODES, difByName, difByValue, type DifInfo } from '../domain/difCodes.js';
import { DI_FLAGS, DI_FLAGSEX, flagByNameOf, type FlagInfo } from '../domain/flags.js';
import { STATUS_CODES, statusByName, statusByValue, type StatusCodeInfo } from '../domain/statusCodes.js';
import { InputError } from '../errors.js';
import type { Colors } from './render.js';

export type CodeMatch =
  | { readonly kind: 'dif'; readonly info: DifInfo }
  | { readonly kind: 'status'; readonly info: StatusCodeInfo }
  | { readonly kind: 'flag' | 'flagEx'; readonly info: FlagInfo }
  | { readonly kind: 'unknown'; readonly hex: string };

const KIND_WORD: Record<string, string> = { classCoInstaller: 'class co-installers', deviceCoInstaller: 'device co-installers', classInstaller: 'class installer' };

const ALL_NAMES: readonly { readonly name: string; readonly kind: string }[] = [
  ...DIF_CODES.map((d) => ({ name: d.name, kind: 'DIF code' })),
  ...STATUS_CODES.map((s) => ({ name: s.name, kind: 'status code' })),
  ...DI_FLAGS.map((f) => ({ name: f.name, kind: 'DI_ flag' })),
  ...DI_FLAGSEX.map((f) => ({ name: f.name, kind: 'DI_FLAGSEX_ flag' })),
];

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** Names of every kind that contain the query, or are a few edits from it (at most 8, closest first). */
export function nearNames(query: string): string[] {
  const q = query.toUpperCase();
  const scored = ALL_NAMES.map(({ name }) => {
    const contains = name.includes(q);
    const distance = Math.min(editDistance(q, name), ...['DIF_', 'ERROR_', 'DI_', 'DI_FLAGSEX_'].map((p) => (name.startsWith(p) ? editDistance(q, name.slice(p.length)) : Infinity)));
    return { name, score: contains ? name.length - q.length : 100 + distance, distance, contains };
  }).filter((s) => s.contains || s.distance <= Math.max(2, Math.floor(q.length / 4)));
  return scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name)).slice(0, 8).map((s) => s.name);
}

/**
 * Everything a query names: for a name, the DIF code, status code or flag of that name (whatever its
 * prefix); for a number, every DIF code, status code, DI_ flag and DI_FLAGSEX_ flag with that value.
 */
export function lookUpCode(query: string): CodeMatch[] {
  const text = query.trim();
  const isNumber = /^(0x[0-9a-f]+|-?\d+)$/i.test(text);
  if (!isNumber) {
    const upper = text.toUpperCase();
    const matches: CodeMatch[] = [];
    const dif = difByName(upper);
    if (dif) matches.push({ kind: 'dif', info: dif });
    const status = statusByName(upper);
    if (status) matches.push({ kind: 'status', info: status });
    const flag = flagByNameOf('flags', upper);
    if (flag) matches.push({ kind: 'flag', info: flag });
    const flagEx = flagByNameOf('flagsEx', upper);
    if (flagEx) matches.push({ kind: 'flagEx', info: flagEx });
    if (matches.length > 0) return matches;
    const near = nearNames(text);
    throw new InputError(
      `unknown code name "${text}": no DIF code, status code, DI_ flag or DI_FLAGSEX_ flag has this name${near.length > 0 ? ` (did you mean ${near.join(', ')}?)` : ''}`,
    );
  }
  const value = parse(parseStatus, text);
  const matches: CodeMatch[] = [];
  const dif = difByValue(value);
  if (dif) matches.push({ kind: 'dif', info: dif });
  const status = statusByValue(value);
  if (status) matches.push({ kind: 'status', info: status });
  for (const info of DI_FLAGS) if (info.value === value) matches.push({ kind: 'flag', info });
  for (const info of DI_FLAGSEX) if (info.value === value) matches.push({ kind: 'flagEx', info });
  return matches.length > 0 ? matches : [{ kind: 'unknown', hex: hex(value) }];
}

/** Every table, as `devinst codes --json` prints it with no argument. */
export function allCodesJson() {
  return { difCodes: DIF_CODES, statusCodes: STATUS_CODES, flags: DI_FLAGS, flagsEx: DI_FLAGSEX };
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
      return `${c.bold(match.hex)}  no DIF code, status code or flag with this value is known; as a status it is passed through unchanged, as a DIF it is sent to the installers`;
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
