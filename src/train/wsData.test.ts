import { describe, expect, it } from 'vitest';
import { zooOf } from '../testing/zooFixture';
import { mlpLayout } from '../weightspace/layout';
import { Rng } from '../weightspace/rng';
import { buildDataset, statsFrom } from './wsData';

// 12 networks of [2, 3, 1] (P = 13): 8 train, 2 val, 2 test; weight i of network n is a shared "init" value i plus a
// spread that differs per weight, so per-tensor and per-weight statistics differ
const dims = [2, 3, 1];
const P = mlpLayout(dims).paramCount;
const count = 12;
const rng = new Rng(4);
const params = Float32Array.from({ length: count * P }, (_, k) => (k % P) + (1 + (k % P)) * 0.1 * rng.symmetric(1));
const split = Uint8Array.from({ length: count }, (_, n) => (n < 8 ? 0 : n < 10 ? 1 : 2));
const zoo = zooOf(
  dims,
  params,
  Int32Array.from({ length: count }, (_, n) => n % 10),
  split,
);

/** mean and population std of column i over the first 8 rows, written out directly (not through wsData) */
function column(i: number): { mean: number; std: number } {
  const xs = Array.from({ length: 8 }, (_, n) => params[n * P + i]);
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return { mean, std: Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length) };
}

describe('input normalisation', () => {
  it('per weight: every training column has mean 0 and std 1, with each weight’s own statistics', () => {
    const data = buildDataset(zoo, { normalisation: 'weight' });
    expect(data.stats.per).toBe('weight');
    for (let i = 0; i < P; i++) {
      const { mean, std } = column(i);
      expect(data.stats.mean[i]).toBeCloseTo(mean, 10);
      expect(data.stats.std[i]).toBeCloseTo(std, 10);
      const xs = Array.from({ length: 8 }, (_, n) => data.inputs.train[n * P + i]);
      expect(xs.reduce((s, x) => s + x, 0) / 8).toBeCloseTo(0, 5);
      expect(Math.sqrt(xs.reduce((s, x) => s + x * x, 0) / 8)).toBeCloseTo(1, 5);
      // the test rows with the training rows' statistics
      expect(data.inputs.test[i]).toBeCloseTo((params[10 * P + i] - mean) / std, 5);
    }
  });

  it('per tensor (the default): one mean for a whole tensor, so its columns keep their differences', () => {
    const data = buildDataset(zoo);
    expect(data.stats.per).toBe('tensor');
    // the first layer's weight tensor: entries 0…5 share one statistic
    expect(new Set(Array.from(data.stats.tensorOf.subarray(0, 6))).size).toBe(1);
    const means = Array.from({ length: 6 }, (_, i) =>
      Array.from({ length: 8 }, (_, n) => data.inputs.train[n * P + i]),
    );
    const colMean = means.map((xs) => xs.reduce((s, x) => s + x, 0) / 8);
    expect(Math.max(...colMean) - Math.min(...colMean)).toBeGreaterThan(1);
  });

  it('a model file’s statistics are read back per tensor or per weight by their length', () => {
    const layout = mlpLayout(dims);
    expect(statsFrom(layout, new Float64Array(4), new Float64Array(4).fill(1)).per).toBe('tensor');
    const perWeight = statsFrom(layout, new Float64Array(P), new Float64Array(P).fill(1));
    expect(perWeight.per).toBe('weight');
    expect(Array.from(perWeight.tensorOf)).toEqual(Array.from({ length: P }, (_, i) => i));
  });

  it('a weight constant across the zoo gets std 1, not a division by zero', () => {
    const flat = Float32Array.from(params);
    for (let n = 0; n < count; n++) flat[n * P + 3] = 0.25;
    const data = buildDataset(zooOf(dims, flat, zoo.labels, split), { normalisation: 'weight' });
    expect(data.stats.std[3]).toBe(1);
    expect(data.inputs.train[3]).toBe(0);
  });
});
