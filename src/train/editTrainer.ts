/**
 * Trains an editing model on the GPU (docs/design.md §10): per mini-batch, in one submit, the model's forward gives
 * Δ, the edit kernel makes θ' = θ + γ σ ⊙ Δ straight into a SIREN batch, the SIREN backward gives each edited INR's
 * render-MSE gradient against its target, the edit kernel's adjoint takes it onto Δ and γ, the model's backward
 * onto Θ, and AdamW steps. The loss is the batch mean of the render MSEs; val / test MSE after every epoch, and a
 * best-validation checkpoint. Randomness (init, shuffling) comes from `seed`.
 */
import type { SplitName } from '../data/zoo';
import { AdamKernel } from '../gpu/kernels/adamKernel';
import { EditKernel } from '../gpu/kernels/editKernel';
import { NET_STATE_BYTES, decodeNetStates, SirenBatchKernels } from '../gpu/kernels/sirenKernels';
import { WsGraphKernels } from '../gpu/kernels/wsGraphKernels';
import { readBuffer } from '../gpu/readback';
import type { GpuRuntime } from '../gpu/runtime';
import { fourierFrequencies } from '../models/fourierFeatures';
import { imageGrid } from '../models/siren';
import type { TrainedModel } from '../models/trainedModel';
import { buildWsModel, initWsParams, type WsModel } from '../models/wsModel';
import { DEFAULT_ADAM } from '../reference/adam';
import { Rng } from '../weightspace/rng';
import type { EditData } from './editData';
import type { EditEpochReport, EditTrainConfig } from './editTrainConfig';
import { WsInput } from './wsInput';

export {
  DEFAULT_EDIT_TRAIN,
  EDIT_MODEL_KINDS,
  type EditEpochReport,
  type EditModelKind,
  type EditTrainConfig,
} from './editTrainConfig';

const SIDE = 28;
const PIXELS = SIDE * SIDE;

function editModel(data: EditData, config: EditTrainConfig): WsModel {
  return buildWsModel(data.layout, {
    kind: config.kind,
    depth: config.depth,
    channels: config.channels,
    outputs: 1, // unused: an editing model outputs one entry per weight
    inputChannels: 1 + 2 * config.fourier,
    edit: true,
  });
}

export class EditTrainer {
  static async create(gpu: GpuRuntime, data: EditData, config: EditTrainConfig): Promise<EditTrainer> {
    const model = editModel(data, config);
    const spec = { dims: data.layout.dims, omega0: data.omega0 };
    await Promise.all([
      WsGraphKernels.prepare(gpu, model.graph),
      WsInput.prepare(gpu, model, data.layout, config.fourier),
      EditKernel.prepare(gpu, data.layout.paramCount, model.editScale!.offset),
      SirenBatchKernels.prepare(gpu, spec),
      AdamKernel.prepare(gpu.pipelines),
    ]);
    return new EditTrainer(gpu, data, config, model);
  }

  private readonly kernels: WsGraphKernels;
  private readonly input: WsInput;
  private readonly siren: SirenBatchKernels;
  private readonly edit: EditKernel;
  private readonly adam: AdamKernel;
  private readonly nets: GPUBuffer;
  private readonly bestTheta: GPUBuffer;
  private readonly owned: GPUBuffer[] = [];
  private readonly frequencies: Float64Array;
  private readonly rng: Rng;
  private bestScore = Infinity;
  /** Adam's step count t, written into its state before each step (here no loss kernel counts it) */
  private steps = 0;
  private readonly adamState: GPUBuffer;
  epoch = 0;

  private constructor(
    private readonly gpu: GpuRuntime,
    readonly data: EditData,
    readonly config: EditTrainConfig,
    readonly model: WsModel,
  ) {
    const { device } = gpu;
    const P = data.layout.paramCount;
    const B = config.batchSize;
    const make = (label: string, bytes: number): GPUBuffer => {
      const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
      const b = device.createBuffer({ label, size: Math.max(16, bytes), usage });
      this.owned.push(b);
      return b;
    };
    this.frequencies = fourierFrequencies(config.fourier, config.seed);
    this.kernels = new WsGraphKernels(gpu, model.graph, B);
    this.input = new WsInput(gpu, this.kernels, {
      model,
      layout: data.layout,
      frequencies: this.frequencies,
      omega0: data.omega0,
      stats: data.stats,
    });
    this.siren = new SirenBatchKernels(gpu, {
      spec: { dims: data.layout.dims, omega0: data.omega0 },
      params: new Float32Array(B * P),
      coords: imageGrid(SIDE),
      targets: new Float32Array(B * PIXELS),
      adam: DEFAULT_ADAM,
      stopLoss: 0,
    });
    this.nets = make('edit.nets', 4 * B * P);
    this.edit = new EditKernel(gpu, P, model.editScale!.offset, data.sigma, {
      theta: this.kernels.theta,
      dTheta: this.kernels.dTheta,
      delta: this.kernels.output.value,
      dDelta: this.kernels.output.grad,
      nets: this.nets,
      edited: this.siren.params,
      grads: this.siren.grads,
    });
    const size = model.graph.params.size;
    const [m, v, state] = [make('edit.adamM', 4 * size), make('edit.adamV', 4 * size), make('edit.adamState', 16)];
    this.adamState = state;
    const theta0 = initWsParams(model, config.seed);
    this.kernels.setParams(theta0);
    this.bestTheta = make('edit.bestTheta', this.kernels.theta.size);
    device.queue.writeBuffer(this.bestTheta, 0, theta0.buffer, theta0.byteOffset, theta0.byteLength);
    this.adam = new AdamKernel(
      device,
      gpu.pipelines,
      { params: this.kernels.theta, grads: this.kernels.dTheta, m, v, state },
      size,
      1,
      { lr: config.lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: config.weightDecay },
    );
    this.rng = new Rng(config.seed ^ 0x3d17);
  }

  get parameterCount(): number {
    return this.model.graph.params.count;
  }

  /**
   * One pass over `rows` of a split in batches: the edited INRs' render MSE each, and per batch a training step
   * (`learn` 'step'), the gradient only ('gradient': dΘ of the last batch stays in the kernels), or nothing.
   * `edited` collects θ' `[n, P]` when given. Stops between batches on `signal`.
   */
  private async pass(
    split: SplitName,
    order: number[],
    learn: 'step' | 'gradient' | false,
    signal?: AbortSignal,
    edited?: GPUBuffer,
  ): Promise<{ losses: Float32Array; ran: number }> {
    const { device } = this.gpu;
    const P = this.data.layout.paramCount;
    const B = this.config.batchSize;
    const { inputs, nets, targets } = this.data;
    const states = this.gpu.pool.acquire(
      'edit.states',
      Math.max(16, order.length * NET_STATE_BYTES),
      GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC,
    );
    const x = new Float32Array(B * P);
    const raw = new Float32Array(B * P);
    const t = new Float32Array(B * PIXELS);
    let ran = 0;
    for (let first = 0; first < order.length; first += B) {
      if (signal?.aborted) break;
      const n = Math.min(B, order.length - first);
      for (let i = 0; i < n; i++) {
        const r = order[first + i];
        x.set(inputs[split].subarray(r * P, (r + 1) * P), i * P);
        raw.set(nets[split].subarray(r * P, (r + 1) * P), i * P);
        t.set(targets[split].subarray(r * PIXELS, (r + 1) * PIXELS), i * PIXELS);
      }
      this.input.set(x.subarray(0, n * P));
      device.queue.writeBuffer(this.nets, 0, raw.buffer, 0, n * P * 4);
      this.siren.setTargets(t.subarray(0, n * PIXELS));
      this.edit.setBatch(n);
      if (learn === 'step') device.queue.writeBuffer(this.adamState, 0, new Uint32Array([++this.steps, 0, 0, 0]));
      const encoder = device.createCommandEncoder({ label: learn ? 'edit.trainStep' : 'edit.evaluate' });
      encoder.clearBuffer(this.siren.state);
      const forward = encoder.beginComputePass();
      this.input.encode(forward, n);
      this.kernels.encodeForward(forward, n);
      this.edit.encodeCompose(forward, n);
      forward.end();
      this.siren.encodeLossAndGrad(encoder);
      if (learn) {
        const backward = encoder.beginComputePass();
        this.edit.encodeAdjoint(backward, n);
        this.kernels.encodeBackward(backward, n);
        if (learn === 'step') this.adam.encode(backward);
        backward.end();
      }
      encoder.copyBufferToBuffer(this.siren.state, 0, states, first * NET_STATE_BYTES, n * NET_STATE_BYTES);
      if (edited) encoder.copyBufferToBuffer(this.siren.params, 0, edited, first * P * 4, n * P * 4);
      device.queue.submit([encoder.finish()]);
      ran = first + n;
    }
    const read = await readBuffer(device, states, Math.max(16, order.length * NET_STATE_BYTES));
    this.gpu.pool.release(states);
    return { losses: Float32Array.from(decodeNetStates(read, ran), (s) => s.loss), ran };
  }

  async runEpoch(signal?: AbortSignal): Promise<EditEpochReport> {
    const started = performance.now();
    const n = this.data.rows.train.length;
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = this.rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const { losses, ran } = await this.pass('train', order, 'step', signal);
    const train = mean(losses);
    if (ran < n)
      return {
        epoch: this.epoch,
        train,
        val: NaN,
        test: NaN,
        best: false,
        ms: performance.now() - started,
        partial: true,
      };
    this.epoch++;
    const [val, test] = [await this.evaluate('val'), await this.evaluate('test')];
    // the best checkpoint by validation MSE; a zoo without one (another tool's, all train) keeps the last epoch
    const { rows } = this.data;
    const score = rows.val.length > 0 ? val : rows.test.length > 0 ? test : -this.epoch;
    const best = score < this.bestScore;
    if (best) {
      this.bestScore = score;
      const encoder = this.gpu.device.createCommandEncoder({ label: 'edit.checkpoint' });
      encoder.copyBufferToBuffer(this.kernels.theta, 0, this.bestTheta, 0, this.kernels.theta.size);
      this.gpu.device.queue.submit([encoder.finish()]);
    }
    return { epoch: this.epoch, train, val, test, best, ms: performance.now() - started };
  }

  /** Mean render MSE of a split's edited INRs against their targets. */
  async evaluate(split: SplitName): Promise<number> {
    const rows = Array.from({ length: this.data.rows[split].length }, (_, i) => i);
    return mean((await this.pass(split, rows, false)).losses);
  }

  /** Every INR of a split as the model edits it, `[n, P]`, and each one's render MSE against its target. */
  async editSplit(split: SplitName): Promise<{ edited: Float32Array; mse: Float32Array }> {
    const P = this.data.layout.paramCount;
    const n = this.data.rows[split].length;
    const buffer = this.gpu.pool.acquire(
      'edit.edited',
      Math.max(16, n * P * 4),
      GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC,
    );
    try {
      const { losses } = await this.pass(
        split,
        Array.from({ length: n }, (_, i) => i),
        false,
        undefined,
        buffer,
      );
      return { edited: new Float32Array(await readBuffer(this.gpu.device, buffer, n * P * 4)), mse: losses };
    } finally {
      this.gpu.pool.release(buffer);
    }
  }

  /** The loss and ∂L/∂Θ (γ's entry included) of one batch: the first `count` training INRs, Θ unchanged. */
  async gradient(count: number): Promise<{ loss: number; dTheta: Float32Array }> {
    const { losses } = await this.pass(
      'train',
      Array.from({ length: count }, (_, i) => i),
      'gradient',
    );
    return { loss: mean(losses), dTheta: await this.kernels.read(this.kernels.dTheta, this.model.graph.params.size) };
  }

  /** Puts parameters Θ in place (tests). */
  setParams(theta: Float32Array): void {
    this.kernels.setParams(theta);
  }

  restoreBest(): void {
    const encoder = this.gpu.device.createCommandEncoder({ label: 'edit.restoreBest' });
    encoder.copyBufferToBuffer(this.bestTheta, 0, this.kernels.theta, 0, this.kernels.theta.size);
    this.gpu.device.queue.submit([encoder.finish()]);
  }

  async trainedModel(): Promise<TrainedModel> {
    const { data, config } = this;
    return {
      spec: { ...this.model.spec, inputChannels: this.model.spec.inputChannels ?? 1 },
      dims: [...data.layout.dims],
      omega0: data.omega0,
      task: 'edit',
      edit: data.edit,
      theta: await this.kernels.read(this.kernels.theta, this.model.graph.params.size),
      frequencies: Float64Array.from(this.frequencies),
      mean: Float64Array.from(data.stats.mean),
      std: Float64Array.from(data.stats.std),
      valueMean: new Float64Array(0),
      valueStd: new Float64Array(0),
      training: JSON.stringify(config),
    };
  }

  destroy(): void {
    this.input.destroy();
    this.kernels.destroy();
    this.siren.destroy();
    this.edit.destroy();
    this.adam.destroy();
    for (const b of this.owned) b.destroy();
  }
}

/** The mean of `xs` (NaN for none). */
const mean = (xs: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return xs.length > 0 ? s / xs.length : NaN;
};
