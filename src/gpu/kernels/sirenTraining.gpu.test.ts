// Training behaviour of the SIREN kernels: bit-reproducibility, per-network early stop, divergence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SIREN_DIMS, imageGrid, initSirenBatch, type SirenSpec } from '../../models/siren';
import { DEFAULT_ADAM } from '../../reference/adam';
import { testGpu, uncapturedErrors } from '../../testing/gpu';
import { Rng } from '../../weightspace/rng';
import type { GpuRuntime } from '../runtime';
import { NET_STATUS, SirenBatchKernels } from './sirenKernels';

let gpu: GpuRuntime;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => expect(uncapturedErrors).toEqual([]));

const spec: SirenSpec = { dims: DEFAULT_SIREN_DIMS, omega0: 30 };

function make(
  seed: number,
  batch: number,
  stopLoss = 0,
  params = initSirenBatch(spec, batch, seed),
): SirenBatchKernels {
  const rng = new Rng(seed);
  return new SirenBatchKernels(gpu, {
    spec,
    params,
    coords: imageGrid(28),
    targets: Float32Array.from({ length: batch * 784 }, () => rng.uniform()),
    adam: DEFAULT_ADAM,
    stopLoss,
  });
}

async function train(k: SirenBatchKernels, steps: number): Promise<void> {
  const encoder = gpu.device.createCommandEncoder();
  k.encodeSteps(encoder, steps);
  gpu.device.queue.submit([encoder.finish()]);
  await gpu.device.queue.onSubmittedWorkDone();
}

describe('SIREN training on the GPU', () => {
  it('same seed ⇒ bit-identical weights after 100 steps, twice in a row', async () => {
    const runs: Uint32Array[] = [];
    for (let r = 0; r < 2; r++) {
      const k = make(42, 3);
      for (let i = 0; i < 4; i++) await train(k, 25);
      const params = await k.readParams();
      runs.push(new Uint32Array(params.buffer));
      expect((await k.readStates()).map((s) => s.step)).toEqual([100, 100, 100]);
      k.destroy();
    }
    expect(runs[1]).toEqual(runs[0]);
    // and training did move the weights
    expect(new Uint32Array(initSirenBatch(spec, 3, 42).buffer)).not.toEqual(runs[0]);
  });

  it('a network at or below the stop loss freezes; the others keep training', async () => {
    const k = make(1, 2, 0.05);
    // network 1 starts with its target equal to its own output, so its loss is 0 from the start
    const out = await k.render(1, 1);
    const rng = new Rng(1);
    const targets = Float32Array.from({ length: 2 * 784 }, () => rng.uniform());
    targets.set(out, 784);
    k.setTargets(targets);
    const before = await k.readParams();
    await train(k, 5);
    const [a, b] = await k.readStates();
    expect(a.status).toBe(NET_STATUS.training);
    expect(a.step).toBe(5);
    expect(b.status).toBe(NET_STATUS.converged);
    expect(b.step).toBe(0);
    const after = await k.readParams();
    const P = k.paramCount;
    expect(Array.from(after.subarray(P))).toEqual(Array.from(before.subarray(P)));
    expect(Array.from(after.subarray(0, P))).not.toEqual(Array.from(before.subarray(0, P)));
    k.destroy();
  });

  it('a network whose loss is not finite is marked diverged and left untouched', async () => {
    const params = initSirenBatch(spec, 1, 3);
    params[params.length - 1] = Number.POSITIVE_INFINITY; // the output bias
    const k = make(3, 1, 0, params);
    await train(k, 3);
    const [s] = await k.readStates();
    expect(s.status).toBe(NET_STATUS.diverged);
    expect(s.step).toBe(0);
    k.destroy();
  });
});
