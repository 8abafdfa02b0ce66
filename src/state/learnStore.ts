/**
 * State of the "Learn from weights" panel: `settings` (what the user chose: the zoo recipe and the model to train)
 * and what the weight-space Worker reported (zoos, generation progress, runs and their epoch histories, the
 * latest test predictions). Zoo weights themselves live in IndexedDB and the Worker, never here.
 */
import { create } from 'zustand';
import type { ZooTask } from '../data/zoo';
import type { SavedModel } from '../data/modelStore';
import type { SavedZoo } from '../data/zooStore';
import type { AblationArm, AblationRun } from '../train/ablationPlan';
import type { TestPredictions } from '../train/wsProtocol';
import type { AugmentationId } from '../weightspace/augmentations';
import type { EpochReport, WsTrainConfig } from '../train/wsTrainer';
import type { ZooProgress } from '../train/zooGen';
import { DEFAULT_WS_TRAIN } from '../train/wsTrainConfig';

export interface ZooSettings {
  task: ZooTask;
  /** INRs (mnist: 10 per digit × perClass) */
  count: number;
  sharedInit: boolean;
  seed: number;
  maxSteps: number;
  /** a fit stops early at this PSNR (dB) */
  targetPsnr: number;
  /** fidelity gate (dB); 0 keeps every fit */
  minPsnr: number;
  /** fits of every training image (mnist) */
  viewsPerImage: number;
  /** every INR starts from this saved learned init (its id in the browser's storage); '' for none */
  learnedInitId: string;
}

export const DEFAULT_ZOO_SETTINGS: ZooSettings = {
  task: 'mnist',
  count: 100,
  sharedInit: false,
  seed: 1,
  maxSteps: 1000,
  targetPsnr: 40,
  minPsnr: 35,
  viewsPerImage: 1,
  learnedInitId: '',
};

/** What an ablation compares: these augmentations each alone (and none), more views, over `seeds` seeds. */
export interface AblationSettings {
  ids: AugmentationId[];
  /** also train on this many fits per image (0: no views arm); needs a zoo with that many */
  views: number;
  seeds: number;
}

export const DEFAULT_ABLATION: AblationSettings = { ids: ['negate', 'mixup', 'mixupAligned'], views: 0, seeds: 3 };

export interface AblationState {
  arms: AblationArm[];
  seeds: number[];
  zooName: string;
  /** the model recipe every arm shares */
  base: WsTrainConfig;
  runs: AblationRun[];
  progress: { done: number; total: number; arm: string; seed: number; epoch: number; epochs: number } | null;
  status: 'running' | 'done' | 'stopped' | 'failed';
}

export type RunStatus = 'starting' | 'training' | 'paused' | 'done' | 'stopped' | 'failed' | 'interrupted';

/** A run whose loss became NaN / Inf: paused with its best checkpoint restored. */
export interface Divergence {
  epoch: number;
  loss: number;
  bestEpoch: number;
  lr: number;
}

export interface WsRun {
  id: number;
  zooId: string;
  zooName: string;
  config: WsTrainConfig;
  parameters: number;
  history: EpochReport[];
  status: RunStatus;
  diverged?: Divergence | null;
}

/** A model file evaluated on a zoo's test split (plain and on permuted copies). */
export interface ModelEvaluation {
  modelName: string;
  zooName: string;
  count: number;
  accuracy: number;
  accuracyPermuted: number;
  agreement: number;
}

/** A decoded test INR for the gallery. */
export interface Thumbnail {
  row: number;
  image: Float32Array;
  label: number;
}

interface LearnState {
  zooSettings: ZooSettings;
  trainSettings: WsTrainConfig;
  ready: boolean;
  adapterName: string | null;
  failure: string | null;
  zoos: SavedZoo[];
  selectedZooId: string | null;
  generating: (ZooProgress & { startedAt: number }) | null;
  runs: WsRun[];
  /** best-checkpoint test predictions of each finished run */
  predictions: Record<number, TestPredictions>;
  thumbnails: Thumbnail[];
  ablationSettings: AblationSettings;
  ablation: AblationState | null;
  /** trained models saved in this browser */
  models: SavedModel[];
  evaluation: ModelEvaluation | null;
  notice: { level: 'info' | 'error'; text: string } | null;
  set: (patch: Partial<Omit<LearnState, 'set' | 'updateRun'>>) => void;
  updateRun: (id: number, patch: (run: WsRun) => Partial<WsRun>) => void;
}

export const useLearnStore = create<LearnState>((set) => ({
  zooSettings: DEFAULT_ZOO_SETTINGS,
  trainSettings: DEFAULT_WS_TRAIN,
  ready: false,
  adapterName: null,
  failure: null,
  zoos: [],
  selectedZooId: null,
  generating: null,
  runs: [],
  predictions: {},
  thumbnails: [],
  ablationSettings: DEFAULT_ABLATION,
  ablation: null,
  models: [],
  evaluation: null,
  notice: null,
  set: (patch) => set(patch),
  updateRun: (id, patch) => set((s) => ({ runs: s.runs.map((r) => (r.id === id ? { ...r, ...patch(r) } : r)) })),
}));
