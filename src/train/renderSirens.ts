/** Renders a batch of SIRENs at given coordinates in one forward dispatch (the symmetry and alignment views). */
import { SirenBatchKernels } from '../gpu/kernels/sirenKernels';
import type { GpuRuntime } from '../gpu/runtime';
import { sirenLayout, type SirenSpec } from '../models/siren';
import { DEFAULT_ADAM } from '../reference/adam';
import { sirenForward } from '../reference/siren';

/** `[B, N·dL]` renders f(x) + OUTPUT_OFFSET of the `[B, P]` networks at the `[N, d0]` coordinates, on the GPU. */
export async function renderSirensGpu(
  gpu: GpuRuntime,
  spec: SirenSpec,
  params: Float32Array,
  coords: Float32Array,
): Promise<Float32Array> {
  await SirenBatchKernels.prepare(gpu, spec);
  const B = params.length / sirenLayout(spec).paramCount;
  const points = coords.length / spec.dims[0];
  const kernels = new SirenBatchKernels(gpu, {
    spec,
    params,
    coords,
    targets: new Float32Array(B * points * spec.dims[spec.dims.length - 1]),
    adam: DEFAULT_ADAM,
    stopLoss: 0,
  });
  try {
    return await kernels.render(); // the forward kernel adds OUTPUT_OFFSET itself
  } finally {
    kernels.destroy();
  }
}

/** The same on the CPU twin (float64, rounded to float32): the fallback without WebGPU. */
export function renderSirensCpu(spec: SirenSpec, params: Float32Array, coords: Float32Array): Float32Array {
  const P = sirenLayout(spec).paramCount;
  const B = params.length / P;
  const points = coords.length / spec.dims[0];
  const dL = spec.dims[spec.dims.length - 1];
  const out = new Float32Array(B * points * dL);
  for (let b = 0; b < B; b++) out.set(sirenForward(spec, params.subarray(b * P, (b + 1) * P), coords), b * points * dL); // the twin adds OUTPUT_OFFSET itself
  return out;
}
