import { describe, expect, it } from 'vitest';
import { SPLIT, viewIndices } from '../data/zoo';
import { splitOf, withViews, type Targets } from './zooGen';

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

describe('fits per image (views)', () => {
  // 4 images: 0 and 1 train, 2 val, 3 test; each target row holds its image index
  const t: Targets = {
    coords: new Float32Array(2),
    targets: Float32Array.from([0, 0, 1, 1, 2, 2, 3, 3]),
    labels: Int32Array.from([5, 6, 7, 8]),
    values: new Float32Array(0),
    valueDim: 0,
    split: Uint8Array.from([SPLIT.train, SPLIT.train, SPLIT.val, SPLIT.test]),
    source: Int32Array.from([10, 11, 12, 13]),
  };

  it('repeats every training image once per extra view, after all of the previous view; val and test keep one', () => {
    const { targets, view } = withViews(t, 3);
    expect(Array.from(targets.source)).toEqual([10, 11, 12, 13, 10, 11, 10, 11]);
    expect(Array.from(targets.labels)).toEqual([5, 6, 7, 8, 5, 6, 5, 6]);
    expect(Array.from(targets.targets)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 0, 0, 1, 1, 0, 0, 1, 1]);
    expect(Array.from(view)).toEqual([0, 0, 0, 0, 1, 1, 2, 2]);
    // the zoo finds every INR's view again from the order of its image's rows
    expect(Array.from(viewIndices({ source: targets.source, count: 8 }))).toEqual(Array.from(view));
  });

  it('one view changes nothing', () => {
    const { targets, view } = withViews(t, 1);
    expect(targets.source).toEqual(t.source);
    expect(Array.from(view)).toEqual([0, 0, 0, 0]);
  });
});
