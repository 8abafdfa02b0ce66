import { describe, expect, it } from 'vitest';
import { curveCsv, curveRecipe, curveSizes, type CurveRow } from './curvePlan';
import { nestedSubset } from './wsData';

describe('learning-curve plan', () => {
  it('keeps the sizes below the training split and adds the whole split, once, ascending', () => {
    expect(curveSizes([1000, 100, 300, 3000], 700)).toEqual([100, 300, 700]);
    expect(curveSizes([700, 100], 700)).toEqual([100, 700]);
    expect(curveSizes([5000], 70)).toEqual([70]);
  });

  it('draws nested subsets: each inside the next, the same for the same seed, another for another', () => {
    const rows = Array.from({ length: 50 }, (_, i) => 3 * i);
    const small = nestedSubset(rows, 10, 4);
    const large = nestedSubset(rows, 30, 4);
    expect(large.slice(0, 10)).toEqual(small);
    expect(new Set(large).size).toBe(30);
    expect(large.every((r) => rows.includes(r))).toBe(true);
    expect(nestedSubset(rows, 10, 5)).not.toEqual(small);
  });

  it("a -canonical reader is its kind's recipe on canonical networks", () => {
    expect(curveRecipe('dws-canonical')).toMatchObject({ kind: 'dws', canonical: true });
    expect(curveRecipe('probe')).toMatchObject({ kind: 'probe', canonical: false, augmentations: [] });
  });

  it('writes one CSV line a run', () => {
    const row: CurveRow = {
      reader: 'probe',
      size: 100,
      seed: 1,
      epochs: 280,
      test: 0.5,
      testPermuted: 0.5,
      testSigned: 0.5,
      train: 0.9,
      seconds: 12.34,
    };
    expect(curveCsv([row]).split('\n')).toEqual([
      'reader,train_inrs,seed,epochs,test,test_permuted,test_signed,train,seconds',
      'probe,100,1,280,0.5,0.5,0.5,0.9,12.3',
      '',
    ]);
  });
});
