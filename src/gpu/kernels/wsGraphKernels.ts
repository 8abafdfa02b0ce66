/**
 * GPU executor of a weight-space graph (models/wsGraph.ts): node buffers `[maxBatch, rows, channels]`, the forward
 * ops and the compiled backward plan encoded in one compute pass, each gather step as the dispatches of its split
 * (wsGraphSteps.ts: the gather kernel for the rest, then block passes, then block waves, then rewritten
 * long rows). Θ and dΘ are flat buffers; grad[output] is written by the loss kernel (or a test).
 */
import type { WsGraph } from '../../models/wsGraph';
import { readBuffer } from '../readback';
import type { GpuRuntime } from '../runtime';
import type { PassPolicy } from './blockPasses';
import { MAX_GEMM_BLOCK } from './blockGemmShader';
import { NETWORKS_PER_INVOCATION } from './gatherShader';
import type { Dispatch } from './dispatchTypes';
import { dispatchBuilders, graphPipelines } from './wsGraphDispatches';
import { adjointStep, forwardStep } from './wsGraphSteps';

const STORAGE = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;

/**
 * A CPU adapter's shapes. Every block of an op with at most 64 blocks runs as block passes (minWork 0, no waves:
 * mergeBelow 0), and the passes of one shape and source whose rows are distinct run as one block_loop.wgsl dispatch
 * (`gemmLoop`, blockLoops): the dispatches are then set by rows that several blocks write (a group's global row: 7),
 * not by the number of passes (the default model's 8 × 8 partial blocks too: passes, not the gather kernel's storage
 * reads of Θ). block_loop's items are 128 pairs, one SIMD group each, every invocation copying its block from Θ into
 * private memory once.
 * Block gradients in register tiles (`gradTiles`, blockGradTiles.ts): each workgroup, one SIMD group, sums up to
 * 16384 (network, term) pairs of one block (at batch 32 the 1024-term blocks in two, so both cores share them), each
 * invocation into a whole tile, P pairs at a time; block_grad_reduce.wgsl adds the tiles.
 * Each choice was measured against its alternatives (item sizes, workgroup sizes, the GPU policy's thresholds):
 * docs/measurements/kernel-tuning.md.
 */
export const CPU_PASS_POLICY: PassPolicy = {
  maxBlocks: 64,
  minWork: 0,
  mergeBelow: 0,
  reassociateFrom: 64,
  gradSlicePairs: 16384,
  gradWideWorkgroups: false,
  gradTiles: true,
  gemmLoop: true,
  maxPassBlock: 32 * 32,
};

/**
 * A GPU's shapes, none timed on a GPU yet (none was at hand). Block passes (block_gemm.wgsl: Θ read as a uniform
 * window) for ops whose passes carry enough work, each pass a dispatch: on SwiftShader a pass paid for its dispatch
 * from 2048 multiply-adds per network at batch 32 (docs/measurements/kernel-tuning.md); passes below that are merged
 * into block waves (block_wave.wgsl). Block gradients are split finer, in wide workgroups: one
 * workgroup per (block, 8 input channels) leaves a GPU with a few hundred busy lanes for W2 DWS's main.dΘ (60
 * workgroups of 8 invocations; those of W1's 1024-term block each sum 4096 (network, term) pairs in series), where
 * workgroups of ~256 pairs give thousands of workgroups. On a CPU adapter this shape is an order of magnitude slower:
 * SwiftShader pays dearly for each of thousands of workgroups that share
 * memory across a barrier, so CPU_PASS_POLICY sums them in register tiles instead (block_grad_tiles.wgsl). The block
 * passes read Θ at literal offsets of their uniform window, what a GPU's constant cache serves best, R rows per
 * invocation: their rows × networks give thousands of invocations at batch 32. A CPU adapter copies the block into
 * private memory instead and loops over rows (`gemmLoop`, block_loop.wgsl); on a GPU that 4 KB private array
 * (32 × 32) would spill.
 */
export const GPU_PASS_POLICY: PassPolicy = {
  ...CPU_PASS_POLICY,
  minWork: 2048,
  mergeBelow: 2048,
  gradSlicePairs: 256,
  gradWideWorkgroups: true,
  gradTiles: false,
  gemmLoop: false,
  maxPassBlock: MAX_GEMM_BLOCK,
};

/** The policy for the adapter at hand: a software adapter (SwiftShader) runs on the CPU's cores. */
export const passPolicyFor = (gpu: GpuRuntime): PassPolicy =>
  gpu.context.isFallback ? CPU_PASS_POLICY : GPU_PASS_POLICY;

export class WsGraphKernels {
  /** Compiles every pipeline the graph's forward and backward need ahead (PipelineCache.prepare). */
  static async prepare(
    gpu: GpuRuntime,
    graph: WsGraph,
    inputGrads: readonly number[] = [],
    passPolicy = passPolicyFor(gpu),
  ): Promise<void> {
    await Promise.all(graphPipelines(graph, inputGrads, passPolicy).map((args) => gpu.pipelines.prepare(...args)));
  }

  readonly theta: GPUBuffer;
  readonly dTheta: GPUBuffer;
  readonly values: GPUBuffer[];
  readonly grads: (GPUBuffer | null)[];
  private readonly forward: Dispatch[] = [];
  private readonly backward: Dispatch[] = [];
  private readonly owned: GPUBuffer[] = [];
  private batch = -1;

  constructor(
    private readonly gpu: GpuRuntime,
    readonly graph: WsGraph,
    readonly maxBatch: number,
    inputGrads: readonly number[] = [],
    passPolicy = passPolicyFor(gpu),
  ) {
    const { device } = gpu;
    const make = (label: string, bytes: number, usage = STORAGE): GPUBuffer => {
      // multiples of 16 bytes: kernels bind them as arrays of vec4
      const b = device.createBuffer({ label, size: Math.max(16, Math.ceil(bytes / 16) * 16), usage });
      this.owned.push(b);
      return b;
    };
    // whole groups of NETWORKS_PER_INVOCATION networks: the gather kernels read (not write) past the batch
    const capacity = Math.ceil(maxBatch / NETWORKS_PER_INVOCATION) * NETWORKS_PER_INVOCATION;
    const nodeBytes = (k: number): number => 4 * capacity * graph.nodes[k].rows * graph.nodes[k].channels;
    // Θ is also bound as uniform windows, one block each (block_gemm.wgsl)
    this.theta = make('ws.theta', 4 * graph.params.size, STORAGE | GPUBufferUsage.UNIFORM);
    this.dTheta = make('ws.dTheta', 4 * graph.params.size);
    this.values = graph.nodes.map((n, k) => make(`ws.value.${n.name}`, nodeBytes(k)));
    const plan = graph.backwardPlan(inputGrads);
    const needsGrad = new Set<number>([graph.output]);
    for (const s of plan) needsGrad.add(s.kind === 'gatherT' ? s.dst : s.kind === 'reluT' ? s.op.src : -1);
    this.grads = graph.nodes.map((n, k) => (needsGrad.has(k) ? make(`ws.grad.${n.name}`, nodeBytes(k)) : null));

    const { gather, blockGrad, relu } = dispatchBuilders({
      gpu,
      graph,
      passPolicy,
      maxBatch,
      theta: this.theta,
      dTheta: this.dTheta,
      values: this.values,
      grads: this.grads,
      make,
    });

    for (const op of graph.ops) {
      const n = graph.nodes[op.dst];
      if (op.kind === 'relu') {
        this.forward.push(
          relu(
            op.name,
            'relu_forward',
            this.values[op.src],
            this.values[op.src],
            this.values[op.dst],
            n.rows * n.channels,
            false,
          ),
        );
      } else {
        this.forward.push(
          ...gather(
            op.name,
            forwardStep(graph, op),
            op.src.map((k) => this.values[k]),
            this.values[op.dst],
          ),
        );
      }
    }
    for (const s of plan) {
      if (s.kind === 'reluT') {
        const n = graph.nodes[s.op.src];
        this.backward.push(
          relu(
            `${s.op.name}ᵀ`,
            'relu_backward',
            this.values[s.op.src],
            this.grads[s.op.dst]!,
            this.grads[s.op.src]!,
            n.rows * n.channels,
            s.accumulate,
          ),
        );
      } else if (s.kind === 'gatherT') {
        this.backward.push(
          ...gather(`${s.op.name}ᵀ${s.source}`, adjointStep(graph, s), [this.grads[s.op.dst]!], this.grads[s.dst]!),
        );
      } else {
        this.backward.push(...blockGrad(`${s.op.name}.dΘ`, s.op, s.grad));
      }
    }
  }

  setParams(theta: Float32Array): void {
    this.gpu.device.queue.writeBuffer(this.theta, 0, theta.buffer, theta.byteOffset, theta.byteLength);
  }

  /** Writes networks `[batch, P·c]` of the input node. */
  setInput(x: Float32Array): void {
    this.gpu.device.queue.writeBuffer(this.values[0], 0, x.buffer, x.byteOffset, x.byteLength);
  }

  private prepare(batch: number): void {
    if (batch < 1 || batch > this.maxBatch) throw new Error(`batch ${batch} outside 1..${this.maxBatch}`);
    if (batch === this.batch) return;
    for (const d of [...this.forward, ...this.backward])
      if (d.uniformFor) this.gpu.device.queue.writeBuffer(d.uniform, 0, d.uniformFor(batch));
    this.batch = batch;
  }

  private run(pass: GPUComputePassEncoder, list: Dispatch[], batch: number): void {
    this.prepare(batch);
    for (const d of list) {
      const [x, y] = d.grid(batch);
      if (x === 0) continue;
      pass.setPipeline(d.pipeline);
      pass.setBindGroup(0, d.bindGroup);
      pass.dispatchWorkgroups(x, y);
    }
  }

  /** Every dispatch of the forward and backward, each encodable alone (for per-dispatch timing: bench/profile.ts). */
  dispatches(batch: number): { label: string; encode: (pass: GPUComputePassEncoder) => void }[] {
    this.prepare(batch);
    return [...this.forward, ...this.backward].map((d) => ({
      label: d.label,
      encode: (pass) => {
        const [x, y] = d.grid(batch);
        if (x === 0) return;
        pass.setPipeline(d.pipeline);
        pass.setBindGroup(0, d.bindGroup);
        pass.dispatchWorkgroups(x, y);
      },
    }));
  }

  encodeForward(pass: GPUComputePassEncoder, batch: number): void {
    this.run(pass, this.forward, batch);
  }

  /** Needs grad[output] written (by the loss kernel) earlier in the same pass or before. */
  encodeBackward(pass: GPUComputePassEncoder, batch: number): void {
    this.run(pass, this.backward, batch);
  }

  get output(): { value: GPUBuffer; grad: GPUBuffer } {
    return { value: this.values[this.graph.output], grad: this.grads[this.graph.output]! };
  }

  /**
   * Outputs `[count, outputs]` of `count` networks (or the values `[count, rows, channels]` of another node), forward
   * passes in batches of at most maxBatch; `input` puts networks first … first + n − 1 in the input nodes (writes, or
   * dispatches encoded into the batch's pass first).
   */
  async forwardBatches(
    count: number,
    input: (first: number, n: number, pass: GPUComputePassEncoder) => void,
    read = this.graph.output,
  ): Promise<Float32Array> {
    const { device } = this.gpu;
    const node = this.graph.nodes[read];
    const K = node.rows * node.channels;
    const out = device.createBuffer({
      label: 'ws.predictions',
      size: 4 * Math.max(4, count * K),
      usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC,
    });
    for (let first = 0; first < count; first += this.maxBatch) {
      const n = Math.min(this.maxBatch, count - first);
      const encoder = device.createCommandEncoder({ label: 'ws.predict' });
      const pass = encoder.beginComputePass();
      input(first, n, pass);
      this.encodeForward(pass, n);
      pass.end();
      encoder.copyBufferToBuffer(this.values[read], 0, out, 4 * first * K, 4 * n * K);
      device.queue.submit([encoder.finish()]);
    }
    const result = new Float32Array(await readBuffer(device, out)).subarray(0, count * K);
    out.destroy();
    return result;
  }

  async read(buffer: GPUBuffer, floats?: number): Promise<Float32Array> {
    return new Float32Array(await readBuffer(this.gpu.device, buffer, floats === undefined ? buffer.size : 4 * floats));
  }

  destroy(): void {
    for (const b of this.owned) b.destroy();
  }
}
