/**
 * Runs side by side, aligned by DIF: the DIFs of each run (nested ones after their parent) are
 * aligned on their names (longest common subsequence against the first run), and the first row
 * where the runs' calls or results differ is the first divergence. Pure: Node and the page use it.
 */
import type { DifView, ViewModel } from './model.js';

export interface AlignedRow {
  /** One cell per run: the DIF there, or null where that run has no such DIF at this point. */
  readonly cells: readonly (DifView | null)[];
  readonly same: boolean;
}

export const signature = (d: DifView | null): string =>
  d === null ? '(none)' : `${d.dif} ${d.result.hex} ${d.calls.map((c) => `${c.who}${c.index ?? ''}${c.phase ?? ''}${c.function ?? ''}=${c.returned}`).join(',')}`;

function ordered(model: ViewModel): DifView[] {
  const top = model.difs.filter((d) => !d.parent);
  return top.flatMap((d) => [d, ...model.difs.filter((n) => n.parent === d.key)]);
}

function lcsPairs(a: readonly string[], b: readonly string[]): [number, number][] {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if (dp[i + 1][j] >= dp[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

const callSig = (c: DifView['calls'][number] | undefined): string => (c ? `${c.who}${c.index ?? ''}${c.phase ?? ''}${c.function ?? ''}=${c.returned}` : '(none)');

/** In a row that differs: the first call position where the runs differ (the calls' count if only the result does). */
export function firstDifferentCall(row: AlignedRow): number {
  const present = row.cells.filter((c): c is DifView => c !== null);
  if (present.length < row.cells.length) return 0;
  const n = Math.max(...present.map((c) => c.calls.length));
  for (let i = 0; i < n; i++) if (new Set(present.map((c) => callSig(c.calls[i]))).size > 1) return i;
  return n;
}

export function alignRuns(models: readonly ViewModel[]): { rows: AlignedRow[]; firstDivergence: number } {
  const lists = models.map(ordered);
  const name = (d: DifView) => `${d.dif}|${d.nestedIn ?? ''}`;
  // Rows keyed by the first run; other runs are merged into it one by one.
  let rows: (DifView | null)[][] = lists[0].map((d) => [d]);
  for (let r = 1; r < lists.length; r++) {
    const keys = rows.map((row) => {
      const first = row.find((c) => c !== null);
      return first ? name(first) : '';
    });
    const other = lists[r];
    const pairs = lcsPairs(keys, other.map(name));
    const next: (DifView | null)[][] = [];
    let i = 0;
    let j = 0;
    for (const [pi, pj] of [...pairs, [rows.length, other.length] as [number, number]]) {
      while (i < pi) next.push([...rows[i++], null]);
      while (j < pj) next.push([...new Array<DifView | null>(r).fill(null), other[j++]]);
      if (i < rows.length && j < other.length) next.push([...rows[i++], other[j++]]);
    }
    rows = next;
  }
  const aligned = rows.map((cells) => ({ cells, same: new Set(cells.map(signature)).size === 1 }));
  return { rows: aligned, firstDivergence: aligned.findIndex((row) => !row.same) };
}
