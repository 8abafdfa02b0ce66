/** Typed wrapper of shaders/edit_compose.wgsl: θ' = θ + γ σ ⊙ Δ, and its adjoint onto Δ and γ. */
import editWgsl from '../../../shaders/edit_compose.wgsl?raw';
import type { GpuRuntime } from '../runtime';

const WORKGROUP = 64;

const source =
  (paramCount: number, gammaAt: number): (() => string) =>
  () =>
    `const PARAM_COUNT: u32 = ${paramCount}u;\nconst GAMMA_AT: u32 = ${gammaAt}u;\n${editWgsl}`;

export interface EditBuffers {
  /** the editing model's Θ (γ at `gammaAt`) and its gradient */
  theta: GPUBuffer;
  dTheta: GPUBuffer;
  /** `[B, P]` the model's output Δ and the gradient onto it */
  delta: GPUBuffer;
  dDelta: GPUBuffer;
  /** `[B, P]` the input INRs, the edited ones, and ∂MSE_b/∂θ'_b */
  nets: GPUBuffer;
  edited: GPUBuffer;
  grads: GPUBuffer;
}

export class EditKernel {
  static prepare(gpu: GpuRuntime, paramCount: number, gammaAt: number): Promise<void> {
    const code = source(paramCount, gammaAt);
    const key = `${paramCount}|${gammaAt}`;
    return Promise.all(
      ['compose', 'adjoint', 'gamma_grad'].map((entry) => gpu.pipelines.prepare('edit', key, code, entry)),
    ).then(() => undefined);
  }

  private readonly config: GPUBuffer;
  private readonly sigma: GPUBuffer;
  private readonly steps: { pipeline: GPUComputePipeline; bindGroup: GPUBindGroup }[];

  constructor(
    private readonly gpu: GpuRuntime,
    private readonly paramCount: number,
    gammaAt: number,
    sigma: Float32Array,
    buffers: EditBuffers,
  ) {
    const { device } = gpu;
    this.config = device.createBuffer({
      label: 'edit.config',
      size: 16,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    this.sigma = gpu.pool.upload('edit.sigma', sigma);
    const bindings: GPUBuffer[] = [
      this.config,
      buffers.theta,
      this.sigma,
      buffers.delta,
      buffers.nets,
      buffers.edited,
      buffers.grads,
      buffers.dDelta,
      buffers.dTheta,
    ];
    const code = source(paramCount, gammaAt);
    const key = `${paramCount}|${gammaAt}`;
    // each entry point binds only what it reads and writes (its auto layout)
    const used: Record<string, number[]> = {
      compose: [0, 1, 2, 3, 4, 5],
      adjoint: [0, 1, 2, 6, 7],
      gamma_grad: [0, 2, 3, 6, 8],
    };
    this.steps = Object.entries(used).map(([entry, slots]) => {
      const pipeline = gpu.pipelines.get('edit', key, code, entry);
      const bindGroup = device.createBindGroup({
        label: `edit.${entry}`,
        layout: pipeline.getBindGroupLayout(0),
        entries: slots.map((binding) => ({ binding, resource: { buffer: bindings[binding] } })),
      });
      return { pipeline, bindGroup };
    });
  }

  /** The batch size of the next encodes (written now: the batches of one submit share it). */
  setBatch(batch: number): void {
    this.gpu.device.queue.writeBuffer(this.config, 0, new Uint32Array([batch, 0, 0, 0]));
  }

  /** θ' of `batch` INRs into `edited`. */
  encodeCompose(pass: GPUComputePassEncoder, batch: number): void {
    this.dispatch(pass, 0, Math.ceil((batch * this.paramCount) / WORKGROUP));
  }

  /** ∂L/∂Δ into `dDelta` and ∂L/∂γ into dΘ[γ], from `grads`. */
  encodeAdjoint(pass: GPUComputePassEncoder, batch: number): void {
    this.dispatch(pass, 1, Math.ceil((batch * this.paramCount) / WORKGROUP));
    this.dispatch(pass, 2, 1);
  }

  private dispatch(pass: GPUComputePassEncoder, step: number, groups: number): void {
    pass.setPipeline(this.steps[step].pipeline);
    pass.setBindGroup(0, this.steps[step].bindGroup);
    pass.dispatchWorkgroups(groups);
  }

  destroy(): void {
    this.config.destroy();
    this.gpu.pool.release(this.sigma);
  }
}
