/** Small helpers every bench section shares: number formatting, timing, and how a target is judged. */

/** A whole number with thousands separators (1,234,567). */
export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** The words every section ends a target's line with. */
export const metOrNot = (met: boolean): string => (met ? 'met' : 'not met');

/** Runs fn once: its value, the wall-clock seconds and the process's CPU seconds (user + system) it took. */
export function timed<T>(fn: () => T): { readonly value: T; readonly wall: number; readonly cpu: number } {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const value = fn();
  const wall = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu0);
  return { value, wall, cpu: (used.user + used.system) / 1e6 };
}
