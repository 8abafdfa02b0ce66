/**
 * State of the "Learn an init" card (Learn panel): the meta-training recipe the user chose (what a link carries),
 * the run in progress, the last outcome, and the learned inits saved in this browser. The init's weights live in
 * IndexedDB and the Worker; here only its 28×28 render.
 */
import { create } from 'zustand';
import type { ImageDataset } from '../data/imageDatasets';
import type { SavedInit } from '../data/initStore';
import { DEFAULT_META_INIT } from '../train/metaInit';
import type { MetaInitOutcome } from '../train/wsProtocol';

export interface MetaInitSettings {
  /** the images it meta-trains on (its training part) and is measured on (its held-out part) */
  dataset: ImageDataset;
  outerSteps: number;
  innerSteps: number;
  /** the inner fit's Adam step size: the one zoos and fits from the init then take */
  innerLr: number;
  metaBatch: number;
  seed: number;
  /** held-out digits the curves are measured on */
  curveImages: number;
  /** the curves' last k (and the most steps the runs to 35 and 40 dB take) */
  curveSteps: number;
}

export const DEFAULT_META_INIT_SETTINGS: MetaInitSettings = {
  dataset: DEFAULT_META_INIT.dataset,
  outerSteps: DEFAULT_META_INIT.outerSteps,
  innerSteps: DEFAULT_META_INIT.innerSteps,
  innerLr: DEFAULT_META_INIT.innerLr,
  metaBatch: DEFAULT_META_INIT.metaBatch,
  seed: DEFAULT_META_INIT.seed,
  curveImages: 50,
  curveSteps: 500,
};

export interface MetaInitRun {
  status: 'running' | 'paused' | 'curves' | 'done' | 'stopped' | 'failed';
  outer: number;
  total: number;
  /** the meta-batch's PSNR after k inner steps, along the outer steps */
  curve: { outer: number; psnr: number }[];
  startedAt: number;
}

interface MetaInitState {
  settings: MetaInitSettings;
  run: MetaInitRun | null;
  /** the last finished meta-training (its init saved as `savedId`), with the init rendered */
  outcome: (Omit<MetaInitOutcome, 'init'> & { render: Float32Array; savedId: string | null }) | null;
  inits: SavedInit[];
  set: (patch: Partial<Omit<MetaInitState, 'set'>>) => void;
}

export const useMetaInitStore = create<MetaInitState>((set) => ({
  settings: DEFAULT_META_INIT_SETTINGS,
  run: null,
  outcome: null,
  inits: [],
  set: (patch) => set(patch),
}));
