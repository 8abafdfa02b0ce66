/**
 * Typed wrapper of shaders/fourier_features.wgsl: the Gaussian Fourier features of a batch of networks' entries,
 * written straight into a weight-space model's input node. On the GPU, not in the page or worker: ~6.5 M sines
 * and cosines an epoch of the default recipe took ~220 ms of CPU there and the upload was 9× the raw weights; on a
 * real GPU (not measured) the CPU's sines would likely take longer than the training step itself.
 */
import fourierWgsl from '../../../shaders/fourier_features.wgsl?raw';
import sinCosWgsl from '../../../shaders/sincos.wgsl?raw';
import type { GpuRuntime } from '../runtime';
import { unrollLoops } from '../wgslUnroll';

const WORKGROUP = 64;
const MAX_GRID = 65535;

/** The pipeline for m frequencies: (name, key, code, entry point) as PipelineCache takes them. */
function fourierPipeline(m: number): [string, string, () => string, string] {
  return [
    'fourier_features',
    `m${m}`,
    () => `const M: u32 = ${m}u;\n${sinCosWgsl}\n${unrollLoops(fourierWgsl, { M: m })}`,
    'fourier_features',
  ];
}

export class FourierFeatureKernel {
  /** Compiles the kernel for m frequencies ahead (PipelineCache.prepare). */
  static prepare(gpu: GpuRuntime, m: number): Promise<void> {
    return gpu.pipelines.prepare(...fourierPipeline(m));
  }

  private readonly raw: GPUBuffer;
  private readonly uniform: GPUBuffer;
  private readonly omegas: GPUBuffer;
  private readonly pipeline: GPUComputePipeline;
  private readonly bindGroup: GPUBindGroup;
  private entries = -1;

  /** `out` receives `[entries, 1 + 2m]` features for up to `maxEntries` entries. */
  constructor(
    private readonly gpu: GpuRuntime,
    frequencies: Float64Array,
    readonly maxEntries: number,
    out: GPUBuffer,
  ) {
    const m = frequencies.length;
    if (m === 0) throw new Error('fourier_features: no frequencies (use the entries as they are)');
    if (Math.ceil(maxEntries / WORKGROUP) > MAX_GRID)
      throw new Error(`fourier_features: ${maxEntries} entries exceed one dispatch`);
    const { device } = gpu;
    this.raw = device.createBuffer({
      label: 'fourier.entries',
      size: 4 * Math.max(4, maxEntries),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
    });
    this.uniform = device.createBuffer({
      label: 'fourier.op',
      size: 16,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    this.omegas = device.createBuffer({
      label: 'fourier.omega',
      size: 16 * Math.ceil(m / 4),
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    device.queue.writeBuffer(
      this.omegas,
      0,
      Float32Array.from({ length: 4 * Math.ceil(m / 4) }, (_, k) => (k < m ? 2 * Math.PI * frequencies[k] : 0)),
    );
    this.pipeline = gpu.pipelines.get(...fourierPipeline(m));
    this.bindGroup = device.createBindGroup({
      label: 'fourier_features',
      layout: this.pipeline.getBindGroupLayout(0),
      entries: [this.uniform, this.omegas, this.raw, out].map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
  }

  /** The entries the next `encode` turns into features. */
  set(x: Float32Array): void {
    if (x.length > this.maxEntries)
      throw new Error(`fourier_features: ${x.length} entries, room for ${this.maxEntries}`);
    this.gpu.device.queue.writeBuffer(this.raw, 0, x.buffer, x.byteOffset, x.byteLength);
  }

  encode(pass: GPUComputePassEncoder, entries: number): void {
    if (entries !== this.entries) {
      this.gpu.device.queue.writeBuffer(this.uniform, 0, new Uint32Array([entries]));
      this.entries = entries;
    }
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup);
    pass.dispatchWorkgroups(Math.ceil(entries / WORKGROUP));
  }

  destroy(): void {
    for (const b of [this.raw, this.uniform, this.omegas]) b.destroy();
  }
}
