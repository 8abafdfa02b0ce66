/** Typed wrapper of shaders/loss.wgsl: softmax cross-entropy (soft labels) or MSE on a model's outputs. */
import lossWgsl from '../../../shaders/loss.wgsl?raw';
import type { GpuRuntime } from '../runtime';

export type LossKind = 'cross_entropy' | 'mse';

export class LossKernel {
  /** Compiles the kernel ahead (PipelineCache.prepare). */
  static prepare(gpu: GpuRuntime, kind: LossKind): Promise<void> {
    return gpu.pipelines.prepare('loss', '', () => lossWgsl, kind);
  }

  readonly targets: GPUBuffer;
  readonly losses: GPUBuffer;
  private readonly uniform: GPUBuffer;
  private readonly pipeline: GPUComputePipeline;
  private readonly bindGroup: GPUBindGroup;
  private batch = -1;

  constructor(
    private readonly gpu: GpuRuntime,
    readonly kind: LossKind,
    readonly dim: number,
    readonly maxBatch: number,
    io: { outputs: GPUBuffer; dOutputs: GPUBuffer; state: GPUBuffer },
  ) {
    const { device } = gpu;
    const storage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
    this.targets = device.createBuffer({ label: 'loss.targets', size: 4 * maxBatch * dim, usage: storage });
    this.losses = device.createBuffer({ label: 'loss.losses', size: 4 * Math.max(4, maxBatch), usage: storage });
    this.uniform = device.createBuffer({
      label: 'loss.op',
      size: 16,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    this.pipeline = gpu.pipelines.get('loss', '', () => lossWgsl, kind);
    this.bindGroup = device.createBindGroup({
      label: `loss.${kind}`,
      layout: this.pipeline.getBindGroupLayout(0),
      entries: [this.uniform, io.outputs, this.targets, io.dOutputs, this.losses, io.state].map((buffer, binding) => ({
        binding,
        resource: { buffer },
      })),
    });
  }

  /** Targets `[batch, dim]`: (soft) class probabilities or regression values. */
  setTargets(t: Float32Array): void {
    this.gpu.device.queue.writeBuffer(this.targets, 0, t.buffer, t.byteOffset, t.byteLength);
  }

  encode(pass: GPUComputePassEncoder, batch: number): void {
    if (batch !== this.batch) {
      this.gpu.device.queue.writeBuffer(this.uniform, 0, new Uint32Array([batch, this.dim]));
      this.batch = batch;
    }
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup);
    pass.dispatchWorkgroups(Math.ceil(batch / 64));
  }

  destroy(): void {
    for (const b of [this.targets, this.losses, this.uniform]) b.destroy();
  }
}
