/**
 * Typed wrapper of shaders/probe_features.wgsl: a batch of (normalised) networks evaluated at K probe points,
 * written into a weight-space model's input node; for learned points, the gradient of the loss with respect to them,
 * written into dΘ where the points lie in Θ (so Adam moves them with the model's other parameters).
 */
import probeWgsl from '../../../shaders/probe_features.wgsl?raw';
import sinCosWgsl from '../../../shaders/sincos.wgsl?raw';
import { mlpLayout } from '../../weightspace/layout';
import type { GpuRuntime } from '../runtime';

const WORKGROUP = 64;
const ENTRIES = ['probe_forward', 'probe_backward'] as const;

/** The pipelines for SIRENs of `dims`: (name, key, code, entry point) as PipelineCache takes them. */
function probePipeline(
  dims: readonly number[],
  entry: (typeof ENTRIES)[number],
): [string, string, () => string, string] {
  const layout = mlpLayout(dims);
  const header = [
    `const NL: u32 = ${dims.length - 1}u;`,
    `const MAXW: u32 = ${layout.maxWidth}u;`,
    `const P: u32 = ${layout.paramCount}u;`,
    `var<private> D: array<u32, ${dims.length}> = array<u32, ${dims.length}>(${dims.map((d) => `${d}u`).join(', ')});`,
  ].join('\n');
  return ['probe_features', dims.join(','), () => `${header}\n${sinCosWgsl}\n${probeWgsl}`, entry];
}

export interface ProbeBuffers {
  /** the probe coordinates `[K, d0]` at `coordOffset`: Θ (learned points, their gradient into dΘ) or a fixed grid */
  points: GPUBuffer;
  dTheta: GPUBuffer | null;
  /** the model's input node `[n, K, dL]` and its gradient (null: forward only) */
  features: GPUBuffer;
  featureGrads: GPUBuffer | null;
}

export interface ProbeSetup {
  dims: readonly number[];
  omega0: number;
  probes: number;
  coordOffset: number;
  /** networks of one batch at most */
  maxNetworks: number;
  /** raw weight = normalised · scale + shift, per parameter (the per-tensor σ and μ) */
  scale: Float32Array;
  shift: Float32Array;
}

export class ProbeKernel {
  /** Compiles both entry points for SIRENs of `dims` ahead (PipelineCache.prepare). */
  static async prepare(gpu: GpuRuntime, dims: readonly number[]): Promise<void> {
    await Promise.all(ENTRIES.map((e) => gpu.pipelines.prepare(...probePipeline(dims, e))));
  }

  private readonly networks: GPUBuffer;
  private readonly owned: GPUBuffer[] = [];
  private readonly uniform: GPUBuffer;
  private readonly forwardPipeline: GPUComputePipeline;
  private readonly backwardPipeline: GPUComputePipeline | null;
  private readonly forwardGroup: GPUBindGroup;
  private readonly backwardGroup: GPUBindGroup | null;
  private readonly paramCount: number;
  private count = -1;

  constructor(
    private readonly gpu: GpuRuntime,
    private readonly setup: ProbeSetup,
    buffers: ProbeBuffers,
  ) {
    const { device } = gpu;
    this.paramCount = mlpLayout(setup.dims).paramCount;
    if (setup.scale.length !== this.paramCount || setup.shift.length !== this.paramCount)
      throw new Error(`probe_features: scale and shift need ${this.paramCount} entries`);
    const make = (label: string, bytes: number, usage: number): GPUBuffer => {
      const b = device.createBuffer({ label, size: Math.max(16, Math.ceil(bytes / 16) * 16), usage });
      this.owned.push(b);
      return b;
    };
    const storage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
    this.networks = make('probe.networks', 4 * setup.maxNetworks * this.paramCount, storage);
    this.uniform = make('probe.op', 16, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    const scale = make('probe.scale', 4 * this.paramCount, storage);
    const shift = make('probe.shift', 4 * this.paramCount, storage);
    for (const [b, data] of [
      [scale, setup.scale],
      [shift, setup.shift],
    ] as const)
      device.queue.writeBuffer(b, 0, data.buffer, data.byteOffset, data.byteLength);
    const group = (pipeline: GPUComputePipeline, features: GPUBuffer, withGrad: boolean): GPUBindGroup =>
      device.createBindGroup({
        label: 'probe_features',
        layout: pipeline.getBindGroupLayout(0),
        entries: [this.uniform, this.networks, scale, shift, buffers.points, features, buffers.dTheta]
          .map((buffer, binding) => ({ binding, resource: { buffer: buffer! } }))
          .filter((e) => withGrad || e.binding !== 6),
      });
    this.forwardPipeline = gpu.pipelines.get(...probePipeline(setup.dims, 'probe_forward'));
    this.forwardGroup = group(this.forwardPipeline, buffers.features, false);
    if (buffers.featureGrads && buffers.dTheta) {
      this.backwardPipeline = gpu.pipelines.get(...probePipeline(setup.dims, 'probe_backward'));
      this.backwardGroup = group(this.backwardPipeline, buffers.featureGrads, true);
    } else {
      this.backwardPipeline = null;
      this.backwardGroup = null;
    }
  }

  /** Normalised networks `[n, P]` for the next `encode`. */
  set(x: Float32Array): void {
    const n = x.length / this.paramCount;
    if (n > this.setup.maxNetworks)
      throw new Error(`probe_features: ${n} networks, room for ${this.setup.maxNetworks}`);
    this.gpu.device.queue.writeBuffer(this.networks, 0, x.buffer, x.byteOffset, x.byteLength);
  }

  private setCount(n: number): void {
    if (n === this.count) return;
    const op = new ArrayBuffer(16);
    new Uint32Array(op, 0, 3).set([n, this.setup.probes, this.setup.coordOffset]);
    new Float32Array(op, 12, 1)[0] = this.setup.omega0;
    this.gpu.device.queue.writeBuffer(this.uniform, 0, op);
    this.count = n;
  }

  /** The features of the `n` networks last `set` into the input node. */
  encode(pass: GPUComputePassEncoder, n: number): void {
    this.setCount(n);
    pass.setPipeline(this.forwardPipeline);
    pass.setBindGroup(0, this.forwardGroup);
    pass.dispatchWorkgroups(Math.ceil((n * this.setup.probes) / WORKGROUP));
  }

  /** d loss / d probe coordinates into dΘ, from the input node's gradient (after the model's backward). */
  encodeBackward(pass: GPUComputePassEncoder, n: number): void {
    if (!this.backwardPipeline || !this.backwardGroup) throw new Error('probe_features: built without gradients');
    this.setCount(n);
    pass.setPipeline(this.backwardPipeline);
    pass.setBindGroup(0, this.backwardGroup);
    pass.dispatchWorkgroups(Math.ceil(this.setup.probes / WORKGROUP));
  }

  destroy(): void {
    for (const b of this.owned) b.destroy();
  }
}
