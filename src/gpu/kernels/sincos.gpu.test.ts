// shaders/sincos.wgsl on the test browser's WebGPU adapter against Math.sin / Math.cos (float64), over every
// quadrant of both signs, the quadrant boundaries and the range SIREN arguments ω0·z reach.
import { afterAll, beforeAll, expect, it } from 'vitest';
import sinCosWgsl from '../../../shaders/sincos.wgsl?raw';
import { testGpu, uncapturedErrors } from '../../testing/gpu';
import { Rng } from '../../weightspace/rng';
import { readBuffer } from '../readback';
import type { GpuRuntime } from '../runtime';

let gpu: GpuRuntime;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => expect(uncapturedErrors).toEqual([]));

const probe = `${sinCosWgsl}
@group(0) @binding(0) var<storage, read> xs: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<vec2<f32>>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x < arrayLength(&xs)) { out[gid.x] = sin_cos(xs[gid.x]); }
}`;

async function sinCosOnGpu(xs: Float32Array): Promise<Float32Array> {
  const { device } = gpu;
  const input = device.createBuffer({ size: xs.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(input, 0, xs.buffer, xs.byteOffset, xs.byteLength);
  const output = device.createBuffer({
    size: 2 * xs.byteLength,
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
  });
  const pipeline = device.createComputePipeline({
    layout: 'auto',
    compute: { module: device.createShaderModule({ code: probe }), entryPoint: 'main' },
  });
  const bind = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [
      { binding: 0, resource: { buffer: input } },
      { binding: 1, resource: { buffer: output } },
    ],
  });
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bind);
  pass.dispatchWorkgroups(Math.ceil(xs.length / 64));
  pass.end();
  device.queue.submit([encoder.finish()]);
  const got = new Float32Array(await readBuffer(device, output));
  for (const b of [input, output]) b.destroy();
  return got;
}

it('sin_cos equals Math.sin / Math.cos within 1e-6 in every quadrant, for |x| up to 1000', async () => {
  const rng = new Rng(7);
  const xs = Float32Array.from([
    ...Array.from({ length: 4000 }, () => 2000 * rng.uniform() - 1000),
    ...Array.from({ length: 2000 }, () => 20 * rng.uniform() - 10),
    // the quadrant boundaries k·π/4, where the reduction switches quadrant
    ...Array.from({ length: 161 }, (_, i) => ((i - 80) * Math.PI) / 4),
    0,
    -0,
  ]);
  const got = await sinCosOnGpu(xs);
  const quadrants = new Set<number>();
  let worst = 0;
  xs.forEach((x, i) => {
    worst = Math.max(worst, Math.abs(got[2 * i] - Math.sin(x)), Math.abs(got[2 * i + 1] - Math.cos(x)));
    quadrants.add(((Math.round(x / (Math.PI / 2)) % 4) + 4) % 4);
  });
  expect([...quadrants].sort()).toEqual([0, 1, 2, 3]);
  expect(worst).toBeLessThan(1e-6);
});
