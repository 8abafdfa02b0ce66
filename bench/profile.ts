/**
 * The profile workload: where a weight-space training step spends its time, dispatch by dispatch. For the W2 DWS
 * and NFN-NP layers and for the default model (DWS 2 × 8 channels on 4 Fourier features, head, 10 classes) at batch
 * 32: each op's time, its dispatches back to back (the time of 5 runs minus that of 1, over 4: the submit-to-done
 * latency cancels; best of 3), and the whole step (forward + backward) timed the same way. Printed as a table, not a
 * JSON line: it is for finding what to speed up.
 */
import { acquireGpu } from '../src/gpu/device';
import { GpuRuntime } from '../src/gpu/runtime';
import { WsGraphKernels } from '../src/gpu/kernels/wsGraphKernels';
import { addEquivariantLayer } from '../src/models/equivariantLayer';
import { WsGraph } from '../src/models/wsGraph';
import { buildWsModel } from '../src/models/wsModel';
import { DEFAULT_WS_TRAIN } from '../src/train/wsTrainConfig';
import { mlpLayout } from '../src/weightspace/layout';
import { Rng } from '../src/weightspace/rng';
import { shapesPolicy, W2, type KernelShapes } from './workloads';

export type ProfiledGraph = 'w2-dws' | 'w2-nfn' | 'model';

function graphOf(which: ProfiledGraph): { graph: WsGraph; inputGrads: number[] } {
  const layout = mlpLayout(W2.dims);
  if (which === 'model') {
    const t = DEFAULT_WS_TRAIN;
    return {
      graph: buildWsModel(layout, {
        kind: t.kind,
        depth: t.depth,
        channels: t.channels,
        outputs: 10,
        inputChannels: 1 + 2 * t.fourier,
      }).graph,
      inputGrads: [],
    };
  }
  const graph = new WsGraph();
  addEquivariantLayer(
    graph,
    layout,
    which === 'w2-dws' ? 'dws' : 'nfn',
    graph.node('x', layout.paramCount, W2.channels),
    W2.channels,
    which.slice(3) as 'dws' | 'nfn',
  );
  return { graph, inputGrads: [0] };
}

export async function profileStep(
  which: ProfiledGraph,
  batch: number = W2.batch,
  shapes: KernelShapes = 'auto',
): Promise<string> {
  const gpu = new GpuRuntime(await acquireGpu());
  const { graph, inputGrads } = graphOf(which);
  const { policy, suffix } = shapesPolicy(gpu, shapes);
  await WsGraphKernels.prepare(gpu, graph, inputGrads, policy);
  const k = new WsGraphKernels(gpu, graph, batch, inputGrads, policy);
  const rng = new Rng(1);
  const random = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.symmetric(1));
  k.setParams(random(graph.params.size).map((v) => v * 0.05));
  k.setInput(random(batch * graph.nodes[0].rows * graph.nodes[0].channels));
  const out = graph.nodes[graph.output];
  const dOut = random(batch * out.rows * out.channels);
  gpu.device.queue.writeBuffer(k.output.grad, 0, dOut.buffer, 0, dOut.byteLength);

  const time = async (encode: (pass: GPUComputePassEncoder) => void): Promise<number> => {
    const run = async (reps: number): Promise<number> => {
      const started = performance.now();
      const encoder = gpu.device.createCommandEncoder();
      for (let i = 0; i < reps; i++) {
        const pass = encoder.beginComputePass();
        encode(pass);
        pass.end();
      }
      gpu.device.queue.submit([encoder.finish()]);
      await gpu.device.queue.onSubmittedWorkDone();
      return performance.now() - started;
    };
    await run(1);
    let best = Infinity;
    for (let rep = 0; rep < 3; rep++) {
      const one = await run(1);
      best = Math.min(best, ((await run(5)) - one) / 4);
    }
    return best;
  };

  // each op's dispatches back to back in one pass (a dispatch timed alone hides the ~0.15–0.3 ms that a CPU adapter
  // spends between dispatches, and its subtraction is noisy for tiny ones)
  const byOp = new Map<string, ReturnType<typeof k.dispatches>>();
  for (const d of k.dispatches(batch)) {
    const op = d.label.replace(/\.(gemm|loop)\d+$/, ' (block passes)').replace(/\.wave\d+$/, ' (block waves)');
    byOp.set(op, [...(byOp.get(op) ?? []), d]);
  }
  const rows: [string, number, number][] = [];
  for (const [op, list] of byOp)
    rows.push([op, list.length, await time((pass) => list.forEach((d) => d.encode(pass)))]);
  const whole = await time((pass) => {
    k.encodeForward(pass, batch);
    k.encodeBackward(pass, batch);
  });
  k.destroy();
  gpu.device.destroy();
  // a tiny op can come out below 0: the noise of the subtraction
  const lines = rows.map(
    ([op, count, ms]) =>
      `  ${op.padEnd(40)} ${String(count).padStart(3)} × ${Math.max(0, ms).toFixed(1).padStart(7)} ms`,
  );
  const sum = rows.reduce((s, [, , ms]) => s + ms, 0);
  const dispatches = rows.reduce((s, [, count]) => s + count, 0);
  return [
    `${which}${suffix}, batch ${batch}, ${gpu.context.adapterName}: ${dispatches} dispatches, ${sum.toFixed(1)} ms op by op, whole step ${whole.toFixed(1)} ms`,
    ...lines,
  ].join('\n');
}
