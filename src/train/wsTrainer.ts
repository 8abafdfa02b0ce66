/**
 * Trains a weight-space model on a zoo on the GPU: shuffled mini-batches, forward → loss → backward → AdamW in one
 * compute pass per batch, evaluation of val / test / permuted test after every epoch, and a best-validation
 * checkpoint (the last epoch when the zoo has no validation split). Randomness: init, shuffling and the test
 * permutations all come from `seed`.
 */
import { AdamKernel } from '../gpu/kernels/adamKernel';
import { LossKernel, type LossKind } from '../gpu/kernels/lossKernel';
import { WsGraphKernels } from '../gpu/kernels/wsGraphKernels';
import { readBuffer } from '../gpu/readback';
import type { GpuRuntime } from '../gpu/runtime';
import { fourierFrequencies } from '../models/fourierFeatures';
import type { TrainedModel } from '../models/trainedModel';
import { buildWsModel, hasInvariantHead, initWsParams, readsOutputs, type WsModel } from '../models/wsModel';
import { canonicalBatch, canonicalSiren } from '../weightspace/canonical';
import { Rng } from '../weightspace/rng';
import { augmentSample } from './wsAugment';
import { normalise, type WsDataset } from './wsData';
import { inputGradNodes, WsInput } from './wsInput';
import { classMetrics, regressionMetrics, type SplitMetrics } from './wsMetrics';
import type { WsTrainConfig } from './wsTrainConfig';

export { DEFAULT_WS_TRAIN, type WsTrainConfig } from './wsTrainConfig';

export type EvalSplit = 'train' | 'val' | 'test' | 'testPermuted';

export interface EpochReport {
  epoch: number;
  /** running metrics of the epoch's training batches */
  train: SplitMetrics;
  val: SplitMetrics;
  test: SplitMetrics;
  testPermuted: SplitMetrics;
  /** whether this epoch is the new best-validation checkpoint */
  best: boolean;
  ms: number;
  /**
   * stopped before its last batch: `train` covers the batches it ran, nothing was evaluated, it is not counted as an
   * epoch and never the best checkpoint
   */
  partial?: boolean;
}

/** Fourier features per weight: none for the probe and pixel readers, which read the networks' outputs. */
const fourierOf = (config: WsTrainConfig): number => (readsOutputs(config.kind) ? 0 : config.fourier);

/** Training INRs whose mean pooled features centre a DWS/NFN head (WsTrainer.centrePool). */
const POOL_CENTRE_SAMPLE = 256;

function modelFor(data: WsDataset, config: WsTrainConfig): WsModel {
  return buildWsModel(data.layout, {
    kind: config.kind,
    depth: config.depth,
    channels: config.channels,
    outputs: data.outputs,
    inputChannels: 1 + 2 * fourierOf(config),
    ...(data.canonical ? { canonical: true } : {}),
    ...(config.kind === 'probe' ? { probes: config.probes } : {}),
    // a head with probes keeps its pool as it is: centred, DWS with 64 head probes read 73.0 / 75.0% (seeds 0 / 1,
    // independent inits, 700 training INRs) where uncentred it read 80.0 / 80.5% (README, "A centred pool")
    ...(hasInvariantHead(config.kind) && config.headProbes > 0 ? { headProbes: config.headProbes } : {}),
    ...(hasInvariantHead(config.kind) && config.headProbes === 0 ? { centredPool: true } : {}),
  });
}

const lossKindOf = (data: WsDataset): LossKind => (data.task === 'class' ? 'cross_entropy' : 'mse');

export class WsTrainer {
  readonly model: WsModel;
  private readonly kernels: WsGraphKernels;
  private readonly input: WsInput;
  private readonly loss: LossKernel;
  private readonly adam: AdamKernel;
  private readonly buffers: GPUBuffer[] = [];
  private readonly bestTheta: GPUBuffer;
  /** Adam's moments and its step state */
  private readonly optimizerState: GPUBuffer[];
  private readonly rng: Rng;
  private bestScore = -Infinity;
  private readonly frequencies: Float64Array;
  private lr: number;
  epoch = 0;

  /** A trainer once its kernels are compiled, without holding the GPU process (and the page's canvases) meanwhile. */
  static async create(gpu: GpuRuntime, data: WsDataset, config: WsTrainConfig): Promise<WsTrainer> {
    if (data.stats.per === 'weight' && config.kind !== 'mlp')
      throw new Error(
        `per-weight normalisation is for the flattened MLP: it would break the ${config.kind} reader's invariance (normalise per tensor)`,
      );
    const model = modelFor(data, config);
    await Promise.all([
      WsGraphKernels.prepare(gpu, model.graph, inputGradNodes(model)),
      WsInput.prepare(gpu, model, data.layout, fourierOf(config)),
      LossKernel.prepare(gpu, lossKindOf(data)),
      AdamKernel.prepare(gpu.pipelines),
    ]);
    const trainer = new WsTrainer(gpu, data, config, model);
    if (model.poolCentre) await trainer.centrePool(model.poolCentre);
    return trainer;
  }

  /**
   * Sets a centred pool's offsets to minus the mean pooled features of the first POOL_CENTRE_SAMPLE training INRs,
   * Θ as initialised. The pooled features are means over whole tensors: large beside how little they vary from one
   * INR to the next, so a head unit's pre-activation moves almost alike for every INR, and a few steps can leave all
   * of them off for every INR (the loss then stays at ln 10). Centred, the head reads how each INR differs from the
   * zoo (a DWS seed that never learned reads 34.5% so: README, "Centred pools").
   */
  private async centrePool({ node, offsets }: NonNullable<WsModel['poolCentre']>): Promise<void> {
    const P = this.data.layout.paramCount;
    const n = Math.min(POOL_CENTRE_SAMPLE, this.data.inputs.train.length / P);
    const pooled = await this.input.forwardAll(this.data.inputs.train.subarray(0, n * P), n, node);
    const width = offsets.cIn * offsets.cOut;
    const theta = await this.readParams();
    for (let i = 0; i < width; i++) {
      let sum = 0;
      for (let b = 0; b < n; b++) sum += pooled[b * width + i];
      theta[offsets.offset + i] = -sum / n;
    }
    this.kernels.setParams(theta);
    this.gpu.device.queue.writeBuffer(this.bestTheta, 0, theta.buffer, theta.byteOffset, theta.byteLength);
  }

  constructor(
    private readonly gpu: GpuRuntime,
    readonly data: WsDataset,
    readonly config: WsTrainConfig,
    model = modelFor(data, config),
  ) {
    const { device } = gpu;
    this.frequencies = fourierFrequencies(fourierOf(config), config.seed);
    this.lr = config.lr;
    this.model = model;
    const g = this.model.graph;
    this.kernels = new WsGraphKernels(gpu, g, config.batchSize, inputGradNodes(model));
    this.input = new WsInput(gpu, this.kernels, {
      model,
      layout: data.layout,
      frequencies: this.frequencies,
      omega0: data.omega0,
      stats: data.stats,
    });
    const storage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
    const make = (label: string, bytes: number): GPUBuffer => {
      const b = device.createBuffer({ label, size: Math.max(16, bytes), usage: storage });
      this.buffers.push(b);
      return b;
    };
    const state = make('ws.adamState', 16);
    this.bestTheta = make('ws.bestTheta', this.kernels.theta.size);
    // until a first epoch is kept, the best checkpoint is the initialisation (what a divergence falls back to)
    const theta0 = initWsParams(this.model, config.seed);
    device.queue.writeBuffer(this.bestTheta, 0, theta0.buffer, theta0.byteOffset, theta0.byteLength);
    this.loss = new LossKernel(gpu, lossKindOf(data), data.outputs, config.batchSize, {
      outputs: this.kernels.output.value,
      dOutputs: this.kernels.output.grad,
      state,
    });
    const m = make('ws.adamM', 4 * g.params.size);
    const v = make('ws.adamV', 4 * g.params.size);
    this.optimizerState = [m, v, state];
    this.kernels.setParams(theta0);
    this.adam = new AdamKernel(
      device,
      gpu.pipelines,
      { params: this.kernels.theta, grads: this.kernels.dTheta, m, v, state },
      g.params.size,
      1,
      {
        lr: config.lr,
        beta1: 0.9,
        beta2: 0.999,
        eps: 1e-8,
        weightDecay: config.weightDecay,
      },
    );
    this.rng = new Rng(config.seed ^ 0x7a11);
  }

  get parameterCount(): number {
    return this.model.graph.params.count;
  }

  private metrics(outputs: Float32Array, targets: Float32Array): SplitMetrics {
    return this.data.task === 'class'
      ? classMetrics(outputs, targets, this.data.outputs)
      : regressionMetrics(outputs, targets, this.data.outputs);
  }

  /**
   * One epoch of training, then evaluation (without `evaluate`: none, the held-out metrics NaN and no checkpoint);
   * `signal` stops between batches.
   */
  async runEpoch(signal?: AbortSignal, evaluate = true): Promise<EpochReport> {
    const started = performance.now();
    const { device } = this.gpu;
    const { inputs, targets } = this.data;
    const P = this.data.layout.paramCount;
    const K = this.data.outputs;
    const B = this.config.batchSize;
    const nTrain = inputs.train.length / P;
    const order = Array.from({ length: nTrain }, (_, i) => i);
    for (let i = nTrain - 1; i > 0; i--) {
      const j = this.rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const trainOutputs = device.createBuffer({
      label: 'ws.trainOutputs',
      size: 4 * Math.max(4, nTrain * K),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC,
    });
    const shuffledTargets = new Float32Array(nTrain * K);
    const x = new Float32Array(B * P);
    const t = new Float32Array(B * K);
    let ran = 0; // training rows whose outputs are in trainOutputs
    for (let first = 0; first < nTrain; first += B) {
      if (signal?.aborted) break;
      const n = Math.min(B, nTrain - first);
      for (let i = 0; i < n; i++) {
        const r = order[first + i];
        if (this.config.augmentations.length > 0) {
          const sample = augmentSample(this.data, this.config.augmentations, r, this.rng);
          const net = this.data.canonical ? canonicalSiren(this.data.layout, sample.net, this.data.omega0) : sample.net;
          x.set(normalise(this.data.layout, this.data.stats, net), i * P);
          t.set(sample.target, i * K);
        } else {
          x.set(inputs.train.subarray(r * P, (r + 1) * P), i * P);
          t.set(targets.train.subarray(r * K, (r + 1) * K), i * K);
        }
      }
      shuffledTargets.set(t.subarray(0, n * K), first * K);
      this.input.set(x.subarray(0, n * P));
      this.loss.setTargets(t.subarray(0, n * K));
      const encoder = device.createCommandEncoder({ label: 'ws.trainStep' });
      const pass = encoder.beginComputePass();
      this.input.encode(pass, n);
      this.kernels.encodeForward(pass, n);
      this.loss.encode(pass, n);
      this.kernels.encodeBackward(pass, n);
      this.input.encodeBackward(pass, n);
      this.adam.encode(pass);
      pass.end();
      encoder.copyBufferToBuffer(this.kernels.output.value, 0, trainOutputs, 4 * first * K, 4 * n * K);
      device.queue.submit([encoder.finish()]);
      ran = first + n;
    }
    // the rows that ran only: an epoch stopped midway leaves the rest of the buffer unwritten
    const train = this.metrics(
      new Float32Array(await readBuffer(device, trainOutputs)).subarray(0, ran * K),
      shuffledTargets.subarray(0, ran * K),
    );
    trainOutputs.destroy();
    const none = { loss: NaN, accuracy: NaN };
    if (ran < nTrain) {
      const ms = performance.now() - started;
      return { epoch: this.epoch, train, val: none, test: none, testPermuted: none, best: false, ms, partial: true };
    }
    this.epoch++;
    if (!evaluate) {
      const ms = performance.now() - started;
      return { epoch: this.epoch, train, val: none, test: none, testPermuted: none, best: false, ms };
    }
    const [val, test, testPermuted] = await Promise.all(
      (['val', 'test', 'testPermuted'] as const).map((s) => this.evaluate(s)),
    );
    const hasVal = inputs.val.length > 0;
    const score = !hasVal ? this.epoch : this.data.task === 'class' ? val.accuracy! - 1e-3 * val.loss : -val.loss;
    const best = score > this.bestScore;
    if (best) {
      this.bestScore = score;
      const encoder = device.createCommandEncoder({ label: 'ws.checkpoint' });
      encoder.copyBufferToBuffer(this.kernels.theta, 0, this.bestTheta, 0, this.kernels.theta.size);
      device.queue.submit([encoder.finish()]);
    }
    return { epoch: this.epoch, train, val, test, testPermuted, best, ms: performance.now() - started };
  }

  /** Model outputs `[count, outputs]` for a split with the current parameters. */
  predict(split: EvalSplit): Promise<Float32Array> {
    return this.predictInputs(this.data.inputs[split]);
  }

  /** Model outputs `[count, outputs]` for normalised inputs `[count, P]` (any networks, not only the zoo's). */
  predictInputs(x: Float32Array): Promise<Float32Array> {
    return this.input.forwardAll(x, x.length / this.data.layout.paramCount);
  }

  /** Model outputs for raw networks `[count, P]`, read as the training ones are (canonical form, normalisation). */
  predictNetworks(networks: Float32Array): Promise<Float32Array> {
    const { layout, stats, canonical, omega0 } = this.data;
    return this.predictInputs(
      normalise(layout, stats, canonical ? canonicalBatch(layout, networks, omega0) : networks),
    );
  }

  async evaluate(split: EvalSplit): Promise<SplitMetrics> {
    return this.metrics(await this.predict(split), this.data.targets[split]);
  }

  /** Puts the best-validation parameters in place (for the final test figures). */
  restoreBest(): void {
    const encoder = this.gpu.device.createCommandEncoder({ label: 'ws.restoreBest' });
    encoder.copyBufferToBuffer(this.bestTheta, 0, this.kernels.theta, 0, this.kernels.theta.size);
    this.gpu.device.queue.submit([encoder.finish()]);
  }

  /** After a divergence: the best checkpoint back in place and Adam restarted (its moments may hold NaN). */
  recoverFromDivergence(): void {
    const encoder = this.gpu.device.createCommandEncoder({ label: 'ws.recover' });
    encoder.copyBufferToBuffer(this.bestTheta, 0, this.kernels.theta, 0, this.kernels.theta.size);
    for (const b of this.optimizerState) encoder.clearBuffer(b);
    this.gpu.device.queue.submit([encoder.finish()]);
  }

  /** Puts parameters Θ in place (a model file's; or NaN, to test the divergence path). */
  setParams(theta: Float32Array): void {
    this.kernels.setParams(theta);
  }

  /** The learning rate Adam uses now: the recipe's, or a lower one set after a divergence. */
  get learningRate(): number {
    return this.lr;
  }

  setLearningRate(lr: number): void {
    this.lr = lr;
    this.adam.setHyper({ lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: this.config.weightDecay });
  }

  async readParams(): Promise<Float32Array> {
    return this.kernels.read(this.kernels.theta, this.model.graph.params.size);
  }

  /** The model with its current parameters as a self-contained record (for a model file). */
  async trainedModel(): Promise<TrainedModel> {
    const { data, config } = this;
    return {
      spec: { ...this.model.spec, inputChannels: this.model.spec.inputChannels ?? 1 },
      dims: [...data.layout.dims],
      omega0: data.omega0,
      task: data.task,
      theta: await this.readParams(),
      frequencies: Float64Array.from(this.frequencies),
      mean: Float64Array.from(data.stats.mean),
      std: Float64Array.from(data.stats.std),
      valueMean: Float64Array.from(data.valueMean),
      valueStd: Float64Array.from(data.valueStd),
      // the rate it trained at last, and the recipe's when a divergence lowered it
      training: JSON.stringify({ ...config, lr: this.lr, ...(this.lr !== config.lr ? { initialLr: config.lr } : {}) }),
    };
  }

  destroy(): void {
    this.input.destroy();
    this.kernels.destroy();
    this.loss.destroy();
    this.adam.destroy();
    for (const b of this.buffers) b.destroy();
  }
}
