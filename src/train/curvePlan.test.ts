import { describe, expect, it } from 'vitest';
import { zooOf } from '../testing/zooFixture';
import { curveCsv, curveEpochs, curveRecipe, curveSizes, curveSizesOf, type CurveRow } from './curvePlan';
import { nestedSubset } from './wsData';

describe('learning-curve plan', () => {
  it('keeps the sizes below the training split and adds the whole split, once, ascending', () => {
    expect(curveSizes([1000, 100, 300, 3000], 700)).toEqual([100, 300, 700]);
    expect(curveSizes([700, 100], 700)).toEqual([100, 700]);
    expect(curveSizes([5000], 70)).toEqual([70]);
  });

  it("counts a zoo's training split, and refuses a zoo without one", () => {
    const split = Uint8Array.from({ length: 10 }, (_, i) => (i < 7 ? 0 : i < 8 ? 1 : 2));
    const zoo = zooOf([2, 3, 1], new Float32Array(10 * 13), new Int32Array(10), split);
    expect(curveSizesOf(zoo, [3, 100])).toEqual([3, 7]);
    expect(() =>
      curveSizesOf(zooOf([2, 3, 1], new Float32Array(13), new Int32Array(1), Uint8Array.of(2)), [3]),
    ).toThrow('no training networks');
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

  it("a -canonical reader is its kind's recipe on canonical networks; a -probes one adds 64 head probes", () => {
    expect(curveRecipe('dws-canonical')).toMatchObject({ kind: 'dws', canonical: true, headProbes: 0, fourier: 4 });
    expect(curveRecipe('probe')).toMatchObject({ kind: 'probe', canonical: false, augmentations: [] });
    expect(curveRecipe('nfn-probes')).toMatchObject({ kind: 'nfn', canonical: true, headProbes: 64, fourier: 0 });
  });

  it('gives every run the steps of the whole split: 40 epochs of 700 INRs are 280 of 100', () => {
    expect(curveEpochs(40, 700, 100)).toBe(280);
    expect(curveEpochs(40, 700, 700)).toBe(40);
    // a big zoo at a smaller budget: 10 epochs of 6020 INRs
    expect(curveEpochs(10, 6020, 700)).toBe(86);
    expect(curveEpochs(1, 10, 1000)).toBe(1);
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
