/** State of the align & merge panel: which two INRs, and the curves of the last alignment. */
import { create } from 'zustand';
import type { SirenSpec } from '../models/siren';
import type { AlignResult } from '../train/alignExperiment';

export type PairKind = 'seeds' | 'digits' | 'zoo';

/** Two INRs to work on (the align & merge and augmentation panels). */
export interface PairSettings {
  kind: PairKind;
  /** seeds: digit A fitted from seeds A and B; digits: digits A and B (the first MNIST sample of each), seed A / B */
  digitA: number;
  digitB: number;
  seedA: number;
  seedB: number;
  /** zoo: two INRs of the selected zoo */
  rowA: number;
  rowB: number;
}

export type AlignSettings = PairSettings;

export const DEFAULT_ALIGN: AlignSettings = {
  kind: 'seeds',
  digitA: 3,
  digitB: 8,
  seedA: 1,
  seedB: 2,
  rowA: 0,
  rowB: 1,
};

export interface AlignOutcome extends AlignResult {
  spec: SirenSpec;
  names: [string, string];
  /** `[side²]` the two INRs rendered, and their targets (one when both fit the same image) */
  endpoints: [Float32Array, Float32Array];
  targets: Float32Array[];
}

interface AlignState {
  settings: AlignSettings;
  outcome: AlignOutcome | null;
  /** index into outcome.lambdas of the slider */
  lambdaIndex: number;
  busy: string | null;
  error: string | null;
  set: (patch: Partial<Omit<AlignState, 'set'>>) => void;
}

export const useAlignStore = create<AlignState>((set) => ({
  settings: DEFAULT_ALIGN,
  outcome: null,
  lambdaIndex: 12,
  busy: null,
  error: null,
  set: (patch) => set(patch),
}));
