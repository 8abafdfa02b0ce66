/**
 * One live INR fit on the GPU: a batch of one SIREN, a play loop that submits `stepsPerFrame` steps per frame and
 * reads metrics back through a ring of mapped buffers (never awaiting a readback in the loop), play / pause / step.
 * Knows nothing of Workers or the DOM: fitWorker.ts adapts it to messages.
 */
import { decodeNetStates, NET_STATE_BYTES, NET_STATUS, SirenBatchKernels } from '../gpu/kernels/sirenKernels';
import { ReadbackRing } from '../gpu/readback';
import type { GpuRuntime } from '../gpu/runtime';
import { imageGrid, initSirenBatch, mseForPsnr, psnrFromMse } from '../models/siren';
import { DEFAULT_ADAM } from '../reference/adam';
import type { FitEvent, FitMetrics, FitSetup } from './fitProtocol';

export class FitSession {
  private kernels: SirenBatchKernels | null = null;
  private ring: ReadbackRing | null = null;
  private setupInUse: FitSetup | null = null;
  private playing = false;
  /** bumped by every pause / setup, so a stale loop stops at its next frame */
  private generation = 0;
  private stepsPerFrame = 10;
  private msPerStep = 0;

  constructor(
    private readonly gpu: GpuRuntime,
    private readonly emit: (event: FitEvent) => void,
  ) {}

  setup(setup: FitSetup): void {
    this.pause();
    this.kernels?.destroy();
    this.ring?.destroy();
    this.setupInUse = setup;
    this.msPerStep = 0;
    this.kernels = new SirenBatchKernels(this.gpu, {
      spec: setup.spec,
      params: initSirenBatch(setup.spec, 1, setup.seed),
      coords: imageGrid(setup.side),
      targets: setup.target,
      adam: { ...DEFAULT_ADAM, lr: setup.lr },
      stopLoss: setup.stopPsnr === null ? 0 : mseForPsnr(setup.stopPsnr),
    });
    this.ring = new ReadbackRing(this.gpu.device, NET_STATE_BYTES + setup.target.byteLength, 3, 'fit.metrics');
    this.frame(0);
  }

  setLearningRate(lr: number): void {
    if (!this.kernels || !this.setupInUse) return;
    this.setupInUse = { ...this.setupInUse, lr };
    this.kernels.setAdam({ ...DEFAULT_ADAM, lr });
  }

  setStepsPerFrame(count: number): void {
    this.stepsPerFrame = Math.max(1, Math.floor(count));
  }

  play(): void {
    if (this.playing || !this.kernels) return;
    this.playing = true;
    this.emit({ type: 'running', running: true });
    void this.loop(++this.generation);
  }

  pause(reason?: string): void {
    if (!this.playing) return;
    this.playing = false;
    this.generation++;
    this.emit({ type: 'running', running: false, reason });
  }

  /** `count` steps now (paused or not), then a metrics event. */
  step(count: number): void {
    if (!this.kernels) return;
    this.pause();
    this.frame(count);
  }

  private async loop(generation: number): Promise<void> {
    while (this.playing && generation === this.generation) {
      const started = performance.now();
      this.frame(this.stepsPerFrame);
      await this.gpu.device.queue.onSubmittedWorkDone();
      if (generation === this.generation) this.msPerStep = (performance.now() - started) / this.stepsPerFrame;
    }
  }

  /** Records `steps` steps and a render, submits, and reads metrics back when a ring slot is free. */
  private frame(steps: number): void {
    const kernels = this.kernels!;
    const target = this.setupInUse!.target;
    const encoder = this.gpu.device.createCommandEncoder({ label: 'fit.frame' });
    if (steps > 0) kernels.encodeSteps(encoder, steps);
    kernels.encodeForward(encoder, 0, 1);
    const readback = this.ring!.tryCopy(encoder, [
      { buffer: kernels.state, size: NET_STATE_BYTES },
      { buffer: kernels.outputs, size: target.byteLength },
    ]);
    this.gpu.device.queue.submit([encoder.finish()]);
    if (!readback) return;
    const generation = this.generation;
    readback.read().then(
      (data) => {
        if (kernels !== this.kernels) return; // set up anew meanwhile
        const [state] = decodeNetStates(data, 1);
        const recon = new Float32Array(data, NET_STATE_BYTES, target.length);
        let sq = 0;
        for (let i = 0; i < target.length; i++) sq += (recon[i] - target[i]) ** 2;
        const loss = sq / target.length;
        const metrics: FitMetrics = { step: state.step, loss, psnr: psnrFromMse(loss), status: state.status, msPerStep: this.msPerStep, recon };
        this.emit({ type: 'metrics', metrics });
        if (generation === this.generation && state.status === NET_STATUS.converged) this.pause(`reached ${this.setupInUse?.stopPsnr} dB`);
        if (state.status === NET_STATUS.diverged || !Number.isFinite(loss)) {
          this.pause('the loss is no longer finite (NaN/∞): lower the learning rate and reset');
        }
      },
      (err: unknown) => this.emit({ type: 'error', message: `metrics readback failed: ${String(err)}` }),
    );
  }

  destroy(): void {
    this.pause();
    this.kernels?.destroy();
    this.ring?.destroy();
  }
}
