/**
 * Reptile's outer step on the GPU: the shared init θ `[P]` with its own Adam (adam.wgsl, one group), moved toward
 * the mean of the networks adapted from it (shaders/reptile_delta.wgsl writes g = θ − mean φ and advances the
 * outer step count). Twin: reference/reptile.ts.
 */
import reptileWgsl from '../../../shaders/reptile_delta.wgsl?raw';
import type { AdamHyper } from '../../reference/adam';
import { readBuffer } from '../readback';
import type { GpuRuntime } from '../runtime';
import { AdamKernel } from './adamKernel';
import { NET_STATE_BYTES } from './sirenKernels';

const WORKGROUP = 64;
const reptilePipeline = (): [string, string, () => string, string] => [
  'reptile',
  '',
  () => reptileWgsl,
  'reptile_delta',
];

export class ReptileKernel {
  static async prepare(gpu: GpuRuntime): Promise<void> {
    await Promise.all([gpu.pipelines.prepare(...reptilePipeline()), AdamKernel.prepare(gpu.pipelines)]);
  }

  /** `[P]` the shared init */
  readonly theta: GPUBuffer;
  readonly paramCount: number;
  private readonly grad: GPUBuffer;
  private readonly m: GPUBuffer;
  private readonly v: GPUBuffer;
  private readonly state: GPUBuffer;
  private readonly config: GPUBuffer;
  private readonly adam: AdamKernel;
  private readonly pipeline: GPUComputePipeline;
  private readonly bindGroup: GPUBindGroup;

  /** `phi`: the `[batch, P]` buffer the adapted networks live in (SirenBatchKernels.params) */
  constructor(
    private readonly gpu: GpuRuntime,
    init: Float32Array,
    phi: GPUBuffer,
    batch: number,
    hp: AdamHyper,
  ) {
    const { device, pool } = gpu;
    const P = (this.paramCount = init.length);
    const bytes = P * 4;
    const storage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
    this.theta = pool.upload('reptile.theta', init);
    this.grad = pool.acquire('reptile.grad', bytes, storage);
    this.m = pool.acquire('reptile.adam.m', bytes, storage);
    this.v = pool.acquire('reptile.adam.v', bytes, storage);
    this.state = pool.acquire('reptile.state', NET_STATE_BYTES, storage);
    this.config = device.createBuffer({
      label: 'reptile.config',
      size: 16,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    device.queue.writeBuffer(this.config, 0, new Uint32Array([P, batch, 0, 0]));
    this.pipeline = gpu.pipelines.get(...reptilePipeline());
    this.bindGroup = device.createBindGroup({
      label: 'reptile_delta',
      layout: this.pipeline.getBindGroupLayout(0),
      entries: [this.config, this.theta, phi, this.grad, this.state].map((buffer, binding) => ({
        binding,
        resource: { buffer },
      })),
    });
    this.adam = new AdamKernel(
      device,
      gpu.pipelines,
      { params: this.theta, grads: this.grad, m: this.m, v: this.v, state: this.state },
      P,
      1,
      hp,
    );
    const encoder = device.createCommandEncoder({ label: 'reptile.reset' });
    this.adam.encodeReset(encoder);
    encoder.clearBuffer(this.state);
    device.queue.submit([encoder.finish()]);
  }

  /** Records one outer step: g = θ − mean φ, then Adam on θ. */
  encodeOuterStep(encoder: GPUCommandEncoder): void {
    const pass = encoder.beginComputePass({ label: 'reptile.outer' });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup);
    pass.dispatchWorkgroups(Math.ceil(this.paramCount / WORKGROUP));
    this.adam.encode(pass);
    pass.end();
  }

  async readTheta(): Promise<Float32Array> {
    return new Float32Array(await readBuffer(this.gpu.device, this.theta, this.paramCount * 4));
  }

  destroy(): void {
    for (const b of [this.theta, this.grad, this.m, this.v, this.state]) this.gpu.pool.release(b);
    this.config.destroy();
    this.adam.destroy();
  }
}
