/**
 * The Learn panel's learning-curve card: which readers, subset sizes and seeds (what a link carries), and the run the
 * weight-space Worker reports: its rows (one a reader × size × seed), progress and outcome.
 */
import { create } from 'zustand';
import { DEFAULT_CURVE, type CurveProgress, type CurveReader, type CurveRow } from '../train/curvePlan';

/** The subset sizes offered (each nested in the next; those above a zoo's training split become the whole split). */
export const CURVE_SIZE_CHOICES = ['30', '100', '300', '1000', '3000', '10000'] as const;

export interface CurveSettings {
  readers: CurveReader[];
  sizes: number[];
  /** seeds 0 … seeds − 1 */
  seeds: number;
  /** every run's step budget, as epochs of the whole training split */
  epochs: number;
}

export const DEFAULT_CURVE_SETTINGS: CurveSettings = {
  readers: DEFAULT_CURVE.readers,
  sizes: DEFAULT_CURVE.sizes,
  seeds: DEFAULT_CURVE.seeds.length,
  epochs: DEFAULT_CURVE.epochs,
};

export interface CurveRun {
  zooName: string;
  readers: CurveReader[];
  rows: CurveRow[];
  progress: CurveProgress | null;
  status: 'running' | 'done' | 'stopped' | 'failed';
}

interface CurveState {
  settings: CurveSettings;
  run: CurveRun | null;
  set: (patch: Partial<Omit<CurveState, 'set'>>) => void;
}

export const useCurveStore = create<CurveState>((set) => ({
  settings: DEFAULT_CURVE_SETTINGS,
  run: null,
  set: (patch) => set(patch),
}));
