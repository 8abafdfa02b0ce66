// The weight-space kernels (gather_rows, block_gemm, block_wave, block_grad and its reduce, loss) against the
// float64 twins on the test browser's adapter: every layer's forward, parameter and input gradients; float32
// equivariance and invariance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEquivariantLayer, type EquivariantKind } from '../../models/equivariantLayer';
import { buildWsModel, initWsParams } from '../../models/wsModel';
import { TableBuilder } from '../../models/gatherTable';
import { WsGraph } from '../../models/wsGraph';
import { meanSquaredErrorLoss, softmaxCrossEntropy } from '../../reference/losses';
import { twinBackward, twinForward } from '../../reference/wsGraphTwin';
import { maxRelativeError } from '../../testing/compare';
import { testGpu, uncapturedErrors } from '../../testing/gpu';
import { mlpLayout, type MlpLayout } from '../../weightspace/layout';
import { Rng } from '../../weightspace/rng';
import { permuteHidden, randomHiddenPermutation } from '../../weightspace/symmetries';
import type { GpuRuntime } from '../runtime';
import type { PassPolicy } from './blockPasses';
import { LossKernel, type LossKind } from './lossKernel';
import { CPU_PASS_POLICY, GPU_PASS_POLICY, WsGraphKernels } from './wsGraphKernels';

let gpu: GpuRuntime;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => expect(uncapturedErrors).toEqual([]));

const random = (n: number, seed: number, scale = 1): Float32Array => {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => rng.symmetric(scale));
};

async function runGpu(
  g: WsGraph,
  theta: Float32Array,
  x: Float32Array,
  dOut: Float32Array,
  batch: number,
  passPolicy?: PassPolicy,
  /** the values of a second input node (node 1: a DWS head's probe features), whose gradient is read too */
  second?: Float32Array,
): Promise<{ y: Float32Array; dTheta: Float32Array; dx: Float32Array; dSecond?: Float32Array }> {
  const k = new WsGraphKernels(gpu, g, batch, second ? [0, 1] : [0], passPolicy);
  k.setParams(theta);
  k.setInput(x);
  if (second) gpu.device.queue.writeBuffer(k.values[1], 0, second.buffer, second.byteOffset, second.byteLength);
  gpu.device.queue.writeBuffer(k.output.grad, 0, dOut.buffer, dOut.byteOffset, dOut.byteLength);
  const encoder = gpu.device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  k.encodeForward(pass, batch);
  k.encodeBackward(pass, batch);
  pass.end();
  gpu.device.queue.submit([encoder.finish()]);
  const out = g.nodes[g.output];
  const [y, dTheta, dx, dSecond] = await Promise.all([
    k.read(k.output.value, batch * out.rows * out.channels),
    k.read(k.dTheta, g.params.size),
    k.read(k.grads[0]!, x.length),
    second ? k.read(k.grads[1]!, second.length) : undefined,
  ]);
  k.destroy();
  return { y, dTheta, dx, dSecond };
}

/**
 * The kernels against the twin, six times: with every block of an op in its own block pass (block_gemm.wgsl, the
 * rest summed by the gather kernel, gather_rows.wgsl) in either shape (R rows per invocation reading the uniform
 * window; a private copy of the block and a loop over rows), with every block's pairs merged into block waves
 * (block_wave.wgsl), with every block left to the gather kernel, and with the GPU and the CPU policy with their work
 * thresholds scaled to these small shapes (some ops run their table, others passes and waves). All but the first two
 * rewrite the long identity rows they can from shorter ones (rowReassociation.ts), at thresholds these shapes reach.
 * Block gradients: block_grad.wgsl unsplit (the first), in register tiles (block_grad_tiles.wgsl: one item per block
 * in the second, items of 7 pairs' worth of terms in the last, so that blocks have several and pairs run out mid-way
 * through an invocation's P), and split into slices of 5 pairs (wide workgroups), of 1 (narrow ones; more slices
 * than pairs: empty ones) and of 16 (wide), all but the first added by block_grad_reduce.wgsl.
 */
const POLICIES: PassPolicy[] = [
  {
    maxBlocks: 64,
    minWork: 0,
    mergeBelow: 0,
    reassociateFrom: Infinity,
    gradSlicePairs: Infinity,
    gradWideWorkgroups: false,
    gradTiles: false,
    gemmLoop: false,
    maxPassBlock: 16384,
  },
  {
    maxBlocks: 64,
    minWork: 0,
    mergeBelow: 0,
    reassociateFrom: Infinity,
    gradSlicePairs: Infinity,
    gradWideWorkgroups: false,
    gradTiles: true,
    gemmLoop: true,
    maxPassBlock: 16384,
  },
  {
    maxBlocks: 64,
    minWork: 0,
    mergeBelow: Infinity,
    reassociateFrom: 3,
    gradSlicePairs: 5,
    gradWideWorkgroups: true,
    gradTiles: false,
    gemmLoop: false,
    maxPassBlock: 16384,
  },
  {
    maxBlocks: 0,
    minWork: 0,
    mergeBelow: 0,
    reassociateFrom: 3,
    gradSlicePairs: 1,
    gradWideWorkgroups: false,
    gradTiles: false,
    gemmLoop: false,
    maxPassBlock: 16384,
  },
  { ...GPU_PASS_POLICY, minWork: 40, mergeBelow: 60, reassociateFrom: 6, gradSlicePairs: 16 },
  { ...CPU_PASS_POLICY, minWork: 40, mergeBelow: 60, reassociateFrom: 6, gradSlicePairs: 7 },
];
async function compareWithTwin(
  g: WsGraph,
  rowsIn: number,
  cIn: number,
  batch: number,
  seed: number,
  policies = POLICIES,
): Promise<void> {
  const theta = random(g.params.size, seed, 0.5);
  const x = random(batch * rowsIn * cIn, seed + 1);
  const out = g.nodes[g.output];
  const dOut = random(batch * out.rows * out.channels, seed + 2);
  const th = Float64Array.from(theta);
  const values = twinForward(g, th, Float64Array.from(x), batch);
  const twin = twinBackward(g, th, values, Float64Array.from(dOut), batch, [0]);
  for (const policy of policies) {
    const gpuResult = await runGpu(g, theta, x, dOut, batch, policy);
    const name = JSON.stringify(policy);
    expect(maxRelativeError(gpuResult.y, values[g.output]), `forward, ${name}`).toBeLessThan(1e-5);
    expect(maxRelativeError(gpuResult.dTheta, twin.dTheta), `dΘ, ${name}`).toBeLessThan(1e-4);
    expect(maxRelativeError(gpuResult.dx, twin.grads[0]!), `dx, ${name}`).toBeLessThan(1e-4);
  }
}

const small = mlpLayout([2, 5, 3, 2]);

describe.each(['dws', 'nfn'] as EquivariantKind[])('%s layer kernels', (kind) => {
  const layerGraph = (layout: MlpLayout, cIn: number, cOut: number): WsGraph => {
    const g = new WsGraph();
    addEquivariantLayer(g, layout, kind, g.node('x', layout.paramCount, cIn), cOut, kind);
    return g;
  };

  it('forward and backward match the twin (3 networks, 3 → 4 channels)', () =>
    compareWithTwin(layerGraph(small, 3, 4), small.paramCount, 3, 3, 1));
  // 5 networks: a full group of the kernels' networks-per-invocation and a partial one; 1 channel: scalar paths
  it('forward and backward match the twin (5 networks, 4 → 4 and 1 → 1 channels)', async () => {
    await compareWithTwin(layerGraph(small, 4, 4), small.paramCount, 4, 5, 2);
    await compareWithTwin(layerGraph(small, 1, 1), small.paramCount, 1, 5, 3);
  });

  it('forward and backward match the twin on SIREN-shaped inputs ([2,8,8,1], 1 → 8 channels)', () =>
    compareWithTwin(layerGraph(mlpLayout([2, 8, 8, 1]), 1, 8), mlpLayout([2, 8, 8, 1]).paramCount, 1, 2, 5));

  it('is equivariant in float32 (≤ 1e-5)', async () => {
    const layout = mlpLayout([2, 8, 8, 1]);
    const g = layerGraph(layout, 2, 4);
    const theta = random(g.params.size, 3, 0.5);
    const x = random(layout.paramCount * 2, 4);
    const perm = randomHiddenPermutation(layout, new Rng(9));
    const zeros = new Float32Array(layout.paramCount * 4);
    const { y } = await runGpu(g, theta, x, zeros, 1);
    const { y: yPermuted } = await runGpu(g, theta, permuteHidden(layout, x, perm, 2), zeros, 1);
    expect(maxRelativeError(yPermuted, permuteHidden(layout, y, perm, 4))).toBeLessThan(1e-5);
  });
});

describe.each(['dws', 'nfn'] as const)('%s with head probes: kernels', (kind) => {
  it('forward and backward (Θ, the weights and the probe features) match the twin', async () => {
    const layout = mlpLayout([2, 6, 5, 1]);
    const { graph: g } = buildWsModel(layout, { kind, depth: 1, channels: 3, outputs: 3, headProbes: 7 });
    const batch = 3;
    const theta = random(g.params.size, 21, 0.5);
    const x = random(batch * layout.paramCount, 22);
    const features = random(batch * 7, 23);
    const dOut = random(batch * 3, 24);
    const th = Float64Array.from(theta);
    const values = twinForward(g, th, [Float64Array.from(x), Float64Array.from(features)], batch);
    const twin = twinBackward(g, th, values, Float64Array.from(dOut), batch, [0, 1]);
    const got = await runGpu(g, theta, x, dOut, batch, undefined, features);
    expect(maxRelativeError(got.y, values[g.output])).toBeLessThan(1e-5);
    expect(maxRelativeError(got.dTheta, twin.dTheta)).toBeLessThan(1e-4);
    expect(maxRelativeError(got.dx, twin.grads[0]!)).toBeLessThan(1e-4);
    expect(maxRelativeError(got.dSecond!, twin.grads[1]!)).toBeLessThan(1e-4);
  });
});

describe.each(['dws', 'nfn', 'mlp'] as const)('%s model kernels', (kind) => {
  const layout = mlpLayout([2, 6, 5, 1]);
  const model = buildWsModel(layout, { kind, depth: 2, channels: 4, outputs: 3 });

  it('forward and backward match the twin', () => compareWithTwin(model.graph, layout.paramCount, 1, 3, 11));

  it(
    kind === 'mlp'
      ? 'changes its output on permuted networks (not invariant)'
      : 'gives the same output on permuted networks (≤ 1e-4)',
    async () => {
      const theta = initWsParams(model, 2);
      const x = random(2 * layout.paramCount, 4);
      const rng = new Rng(1);
      const permuted = new Float32Array(x.length);
      for (let n = 0; n < 2; n++)
        permuted.set(
          permuteHidden(
            layout,
            x.subarray(n * layout.paramCount, (n + 1) * layout.paramCount),
            randomHiddenPermutation(layout, rng),
          ),
          n * layout.paramCount,
        );
      const dOut = new Float32Array(6);
      const { y } = await runGpu(model.graph, theta, x, dOut, 2);
      const { y: yPermuted } = await runGpu(model.graph, theta, permuted, dOut, 2);
      const err = maxRelativeError(yPermuted, y);
      if (kind === 'mlp') expect(err).toBeGreaterThan(1e-3);
      else expect(err).toBeLessThan(1e-4);
    },
  );
});

describe('probe reader kernels', () => {
  // its input node is the probe features [K, dL]; its points are a block of Θ outside every op
  const layout = mlpLayout([2, 6, 5, 2]);
  const model = buildWsModel(layout, { kind: 'probe', depth: 2, channels: 4, outputs: 3, probes: 5 });

  it('forward and backward (the input gradient included) match the twin', () =>
    compareWithTwin(model.graph, 5, 2, 3, 13));
});

describe('block passes (block_gemm.wgsl)', () => {
  /**
   * One op: rows 0–2 read x through block A (row 0 twice: two waves of the pass), row 3 through block B, every row
   * a bias, row 2 also an identity copy when the channels allow. Every product shape: vector and scalar sources,
   * destinations and weight quads, forward and transposed.
   */
  const graphOf = (cIn: number, cOut: number): WsGraph => {
    const g = new WsGraph();
    const x = g.node('x', 5, cIn);
    const a = g.params.block(cIn, cOut, 2 * cIn);
    const b = g.params.block(cIn, cOut, cIn);
    const bias = g.params.block(1, cOut, 0);
    const t = new TableBuilder(4);
    t.add(0, 1, a.offset, 0.5);
    t.add(0, 2, a.offset, -1.5);
    t.add(1, 3, a.offset);
    t.add(2, 0, a.offset, 2);
    t.add(3, 4, b.offset);
    if (cIn === cOut) t.add(2, 4, -1, 0.25);
    for (let r = 0; r < 4; r++) t.add(r, -1, bias.offset);
    g.gather('op', [x], t.finish(), cOut, [a, b, bias]);
    return g;
  };

  it.each([
    [8, 8],
    [9, 8],
    [4, 12],
    [5, 6],
    [3, 8],
    [8, 3],
    [1, 1],
    // over 128 weights: 2 rows per block_gemm invocation, not 8 (gemmRows)
    [12, 16],
  ])('%i → %i channels: forward, dΘ and dx match the twin, with and without passes', (cIn, cOut) =>
    compareWithTwin(graphOf(cIn, cOut), 5, cIn, 6, cIn * 10 + cOut),
  );

  // over 1024 weights a block: block_grad_tiles cuts its input channels into items of 32 and of 4 (the CPU policy
  // alone: the other shapes' products of this size take long to compile)
  it('36 → 32 channels under the CPU policy: dΘ from blocks cut into channel runs matches the twin', () =>
    compareWithTwin(graphOf(36, 32), 5, 36, 3, 392, [CPU_PASS_POLICY]));

  // one block used by 1000 rows (as W1's own block is in a DWS layer of a [2,32,32,1] SIREN): long sums everywhere
  it.each([
    [8, 8],
    [3, 5],
  ])('a block of 1000 terms (%i → %i channels) matches the twin', (cIn, cOut) => {
    const g = new WsGraph();
    const x = g.node('x', 50, cIn);
    const a = g.params.block(cIn, cOut, cIn);
    const t = new TableBuilder(1000);
    for (let r = 0; r < 1000; r++) t.add(r, (r * 7) % 50, a.offset, 1 + (r % 3));
    g.gather('op', [x], t.finish(), cOut, [a]);
    return compareWithTwin(g, 50, cIn, 3, 40 + cIn);
  });
});

describe.each([
  ['slices of block_grad.wgsl (a GPU)', { ...GPU_PASS_POLICY, gradSlicePairs: 7 }],
  ['register tiles of block_grad_tiles.wgsl (a CPU adapter)', { ...CPU_PASS_POLICY, gradSlicePairs: 7 }],
])('block gradients summed in parts, %s, then by block_grad_reduce.wgsl', (_, policy) => {
  it('give bit-identical dΘ run after run (the parts are added in a fixed order)', async () => {
    const layout = mlpLayout([2, 8, 8, 1]);
    const g = new WsGraph();
    addEquivariantLayer(g, layout, 'dws', g.node('x', layout.paramCount, 4), 4, 'dws');
    const theta = random(g.params.size, 21, 0.5);
    const x = random(5 * layout.paramCount * 4, 22);
    const dOut = random(5 * layout.paramCount * 4, 23);
    const first = await runGpu(g, theta, x, dOut, 5, policy);
    const second = await runGpu(g, theta, x, dOut, 5, policy);
    expect(second.dTheta).toEqual(first.dTheta);
    expect(first.dTheta.some((v) => v !== 0)).toBe(true);
  });
});

describe.each(['cross_entropy', 'mse'] as LossKind[])('%s loss kernel', (kind) => {
  it('losses and gradients match the twin, and it advances the step count', async () => {
    const batch = 5;
    const dim = 4;
    const outputs = random(batch * dim, 1, 3);
    const rng = new Rng(2);
    // soft labels: mixtures of two classes
    const targets =
      kind === 'mse'
        ? random(batch * dim, 3)
        : Float32Array.from(
            { length: batch * dim },
            (_, i) => (i % dim === 0 ? 0.3 : i % dim === 2 ? 0.7 : 0) + 0 * rng.uniform(),
          );
    const storage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
    const out = gpu.device.createBuffer({ size: outputs.byteLength, usage: storage });
    const dOut = gpu.device.createBuffer({ size: outputs.byteLength, usage: storage });
    const state = gpu.device.createBuffer({ size: 16, usage: storage });
    gpu.device.queue.writeBuffer(out, 0, outputs.buffer, outputs.byteOffset, outputs.byteLength);
    const k = new LossKernel(gpu, kind, dim, 8, { outputs: out, dOutputs: dOut, state });
    k.setTargets(targets);
    const encoder = gpu.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    k.encode(pass, batch);
    k.encode(pass, batch);
    pass.end();
    gpu.device.queue.submit([encoder.finish()]);
    const { readBuffer } = await import('../readback');
    const [losses, grads, st] = await Promise.all([
      readBuffer(gpu.device, k.losses, 4 * batch),
      readBuffer(gpu.device, dOut),
      readBuffer(gpu.device, state),
    ]);
    const twin =
      kind === 'mse' ? meanSquaredErrorLoss(outputs, targets, dim) : softmaxCrossEntropy(outputs, targets, dim);
    expect(maxRelativeError(new Float32Array(losses), twin.losses)).toBeLessThan(1e-5);
    expect(maxRelativeError(new Float32Array(grads), twin.dLogits)).toBeLessThan(1e-5);
    expect(new Uint32Array(st)[0]).toBe(2);
    k.destroy();
  });
});

describe('WsGraphKernels.prepare', () => {
  it.each([
    ['CPU', CPU_PASS_POLICY],
    ['GPU', GPU_PASS_POLICY],
  ])(
    'compiles ahead every pipeline the kernels then use under the %s policy (constructing them compiles nothing more)',
    async (_, policy) => {
      const layout = mlpLayout([2, 6, 5, 1]);
      for (const kind of ['dws', 'nfn', 'mlp'] as const) {
        // a fresh runtime's cache would be empty; here the test file's cache may hold some: count what is added
        const model = buildWsModel(layout, { kind, depth: 2, channels: 3, outputs: 4, inputChannels: 5 });
        await WsGraphKernels.prepare(gpu, model.graph, [], policy);
        const before = gpu.pipelines.size;
        new WsGraphKernels(gpu, model.graph, 2, [], policy).destroy();
        expect(gpu.pipelines.size).toBe(before);
      }
    },
  );
});
