/**
 * A batch of B SIRENs on the GPU with everything needed to fit them: parameters [B, P], gradients, Adam moments,
 * per-network state, the shared coordinates and one target per network. Encodes training steps
 * (train_step + adam_step, two dispatches a step) and renders (forward), never reading back on its own.
 */
import { sirenLayout, type SirenSpec } from '../../models/siren';
import type { AdamHyper } from '../../reference/adam';
import type { GpuRuntime } from '../runtime';
import { readBuffer } from '../readback';
import { AdamKernel } from './adamKernel';
import { MAX_TRAIN_PARAMS, sirenShaderKey, sirenShaderSource, trainLanes } from './sirenShader';

export const NET_STATUS = { training: 0, converged: 1, diverged: 2 } as const;
export type NetStatus = (typeof NET_STATUS)[keyof typeof NET_STATUS];

/** One network's NetState (shaders/siren.wgsl), 16 bytes. */
export interface NetState {
  step: number;
  status: NetStatus;
  loss: number;
}
export const NET_STATE_BYTES = 16;

export function decodeNetStates(data: ArrayBuffer, count: number): NetState[] {
  const u = new Uint32Array(data, 0, count * 4);
  const f = new Float32Array(data, 0, count * 4);
  return Array.from({ length: count }, (_, b) => ({
    step: u[4 * b],
    status: u[4 * b + 1] as NetStatus,
    loss: f[4 * b + 2],
  }));
}

export interface SirenBatchInit {
  spec: SirenSpec;
  /** `[B, P]` initial parameters */
  params: Float32Array;
  /** `[N, d0]` coordinates shared by every network */
  coords: Float32Array;
  /** `[B, N, dL]` one target per network */
  targets: Float32Array;
  adam: AdamHyper;
  /** loss at or below which a network stops (0: never) */
  stopLoss: number;
  /** invocations per network in train_step; by default chosen for the adapter (trainLanes) */
  lanes?: number;
}

const FORWARD_WORKGROUP = 64;

export class SirenBatchKernels {
  /** Compiles the kernels for `spec` ahead (PipelineCache.prepare), so that constructing them does not block. */
  static async prepare(gpu: GpuRuntime, spec: SirenSpec, lanes = trainLanes(gpu.context.isFallback)): Promise<void> {
    const key = sirenShaderKey(spec, lanes);
    const code = (): string => sirenShaderSource(spec, lanes);
    await Promise.all([
      gpu.pipelines.prepare('siren', key, code, 'train_step'),
      gpu.pipelines.prepare('siren', key, code, 'forward'),
      AdamKernel.prepare(gpu.pipelines),
    ]);
  }

  readonly spec: SirenSpec;
  readonly batch: number;
  readonly points: number;
  readonly paramCount: number;
  readonly params: GPUBuffer;
  readonly grads: GPUBuffer;
  readonly state: GPUBuffer;
  readonly outputs: GPUBuffer;
  private readonly coords: GPUBuffer;
  private readonly targets: GPUBuffer;
  private readonly m: GPUBuffer;
  private readonly v: GPUBuffer;
  private readonly config: GPUBuffer;
  private readonly adam: AdamKernel;
  private readonly trainPipeline: GPUComputePipeline;
  private readonly forwardPipeline: GPUComputePipeline;
  private readonly trainBindGroup: GPUBindGroup;
  private readonly forwardBindGroup: GPUBindGroup;
  private stopLoss: number;

  constructor(
    private readonly gpu: GpuRuntime,
    init: SirenBatchInit,
  ) {
    const { device, pool } = gpu;
    this.spec = init.spec;
    this.paramCount = sirenLayout(init.spec).paramCount;
    this.batch = init.params.length / this.paramCount;
    const d0 = init.spec.dims[0];
    const dL = init.spec.dims[init.spec.dims.length - 1];
    this.points = init.coords.length / d0;
    if (this.paramCount > MAX_TRAIN_PARAMS)
      throw new Error(
        `a SIREN of ${this.paramCount} parameters is over the ${MAX_TRAIN_PARAMS} the fitting kernel takes`,
      );
    if (!Number.isInteger(this.batch) || this.batch < 1)
      throw new Error(`params length ${init.params.length} is not a multiple of P = ${this.paramCount}`);
    if (init.targets.length !== this.batch * this.points * dL)
      throw new Error(`targets must be [B=${this.batch}, N=${this.points}, ${dL}]`);
    this.stopLoss = init.stopLoss;

    this.params = pool.upload('siren.params', init.params);
    this.grads = pool.acquire('siren.grads', init.params.byteLength, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC);
    this.m = pool.acquire('siren.adam.m', init.params.byteLength, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
    this.v = pool.acquire('siren.adam.v', init.params.byteLength, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
    this.state = pool.acquire(
      'siren.state',
      this.batch * NET_STATE_BYTES,
      GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    );
    this.coords = pool.upload('siren.coords', init.coords);
    this.targets = pool.upload('siren.targets', init.targets);
    this.outputs = pool.acquire(
      'siren.outputs',
      this.batch * this.points * dL * 4,
      GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
    );
    this.config = device.createBuffer({
      label: 'siren.config',
      size: 16,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    this.writeConfig(0);

    const lanes = init.lanes ?? trainLanes(gpu.context.isFallback);
    const key = sirenShaderKey(init.spec, lanes);
    const code = (): string => sirenShaderSource(init.spec, lanes);
    this.trainPipeline = gpu.pipelines.get('siren', key, code, 'train_step');
    this.forwardPipeline = gpu.pipelines.get('siren', key, code, 'forward');
    const entries = (values: GPUBuffer): GPUBindGroupEntry[] => [
      { binding: 0, resource: { buffer: this.config } },
      { binding: 1, resource: { buffer: this.params } },
      { binding: 2, resource: { buffer: this.coords } },
      { binding: 3, resource: { buffer: values } },
      { binding: 4, resource: { buffer: this.targets } },
      { binding: 5, resource: { buffer: this.state } },
    ];
    this.trainBindGroup = device.createBindGroup({
      label: 'siren.train_step',
      layout: this.trainPipeline.getBindGroupLayout(0),
      entries: entries(this.grads),
    });
    // forward uses no target or state, so its auto layout has no bindings 4 and 5
    this.forwardBindGroup = device.createBindGroup({
      label: 'siren.forward',
      layout: this.forwardPipeline.getBindGroupLayout(0),
      entries: entries(this.outputs).slice(0, 4),
    });
    this.adam = new AdamKernel(
      device,
      gpu.pipelines,
      { params: this.params, grads: this.grads, m: this.m, v: this.v, state: this.state },
      this.paramCount,
      this.batch,
      init.adam,
    );
    this.resetOptimizer();
  }

  private writeConfig(firstNet: number): void {
    this.gpu.device.queue.writeBuffer(
      this.config,
      0,
      new Uint32Array([
        this.points,
        this.batch,
        new Uint32Array(new Float32Array([this.stopLoss]).buffer)[0],
        firstNet,
      ]),
    );
  }

  /** Learning rate and betas, live: from the next submit on. */
  setAdam(hp: AdamHyper): void {
    this.adam.setHyper(hp);
  }

  setStopLoss(stopLoss: number): void {
    this.stopLoss = stopLoss;
    this.writeConfig(0);
  }

  /** Records `steps` training steps (loss + gradients, then Adam) for every still-training network. */
  encodeSteps(encoder: GPUCommandEncoder, steps: number): void {
    const pass = encoder.beginComputePass({ label: `siren.fit×${steps}` });
    for (let s = 0; s < steps; s++) {
      pass.setPipeline(this.trainPipeline);
      pass.setBindGroup(0, this.trainBindGroup);
      pass.dispatchWorkgroups(this.batch);
      this.adam.encode(pass);
    }
    pass.end();
  }

  /** Records a render of networks [first, first + count) into `outputs` (from offset 0). */
  encodeForward(encoder: GPUCommandEncoder, first = 0, count = this.batch): void {
    this.writeConfig(first);
    const pass = encoder.beginComputePass({ label: 'siren.forward' });
    pass.setPipeline(this.forwardPipeline);
    pass.setBindGroup(0, this.forwardBindGroup);
    pass.dispatchWorkgroups(Math.ceil(this.points / FORWARD_WORKGROUP), count);
    pass.end();
  }

  /**
   * Records loss + gradients only (no Adam update), into `grads` and the state's loss; the state's step and
   * status advance as in a real step. For tests and diagnostics.
   */
  encodeLossAndGrad(encoder: GPUCommandEncoder): void {
    const pass = encoder.beginComputePass({ label: 'siren.train_step' });
    pass.setPipeline(this.trainPipeline);
    pass.setBindGroup(0, this.trainBindGroup);
    pass.dispatchWorkgroups(this.batch);
    pass.end();
  }

  /** Network `net` trains again (status back to training; step and loss kept): the next step re-applies the stop rule. */
  resumeNetwork(net: number): void {
    this.gpu.device.queue.writeBuffer(this.state, net * NET_STATE_BYTES + 4, new Uint32Array([NET_STATUS.training]));
  }

  /** Fresh optimizer and state (step 0, training), keeping the parameters. */
  resetOptimizer(): void {
    const encoder = this.gpu.device.createCommandEncoder({ label: 'siren.reset' });
    this.encodeResetOptimizer(encoder);
    this.gpu.device.queue.submit([encoder.finish()]);
  }

  encodeResetOptimizer(encoder: GPUCommandEncoder): void {
    this.adam.encodeReset(encoder);
    encoder.clearBuffer(this.state);
  }

  /** Records: every network starts from the one network in `source` (`[P]`), with a fresh optimizer. */
  encodeShareParams(encoder: GPUCommandEncoder, source: GPUBuffer): void {
    const bytes = this.paramCount * 4;
    for (let b = 0; b < this.batch; b++) encoder.copyBufferToBuffer(source, 0, this.params, b * bytes, bytes);
    this.encodeResetOptimizer(encoder);
  }

  /** Replaces every network's parameters (re-initialize) and resets the optimizer. */
  setParams(params: Float32Array): void {
    if (params.length !== this.batch * this.paramCount) throw new Error('parameter count mismatch');
    this.gpu.device.queue.writeBuffer(this.params, 0, params.buffer, params.byteOffset, params.byteLength);
    this.resetOptimizer();
  }

  /** Replaces the targets (same shape), keeping parameters and optimizer. */
  setTargets(targets: Float32Array): void {
    this.gpu.device.queue.writeBuffer(this.targets, 0, targets.buffer, targets.byteOffset, targets.byteLength);
  }

  private get paramBytes(): number {
    return this.batch * this.paramCount * 4;
  }

  async readParams(): Promise<Float32Array> {
    return new Float32Array(await readBuffer(this.gpu.device, this.params, this.paramBytes));
  }

  async readGrads(): Promise<Float32Array> {
    return new Float32Array(await readBuffer(this.gpu.device, this.grads, this.paramBytes));
  }

  async readStates(): Promise<NetState[]> {
    return decodeNetStates(await readBuffer(this.gpu.device, this.state, this.batch * NET_STATE_BYTES), this.batch);
  }

  /** Renders networks [first, first + count) and reads their outputs `[count, N, dL]`. */
  async render(first = 0, count = this.batch): Promise<Float32Array> {
    const encoder = this.gpu.device.createCommandEncoder({ label: 'siren.render' });
    this.encodeForward(encoder, first, count);
    this.gpu.device.queue.submit([encoder.finish()]);
    const dL = this.spec.dims[this.spec.dims.length - 1];
    return new Float32Array(await readBuffer(this.gpu.device, this.outputs, count * this.points * dL * 4));
  }

  destroy(): void {
    for (const b of [this.params, this.grads, this.m, this.v, this.state, this.coords, this.targets, this.outputs])
      this.gpu.pool.release(b);
    this.config.destroy();
    this.adam.destroy();
  }
}
