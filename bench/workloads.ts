/** The bench workloads' shapes and FLOP counts (docs/design.md §8), shared by every implementation. */
import type { PassPolicy } from '../src/gpu/kernels/blockPasses';
import { CPU_PASS_POLICY, GPU_PASS_POLICY, passPolicyFor } from '../src/gpu/kernels/wsGraphKernels';
import type { GpuRuntime } from '../src/gpu/runtime';
import { mlpLayout } from '../src/weightspace/layout';

export interface BenchResult {
  workload: string;
  impl: string;
  adapter: string;
  B: number;
  steps: number;
  ms_per_step: number;
  items_per_s: number;
  gflops: number;
}

export const W1 = { dims: [2, 32, 32, 1], omega0: 30, side: 28, lr: 5e-4 } as const;

/** forward 2·MACs, backward 4·MACs (input and weight gradients) per point: 6·N·B·Σ nIn·nOut */
export function w1FlopsPerStep(batch: number): number {
  return 6 * W1.side * W1.side * batch * mlpLayout(W1.dims).weightCount;
}

/**
 * `--shapes=cpu|gpu`: run the weight-space kernels in the CPU adapter's or a GPU's shapes (PassPolicy) whatever the
 * adapter, to compare them on one machine; absent: the adapter's own (passPolicyFor).
 */
export type KernelShapes = 'cpu' | 'gpu' | 'auto';

/** The pass policy of `shapes`, and the suffix that names a forced one in the result. */
export function shapesPolicy(gpu: GpuRuntime, shapes: KernelShapes): { policy: PassPolicy; suffix: string } {
  if (shapes === 'auto') return { policy: passPolicyFor(gpu), suffix: '' };
  return { policy: shapes === 'cpu' ? CPU_PASS_POLICY : GPU_PASS_POLICY, suffix: `-${shapes}-shapes` };
}

/** W2 (docs/design.md §8): one weight-space layer fwd + bwd on a batch of SIREN [2,32,32,1] weight-space features. */
export const W2 = { dims: [2, 32, 32, 1], batch: 32, channels: 32 } as const;

export function result(
  impl: string,
  adapter: string,
  batch: number,
  steps: number,
  ms: number,
  workload = 'W1',
  flopsPerStep = w1FlopsPerStep(batch),
): BenchResult {
  const msPerStep = ms / steps;
  return {
    workload,
    impl,
    adapter,
    B: batch,
    steps,
    ms_per_step: round(msPerStep),
    items_per_s: round((1000 * batch) / msPerStep),
    gflops: round(flopsPerStep / msPerStep / 1e6),
  };
}

function round(x: number): number {
  return Number(x.toPrecision(4));
}

/**
 * Runs `step(n)` (n steps, resolved when done) for at least `minSteps` and about `budgetMs`, after one warm-up
 * step; returns [steps, ms].
 */
export async function timeSteps(
  step: (n: number) => Promise<void>,
  minSteps: number,
  budgetMs: number,
): Promise<[number, number]> {
  await step(1);
  let steps = 0;
  const start = performance.now();
  let chunk = 1;
  while (steps < minSteps || performance.now() - start < budgetMs) {
    await step(chunk);
    steps += chunk;
    const perStep = (performance.now() - start) / steps;
    chunk = Math.max(1, Math.min(20, Math.floor(budgetMs / 4 / perStep)));
    if (performance.now() - start > budgetMs && steps >= minSteps) break;
  }
  return [steps, performance.now() - start];
}
