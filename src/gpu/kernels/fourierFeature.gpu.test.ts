// shaders/fourier_features.wgsl against its twin, models/fourierFeatures.ts, on the test browser's WebGPU adapter.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fourierFeatures, fourierFrequencies } from '../../models/fourierFeatures';
import { testGpu, uncapturedErrors } from '../../testing/gpu';
import { Rng } from '../../weightspace/rng';
import { readBuffer } from '../readback';
import type { GpuRuntime } from '../runtime';
import { FourierFeatureKernel } from './fourierFeatureKernel';

let gpu: GpuRuntime;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => expect(uncapturedErrors).toEqual([]));

async function featuresOnGpu(x: Float32Array, frequencies: Float64Array, maxEntries: number): Promise<Float32Array> {
  const c = 1 + 2 * frequencies.length;
  const out = gpu.device.createBuffer({
    size: 4 * maxEntries * c,
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
  });
  await FourierFeatureKernel.prepare(gpu, frequencies.length);
  const k = new FourierFeatureKernel(gpu, frequencies, maxEntries, out);
  k.set(x);
  const encoder = gpu.device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  k.encode(pass, x.length);
  pass.end();
  gpu.device.queue.submit([encoder.finish()]);
  const got = new Float32Array(await readBuffer(gpu.device, out, 4 * x.length * c));
  k.destroy();
  out.destroy();
  return got;
}

for (const m of [1, 4, 6]) {
  it(`${m} frequencies: the entry, then sin and cos of each ω·x, within 1e-5 of the twin (normalised entries up to ±6)`, async () => {
    const rng = new Rng(20 + m);
    // normalised weights: mostly within a few units, a few far out
    const x = Float32Array.from({ length: 1153 * 3 + 5 }, (_, i) =>
      i % 97 === 0 ? rng.symmetric(6) : rng.symmetric(2),
    );
    const frequencies = fourierFrequencies(m, 40 + m);
    const want = fourierFeatures(x, frequencies);
    const got = await featuresOnGpu(x, frequencies, x.length + 100);
    const c = 1 + 2 * m;
    let worst = 0;
    for (let i = 0; i < x.length; i++) {
      expect(got[i * c]).toBe(x[i]);
      for (let j = 1; j < c; j++) worst = Math.max(worst, Math.abs(got[i * c + j] - want[i * c + j]));
    }
    expect(worst).toBeLessThan(1e-5);
  });
}

it('refuses more entries than it has room for', async () => {
  const out = gpu.device.createBuffer({ size: 4 * 30, usage: GPUBufferUsage.STORAGE });
  await FourierFeatureKernel.prepare(gpu, 1);
  const k = new FourierFeatureKernel(gpu, fourierFrequencies(1, 1), 10, out);
  expect(() => k.set(new Float32Array(11))).toThrow(/room for 10/);
  k.destroy();
  out.destroy();
});
