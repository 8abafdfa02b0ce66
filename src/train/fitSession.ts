/**
 * One live INR fit: a play loop that runs `stepsPerFrame` steps per frame on a backend (GPU kernels or CPU twins)
 * and reports metrics as snapshots arrive (never waiting for one inside the loop), play / pause / step.
 * A frame's steps go to the backend in chunks of about CHUNK_MS of work, so a pause acts within one chunk.
 * Knows nothing of Workers or the DOM: fitWorker.ts adapts it to messages.
 */
import { errorText } from '../data/errorText';
import { NET_STATUS, type NetStatus } from '../gpu/kernels/sirenKernels';
import { meanSquaredError, psnrFromMse } from '../models/siren';
import type { FitBackend, FitSnapshot } from './fitBackend';
import type { FitEvent, FitMetrics, FitSetup } from './fitProtocol';

/** work per submitted chunk (ms): a pause waits at most about this long for the steps in flight */
export const CHUNK_MS = 25;

export class FitSession {
  private backend: FitBackend | null = null;
  private setupInUse: FitSetup | null = null;
  private playing = false;
  /** bumped by every pause / setup, so a stale loop stops at its next chunk */
  private generation = 0;
  private stepsPerFrame = 10;
  private msPerStep = 0;
  /** status and PSNR of the latest snapshot */
  private lastStatus: NetStatus = NET_STATUS.training;
  private lastPsnr = -Infinity;
  private lastStep = 0;
  /** bumped by every setup: a backend that arrives for an older one is thrown away */
  private setupCount = 0;
  /** Play was pressed, or steps asked for, while the backend was still being made */
  private playWhenReady = false;
  private stepsWhenReady = 0;

  constructor(
    /** a backend for the setup, or one to come (the GPU one compiles its kernels first) */
    private readonly createBackend: (setup: FitSetup) => FitBackend | Promise<FitBackend>,
    private readonly emit: (event: FitEvent) => void,
  ) {}

  setup(setup: FitSetup): void {
    this.stopLoop();
    this.backend?.destroy();
    this.backend = null;
    this.playWhenReady = false;
    this.stepsWhenReady = 0;
    this.setupInUse = setup;
    this.msPerStep = 0;
    this.lastStatus = NET_STATUS.training;
    this.lastPsnr = -Infinity;
    const count = ++this.setupCount;
    const ready = (backend: FitBackend): void => {
      if (count !== this.setupCount) return backend.destroy();
      this.backend = backend;
      // what changed while it was being made
      backend.setLearningRate(this.setupInUse!.lr);
      backend.setStopPsnr(this.setupInUse!.stopPsnr);
      this.frame(this.stepsWhenReady);
      this.stepsWhenReady = 0;
      if (this.playWhenReady) this.play();
    };
    const made = this.createBackend(setup);
    if (made instanceof Promise)
      made.then(ready, (err: unknown) =>
        this.emit({ type: 'error', message: `The fit could not start: ${errorText(err)}` }),
      );
    else ready(made);
  }

  setLearningRate(lr: number): void {
    if (this.setupInUse) this.setupInUse = { ...this.setupInUse, lr };
    this.backend?.setLearningRate(lr);
  }

  setStepsPerFrame(count: number): void {
    this.stepsPerFrame = Math.max(1, Math.floor(count));
  }

  /** The stop rule, live (weights kept): a fit that stopped at the old target trains on if the new one is above it. */
  setStopPsnr(stopPsnr: number | null): void {
    if (!this.setupInUse) return;
    this.setupInUse = { ...this.setupInUse, stopPsnr };
    if (!this.backend) return;
    this.backend.setStopPsnr(stopPsnr);
    if (this.lastStatus === NET_STATUS.converged && (stopPsnr === null || stopPsnr > this.lastPsnr)) {
      this.backend.resume();
      this.lastStatus = NET_STATUS.training;
      this.frame(0);
    }
  }

  play(): void {
    if (!this.backend) {
      this.playWhenReady = this.setupInUse !== null;
      return;
    }
    if (this.playing) return;
    this.playing = true;
    this.emit({ type: 'running', running: true });
    void this.loop(++this.generation);
  }

  /** Pause by the user: the steps of the chunk in flight still land, and a last snapshot says where the fit stopped. */
  pause(): void {
    this.playWhenReady = false;
    if (this.stopLoop()) this.frame(0);
  }

  /** Ends the play loop (it stops at its next chunk); false if it was not playing. */
  private stopLoop(reason?: string): boolean {
    if (!this.playing) return false;
    this.playing = false;
    this.generation++;
    this.emit({ type: 'running', running: false, reason });
    return true;
  }

  /** `count` steps now (paused or not), then a metrics event. */
  step(count: number): void {
    if (!this.backend) {
      if (this.setupInUse) this.stepsWhenReady += count;
      return;
    }
    if (this.lastStatus !== NET_STATUS.training) {
      const why =
        this.lastStatus === NET_STATUS.converged
          ? `it reached ${this.setupInUse?.stopPsnr} dB and stopped (untick "stop at" to train on, or Reset)`
          : 'its loss is no longer finite (lower the learning rate and Reset)';
      this.emit({ type: 'notice', text: `Step does nothing: ${why}.` });
      return;
    }
    this.stopLoop();
    this.frame(count);
  }

  private live(generation: number): boolean {
    return this.playing && generation === this.generation && this.backend !== null;
  }

  private async loop(generation: number): Promise<void> {
    while (this.live(generation)) {
      const backend = this.backend!;
      const started = performance.now();
      let left = this.stepsPerFrame;
      while (left > 0 && this.live(generation)) {
        const chunk = Math.min(left, this.msPerStep > 0 ? Math.max(1, Math.floor(CHUNK_MS / this.msPerStep)) : 1);
        left -= chunk;
        if (left > 0) backend.run(chunk);
        else this.frame(chunk);
        const chunkStarted = performance.now();
        await backend.idle();
        if (generation === this.generation) this.msPerStep = (performance.now() - chunkStarted) / chunk;
      }
      if (generation === this.generation && left === 0)
        this.msPerStep = (performance.now() - started) / this.stepsPerFrame;
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
    const metrics: FitMetrics = {
      step: snapshot.step,
      loss,
      psnr: psnrFromMse(loss),
      status: snapshot.status,
      msPerStep: this.msPerStep,
      recon: snapshot.recon,
    };
    this.lastStatus = snapshot.status;
    this.lastStep = snapshot.step;
    this.lastPsnr = metrics.psnr;
    this.emit({ type: 'metrics', metrics });
    if (generation === this.generation && snapshot.status === NET_STATUS.converged)
      this.stopLoop(`reached ${this.setupInUse?.stopPsnr} dB`);
    if (snapshot.status === NET_STATUS.diverged || !Number.isFinite(loss))
      this.stopLoop('the loss is no longer finite (NaN/∞): lower the learning rate and reset');
  }

  /** The live fit as it is now: its spec, weights, target and step (null before the backend is ready). */
  async current(): Promise<{
    spec: FitSetup['spec'];
    params: Float32Array;
    target: Float32Array;
    step: number;
  } | null> {
    if (!this.backend || !this.setupInUse) return null;
    const { spec, target } = this.setupInUse;
    return { spec, params: await this.backend.readParams(), target, step: this.lastStep };
  }

  destroy(): void {
    this.stopLoop();
    this.backend?.destroy();
  }
}
