// Meta-training a SIREN init (Reptile) on the GPU: against a float64 twin of the whole loop, bit-identical for one
// seed, and the inner loop draws training images only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageParts, type MnistSet } from '../data/mnistFile';
import type { GpuRuntime } from '../gpu/runtime';
import { imageGrid, initSirenParams } from '../models/siren';
import { adamStep, DEFAULT_ADAM } from '../reference/adam';
import { reptileOuterStep } from '../reference/reptile';
import { sirenLossAndGrad } from '../reference/siren';
import { maxRelativeError } from '../testing/compare';
import { testGpu, uncapturedErrors } from '../testing/gpu';
import { Rng } from '../weightspace/rng';
import { metaInitSpec, metaTrainInit, type MetaInitRecipe } from './metaInit';

let gpu: GpuRuntime;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => expect(uncapturedErrors).toEqual([]));

/** 60 random 8×8 "digits", 6 of each class */
function fakeDigits(): MnistSet {
  const rng = new Rng(5);
  const count = 60;
  return {
    dataset: 'mnist',
    count,
    side: 8,
    labels: Uint8Array.from({ length: count }, (_, i) => i % 10),
    pixels: Uint8Array.from({ length: count * 64 }, () => rng.int(256)),
  };
}

const recipe: MetaInitRecipe = {
  dataset: 'mnist',
  dims: [2, 8, 8, 1],
  omega0: 30,
  innerSteps: 3,
  innerLr: 1e-3,
  outerSteps: 4,
  outerLr: 1e-2,
  metaBatch: 3,
  seed: 11,
};

describe('metaTrainInit', () => {
  const mnist = fakeDigits();
  const { train, heldOut } = imageParts(mnist);

  it('follows its float64 twin: k Adam steps per drawn image from θ, then Adam on θ − mean φ', async () => {
    const result = await metaTrainInit(gpu, recipe, mnist, train, { checkEvery: 2 });
    const spec = metaInitSpec(recipe);
    const theta = Float64Array.from(initSirenParams(spec, new Rng(recipe.seed)));
    const P = theta.length;
    const m = new Float64Array(P);
    const v = new Float64Array(P);
    const coords = imageGrid(mnist.side);
    const B = recipe.metaBatch;
    for (let t = 0; t < recipe.outerSteps; t++) {
      const phi = new Float64Array(B * P);
      for (let b = 0; b < B; b++) {
        const image = result.drawn[t * B + b];
        const target = Float64Array.from(mnist.pixels.subarray(image * 64, (image + 1) * 64), (x) => x / 255);
        const net = Float64Array.from(theta);
        const [mb, vb] = [new Float64Array(P), new Float64Array(P)];
        for (let s = 1; s <= recipe.innerSteps; s++)
          adamStep(net, mb, vb, sirenLossAndGrad(spec, net, coords, target).grad, s, {
            ...DEFAULT_ADAM,
            lr: recipe.innerLr,
          });
        phi.set(net, b * P);
      }
      reptileOuterStep(theta, m, v, phi, t + 1, { ...DEFAULT_ADAM, lr: recipe.outerLr });
    }
    expect(maxRelativeError(result.init, theta)).toBeLessThan(1e-4);
    expect(result.curve.map((c) => c.outer)).toEqual([2, 4]);
    expect(result.curve.every((c) => Number.isFinite(c.psnr))).toBe(true);
  });

  it('is bit-identical for one seed, whatever the checks, and changes with the seed', async () => {
    const a = await metaTrainInit(gpu, recipe, mnist, train, { checkEvery: 1 });
    const b = await metaTrainInit(gpu, recipe, mnist, train, { checkEvery: 4 });
    const c = await metaTrainInit(gpu, { ...recipe, seed: 12 }, mnist, train);
    expect(new Uint32Array(b.init.buffer)).toEqual(new Uint32Array(a.init.buffer));
    expect(new Uint32Array(c.init.buffer)).not.toEqual(new Uint32Array(a.init.buffer));
  });

  it('draws only training images, distinct within a meta-batch', async () => {
    const result = await metaTrainInit(gpu, { ...recipe, outerSteps: 12, innerSteps: 1 }, mnist, train);
    const held = new Set(heldOut);
    expect([...result.drawn].filter((i) => held.has(i))).toEqual([]);
    expect([...result.drawn].every((i) => train.includes(i))).toBe(true);
    for (let t = 0; t < 12; t++) expect(new Set(result.drawn.subarray(t * 3, t * 3 + 3)).size).toBe(3);
    // the training part is 70% of each digit's images, in file order
    expect(train.length).toBe(40);
    expect(heldOut).toEqual([...Array(60).keys()].filter((i) => i >= 40));
  });
});
