// The WGSL SIREN and Adam kernels against the PyTorch golden values and the plain-TS twins, on the test browser's
// WebGPU adapter (SwiftShader in CI).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageGrid, initSirenBatch, type SirenSpec } from '../../models/siren';
import { adamStep, DEFAULT_ADAM } from '../../reference/adam';
import { sirenForward, sirenLossAndGrad } from '../../reference/siren';
import { maxRelativeError } from '../../testing/compare';
import { SIREN_GOLDEN as G } from '../../testing/golden';
import { testGpu, uncapturedErrors } from '../../testing/gpu';
import { Rng } from '../../weightspace/rng';
import type { GpuRuntime } from '../runtime';
import { SirenBatchKernels } from './sirenKernels';
import { unrollsLoops } from './sirenShader';

let gpu: GpuRuntime;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => expect(uncapturedErrors).toEqual([]));

function randomTargets(count: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: count }, () => rng.uniform());
}

/** points on a line for 1-D inputs, a side×side image grid for 2-D inputs */
function pointsFor(spec: SirenSpec, side: number): Float32Array {
  if (spec.dims[0] === 2) return imageGrid(side);
  const n = side * side;
  return Float32Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));
}

interface Case {
  k: SirenBatchKernels;
  coords: Float32Array;
  targets: Float32Array;
}

function makeCase(spec: SirenSpec, batch: number, side: number, seed: number, lanes?: number): Case {
  const coords = pointsFor(spec, side);
  const dL = spec.dims[spec.dims.length - 1];
  const targets = randomTargets((batch * coords.length * dL) / spec.dims[0], seed + 1);
  const k = new SirenBatchKernels(gpu, {
    spec,
    params: initSirenBatch(spec, batch, seed),
    coords,
    targets,
    adam: DEFAULT_ADAM,
    stopLoss: 0,
    lanes,
  });
  return { k, coords, targets };
}

async function lossAndGrad(k: SirenBatchKernels): Promise<{ loss: number[]; grad: Float32Array }> {
  const encoder = gpu.device.createCommandEncoder();
  k.encodeLossAndGrad(encoder);
  gpu.device.queue.submit([encoder.finish()]);
  const states = await k.readStates();
  return { loss: states.map((s) => s.loss), grad: await k.readGrads() };
}

describe('SIREN kernels reproduce the PyTorch golden values', () => {
  const spec: SirenSpec = { dims: G.dims, omega0: G.omega0 };
  const make = (): SirenBatchKernels =>
    new SirenBatchKernels(gpu, {
      spec,
      params: Float32Array.from(G.params),
      coords: imageGrid(28),
      targets: Float32Array.from(G.target),
      adam: DEFAULT_ADAM,
      stopLoss: 0,
    });

  it('forward output, loss and gradients', async () => {
    const k = make();
    expect(maxRelativeError(await k.render(), G.output)).toBeLessThan(1e-5);
    const { loss, grad } = await lossAndGrad(k);
    expect(Math.abs(loss[0] - G.loss) / G.loss).toBeLessThan(1e-5);
    expect(maxRelativeError(grad, G.grad)).toBeLessThan(1e-4);
    k.destroy();
  });

  it('10 Adam steps: the loss before each step and the final parameters', async () => {
    const k = make();
    for (let t = 0; t < 10; t++) {
      const encoder = gpu.device.createCommandEncoder();
      k.encodeSteps(encoder, 1);
      gpu.device.queue.submit([encoder.finish()]);
      const [s] = await k.readStates();
      expect(s.step).toBe(t + 1);
      expect(Math.abs(s.loss - G.adam_losses[t]) / G.adam_losses[t]).toBeLessThan(1e-4);
    }
    expect(maxRelativeError(await k.readParams(), G.params_after_10_adam_steps)).toBeLessThan(1e-4);
    k.destroy();
  });
});

describe('SIREN kernels match the TS twin', () => {
  const cases: { spec: SirenSpec; batch: number; side: number; lanes?: number }[] = [
    { spec: { dims: [2, 33, 17, 1], omega0: 30 }, batch: 1, side: 28 },
    { spec: { dims: [2, 7, 9, 5, 3], omega0: 30 }, batch: 3, side: 28 },
    { spec: { dims: [2, 31, 31, 1], omega0: 30 }, batch: 64, side: 9 },
    { spec: { dims: [1, 13, 13, 1], omega0: 10 }, batch: 3, side: 15 },
    // past the unroll budget: the same kernel with its loops kept
    { spec: { dims: [2, 41, 39, 1], omega0: 30 }, batch: 2, side: 9 },
    // the GPU shape: more lanes, gradients summed in chunks through workgroup memory
    { spec: { dims: [2, 33, 17, 1], omega0: 30 }, batch: 3, side: 11, lanes: 64 },
    { spec: { dims: [2, 7, 9, 5, 3], omega0: 30 }, batch: 2, side: 7, lanes: 8 },
  ];
  for (const { spec, batch, side, lanes } of cases) {
    const shape = `${unrollsLoops(spec) ? 'unrolled' : 'loops'}, ${lanes ?? 'adapter default'} lanes`;
    it(`[${spec.dims}] B=${batch}, ${side}×${side} points (${shape}): forward, loss, gradients`, async () => {
      const { k, coords, targets } = makeCase(spec, batch, side, 100 + batch, lanes);
      const params = await k.readParams();
      expect(maxRelativeError(await k.render(), sirenForward(spec, params, coords))).toBeLessThan(1e-5);
      const want = sirenLossAndGrad(spec, params, coords, targets);
      const got = await lossAndGrad(k);
      expect(maxRelativeError(got.loss, want.loss)).toBeLessThan(1e-5);
      for (let b = 0; b < batch; b++) {
        const P = k.paramCount;
        expect(
          maxRelativeError(got.grad.subarray(b * P, (b + 1) * P), want.grad.subarray(b * P, (b + 1) * P)),
        ).toBeLessThan(1e-4);
      }
      k.destroy();
    });
  }

  it('Adam kernel matches the twin given the same gradients (3 steps, B=3)', async () => {
    const spec: SirenSpec = { dims: [2, 9, 9, 1], omega0: 30 };
    const { k } = makeCase(spec, 3, 7, 5);
    const params = Float64Array.from(await k.readParams());
    const m = new Float64Array(params.length);
    const v = new Float64Array(params.length);
    for (let t = 1; t <= 3; t++) {
      const step = gpu.device.createCommandEncoder();
      k.encodeSteps(step, 1);
      gpu.device.queue.submit([step.finish()]);
      // Adam leaves the gradients it used in place
      adamStep(params, m, v, await k.readGrads(), t, DEFAULT_ADAM);
      const got = await k.readParams();
      expect(maxRelativeError(got, params)).toBeLessThan(1e-5);
      params.set(got); // compare one step at a time
    }
    k.destroy();
  });
});
