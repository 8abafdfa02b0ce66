/**
 * A trained model read from its file, run forward on any networks of its architecture: the same input preparation
 * as training (per-tensor normalisation, Fourier features) and the same kernels.
 */
import { WsGraphKernels } from '../gpu/kernels/wsGraphKernels';
import type { GpuRuntime } from '../gpu/runtime';
import type { TrainedModel } from '../models/trainedModel';
import { buildWsModel } from '../models/wsModel';
import { canonicalBatch } from '../weightspace/canonical';
import { mlpLayout, type MlpLayout } from '../weightspace/layout';
import { normalise, statsFrom, type TensorStats } from './wsData';
import { WsInput } from './wsInput';
import { argmax } from './wsMetrics';

export class WsPredictor {
  static async create(gpu: GpuRuntime, model: TrainedModel, batchSize = 32): Promise<WsPredictor> {
    const layout = mlpLayout(model.dims);
    const wsModel = buildWsModel(layout, model.spec);
    await Promise.all([
      WsGraphKernels.prepare(gpu, wsModel.graph),
      WsInput.prepare(gpu, wsModel, layout, model.frequencies.length),
    ]);
    const kernels = new WsGraphKernels(gpu, wsModel.graph, batchSize);
    kernels.setParams(model.theta);
    const stats = statsFrom(layout, model.mean, model.std);
    const input = new WsInput(gpu, kernels, {
      model: wsModel,
      layout,
      frequencies: model.frequencies,
      omega0: model.omega0,
      stats,
    });
    return new WsPredictor(model, layout, kernels, input, stats);
  }

  private constructor(
    readonly model: TrainedModel,
    private readonly layout: MlpLayout,
    private readonly kernels: WsGraphKernels,
    private readonly input: WsInput,
    private readonly stats: TensorStats,
  ) {}

  /**
   * Outputs `[count, outputs]` of un-normalised networks `[count, P]`: class logits, regression values, or an
   * editing model's Δ `[count, P]` (editData.ts editNetworks makes the edited networks of it).
   */
  async predict(networks: Float32Array): Promise<Float32Array> {
    const count = networks.length / this.layout.paramCount;
    const read = this.model.spec.canonical ? canonicalBatch(this.layout, networks, this.model.omega0) : networks;
    const out = await this.input.forwardAll(normalise(this.layout, this.stats, read), count);
    if (this.model.task !== 'regression') return out;
    const K = this.model.spec.outputs;
    return out.map((z, i) => z * this.model.valueStd[i % K] + this.model.valueMean[i % K]);
  }

  destroy(): void {
    this.input.destroy();
    this.kernels.destroy();
  }
}

/** The arg-max class of every row of `[count, classes]` logits. */
export function predictedClasses(logits: Float32Array, classes: number): Int32Array {
  return Int32Array.from({ length: logits.length / classes }, (_, i) => argmax(logits, i * classes, classes));
}
