/**
 * W2 on this project's WGSL kernels: one DWS or NFN-NP layer (32 → 32 channels) forward + backward (parameter
 * and input gradients) on 32 networks' weight-space features, SIREN [2,32,32,1]. Items = networks.
 * FLOPs counted: 2 per multiply-add of every block term of the forward tables, ×3 for forward + both adjoints.
 */
import { acquireGpu } from '../src/gpu/device';
import { GpuRuntime } from '../src/gpu/runtime';
import { WsGraphKernels } from '../src/gpu/kernels/wsGraphKernels';
import { addEquivariantLayer, type EquivariantKind } from '../src/models/equivariantLayer';
import { WsGraph } from '../src/models/wsGraph';
import { mlpLayout } from '../src/weightspace/layout';
import { Rng } from '../src/weightspace/rng';
import { result, shapesPolicy, timeSteps, W2, type BenchResult, type KernelShapes } from './workloads';

function layerFlops(g: WsGraph, batch: number): number {
  let macs = 0;
  for (const op of g.ops) {
    if (op.kind !== 'gather') continue;
    const cIn = op.src.map((k) => g.nodes[k].channels);
    const cOut = g.nodes[op.dst].channels;
    const rows0 = g.nodes[op.src[0]].rows;
    for (let i = 0; i < op.table.row.length; i++) {
      if (op.table.blk[i] >= 0 && op.table.row[i] >= 0) macs += cOut * (op.table.row[i] < rows0 ? cIn[0] : cIn[1]);
    }
  }
  return 2 * 3 * macs * batch;
}

export async function benchWeightscapeW2(
  kind: EquivariantKind,
  minSteps: number,
  budgetMs: number,
  channels: number = W2.channels,
  batch: number = W2.batch,
  shapes: KernelShapes = 'auto',
): Promise<BenchResult> {
  const gpu = new GpuRuntime(await acquireGpu());
  const errors: string[] = [];
  gpu.device.addEventListener('uncapturederror', (e) => errors.push((e as GPUUncapturedErrorEvent).error.message));
  const layout = mlpLayout(W2.dims);
  const g = new WsGraph();
  addEquivariantLayer(g, layout, kind, g.node('x', layout.paramCount, channels), channels, kind);
  const { policy, suffix } = shapesPolicy(gpu, shapes);
  const k = new WsGraphKernels(gpu, g, batch, [0], policy);
  const rng = new Rng(1);
  const random = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.symmetric(1));
  k.setParams(random(g.params.size).map((v) => v * 0.05));
  k.setInput(random(batch * layout.paramCount * channels));
  const dOut = random(batch * layout.paramCount * channels);
  gpu.device.queue.writeBuffer(k.output.grad, 0, dOut.buffer, 0, dOut.byteLength);
  const [steps, ms] = await timeSteps(
    async (n) => {
      const encoder = gpu.device.createCommandEncoder();
      for (let i = 0; i < n; i++) {
        const pass = encoder.beginComputePass();
        k.encodeForward(pass, batch);
        k.encodeBackward(pass, batch);
        pass.end();
      }
      gpu.device.queue.submit([encoder.finish()]);
      await gpu.device.queue.onSubmittedWorkDone();
    },
    minSteps,
    budgetMs,
  );
  k.destroy();
  gpu.device.destroy();
  if (errors.length) throw new Error(`${errors.length} GPU errors, the first: ${errors[0].slice(0, 400)}`);
  return result(
    `weightscape-wgsl-${kind}${suffix}`,
    gpu.context.adapterName,
    batch,
    steps,
    ms,
    'W2',
    layerFlops(g, batch),
  );
}
