import { describe, expect, it } from 'vitest';
import { Rng } from '../weightspace/rng';
import { fourierFeatures, fourierFrequencies } from './fourierFeatures';

describe('fourierFeatures', () => {
  const rng = new Rng(3);
  const x = Float32Array.from({ length: 50 }, () => rng.symmetric(4));
  const f = fourierFrequencies(3, 11);

  it('maps each entry to [x, sin 2πf₁x, cos 2πf₁x, …] in channels-last order', () => {
    const out = fourierFeatures(x, f);
    expect(out.length).toBe(x.length * 7);
    x.forEach((xi, i) => {
      expect(out[i * 7]).toBe(xi);
      f.forEach((fk, k) => {
        // float32 outputs of the float64 angle
        expect(Math.abs(out[i * 7 + 1 + 2 * k] - Math.sin(2 * Math.PI * fk * xi))).toBeLessThan(1e-7);
        expect(Math.abs(out[i * 7 + 2 + 2 * k] - Math.cos(2 * Math.PI * fk * xi))).toBeLessThan(1e-7);
      });
    });
  });

  it('is elementwise: permuting the entries permutes the feature rows', () => {
    const order = Array.from(x, (_, i) => (i * 7) % x.length);
    const permuted = fourierFeatures(
      Float32Array.from(order, (i) => x[i]),
      f,
    );
    const out = fourierFeatures(x, f);
    order.forEach((src, i) =>
      expect(Array.from(permuted.subarray(i * 7, i * 7 + 7))).toEqual(Array.from(out.subarray(src * 7, src * 7 + 7))),
    );
  });

  it('draws the same frequencies for the same seed, others for another, and none means the raw entries', () => {
    expect(Array.from(fourierFrequencies(3, 11))).toEqual(Array.from(f));
    expect(Array.from(fourierFrequencies(3, 12))).not.toEqual(Array.from(f));
    expect(fourierFeatures(x, new Float64Array(0))).toBe(x);
  });
});
