// The sign and phase canonical form: the render is kept, and every signed permutation (with bias shifts) of a
// network has the permuted canonical form of the network.
import { describe, expect, it } from 'vitest';
import { imageGrid, initSirenParams } from '../models/siren';
import { sirenForward } from '../reference/siren';
import { maxRelativeError } from '../testing/compare';
import { canonicalBatch, canonicalSiren } from './canonical';
import { mlpLayout } from './layout';
import { Rng } from './rng';
import {
  permuteHidden,
  randomHiddenPermutation,
  randomHiddenSigns,
  shiftSirenBias,
  transformHidden,
} from './symmetries';

const OMEGA0 = 30;

/** A SIREN as a fit leaves it: the standard init, every entry moved a little, some hidden biases beyond ±π/(2ω0). */
function fittedLike(dims: number[], seed: number): Float32Array {
  const rng = new Rng(seed);
  const layout = mlpLayout(dims);
  const params = initSirenParams({ dims, omega0: OMEGA0 }, rng).map((w) => w + rng.symmetric(0.02));
  for (let l = 0; l + 1 < layout.layers.length; l++) {
    const { biasOffset, nOut } = layout.layers[l];
    for (let j = 0; j < nOut; j += 3) params[biasOffset + j] = rng.symmetric(0.4);
  }
  return params;
}

describe.each([[[2, 32, 32, 1]], [[2, 6, 5, 4, 3]]])('canonical SIREN %j', (dims) => {
  const layout = mlpLayout(dims);
  const spec = { dims, omega0: OMEGA0 };
  const grid = imageGrid(28);

  it('keeps the render (≤ 1e-5) and moves the biases and signs it should', () => {
    const theta = fittedLike(dims, 1);
    const canon = canonicalSiren(layout, theta, OMEGA0);
    expect(maxRelativeError(sirenForward(spec, canon, grid), sirenForward(spec, theta, grid))).toBeLessThan(1e-5);
    for (let hidden = 1; hidden < layout.layers.length; hidden++) {
      const into = layout.layers[hidden - 1];
      for (let j = 0; j < into.nOut; j++) {
        expect(Math.abs(canon[into.biasOffset + j])).toBeLessThanOrEqual(Math.PI / OMEGA0 / 2 + 1e-7);
        let key = 0;
        for (let k = 0; k < into.nIn; k++) key += canon[into.weightOffset + j * into.nIn + k];
        expect(key).toBeGreaterThanOrEqual(0);
      }
    }
    expect(Array.from(canon)).not.toEqual(Array.from(theta));
    // canonical twice is canonical once
    expect(Array.from(canonicalSiren(layout, canon, OMEGA0))).toEqual(Array.from(canon));
  });

  it('maps every signed permutation of a network to the permuted canonical form, bit for bit', () => {
    const rng = new Rng(2);
    for (let trial = 0; trial < 20; trial++) {
      const theta = fittedLike(dims, 10 + trial);
      const perm = randomHiddenPermutation(layout, rng);
      const moved = transformHidden(layout, theta, perm, randomHiddenSigns(layout, rng));
      const expected = permuteHidden(layout, canonicalSiren(layout, theta, OMEGA0), perm);
      expect(Array.from(canonicalSiren(layout, moved, OMEGA0))).toEqual(Array.from(expected));
    }
  });

  it('undoes bias shifts by kπ/ω0 (to float32 rounding of the shifted bias)', () => {
    const theta = fittedLike(dims, 3);
    let shifted = theta;
    const rng = new Rng(4);
    for (let hidden = 1; hidden < layout.layers.length; hidden++)
      for (let j = 0; j < dims[hidden]; j += 2)
        shifted = shiftSirenBias(layout, shifted, OMEGA0, hidden, j, rng.int(5) - 2);
    const a = canonicalSiren(layout, theta, OMEGA0);
    expect(maxRelativeError(canonicalSiren(layout, shifted, OMEGA0), a)).toBeLessThan(1e-6);
  });

  it('canonicalBatch is canonicalSiren on each network', () => {
    const a = fittedLike(dims, 5);
    const b = fittedLike(dims, 6);
    const batch = new Float32Array(2 * layout.paramCount);
    batch.set(a, 0);
    batch.set(b, layout.paramCount);
    const out = canonicalBatch(layout, batch, OMEGA0);
    expect(Array.from(out.subarray(layout.paramCount))).toEqual(Array.from(canonicalSiren(layout, b, OMEGA0)));
  });
});
