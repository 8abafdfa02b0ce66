/** Typed wrapper of shaders/adam.wgsl: one Adam/AdamW step on groups of parameters, each with its NetState. */
import adamWgsl from '../../../shaders/adam.wgsl?raw';
import type { AdamHyper } from '../../reference/adam';
import type { PipelineCache } from '../pipelineCache';

/** elements one workgroup updates: WORKGROUP × ELEMS_PER_INVOCATION of shaders/adam.wgsl */
const CHUNK = 64 * 16;

const adamPipeline = (): [string, string, () => string, string] => ['adam', '', () => adamWgsl, 'adam_step'];

export class AdamKernel {
  /** Compiles the kernel ahead (PipelineCache.prepare). */
  static prepare(pipelines: PipelineCache): Promise<void> {
    return pipelines.prepare(...adamPipeline());
  }

  readonly hyper: GPUBuffer;
  private readonly pipeline: GPUComputePipeline;
  private readonly bindGroup: GPUBindGroup;
  private readonly grid: [number, number];

  constructor(
    private readonly device: GPUDevice,
    pipelines: PipelineCache,
    private readonly buffers: { params: GPUBuffer; grads: GPUBuffer; m: GPUBuffer; v: GPUBuffer; state: GPUBuffer },
    private readonly groupSize: number,
    groups: number,
    hp: AdamHyper,
  ) {
    this.pipeline = pipelines.get(...adamPipeline());
    this.grid = [Math.ceil(groupSize / CHUNK), groups];
    this.hyper = device.createBuffer({
      label: 'adam.hyper',
      size: 48,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    this.setHyper(hp);
    this.bindGroup = device.createBindGroup({
      label: 'adam',
      layout: this.pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: this.hyper } },
        { binding: 1, resource: { buffer: buffers.params } },
        { binding: 2, resource: { buffer: buffers.grads } },
        { binding: 3, resource: { buffer: buffers.m } },
        { binding: 4, resource: { buffer: buffers.v } },
        { binding: 5, resource: { buffer: buffers.state } },
      ],
    });
  }

  /** Takes effect from the next submit on ("change learning rate live"). */
  setHyper(hp: AdamHyper): void {
    const data = new ArrayBuffer(48);
    const f = new Float32Array(data);
    const u = new Uint32Array(data);
    f.set([
      hp.lr,
      hp.beta1,
      hp.beta2,
      1 - hp.beta1,
      1 - hp.beta2,
      Math.log(hp.beta1),
      Math.log(hp.beta2),
      hp.eps,
      hp.weightDecay,
    ]);
    u[9] = this.groupSize;
    this.device.queue.writeBuffer(this.hyper, 0, data);
  }

  encode(pass: GPUComputePassEncoder): void {
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup);
    pass.dispatchWorkgroups(this.grid[0], this.grid[1]);
  }

  /** Zeroes both moment buffers (a fresh optimizer). */
  encodeReset(encoder: GPUCommandEncoder): void {
    encoder.clearBuffer(this.buffers.m);
    encoder.clearBuffer(this.buffers.v);
  }

  destroy(): void {
    this.hyper.destroy();
  }
}
