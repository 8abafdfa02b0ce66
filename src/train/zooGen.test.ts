import { describe, expect, it } from 'vitest';
import { SPLIT } from '../data/zoo';
import { splitOf } from './zooGen';

const counts = (n: number, f: number[]): number[] => {
  const c = [0, 0, 0];
  for (let i = 0; i < n; i++) c[splitOf(i, n, f)]++;
  return c;
};

describe('splitOf', () => {
  it('gives round(fraction·n) to val and test and the rest to train, in that order', () => {
    expect(counts(100, [0.7, 0.1, 0.2])).toEqual([70, 10, 20]);
    expect(splitOf(69, 100, [0.7, 0.1, 0.2])).toBe(SPLIT.train);
    expect(splitOf(70, 100, [0.7, 0.1, 0.2])).toBe(SPLIT.val);
    expect(splitOf(99, 100, [0.7, 0.1, 0.2])).toBe(SPLIT.test);
  });

  it('keeps at least one item in every split it can, val giving way first', () => {
    expect(counts(10, [0.7, 0.1, 0.2])).toEqual([7, 1, 2]);
    expect(counts(3, [0.7, 0.1, 0.2])).toEqual([1, 1, 1]);
    expect(counts(2, [0.7, 0.1, 0.2])).toEqual([1, 0, 1]);
    expect(counts(1, [0.7, 0.1, 0.2])).toEqual([1, 0, 0]);
    expect(counts(1000, [0.8, 0, 0.2])).toEqual([800, 0, 200]);
  });
});
