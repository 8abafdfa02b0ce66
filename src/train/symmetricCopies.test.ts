import { describe, expect, it } from 'vitest';
import { imageGrid, initSirenParams, sirenLayout } from '../models/siren';
import { sirenForward } from '../reference/siren';
import { Rng } from '../weightspace/rng';
import { symmetricCopies } from './symmetricCopies';

describe('symmetricCopies', () => {
  it('gives different weights for the same function, half of them with negations, reproducibly', () => {
    const spec = { dims: [2, 8, 8, 1], omega0: 30 };
    const layout = sirenLayout(spec);
    const a = initSirenParams(spec, new Rng(1));
    const { networks, kinds } = symmetricCopies(layout, a, 6, 9);
    expect(kinds).toEqual([
      'permutation',
      'permutation',
      'permutation',
      'permutation + negation',
      'permutation + negation',
      'permutation + negation',
    ]);
    expect(symmetricCopies(layout, a, 6, 9).networks).toEqual(networks);
    const coords = imageGrid(6);
    const f = sirenForward(spec, a, coords);
    for (let i = 0; i < 6; i++) {
      const copy = networks.subarray(i * a.length, (i + 1) * a.length);
      expect(copy).not.toEqual(a);
      expect(Math.max(...sirenForward(spec, copy, coords).map((v, k) => Math.abs(v - f[k])))).toBeLessThan(1e-5);
    }
  });
});
