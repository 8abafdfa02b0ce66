/**
 * State of the symmetry panel: the INR under study, the history of actions on its weights (undo / redo) and the
 * renders that show the function did not change. Weights here are one small network (≤ 5,000 floats).
 */
import { create } from 'zustand';
import type { SirenSpec } from '../models/siren';
import type { HiddenPermutation } from '../weightspace/symmetries';

export interface SymmetryStep {
  /** what the action was, for the history list */
  label: string;
  params: Float32Array;
  /** the input-space affine x ↦ A·x + t applied so far: the INR renders the original at A·x + t */
  affine: [Float64Array, Float64Array];
  /** the permutation this step applied (new neuron j ← old neuron move[h][j]), for the heatmap animation */
  move: HiddenPermutation | null;
}

export interface SymmetrySource {
  name: string;
  spec: SirenSpec;
  /** `[side²]` the image the INR was fitted to, when known */
  target: Float32Array | null;
  /** what the INR's file did not say and was assumed (another tool's file) */
  notices: string[];
}

export interface SymmetryRenders {
  /** the step these renders show (a newer step shows them as stale until its own arrive) */
  step: SymmetryStep;
  /** the original INR, the current one, and the original at the transformed coordinates, `[side²]` each */
  original: Float32Array;
  current: Float32Array;
  expected: Float32Array;
  /** max |current − expected|: float32 rounding for exact symmetries */
  maxDiff: number;
  /** max |current − original|: nonzero after an input-space transform */
  maxDiffOriginal: number;
}

interface SymmetryState {
  source: SymmetrySource | null;
  history: SymmetryStep[];
  /** index of the current step in history */
  cursor: number;
  /** picked neurons: hidden layer (1-based) and index, at most two of one layer */
  selected: { hidden: number; j: number }[];
  renders: SymmetryRenders | null;
  busy: string | null;
  error: string | null;
  set: (patch: Partial<Omit<SymmetryState, 'set'>>) => void;
}

export const useSymmetryStore = create<SymmetryState>((set) => ({
  source: null,
  history: [],
  cursor: -1,
  selected: [],
  renders: null,
  busy: null,
  error: null,
  set: (patch) => set(patch),
}));
