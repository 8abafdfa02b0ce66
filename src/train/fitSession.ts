/**
 * One live INR fit: a play loop that runs `stepsPerFrame` steps per frame on a backend (GPU kernels or CPU twins)
 * and reports metrics as snapshots arrive (never waiting for one inside the loop), play / pause / step.
 * Knows nothing of Workers or the DOM: fitWorker.ts adapts it to messages.
 */
import { NET_STATUS } from '../gpu/kernels/sirenKernels';
import { meanSquaredError, psnrFromMse } from '../models/siren';
import type { FitBackend, FitSnapshot } from './fitBackend';
import type { FitEvent, FitMetrics, FitSetup } from './fitProtocol';

export class FitSession {
  private backend: FitBackend | null = null;
  private setupInUse: FitSetup | null = null;
  private playing = false;
  /** bumped by every pause / setup, so a stale loop stops at its next frame */
  private generation = 0;
  private stepsPerFrame = 10;
  private msPerStep = 0;

  constructor(
    private readonly createBackend: (setup: FitSetup) => FitBackend,
    private readonly emit: (event: FitEvent) => void,
  ) {}

  setup(setup: FitSetup): void {
    this.pause();
    this.backend?.destroy();
    this.setupInUse = setup;
    this.msPerStep = 0;
    this.backend = this.createBackend(setup);
    this.frame(0);
  }

  setLearningRate(lr: number): void {
    this.backend?.setLearningRate(lr);
  }

  setStepsPerFrame(count: number): void {
    this.stepsPerFrame = Math.max(1, Math.floor(count));
  }

  play(): void {
    if (this.playing || !this.backend) return;
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
    if (!this.backend) return;
    this.pause();
    this.frame(count);
  }

  private async loop(generation: number): Promise<void> {
    while (this.playing && generation === this.generation && this.backend) {
      const started = performance.now();
      this.frame(this.stepsPerFrame);
      await this.backend.idle();
      if (generation === this.generation) this.msPerStep = (performance.now() - started) / this.stepsPerFrame;
    }
  }

  /** Runs `steps` steps and a render; reports the snapshot when it arrives (if it is still this setup's). */
  private frame(steps: number): void {
    const backend = this.backend!;
    const target = this.setupInUse!.target;
    const snapshot = backend.frame(steps);
    if (!snapshot) return;
    const generation = this.generation;
    snapshot.then(
      (s) => {
        if (backend === this.backend) this.report(s, target, generation);
      },
      (err: unknown) => this.emit({ type: 'error', message: `metrics readback failed: ${String(err)}` }),
    );
  }

  private report(snapshot: FitSnapshot, target: Float32Array, generation: number): void {
    const loss = meanSquaredError(snapshot.recon, target);
    const metrics: FitMetrics = { step: snapshot.step, loss, psnr: psnrFromMse(loss), status: snapshot.status, msPerStep: this.msPerStep, recon: snapshot.recon };
    this.emit({ type: 'metrics', metrics });
    if (generation === this.generation && snapshot.status === NET_STATUS.converged) this.pause(`reached ${this.setupInUse?.stopPsnr} dB`);
    if (snapshot.status === NET_STATUS.diverged || !Number.isFinite(loss)) this.pause('the loss is no longer finite (NaN/∞): lower the learning rate and reset');
  }

  destroy(): void {
    this.pause();
    this.backend?.destroy();
  }
}
