/**
 * A weight-space model's input nodes from normalised networks `[n, P]`: the weights node, their Gaussian Fourier
 * features computed on the GPU (fourier_features.wgsl) when the model has frequencies, else the entries as they are;
 * the probe features node (the networks' outputs at learned points or on the render's grid: probe_features.wgsl) of
 * the probe and pixel readers (their only input) and of a DWS/NFN head with probes (beside the weights).
 */
import { FourierFeatureKernel } from '../gpu/kernels/fourierFeatureKernel';
import { ProbeKernel } from '../gpu/kernels/probeKernel';
import type { WsGraphKernels } from '../gpu/kernels/wsGraphKernels';
import type { GpuRuntime } from '../gpu/runtime';
import { readsOutputs, type WsModel } from '../models/wsModel';
import type { MlpLayout } from '../weightspace/layout';
import type { TensorStats } from './wsData';

/** What the input stage needs besides the model's kernels. */
export interface InputSource {
  model: WsModel;
  layout: MlpLayout;
  frequencies: Float64Array;
  /** the SIRENs' ω0 and the per-tensor normalisation they arrive in (the probe reader evaluates the raw networks) */
  omega0: number;
  stats: TensorStats;
}

/** The input nodes whose gradient the model needs: the probe features' when its points are trained. */
export const inputGradNodes = (model: WsModel): number[] => (model.probeCoords ? [model.probeNode ?? 0] : []);

const readsPoints = (model: WsModel): boolean => model.probeCoords !== undefined || model.pixelGrid !== undefined;

export class WsInput {
  /** Compiles ahead what the model's input needs. */
  static async prepare(gpu: GpuRuntime, model: WsModel, layout: MlpLayout, frequencyCount: number): Promise<void> {
    await Promise.all([
      readsPoints(model) ? ProbeKernel.prepare(gpu, layout.dims) : null,
      !readsOutputs(model.spec.kind) && frequencyCount > 0 ? FourierFeatureKernel.prepare(gpu, frequencyCount) : null,
    ]);
  }

  private readonly fourier: FourierFeatureKernel | null = null;
  private readonly probe: ProbeKernel | null = null;
  private readonly paramCount: number;
  private readonly grid: GPUBuffer | null = null;
  /** the model's node 0 is the weights (not the probe features) */
  private readonly readsWeights: boolean;

  constructor(
    private readonly gpu: GpuRuntime,
    private readonly kernels: WsGraphKernels,
    { model, layout, frequencies, omega0, stats }: InputSource,
  ) {
    this.paramCount = layout.paramCount;
    if (model.probeCoords || model.pixelGrid) {
      const P = layout.paramCount;
      const node = model.probeNode ?? 0;
      const learned = model.probeCoords;
      if (model.pixelGrid) this.grid = gpu.pool.upload('probe.grid', model.pixelGrid);
      this.probe = new ProbeKernel(
        gpu,
        {
          dims: layout.dims,
          omega0,
          probes: learned ? learned.cIn : model.pixelGrid!.length / layout.dims[0],
          coordOffset: learned ? learned.offset : 0,
          maxNetworks: kernels.maxBatch,
          scale: Float32Array.from({ length: P }, (_, i) => stats.std[stats.tensorOf[i]]),
          shift: Float32Array.from({ length: P }, (_, i) => stats.mean[stats.tensorOf[i]]),
        },
        learned
          ? {
              points: kernels.theta,
              dTheta: kernels.dTheta,
              features: kernels.values[node],
              featureGrads: kernels.grads[node],
            }
          : { points: this.grid!, dTheta: null, features: kernels.values[node], featureGrads: null },
      );
    }
    this.readsWeights = !readsOutputs(model.spec.kind);
    if (!this.readsWeights) return;
    const channels = kernels.graph.nodes[0].channels;
    if (channels !== 1 + 2 * frequencies.length)
      throw new Error(
        `the model reads ${channels} channels a weight; ${frequencies.length} frequencies make ${1 + 2 * frequencies.length}`,
      );
    if (frequencies.length > 0)
      this.fourier = new FourierFeatureKernel(gpu, frequencies, kernels.maxBatch * this.paramCount, kernels.values[0]);
  }

  /** Normalised networks `[n, P]` for the next `encode`. */
  set(x: Float32Array): void {
    this.probe?.set(x);
    if (this.fourier) this.fourier.set(x);
    else if (this.readsWeights) this.kernels.setInput(x);
  }

  /** The features of the networks last `set`, into the input node (before the forward in the same pass). */
  encode(pass: GPUComputePassEncoder, n: number): void {
    this.fourier?.encode(pass, n * this.paramCount);
    this.probe?.encode(pass, n);
  }

  /** The gradient of the input stage's own parameters (the probe points), after the model's backward. */
  encodeBackward(pass: GPUComputePassEncoder, n: number): void {
    if (this.grid === null) this.probe?.encodeBackward(pass, n);
  }

  /** Outputs `[count, outputs]` of normalised networks `[count, P]` (or the values of node `read`). */
  forwardAll(x: Float32Array, count: number, read?: number): Promise<Float32Array> {
    const P = this.paramCount;
    return this.kernels.forwardBatches(
      count,
      (first, n, pass) => {
        this.set(x.subarray(first * P, (first + n) * P));
        this.encode(pass, n);
      },
      read,
    );
  }

  destroy(): void {
    this.fourier?.destroy();
    this.probe?.destroy();
    if (this.grid) this.gpu.pool.release(this.grid);
  }
}
