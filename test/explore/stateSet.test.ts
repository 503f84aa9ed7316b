/**
 * The explorer's fixed-width key set (src/explore/engine/stateSet.ts) numbers keys as a map of their
 * text would, through its growth (rehashes, chunks of the by-number copy), with and without the
 * numbers of keys seen again.
 */
import { SEEN, StateSet } from '../../src/explore/engine/stateSet.js';
import { xorshift } from '../support/random.js';


describe.each([
  ['numbered, keys with negative ints (a failed monitor is -1)', 7, true],
  ['not numbered (the states of an exploration nobody watches)', 3, false],
])('the state set: %s', (_, width, numbered) => {
  test('numbers each key once, in insertion order, and reads every key back by its number', () => {
    const set = new StateSet(width, numbered);
    const reference = new Map<string, number>();
    const next = xorshift(width * 31 + (numbered ? 1 : 0));
    const key = new Int32Array(width + 2);
    const keys: string[] = [];
    let wrong = 0;
    for (let i = 0; i < 60_000; i++) {
      // a few distinct values per position (keys repeat), the first non-negative when not numbered
      for (let j = 0; j < width; j++) key[2 + j] = Math.floor(next() * (j === 0 ? 400 : 6)) - (numbered && j > 0 ? 1 : 0);
      const text = Array.from(key.subarray(2, 2 + width)).join(',');
      const id = set.intern(key, 2);
      const known = reference.get(text);
      if (known === undefined) {
        if (id !== -1 - reference.size) wrong++;
        reference.set(text, reference.size);
        keys.push(text);
      } else if (id !== (numbered ? known : SEEN)) wrong++;
    }
    expect(wrong).toBe(0);
    expect(set.size).toBe(reference.size);
    expect(reference.size).toBeGreaterThan(5_000); // past several rehashes and chunks
    const out = new Int32Array(width + 1);
    const misread = keys.filter((text, n) => {
      set.read(n, out, 1);
      return Array.from(out.subarray(1)).join(',') !== text;
    });
    expect(misread).toEqual([]);
  });
});

test('a set that is not numbered refuses a key that starts with a negative int', () => {
  expect(() => new StateSet(2, false).intern(new Int32Array([-1, 0]))).toThrow(/non-negative/);
});
