// The GPU render of the symmetry and alignment views: exact symmetries leave it unchanged, input transforms render
// the original at transformed coordinates, and it matches the CPU twin.
import { beforeAll, describe, expect, it } from 'vitest';
import { imageGrid, initSirenBatch, type SirenSpec } from '../models/siren';
import { testGpu } from '../testing/gpu';
import type { GpuRuntime } from '../gpu/runtime';
import { transformCoords, transformInputs } from '../weightspace/inputTransforms';
import { mlpLayout } from '../weightspace/layout';
import { Rng } from '../weightspace/rng';
import {
  negateSirenNeuron,
  randomHiddenPermutation,
  shiftSirenBias,
  transformHidden,
  unitSigns,
} from '../weightspace/symmetries';
import { renderSirensCpu, renderSirensGpu } from './renderSirens';

let gpu: GpuRuntime;
beforeAll(async () => {
  gpu = await testGpu();
});

const spec: SirenSpec = { dims: [2, 32, 32, 1], omega0: 30 };
const layout = mlpLayout(spec.dims);
const coords = imageGrid(28);
const maxDiff = (a: Float32Array, b: Float32Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('renderSirensGpu', () => {
  it('exact symmetries leave the render unchanged (≤ 1e-5), on the GPU and the twin', async () => {
    const a = initSirenBatch(spec, 1, 3);
    const rng = new Rng(1);
    const copies = [
      transformHidden(layout, a, randomHiddenPermutation(layout, rng), unitSigns(layout)),
      negateSirenNeuron(layout, a, 1, 5),
      negateSirenNeuron(layout, a, 2, 17),
      shiftSirenBias(layout, a, spec.omega0, 1, 3, 3),
      shiftSirenBias(layout, a, spec.omega0, 2, 9, -2),
    ];
    const batch = new Float32Array((copies.length + 1) * a.length);
    [a, ...copies].forEach((p, i) => batch.set(p, i * a.length));
    const gpuImages = await renderSirensGpu(gpu, spec, batch, coords);
    const cpuImages = renderSirensCpu(spec, batch, coords);
    const n = coords.length / 2;
    expect(maxDiff(gpuImages, cpuImages)).toBeLessThan(1e-5);
    for (let i = 1; i <= copies.length; i++) {
      expect(maxDiff(gpuImages.subarray(0, n), gpuImages.subarray(i * n, (i + 1) * n))).toBeLessThan(1e-5);
      expect(maxDiff(cpuImages.subarray(0, n), cpuImages.subarray(i * n, (i + 1) * n))).toBeLessThan(1e-5);
    }
    // the copies' weights did change
    expect(maxDiff(a, copies[0])).toBeGreaterThan(1e-3);
  });

  it('translate / rotate / scale render the original at transformed coordinates', async () => {
    const a = initSirenBatch(spec, 1, 5);
    for (const t of [
      { kind: 'translate', t: [0.1, -0.2] },
      { kind: 'rotate', radians: 0.4 },
      { kind: 'scale', s: 1.15 },
    ] as const) {
      const moved = await renderSirensGpu(gpu, spec, transformInputs(layout, a, t), coords);
      const expected = await renderSirensGpu(gpu, spec, a, transformCoords(coords, 2, t));
      expect(maxDiff(moved, expected)).toBeLessThan(1e-5);
      expect(maxDiff(moved, await renderSirensGpu(gpu, spec, a, coords))).toBeGreaterThan(1e-3);
    }
  });
});
