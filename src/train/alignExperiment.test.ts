import { describe, expect, it } from 'vitest';
import { imageGrid, initSirenParams, sirenLayout, type SirenSpec } from '../models/siren';
import { Rng } from '../weightspace/rng';
import { randomHiddenPermutation, randomHiddenSigns, transformHidden } from '../weightspace/symmetries';
import { alignAndInterpolate } from './alignExperiment';
import { renderSirensCpu } from './renderSirens';

const spec = { dims: [2, 16, 16, 1], omega0: 30 };
const layout = sirenLayout(spec);
const render = (s: SirenSpec, params: Float32Array, coords: Float32Array): Promise<Float32Array> =>
  Promise.resolve(renderSirensCpu(s, params, coords));

describe('alignAndInterpolate', () => {
  it('B = a signed permutation of A: only the sign-aware alignment makes the whole line one function', async () => {
    const a = initSirenParams(spec, new Rng(1));
    const rng = new Rng(2);
    const signs = randomHiddenSigns(layout, rng);
    const b = transformHidden(layout, a, randomHiddenPermutation(layout, rng), signs);
    // A's own render, off by a little noise (a fit is never exact; an exact one would have an infinite PSNR)
    const target = renderSirensCpu(spec, a, imageGrid(12)).map((v) => v + 0.01 * (rng.uniform() - 0.5));
    const { lambdas, curves } = await alignAndInterpolate(spec, a, b, [target], render, 0, 9);
    expect(lambdas).toHaveLength(9);
    const [naive, perm, sign] = curves;
    // the ends are A and (an exact copy of) A: the same loss
    for (const c of curves) expect(c.mse[8][0]).toBeCloseTo(c.mse[0][0], 6);
    expect(sign.barrierMse).toBeLessThan(1e-9);
    expect(naive.barrierMse).toBeGreaterThan(1e-3);
    expect(perm.barrierMse).toBeGreaterThan(sign.barrierMse);
    expect(naive.barrierPsnr).toBeGreaterThan(sign.barrierPsnr);
    expect(sign.renders.length).toBe(9 * 144);
  });
});
