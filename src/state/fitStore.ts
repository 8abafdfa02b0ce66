/**
 * The app state: `experiment` (what the user chose: serializable, the part a URL will carry) and `runtime`
 * (what the Worker reports: GPU status, metrics, history). Heavy tensors never live here, only small images.
 */
import { create } from 'zustand';
import type { FitMetrics } from '../train/fitProtocol';

export type TargetSource = 'mnist' | 'drawn' | 'upload';

export interface Experiment {
  source: TargetSource;
  /** MNIST class 0..9 and the index within that class */
  digit: number;
  sample: number;
  width: number;
  depth: number;
  omega0: number;
  lr: number;
  stepsPerFrame: number;
  seed: number;
  /** stop at targetPsnr dB, or train on */
  stopAtTarget: boolean;
  targetPsnr: number;
}

export const DEFAULT_EXPERIMENT: Experiment = {
  source: 'mnist',
  digit: 3,
  sample: 0,
  width: 32,
  depth: 2,
  omega0: 30,
  lr: 5e-4,
  stepsPerFrame: 10,
  seed: 0,
  stopAtTarget: true,
  targetPsnr: 40,
};

export type GpuState =
  | { kind: 'pending' }
  | { kind: 'ready'; adapterName: string; software: boolean }
  | { kind: 'failed'; reason: string; message: string };

export interface HistoryPoint {
  step: number;
  psnr: number;
  loss: number;
}

export interface Runtime {
  gpu: GpuState;
  /** what fits: the GPU adapter's name, or the CPU fallback; null until ready (or after a lost device) */
  engine: string | null;
  running: boolean;
  /** the last thing worth telling the user (a stop reason, an error), or null */
  notice: { level: 'info' | 'error'; text: string } | null;
  metrics: FitMetrics | null;
  history: HistoryPoint[];
  /** `[side²]` the target being fitted */
  target: Float32Array | null;
  /** the learned init the fit starts from (loaded from the browser's storage), or null: the seed's standard init */
  init: { id: string; name: string; dims: readonly number[]; omega0: number; params: Float32Array } | null;
}

interface Store {
  experiment: Experiment;
  runtime: Runtime;
  setExperiment: (patch: Partial<Experiment>) => void;
  setRuntime: (patch: Partial<Runtime>) => void;
  pushMetrics: (metrics: FitMetrics) => void;
  clearHistory: () => void;
}

/** History kept for the plot: enough for a 1000-step fit at every frame, thinned beyond. */
const MAX_HISTORY = 2000;

export const useFitStore = create<Store>((set) => ({
  experiment: DEFAULT_EXPERIMENT,
  runtime: {
    gpu: { kind: 'pending' },
    engine: null,
    running: false,
    notice: null,
    metrics: null,
    history: [],
    target: null,
    init: null,
  },
  setExperiment: (patch) => set((s) => ({ experiment: { ...s.experiment, ...patch } })),
  setRuntime: (patch) => set((s) => ({ runtime: { ...s.runtime, ...patch } })),
  pushMetrics: (metrics) =>
    set((s) => {
      const last = s.runtime.history[s.runtime.history.length - 1];
      let history = s.runtime.history;
      if (!last || metrics.step > last.step) {
        history = [...history, { step: metrics.step, psnr: metrics.psnr, loss: metrics.loss }];
        if (history.length > MAX_HISTORY) history = history.filter((_, i) => i % 2 === 0 || i === history.length - 1);
      }
      return { runtime: { ...s.runtime, metrics, history } };
    }),
  clearHistory: () => set((s) => ({ runtime: { ...s.runtime, history: [], metrics: null } })),
}));
