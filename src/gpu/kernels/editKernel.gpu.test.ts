// shaders/edit_compose.wgsl with the SIREN backward between its two halves, against the float64 twin
// (reference/editCompose.ts): the edited INRs, ∂L/∂Δ and ∂L/∂γ of the render loss.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageGrid, initSirenBatch, sirenLayout } from '../../models/siren';
import { DEFAULT_ADAM } from '../../reference/adam';
import { composeEdit, editRenderLoss } from '../../reference/editCompose';
import { maxRelativeError } from '../../testing/compare';
import { testGpu, uncapturedErrors } from '../../testing/gpu';
import { Rng } from '../../weightspace/rng';
import { readBuffer } from '../readback';
import type { GpuRuntime } from '../runtime';
import { EditKernel } from './editKernel';
import { SirenBatchKernels } from './sirenKernels';

let gpu: GpuRuntime;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => expect(uncapturedErrors).toEqual([]));

const spec = { dims: [2, 8, 8, 1], omega0: 30 };
const P = sirenLayout(spec).paramCount;

describe('edit kernel', () => {
  for (const B of [1, 3]) {
    it(`B = ${B}: θ', ∂L/∂Δ and ∂L/∂γ match the twin`, async () => {
      const rng = new Rng(B);
      const nets = initSirenBatch(spec, B, 7);
      const sigma = Float32Array.from({ length: P }, () => 0.05 + 0.2 * rng.uniform());
      const delta = Float32Array.from({ length: B * P }, () => rng.symmetric(1));
      const gammaAt = 64; // γ somewhere inside Θ, as a model's block puts it
      const theta = new Float32Array(128);
      theta[gammaAt] = 0.25;
      const coords = imageGrid(6);
      const targets = Float32Array.from({ length: B * 36 }, () => rng.uniform());

      await Promise.all([EditKernel.prepare(gpu, P, gammaAt), SirenBatchKernels.prepare(gpu, spec)]);
      const siren = new SirenBatchKernels(gpu, {
        spec,
        params: new Float32Array(B * P),
        coords,
        targets,
        adam: DEFAULT_ADAM,
        stopLoss: 0,
      });
      const up = (label: string, data: Float32Array) => gpu.pool.upload(label, data);
      const buffers = {
        theta: up('theta', theta),
        dTheta: up('dTheta', new Float32Array(128)),
        delta: up('delta', delta),
        dDelta: up('dDelta', new Float32Array(B * P)),
        nets: up('nets', nets),
        edited: siren.params,
        grads: siren.grads,
      };
      const edit = new EditKernel(gpu, P, gammaAt, sigma, buffers);
      edit.setBatch(B);
      const encoder = gpu.device.createCommandEncoder();
      let pass = encoder.beginComputePass();
      edit.encodeCompose(pass, B);
      pass.end();
      siren.encodeLossAndGrad(encoder);
      pass = encoder.beginComputePass();
      edit.encodeAdjoint(pass, B);
      pass.end();
      gpu.device.queue.submit([encoder.finish()]);

      const twin = editRenderLoss(spec, nets, delta, sigma, theta[gammaAt], coords, targets);
      const edited = await siren.readParams();
      expect(maxRelativeError(edited, composeEdit(nets, delta, sigma, theta[gammaAt]))).toBeLessThan(1e-6);
      const losses = (await siren.readStates()).map((s) => s.loss);
      expect(maxRelativeError(Float64Array.from(losses), twin.perNet)).toBeLessThan(1e-5);
      const dDelta = new Float32Array(await readBuffer(gpu.device, buffers.dDelta, B * P * 4));
      expect(maxRelativeError(dDelta, twin.dDelta)).toBeLessThan(1e-4);
      const dGamma = new Float32Array(await readBuffer(gpu.device, buffers.dTheta, 128 * 4))[gammaAt];
      expect(Math.abs(dGamma - twin.dGamma)).toBeLessThan(1e-4 * Math.max(1, Math.abs(twin.dGamma)));

      edit.destroy();
      siren.destroy();
      for (const b of [buffers.theta, buffers.dTheta, buffers.delta, buffers.dDelta, buffers.nets]) gpu.pool.release(b);
    });
  }
});
