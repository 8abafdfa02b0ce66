// A zoo from a learned init: every INR starts from it (the fit from it, not from a seed), the recipe names it by
// checksum, and another init under that name is refused.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checksumOf } from '../data/checksum';
import { imageParts } from '../data/mnistFile';
import { SPLIT } from '../data/zoo';
import type { GpuRuntime } from '../gpu/runtime';
import { initSirenParams, sirenLayout } from '../models/siren';
import { testGpu, uncapturedErrors } from '../testing/gpu';
import { Rng } from '../weightspace/rng';
import { DEFAULT_MNIST_ZOO, DEFAULT_SINE_ZOO, generateZoo } from './zooGen';

let gpu: GpuRuntime;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => expect(uncapturedErrors).toEqual([]));

const spec = { dims: DEFAULT_SINE_ZOO.dims, omega0: DEFAULT_SINE_ZOO.omega0 };
const init = initSirenParams(spec, new Rng(77));
const recipe = {
  ...DEFAULT_SINE_ZOO,
  count: 4,
  maxSteps: 0,
  learnedInit: { name: 'test init', checksum: checksumOf(init) },
};

it('starts every INR from the learned init, whatever the seed', async () => {
  const P = sirenLayout(spec).paramCount;
  for (const seed of [1, 99]) {
    // one step of Adam moves each weight by about lr (|m̂ / √v̂| ≤ 1): every INR is one step from the init
    const zoo = await generateZoo(gpu, { ...recipe, maxSteps: 1, seed }, { init });
    expect(zoo.params.length).toBe(4 * P);
    for (let i = 0; i < 4; i++) {
      const row = zoo.params.subarray(i * P, (i + 1) * P);
      const moved = Math.max(...row.map((x, p) => Math.abs(x - init[p])));
      expect(moved).toBeGreaterThan(0);
      expect(moved).toBeLessThanOrEqual(1.01 * recipe.lr);
    }
    expect(zoo.name).toMatch(/learned init test init/);
  }
});

it('refuses an init that is not the one the recipe names, and a recipe without its init', async () => {
  const wrong = init.slice();
  wrong[0] += 1e-3;
  await expect(generateZoo(gpu, recipe, { init: wrong })).rejects.toThrow(/checksum differs/);
  await expect(generateZoo(gpu, recipe)).rejects.toThrow(/pass it/);
});

it('an MNIST zoo from a learned init reads its val and test INRs from held-out digits only', async () => {
  const rng = new Rng(3);
  // 6 images of each digit, 8×8: the training part is the first 4 of each, the held-out part the last 2
  const mnist = {
    dataset: 'mnist' as const,
    count: 60,
    side: 8,
    labels: Uint8Array.from({ length: 60 }, (_, i) => i % 10),
    pixels: Uint8Array.from({ length: 60 * 64 }, () => rng.int(256)),
  };
  const { train, heldOut } = imageParts(mnist);
  const mnistSpec = { dims: DEFAULT_MNIST_ZOO.dims, omega0: DEFAULT_MNIST_ZOO.omega0 };
  const learned = initSirenParams(mnistSpec, new Rng(5));
  const zoo = await generateZoo(
    gpu,
    {
      ...DEFAULT_MNIST_ZOO,
      count: 30,
      maxSteps: 1,
      minPsnr: null,
      learnedInit: { name: 'mnist init', checksum: checksumOf(learned) },
    },
    { images: mnist, init: learned },
  );
  const sources = (split: number): number[] => [...zoo.source].filter((_, i) => zoo.split[i] === split);
  expect(sources(SPLIT.train).every((s) => train.includes(s))).toBe(true);
  expect([...sources(SPLIT.val), ...sources(SPLIT.test)].every((s) => heldOut.includes(s))).toBe(true);
  expect(sources(SPLIT.test).length).toBe(10);
});
