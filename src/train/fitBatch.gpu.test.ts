// Fitting many SIRENs in batches: results independent of the batching, early stop, cancellation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GpuRuntime } from '../gpu/runtime';
import { imageGrid, initSirenBatch, type SirenSpec } from '../models/siren';
import { DEFAULT_ADAM } from '../reference/adam';
import { testGpu, uncapturedErrors } from '../testing/gpu';
import { Rng } from '../weightspace/rng';
import { fitBatch, type BatchFitOptions } from './fitBatch';

let gpu: GpuRuntime;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => expect(uncapturedErrors).toEqual([]));

const spec: SirenSpec = { dims: [2, 12, 12, 1], omega0: 30 };
const count = 5;
const side = 8;
const rng = new Rng(2);
const base: BatchFitOptions = {
  spec,
  coords: imageGrid(side),
  targets: Float32Array.from({ length: count * side * side }, () => rng.uniform()),
  params: initSirenBatch(spec, count, 9),
  adam: { ...DEFAULT_ADAM, lr: 1e-3 },
  stopPsnr: null,
  maxSteps: 30,
  batchSize: count,
  checkEvery: 10,
};

describe('fitBatch', () => {
  it('gives bit-identical networks whatever the batch size, and reports progress', async () => {
    const whole = await fitBatch(gpu, base);
    const progress: number[] = [];
    const chunked = await fitBatch(gpu, { ...base, batchSize: 2, onProgress: (done) => progress.push(done) });
    expect(new Uint32Array(chunked.params.buffer)).toEqual(new Uint32Array(whole.params.buffer));
    expect(Array.from(chunked.steps)).toEqual([30, 30, 30, 30, 30]);
    expect(progress[progress.length - 1]).toBe(count);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // training did something: every fit is better than its start
    const start = await fitBatch(gpu, { ...base, maxSteps: 0 });
    chunked.psnr.forEach((p, i) => expect(p).toBeGreaterThan(start.psnr[i]));
  });

  it('stops each network at the stop PSNR', async () => {
    const start = await fitBatch(gpu, { ...base, maxSteps: 0 });
    const stop = Math.max(...start.psnr) + 0.5; // just above the best starting fit
    const fit = await fitBatch(gpu, { ...base, stopPsnr: stop, maxSteps: 400 });
    fit.psnr.forEach((p, i) => {
      if (fit.steps[i] < 400) expect(p).toBeGreaterThanOrEqual(stop - 1e-3);
    });
    expect(Math.min(...fit.steps)).toBeLessThan(400);
  });

  it('cancels with an AbortError', async () => {
    const controller = new AbortController();
    const run = fitBatch(gpu, {
      ...base,
      batchSize: 1,
      onProgress: () => controller.abort(),
      signal: controller.signal,
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});
