/** Messages between the UI thread and the fit Worker (which owns the GPU device). */
import type { GpuFailure } from '../gpu/device';
import type { NetStatus } from '../gpu/kernels/sirenKernels';
import { initSirenBatch, type SirenSpec } from '../models/siren';

/** The engine name the Worker reports when it fits with the plain-TS twins (no WebGPU). */
export const CPU_ENGINE = 'CPU (TypeScript reference, float64)';

export interface FitSetup {
  spec: SirenSpec;
  /** seed of the weight initialisation */
  seed: number;
  /** `[P]` a learned init to start from instead (its architecture is `spec`'s) */
  init?: Float32Array;
  /** `[side²]` intensities in [0, 1] */
  target: Float32Array;
  side: number;
  lr: number;
  /** stop when the fit reaches this PSNR (dB); null trains on */
  stopPsnr: number | null;
}

/** The weights a setup starts from: its learned init, else the standard init of its seed. */
export function startParams(setup: FitSetup): Float32Array {
  return setup.init ? setup.init.slice() : initSirenBatch(setup.spec, 1, setup.seed);
}

export type FitRequest =
  /** start: on the GPU when `gpu` and one is available, else on the CPU */
  | { type: 'init'; gpu: boolean }
  /** (re)build for this setup: weights re-initialised from the seed, optimizer fresh */
  | { type: 'setup'; setup: FitSetup }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step'; count: number }
  /** learning rate, live: the weights and optimizer state are kept */
  | { type: 'lr'; lr: number }
  | { type: 'stepsPerFrame'; count: number }
  /** the stop rule, live (weights kept); null trains on */
  | { type: 'stopPsnr'; stopPsnr: number | null }
  /** fault injection (tests, the page's ?faults hooks): the device is destroyed and reported lost */
  | { type: 'lose-device' }
  /** services of the symmetry and alignment views, answered by id */
  | { type: 'render'; id: number; spec: SirenSpec; params: Float32Array; coords: Float32Array }
  | { type: 'read-fit'; id: number }
  | {
      type: 'fit-many';
      id: number;
      spec: SirenSpec;
      targets: Float32Array;
      seeds: number[];
      side: number;
      maxSteps: number;
      stopPsnr: number | null;
    };

export interface FitMetrics {
  /** optimizer steps taken */
  step: number;
  /** MSE of the reconstruction below, against the target */
  loss: number;
  psnr: number;
  status: NetStatus;
  /** wall time per step over the last frame, ms (0 before the first timed frame) */
  msPerStep: number;
  /** `[side²]` the current reconstruction, f(x) + 0.5 */
  recon: Float32Array;
}

export type FitEvent =
  /** `software`: a CPU implementation of WebGPU (SwiftShader and the like), no GPU */
  | { type: 'gpu'; adapterName: string; software: boolean }
  | { type: 'gpu-failed'; failure: GpuFailure }
  /** the session is ready to fit, on this engine */
  | { type: 'engine'; name: string }
  | { type: 'metrics'; metrics: FitMetrics }
  | { type: 'running'; running: boolean; reason?: string }
  /** something worth telling the user that is not an error (a request that did nothing, and why) */
  | { type: 'notice'; text: string }
  | { type: 'error'; message: string }
  /** the answer to request `id`: a `[B, N]` render, the live fit's weights, or fitted networks `[B, P]` */
  | { type: 'answer'; id: number; result: FitAnswer }
  | { type: 'answer-failed'; id: number; message: string };

export type FitAnswer =
  | { kind: 'render'; images: Float32Array }
  | { kind: 'fit'; spec: SirenSpec; params: Float32Array; target: Float32Array; step: number }
  | { kind: 'fit-many'; params: Float32Array; psnr: Float32Array };
