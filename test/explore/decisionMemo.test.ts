/**
 * A monitor's steps recalled by exactly what each read (src/explore/engine/decisionMemo.ts): a
 * recorded step is recalled for any observation that agrees on the features it read, in the order
 * it read them, and for no other; a step that read nothing is recalled for every observation.
 */
import { DecisionMemo } from '../../src/explore/engine/decisionMemo.js';

/** An observation as its feature values (feature → value). */
const of = (values: Record<number, number>) => (feature: number) => values[feature] ?? 0;

describe('the decision memo', () => {
  test('recalls a step by the values of the features it read, and only those', () => {
    const memo = new DecisionMemo();
    memo.record(3, [5, 2, 5], of({ 5: 1, 2: 7 }), 11);
    memo.record(3, [5, 2], of({ 5: 1, 2: 8 }), 12);
    memo.record(3, [5], of({ 5: 2 }), 13);
    expect(memo.recall(3, of({ 5: 1, 2: 7, 9: 4 }))).toBe(11);
    expect(memo.recall(3, of({ 5: 1, 2: 8 }))).toBe(12);
    expect(memo.recall(3, of({ 5: 2, 2: 7 }))).toBe(13);
    expect(memo.recall(3, of({ 5: 1, 2: 9 }))).toBe(-1);
    expect(memo.recall(3, of({ 5: 3 }))).toBe(-1);
    // other ghosts have trees of their own
    expect(memo.recall(4, of({ 5: 1, 2: 7 }))).toBe(-1);
    expect(memo.recall(100_000, of({}))).toBe(-1);
  });

  test('a step that read nothing answers for every observation; a contradicting record changes nothing', () => {
    const memo = new DecisionMemo();
    memo.record(0, [], of({}), 2 ** 30 + 5);
    expect(memo.recall(0, of({ 1: 1 }))).toBe(2 ** 30 + 5);
    memo.record(0, [1], of({ 1: 1 }), 6);
    expect(memo.recall(0, of({ 1: 1 }))).toBe(2 ** 30 + 5);
    memo.record(1, [1, 2], of({ 1: 1, 2: 2 }), 7);
    memo.record(1, [4], of({ 4: 1 }), 8); // reads another feature first: not pure, ignored
    memo.record(1, [1, 3], of({ 1: 1, 3: 1 }), 9); // reads another feature second: ignored
    expect(memo.recall(1, of({ 1: 1, 2: 2 }))).toBe(7);
    expect(memo.recall(1, of({ 4: 1 }))).toBe(-1);
    expect(memo.recall(1, of({ 1: 1, 3: 1 }))).toBe(-1);
  });

  test('keeps thousands of paths apart through its growth', () => {
    const memo = new DecisionMemo();
    for (let g = 0; g < 300; g++) for (let v = 0; v < 40; v++) memo.record(g, [g % 3, 7], of({ [g % 3]: v, 7: v * g }), g * 1000 + v);
    let wrong = 0;
    for (let g = 0; g < 300; g++) for (let v = 0; v < 40; v++) if (memo.recall(g, of({ [g % 3]: v, 7: v * g })) !== g * 1000 + v) wrong++;
    expect(wrong).toBe(0);
    expect(memo.recall(5, of({ 2: 1, 7: 6 }))).toBe(-1);
  });
});
