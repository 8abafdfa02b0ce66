// The sine task's INRs are fittable with the docs/design.md §4 recipe ([1,32,32,1], Adam 1e-3, 500 steps) by the kernels.
import { expect, it } from 'vitest';
import { initSirenBatch, OUTPUT_OFFSET, psnrFromMse } from '../models/siren';
import { DEFAULT_ADAM } from '../reference/adam';
import { testGpu, uncapturedErrors } from '../testing/gpu';
import { fitBatch } from '../train/fitBatch';
import { Rng } from '../weightspace/rng';
import { sampleSines, sineCoords, sineTargets } from './sineTask';

it('sine INRs fit to MSE < 1e-3 in 500 steps', async () => {
  const gpu = await testGpu();
  const spec = { dims: [1, 32, 32, 1], omega0: 30 };
  const samples = sampleSines(4, new Rng(8));
  const coords = sineCoords();
  const fit = await fitBatch(gpu, {
    spec,
    coords,
    targets: sineTargets(samples, coords, OUTPUT_OFFSET),
    params: initSirenBatch(spec, samples.length, 8),
    adam: { ...DEFAULT_ADAM, lr: 1e-3 },
    stopPsnr: null,
    maxSteps: 500,
    batchSize: samples.length,
  });
  fit.psnr.forEach((p) => expect(p).toBeGreaterThan(psnrFromMse(1e-3)));
  expect(uncapturedErrors).toEqual([]);
});
