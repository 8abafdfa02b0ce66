// Probe features on the GPU (probe_features.wgsl) against their float64 twin (reference/probes.ts), the twin's
// coordinate gradient against finite differences of the SIREN's own forward, and the features' invariance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initSirenBatch } from '../../models/siren';
import { probeCoordGrad, probeFeatures } from '../../reference/probes';
import { sirenForward } from '../../reference/siren';
import { maxRelativeError } from '../../testing/compare';
import { testGpu, uncapturedErrors } from '../../testing/gpu';
import { mlpLayout } from '../../weightspace/layout';
import { Rng } from '../../weightspace/rng';
import { randomHiddenPermutation, randomHiddenSigns, transformHidden } from '../../weightspace/symmetries';
import { readBuffer } from '../readback';
import type { GpuRuntime } from '../runtime';
import { ProbeKernel } from './probeKernel';

let gpu: GpuRuntime;
afterAll(() => expect(uncapturedErrors).toEqual([]));

const CASES = [
  { dims: [2, 32, 32, 1], B: 5, K: 16 },
  { dims: [2, 7, 5, 9, 3], B: 3, K: 70 },
];
beforeAll(async () => {
  gpu = await testGpu();
  await Promise.all(CASES.map((c) => ProbeKernel.prepare(gpu, c.dims)));
});

const OFFSET = 12; // the coordinates somewhere inside Θ, not at its start
const STORAGE = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;

async function runKernel(dims: number[], raw: Float32Array, coords: Float32Array, featureGrad: Float32Array) {
  const P = mlpLayout(dims).paramCount;
  const B = raw.length / P;
  const K = coords.length / dims[0];
  const dL = dims[dims.length - 1];
  // normalise with made-up per-parameter σ and μ: the kernel must undo exactly this
  const rng = new Rng(P);
  const scale = Float32Array.from({ length: P }, () => 0.5 + rng.uniform());
  const shift = Float32Array.from({ length: P }, () => 0.1 * (2 * rng.uniform() - 1));
  const x = raw.map((w, i) => (w - shift[i % P]) / scale[i % P]);
  const rawSeen = x.map((v, i) => v * scale[i % P] + shift[i % P]); // what the kernel reconstructs, in f32
  const theta = new Float32Array(OFFSET + coords.length + 4);
  theta.set(coords, OFFSET);
  const { device } = gpu;
  const buffer = (data: Float32Array) => {
    const b = device.createBuffer({ size: Math.ceil((4 * data.length) / 16) * 16, usage: STORAGE });
    device.queue.writeBuffer(b, 0, data.buffer, data.byteOffset, data.byteLength);
    return b;
  };
  const thetaBuf = buffer(theta);
  const dTheta = buffer(new Float32Array(theta.length).fill(7));
  const features = buffer(new Float32Array(B * K * dL));
  const grads = buffer(featureGrad);
  const kernel = new ProbeKernel(
    gpu,
    { dims, omega0: 30, probes: K, coordOffset: OFFSET, maxNetworks: B, scale, shift },
    { points: thetaBuf, dTheta, features, featureGrads: grads },
  );
  kernel.set(x);
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  kernel.encode(pass, B);
  kernel.encodeBackward(pass, B);
  pass.end();
  device.queue.submit([encoder.finish()]);
  const out = new Float32Array(await readBuffer(device, features)).subarray(0, B * K * dL);
  const dT = new Float32Array(await readBuffer(device, dTheta));
  kernel.destroy();
  for (const b of [thetaBuf, dTheta, features, grads]) b.destroy();
  return { features: out, coordGrad: dT.subarray(OFFSET, OFFSET + coords.length), untouched: dT[0], rawSeen };
}

describe('ProbeKernel', () => {
  for (const { dims, B, K } of CASES) {
    it(`features and coordinate gradients match the twin (dims ${dims.join('-')}, ${B} networks, ${K} probes)`, async () => {
      const rng = new Rng(K);
      const spec = { dims, omega0: 30 };
      const raw = initSirenBatch(spec, B, 3);
      const coords = Float32Array.from({ length: K * dims[0] }, () => 2 * rng.uniform() - 1);
      const dL = dims[dims.length - 1];
      const g = Float32Array.from({ length: B * K * dL }, () => 2 * rng.uniform() - 1);
      const got = await runKernel(dims, raw, coords, g);
      expect(maxRelativeError(got.features, probeFeatures(spec, got.rawSeen, coords))).toBeLessThan(1e-5);
      expect(maxRelativeError(got.coordGrad, probeCoordGrad(spec, got.rawSeen, coords, g))).toBeLessThan(1e-4);
      expect(got.untouched).toBe(7); // dΘ outside the coordinates is the model's, not the kernel's
    });
  }

  it("the twin's coordinate gradient equals central differences of the SIREN's forward", () => {
    const spec = { dims: [2, 16, 16, 2], omega0: 30 };
    const raw = initSirenBatch(spec, 2, 9);
    const rng = new Rng(1);
    const K = 3;
    const coords = Float64Array.from({ length: K * 2 }, () => 2 * rng.uniform() - 1);
    const g = Float64Array.from({ length: 2 * K * 2 }, () => 2 * rng.uniform() - 1);
    // L(c) = Σ g · f(c): its gradient is Σ_b J_bᵀ g
    const loss = (c: Float64Array) => sirenForward(spec, raw, c).reduce((s, f, i) => s + f * g[i], 0);
    const analytic = probeCoordGrad(spec, raw, coords, g);
    const h = 1e-6;
    for (let i = 0; i < coords.length; i++) {
      const up = Float64Array.from(coords);
      const down = Float64Array.from(coords);
      up[i] += h;
      down[i] -= h;
      const numeric = (loss(up) - loss(down)) / (2 * h);
      expect(Math.abs(analytic[i] - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
    }
  });

  it('the features are unchanged by a hidden permutation and a negation of the network (on the GPU)', async () => {
    const dims = [2, 32, 32, 1];
    const layout = mlpLayout(dims);
    const spec = { dims, omega0: 30 };
    const net = initSirenBatch(spec, 1, 5);
    const rng = new Rng(2);
    const signs = randomHiddenSigns(layout, rng);
    const moved = transformHidden(layout, net, randomHiddenPermutation(layout, rng), signs);
    const both = new Float32Array(2 * layout.paramCount);
    both.set(net, 0);
    both.set(moved, layout.paramCount);
    const coords = Float32Array.from({ length: 16 * 2 }, () => 2 * rng.uniform() - 1);
    const { features } = await runKernel(dims, both, coords, new Float32Array(2 * 16));
    expect(maxRelativeError(features.subarray(16), features.subarray(0, 16))).toBeLessThan(1e-5);
  });
});
