/** Where a live fit runs: the GPU kernels, or the plain-TS twins on the CPU when there is no WebGPU. */
import type { NetStatus } from '../gpu/kernels/sirenKernels';

export interface FitSnapshot {
  /** optimizer steps taken */
  step: number;
  status: NetStatus;
  /** `[side²]` the current reconstruction */
  recon: Float32Array;
}

export interface FitBackend {
  /** Runs (or records) `steps` training steps, no render. */
  run(steps: number): void;
  /**
   * Runs (or records) `steps` training steps and a render. The snapshot comes when ready; null when this frame's
   * snapshot is skipped (every readback slot still busy).
   */
  frame(steps: number): Promise<FitSnapshot> | null;
  /** Resolves when the work so far is done, after letting other tasks (messages) run. */
  idle(): Promise<void>;
  /** live: the weights and optimizer state are kept */
  setLearningRate(lr: number): void;
  /** live: the stop rule of the next steps (null: train on) */
  setStopPsnr(stopPsnr: number | null): void;
  /** a fit that stopped at its target trains again (the next step re-applies the stop rule) */
  resume(): void;
  /** the current weights `[P]` */
  readParams(): Promise<Float32Array>;
  destroy(): void;
}
