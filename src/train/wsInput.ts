/**
 * A weight-space model's input node from normalised networks `[n, P]`: their Gaussian Fourier features computed on
 * the GPU (fourier_features.wgsl) when the model has frequencies, else the entries as they are.
 */
import { FourierFeatureKernel } from '../gpu/kernels/fourierFeatureKernel';
import type { WsGraphKernels } from '../gpu/kernels/wsGraphKernels';
import type { GpuRuntime } from '../gpu/runtime';

export class WsInput {
  /** Compiles ahead what a model with `frequencyCount` Fourier frequencies needs. */
  static prepare(gpu: GpuRuntime, frequencyCount: number): Promise<void> {
    return frequencyCount > 0 ? FourierFeatureKernel.prepare(gpu, frequencyCount) : Promise.resolve();
  }

  private readonly fourier: FourierFeatureKernel | null;

  constructor(
    gpu: GpuRuntime,
    private readonly kernels: WsGraphKernels,
    frequencies: Float64Array,
    private readonly paramCount: number,
  ) {
    const channels = kernels.graph.nodes[0].channels;
    if (channels !== 1 + 2 * frequencies.length)
      throw new Error(
        `the model reads ${channels} channels a weight; ${frequencies.length} frequencies make ${1 + 2 * frequencies.length}`,
      );
    this.fourier =
      frequencies.length > 0
        ? new FourierFeatureKernel(gpu, frequencies, kernels.maxBatch * paramCount, kernels.values[0])
        : null;
  }

  /** Normalised networks `[n, P]` for the next `encode`. */
  set(x: Float32Array): void {
    if (this.fourier) this.fourier.set(x);
    else this.kernels.setInput(x);
  }

  /** The features of the networks last `set`, into the input node (before the forward in the same pass). */
  encode(pass: GPUComputePassEncoder, n: number): void {
    this.fourier?.encode(pass, n * this.paramCount);
  }

  /** Outputs `[count, outputs]` of normalised networks `[count, P]`. */
  forwardAll(x: Float32Array, count: number): Promise<Float32Array> {
    const P = this.paramCount;
    return this.kernels.forwardBatches(count, (first, n, pass) => {
      this.set(x.subarray(first * P, (first + n) * P));
      this.encode(pass, n);
    });
  }

  destroy(): void {
    this.fourier?.destroy();
  }
}
