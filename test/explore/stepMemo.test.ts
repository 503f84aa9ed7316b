/**
 * A monitor's memo (src/explore/engine/stepMemo.ts) answers as a map of (observation, ghost) would,
 * flat while small and as a hash table once it passes its dense limit, through every growth: more
 * ghosts, more observations (wider rows), and the change from one form to the other.
 */
import { StepMemo } from '../../src/explore/engine/stepMemo.js';
import { xorshift } from '../support/random.js';


/** The pairs the memo answers differently from the reference (checked without an expect per pair). */
function wrong(memo: StepMemo, reference: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [key, v] of reference) {
    const [o, g] = key.split(',').map(Number);
    if (memo.get(o, g) !== v) out.push(key);
  }
  return out;
}

describe('the step memo', () => {
  test.each([
    ['small: stays flat', 200, 40, 2_000],
    ['many ghosts: turns into a hash table', 40_000, 300, 60_000],
    ['observations grow after the change: rows widen in the hash table', 30_000, 2_000, 40_000],
  ])('%s', (_, ghosts, observations, count) => {
    const memo = new StepMemo();
    const reference = new Map<string, number>();
    const next = xorshift(ghosts * 7 + observations);
    for (let i = 0; i < count; i++) {
      // observations numbered in growing order, as projections are; ghosts anywhere below the bound
      const oid = Math.floor(next() * Math.min(observations, 8 + (observations * i) / count));
      const g = Math.floor(next() * ghosts);
      const value = Math.floor(next() * 1_000_000);
      memo.set(oid, g, value);
      reference.set(`${oid},${g}`, value);
      if (i % 4_999 === 0) expect(wrong(memo, reference)).toEqual([]);
    }
    expect(wrong(memo, reference)).toEqual([]);
    // pairs never set are unknown
    let unknown = 0;
    for (let i = 0; i < 2_000; i++) {
      const oid = Math.floor(next() * observations);
      const g = Math.floor(next() * ghosts);
      if (reference.has(`${oid},${g}`)) continue;
      expect(memo.get(oid, g)).toBe(-1);
      unknown++;
    }
    expect(unknown).toBeGreaterThan(100);
    expect(memo.get(observations * 4, 0)).toBe(-1);
    // flat, the large cases would hold ghosts × observations cells (over 40 MB); as hash tables a few MB
    if (ghosts * observations > 1 << 22) expect(memo.bytes()).toBeLessThan(8 << 20);
  });
});
