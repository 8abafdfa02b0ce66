/** W1 on this project's WGSL kernels: B SIRENs [2,32,32,1] on 28×28 targets, fwd + bwd + Adam per step. */
import { acquireGpu } from '../src/gpu/device';
import { GpuRuntime } from '../src/gpu/runtime';
import { SirenBatchKernels } from '../src/gpu/kernels/sirenKernels';
import { imageGrid, initSirenBatch } from '../src/models/siren';
import { DEFAULT_ADAM } from '../src/reference/adam';
import { Rng } from '../src/weightspace/rng';
import { result, timeSteps, W1, type BenchResult } from './workloads';

export async function benchWeightscapeW1(batch: number, minSteps: number, budgetMs: number): Promise<BenchResult> {
  const gpu = new GpuRuntime(await acquireGpu());
  const errors: string[] = [];
  gpu.device.addEventListener('uncapturederror', (e) => errors.push((e as GPUUncapturedErrorEvent).error.message));
  const spec = { dims: W1.dims, omega0: W1.omega0 };
  const rng = new Rng(1);
  const points = W1.side * W1.side;
  const k = new SirenBatchKernels(gpu, {
    spec,
    params: initSirenBatch(spec, batch, 1),
    coords: imageGrid(W1.side),
    targets: Float32Array.from({ length: batch * points }, () => rng.uniform()),
    adam: { ...DEFAULT_ADAM, lr: W1.lr },
    stopLoss: 0,
  });
  const [steps, ms] = await timeSteps(
    async (n) => {
      const encoder = gpu.device.createCommandEncoder();
      k.encodeSteps(encoder, n);
      gpu.device.queue.submit([encoder.finish()]);
      await gpu.device.queue.onSubmittedWorkDone();
    },
    minSteps,
    budgetMs,
  );
  k.destroy();
  gpu.device.destroy();
  if (errors.length) throw new Error(`${errors.length} GPU errors, the first: ${errors[0].slice(0, 400)}`);
  return result('weightscape-wgsl', gpu.context.adapterName, batch, steps, ms);
}
