/**
 * AddReg lines: `reg-root, [subkey], [value-entry-name], [flags], [value] [, value]…`
 * (learn.microsoft.com .../install/inf-addreg-directive). Flags: FLG_ADDREG_TYPE_MULTI_SZ
 * 0x00010000, FLG_ADDREG_APPEND 0x00000008, FLG_ADDREG_NOCLOBBER 0x00000002, type mask 0xFFFF0001 (wine-mirror/wine include/setupapi.h).
 */
import type { InfLine, Token } from './lexer.js';
import type { ParsedInf } from './parse.js';

export const FLG_ADDREG_TYPE_MULTI_SZ = 0x00010000;
export const FLG_ADDREG_APPEND = 0x00000008;
export const FLG_ADDREG_NOCLOBBER = 0x00000002;
export const FLG_ADDREG_TYPE_MASK = 0xffff0001;
export const REG_ROOTS = ['HKR', 'HKLM', 'HKCU', 'HKCR', 'HKU'];

export interface AddRegLine {
  readonly inf: ParsedInf;
  readonly line: InfLine;
  readonly root: string;
  readonly subkey: string;
  readonly valueName: string;
  /** Flags as a number; 0 (REG_SZ) when empty; NaN when not a number. */
  readonly flags: number;
  readonly values: readonly { value: string; token: Token }[];
}

export function parseFlags(text: string): number {
  const t = text.trim();
  if (t === '') return 0;
  if (/^0x[0-9a-f]+$/i.test(t)) return Number.parseInt(t.slice(2), 16) >>> 0;
  if (/^\d+$/.test(t)) return Number.parseInt(t, 10) >>> 0;
  return Number.NaN;
}

export function readAddReg(inf: ParsedInf, line: InfLine): AddRegLine {
  // An AddReg line has no key; a line written `a = b` is read as its fields after the key.
  const tokens: Token[] = line.key ? [line.key, ...line.fields] : [...line.fields];
  const v = (i: number) => inf.value(tokens[i]);
  return {
    inf,
    line,
    root: v(0).trim().toUpperCase(),
    subkey: v(1).trim(),
    valueName: v(2).trim(),
    flags: parseFlags(v(3)),
    values: tokens.slice(4).map((token) => ({ value: inf.value(token), token })),
  };
}

export const isMultiSz = (flags: number): boolean => !Number.isNaN(flags) && ((flags & FLG_ADDREG_TYPE_MASK) >>> 0) === FLG_ADDREG_TYPE_MULTI_SZ;

/** `System\CurrentControlSet\Control\CoDeviceInstallers`, compared without case or outer backslashes. */
export function isCoDeviceInstallersKey(subkey: string): boolean {
  return subkey.replace(/^\\+|\\+$/g, '').replace(/\\+/g, '\\').toLowerCase() === 'system\\currentcontrolset\\control\\codeviceinstallers';
}
