// Reptile's outer step on the GPU (reptile_delta.wgsl + adam.wgsl) against its float64 twin (reference/reptile.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ADAM } from '../../reference/adam';
import { reptileDelta, reptileOuterStep } from '../../reference/reptile';
import { maxRelativeError } from '../../testing/compare';
import { testGpu, uncapturedErrors } from '../../testing/gpu';
import { Rng } from '../../weightspace/rng';
import type { GpuRuntime } from '../runtime';
import { ReptileKernel } from './reptileKernel';

let gpu: GpuRuntime;
beforeAll(async () => {
  gpu = await testGpu();
  await ReptileKernel.prepare(gpu);
});
afterAll(() => expect(uncapturedErrors).toEqual([]));

const random = (n: number, rng: Rng, scale = 1): Float32Array =>
  Float32Array.from({ length: n }, () => scale * (2 * rng.uniform() - 1));

describe('ReptileKernel', () => {
  // P not a multiple of the workgroup, one and several adapted networks
  for (const [P, B] of [
    [1153, 7],
    [70, 1],
  ]) {
    it(`moves θ as the twin does over three outer steps (P = ${P}, B = ${B})`, async () => {
      const rng = new Rng(P + B);
      const theta = random(P, rng);
      const hp = { ...DEFAULT_ADAM, lr: 1e-3 };
      const phis = [0, 1, 2].map(() => random(B * P, rng));
      const phi = gpu.pool.upload('test.phi', phis[0]);
      const kernel = new ReptileKernel(gpu, theta, phi, B, hp);
      const twin = { theta: Float64Array.from(theta), m: new Float64Array(P), v: new Float64Array(P) };
      for (let t = 0; t < 3; t++) {
        gpu.device.queue.writeBuffer(phi, 0, phis[t].buffer, 0, phis[t].byteLength);
        const encoder = gpu.device.createCommandEncoder();
        kernel.encodeOuterStep(encoder);
        gpu.device.queue.submit([encoder.finish()]);
        reptileOuterStep(twin.theta, twin.m, twin.v, phis[t], t + 1, hp);
        expect(maxRelativeError(await kernel.readTheta(), twin.theta)).toBeLessThan(1e-5);
      }
      kernel.destroy();
      gpu.pool.release(phi);
    });
  }

  it('its twin: the delta is θ minus the mean of the adapted networks (by hand)', () => {
    expect(Array.from(reptileDelta([1, 2], [0, 4, 2, 0]))).toEqual([0, 0]);
    expect(Array.from(reptileDelta([1, 1], [3, 1]))).toEqual([-2, 0]);
  });
});
