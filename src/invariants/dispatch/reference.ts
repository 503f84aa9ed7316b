/**
 * What the dispatch monitors know of their own: the few constants of the documented algorithm
 * (WDD co-installer-operation.md, handling-dif-codes.md, images/dif-flow.png; Wine include/winerror.h; MinGW winerror.h; Wine include/setupapi.h; SDK ns-setupapi-sp_devinstall_params_a.md; WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h), written out here from the reference rather than imported from
 * the model's rule functions, which are what the monitors check.
 */
import type { CallRecord } from '../../domain/dispatchRules.js';

/** Wine include/winerror.h; MinGW winerror.h (MinGW winerror.h; Wine include/setupapi.h). */
export const NO_ERROR = 0x00000000;
export const ERROR_DI_DO_DEFAULT = 0xe000020e;
export const ERROR_DI_POSTPROCESSING_REQUIRED = 0xe0000226;

/** Wine include/setupapi.h; SDK ns-setupapi-sp_devinstall_params_a.md: SP_DEVINSTALL_PARAMS.Flags bit that skips the default handler. */
export const DI_NODI_DEFAULTACTION = 0x00200000;

/** WDD dif-detect.md, dif-firsttimesetup.md: DIF_FIRSTTIMESETUP (0x06) and DIF_DETECT (0x0F) always pass a NULL DeviceInfoData. */
export const NULL_DEVICE_INFO_DIFS: ReadonlySet<number> = new Set([0x06, 0x0f]);

/** WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h: the DIF codes the headers and pages document, 0x01–0x2A and 0x30. */
export function isDocumentedDif(dif: number): boolean {
  return (dif >= 0x01 && dif <= 0x2a) || dif === 0x30;
}

/** A `0x…` code text of a call record as a number. */
export function code(text: string | undefined): number {
  return Number.parseInt(text ?? 'NaN', 16) >>> 0;
}

/** WDD co-installer-interface.md: a preprocessing answer other than NO_ERROR and ERROR_DI_POSTPROCESSING_REQUIRED fails the request. */
export function failsPreprocessing(call: CallRecord): boolean {
  if (call.phase !== 'pre') return false;
  const r = code(call.returned);
  return r !== NO_ERROR && r !== ERROR_DI_POSTPROCESSING_REQUIRED;
}

export function asksForPostprocessing(call: CallRecord): boolean {
  return call.phase === 'pre' && code(call.returned) === ERROR_DI_POSTPROCESSING_REQUIRED;
}

export function isCoInstaller(call: CallRecord): boolean {
  return call.who === 'classCoInstaller' || call.who === 'deviceCoInstaller';
}

/** "co-installer 3 (x.dll,Entry) in postprocessing", for failure sentences. */
export function describeCall(call: CallRecord): string {
  if (call.who === 'classInstaller') return `the class installer ${call.name}`;
  if (call.who === 'defaultHandler') return `the default handler ${call.function ?? '(none)'}`;
  return `co-installer ${call.index} (${call.name}) in ${call.phase}processing`;
}

/**
 * The running status of the reference algorithm (WDD co-installer-operation.md, handling-dif-codes.md, images/dif-flow.png), re-derived from the calls alone:
 * a failing preprocessing answer sets it; the class installer's, the default handler's and every
 * postprocessing answer replace it. `null` means nothing has set it since preprocessing, which the
 * algorithm reads as ERROR_DI_DO_DEFAULT (no class installer; the default handler skipped).
 */
export type ReferenceStatus = number | null;

export function nextReferenceStatus(status: ReferenceStatus, call: CallRecord): ReferenceStatus {
  if (call.phase === 'pre') return failsPreprocessing(call) ? code(call.returned) : status;
  return code(call.returned);
}

export function currentReferenceStatus(status: ReferenceStatus): number {
  return status ?? ERROR_DI_DO_DEFAULT;
}

export const hex = (value: number): string => `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;

/** A canonical JSON text (object keys sorted), so equal values compare and deduplicate as equal. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
