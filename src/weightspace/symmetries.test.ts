import { describe, expect, it } from 'vitest';
import { imageGrid, initSirenParams, type SirenSpec } from '../models/siren';
import { sirenForward } from '../reference/siren';
import { maxRelativeError } from '../testing/compare';
import { mlpLayout } from './layout';
import { Rng } from './rng';
import {
  identityPermutation,
  negateSirenNeuron,
  permuteBatch,
  permuteHidden,
  randomHiddenPermutation,
  randomSirenNegation,
  shiftSirenBias,
  sortByOutgoingNorm,
  swapPermutation,
} from './symmetries';

// unequal widths, so a mixed-up layer or axis cannot go unnoticed
const spec: SirenSpec = { dims: [2, 7, 5, 3], omega0: 30 };
const layout = mlpLayout(spec.dims);
const rng = new Rng(11);
const params = Float64Array.from(initSirenParams(spec, rng));
for (let i = 0; i < params.length; i++) params[i] += rng.symmetric(0.05); // non-zero biases
const grid = imageGrid(5);
const render = (p: Float64Array): Float64Array => sirenForward(spec, p, grid);

describe('exact symmetries of a SIREN', () => {
  it('a random hidden permutation moves the parameters but not the function', () => {
    const perms = randomHiddenPermutation(layout, new Rng(3));
    const permuted = permuteHidden(layout, params, perms);
    expect(maxRelativeError(permuted, params)).toBeGreaterThan(0.1);
    expect(maxRelativeError(render(permuted), render(params))).toBeLessThan(1e-12);
  });

  it('the identity permutation changes nothing; a permutation and its inverse cancel', () => {
    expect(permuteHidden(layout, params, identityPermutation(layout))).toEqual(params);
    const perms = randomHiddenPermutation(layout, new Rng(4));
    const inverse = perms.map((p) => {
      const inv = new Uint32Array(p.length);
      p.forEach((old, j) => (inv[old] = j));
      return inv;
    });
    expect(permuteHidden(layout, permuteHidden(layout, params, perms), inverse)).toEqual(params);
  });

  it('permuting rows without the matching columns changes the function (the check can fail)', () => {
    const perms = [Uint32Array.from({ length: 7 }, (_, j) => (j + 1) % 7)]; // a cycle: moves every neuron
    const broken = params.slice();
    const l0 = layout.layers[0];
    for (let j = 0; j < l0.nOut; j++) {
      for (let k = 0; k < l0.nIn; k++)
        broken[l0.weightOffset + j * l0.nIn + k] = params[l0.weightOffset + perms[0][j] * l0.nIn + k];
      broken[l0.biasOffset + j] = params[l0.biasOffset + perms[0][j]];
    }
    expect(maxRelativeError(render(broken), render(params))).toBeGreaterThan(1e-3);
  });

  it('negating a hidden neuron, and shifting its bias by kπ/ω0, keep the function', () => {
    for (const [hidden, j] of [
      [1, 3],
      [2, 4],
    ]) {
      expect(maxRelativeError(render(negateSirenNeuron(layout, params, hidden, j)), render(params))).toBeLessThan(
        1e-12,
      );
      for (const k of [-4, -1, 1, 2, 3]) {
        expect(
          maxRelativeError(render(shiftSirenBias(layout, params, spec.omega0, hidden, j, k)), render(params)),
        ).toBeLessThan(1e-9);
      }
    }
    // a shift by a non-multiple of π/ω0 is no symmetry
    expect(
      maxRelativeError(render(shiftSirenBias(layout, params, spec.omega0 * 2, 1, 0, 1)), render(params)),
    ).toBeGreaterThan(1e-3);
  });

  it('random negation of hidden neurons (the augmentation) moves the parameters but not the function', () => {
    const flipped = params.slice();
    randomSirenNegation(layout, flipped, new Rng(3));
    expect(maxRelativeError(flipped, params)).toBeGreaterThan(0.1);
    expect(maxRelativeError(render(flipped), render(params))).toBeLessThan(1e-12);
  });

  it('a batch: each network gets its own permutation', () => {
    const batch = new Float64Array(2 * layout.paramCount);
    batch.set(params, 0);
    batch.set(
      params.map((v) => -v),
      layout.paramCount,
    );
    const perms = [randomHiddenPermutation(layout, new Rng(6)), randomHiddenPermutation(layout, new Rng(7))];
    const out = permuteBatch(layout, batch, perms);
    expect(out.subarray(0, layout.paramCount)).toEqual(permuteHidden(layout, params, perms[0]));
    expect(out.subarray(layout.paramCount)).toEqual(
      permuteHidden(
        layout,
        params.map((v) => -v),
        perms[1],
      ),
    );
  });
});

describe('sortByOutgoingNorm and swapPermutation', () => {
  it('orders neurons by outgoing norm and keeps the function', () => {
    const p = Float64Array.from(initSirenParams(spec, new Rng(2)));
    const sorted = permuteHidden(layout, p, sortByOutgoingNorm(layout, p));
    const norms = (q: Float64Array, h: number): number[] => {
      const from = layout.layers[h];
      return Array.from({ length: from.nIn }, (_, j) =>
        Array.from({ length: from.nOut }, (_, m) => q[from.weightOffset + m * from.nIn + j] ** 2).reduce(
          (a, b) => a + b,
          0,
        ),
      );
    };
    for (const h of [1, 2]) {
      const n = norms(sorted, h);
      expect(n).toEqual([...n].sort((a, b) => b - a));
    }
    const swapped = permuteHidden(layout, p, swapPermutation(layout, 1, 0, 3));
    const { weightOffset } = layout.layers[0];
    expect(swapped[weightOffset]).toBe(p[weightOffset + 3 * 2]);
    const coords = imageGrid(5);
    const f = sirenForward(spec, p, coords);
    for (const q of [sorted, swapped])
      expect(Math.max(...sirenForward(spec, q, coords).map((v, i) => Math.abs(v - f[i])))).toBeLessThan(1e-12);
  });
});
