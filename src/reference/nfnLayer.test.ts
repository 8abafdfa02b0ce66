import { describe, expect, it } from 'vitest';
import { maxRelativeError } from '../testing/compare';
import { mlpLayout } from '../weightspace/layout';
import { Rng } from '../weightspace/rng';
import { permuteHidden, randomHiddenPermutation } from '../weightspace/symmetries';
import { nfnBackward, nfnForward, nfnLayerZeros, nfnParamArrays, type NfnLayer } from './nfnLayer';

// unequal widths and 3 weight tensors: every side term (first, interior, last) is exercised
const layout = mlpLayout([2, 4, 3, 2]);
const cIn = 2;
const cOut = 3;
const batch = 2;

function randomLayer(seed: number): NfnLayer {
  const layer = nfnLayerZeros(layout, cIn, cOut);
  const rng = new Rng(seed);
  for (const a of nfnParamArrays(layer)) for (let i = 0; i < a.length; i++) a[i] = rng.symmetric(1);
  return layer;
}
const random = (n: number, seed: number): Float64Array => {
  const rng = new Rng(seed);
  return Float64Array.from({ length: n }, () => rng.symmetric(1));
};

const layer = randomLayer(1);
const x = random(batch * layout.paramCount * cIn, 2);
const r = random(batch * layout.paramCount * cOut, 3); // loss = Σ r·y, so dLoss/dy = r
const loss = (l: NfnLayer, input: Float64Array): number =>
  nfnForward(layout, l, input).reduce((s, v, i) => s + v * r[i], 0);

describe('NFN-NP layer twin', () => {
  it('gradients w.r.t. the input match central differences', () => {
    const { dx } = nfnBackward(layout, layer, x, r);
    const h = 1e-6;
    const numeric = x.map((_, i) => {
      const plus = x.slice();
      const minus = x.slice();
      plus[i] += h;
      minus[i] -= h;
      return (loss(layer, plus) - loss(layer, minus)) / (2 * h);
    });
    expect(maxRelativeError(dx, numeric)).toBeLessThan(1e-7);
  });

  it('gradients w.r.t. every parameter match central differences', () => {
    const { dLayer } = nfnBackward(layout, layer, x, r);
    const analytic = nfnParamArrays(dLayer);
    const h = 1e-6;
    nfnParamArrays(layer).forEach((a, which) => {
      const numeric = a.map((v, i) => {
        a[i] = v + h;
        const plus = loss(layer, x);
        a[i] = v - h;
        const minus = loss(layer, x);
        a[i] = v;
        return (plus - minus) / (2 * h);
      });
      expect(maxRelativeError(analytic[which], numeric)).toBeLessThan(1e-7);
    });
  });

  it('is equivariant to coupled hidden-neuron permutations', () => {
    const P = layout.paramCount;
    const perms = randomHiddenPermutation(layout, new Rng(4));
    const x0 = x.subarray(0, P * cIn);
    expect(maxRelativeError(permuteHidden(layout, x0, perms, cIn), x0)).toBeGreaterThan(0.1); // it does move things
    const permutedThenLayer = nfnForward(layout, layer, permuteHidden(layout, x0, perms, cIn));
    const layerThenPermuted = permuteHidden(layout, nfnForward(layout, layer, x0), perms, cOut);
    expect(maxRelativeError(permutedThenLayer, layerThenPermuted)).toBeLessThan(1e-12);
  });

  it('is not equivariant when rows of W_0 move without the matching columns of W_1 (negative test)', () => {
    const P = layout.paramCount;
    const perms = [Uint32Array.from([1, 2, 3, 0])]; // a cycle: moves every neuron of hidden layer 1
    const l0 = layout.layers[0];
    // rows of W_0 and b_0 permuted, W_1 left alone: not a symmetry
    const broken = (f: Float64Array, c: number): Float64Array => {
      const out = f.slice();
      for (let j = 0; j < l0.nOut; j++) {
        const sj = perms[0][j];
        out.set(f.subarray((l0.biasOffset + sj) * c, (l0.biasOffset + sj + 1) * c), (l0.biasOffset + j) * c);
        for (let k = 0; k < l0.nIn; k++) {
          const from = l0.weightOffset + sj * l0.nIn + k;
          out.set(f.subarray(from * c, (from + 1) * c), (l0.weightOffset + j * l0.nIn + k) * c);
        }
      }
      return out;
    };
    const x0 = x.subarray(0, P * cIn);
    expect(
      maxRelativeError(nfnForward(layout, layer, broken(x0, cIn)), broken(nfnForward(layout, layer, x0), cOut)),
    ).toBeGreaterThan(1e-3);
  });
});
