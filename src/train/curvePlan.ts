/**
 * What a learning curve runs and reports (train/learningCurve.ts runs it): the readers, their recipes, the subset
 * sizes, the rows and their CSV. No GPU code, so the link table and the page can read it.
 */
import { splitIndices, type Zoo } from '../data/zoo';
import type { WsModelKind } from '../models/wsModel';
import { DEFAULT_PROBE_TRAIN, recommendedRecipe, type WsTrainConfig } from './wsTrainConfig';

/**
 * The readers a curve compares: a model kind, a weight reader on canonical networks (`-canonical`), or one on
 * canonical networks whose head also reads HEAD_PROBES probe features (`-probes`).
 */
export const CURVE_READERS = [
  'dws',
  'dws-canonical',
  'dws-probes',
  'nfn',
  'nfn-canonical',
  'nfn-probes',
  'mlp',
  'probe',
  'pixels',
] as const;
export type CurveReader = (typeof CURVE_READERS)[number];

export const DEFAULT_CURVE = {
  readers: ['dws', 'probe', 'pixels'] as CurveReader[],
  sizes: [100, 300, 1000, 3000],
  seeds: [0, 1],
  /** every run's step budget as epochs of the whole training split: the readers' recipes' 40 */
  epochs: 40,
};

/** Probe points of a `-probes` reader's head: the probe reader's 64. */
export const HEAD_PROBES = DEFAULT_PROBE_TRAIN.probes;

/**
 * The reader's recommended recipe (wsTrainConfig.ts), on canonical networks for a `-canonical` or `-probes` one; a
 * `-probes` one with HEAD_PROBES head probes and no Fourier features (the whole reader is then invariant to signed
 * permutations). Without Fourier features DWS with head probes read 80.0% where 4 gave 71.5% (README, "Head probes").
 */
export function curveRecipe(reader: CurveReader): WsTrainConfig {
  const [kind, variant] = reader.split('-') as [WsModelKind, string?];
  const recipe = { ...recommendedRecipe(kind), canonical: variant !== undefined };
  return variant === 'probes' ? { ...recipe, headProbes: HEAD_PROBES, fourier: 0 } : recipe;
}

/** The subset sizes a zoo allows: those below its training split, then the whole split. */
export function curveSizes(sizes: readonly number[], trainCount: number): number[] {
  return [...new Set([...sizes.filter((s) => s > 0 && s < trainCount), trainCount])].sort((a, b) => a - b);
}

/** curveSizes for a zoo's training split (every fit of every training image: the curve's recipes use them all). */
export function curveSizesOf(zoo: Zoo, sizes: readonly number[]): number[] {
  const trainCount = splitIndices(zoo, 'train').length;
  if (trainCount === 0) throw new Error('the zoo has no training networks');
  return curveSizes(sizes, trainCount);
}

/**
 * Epochs of a run on `size` INRs: as many gradient steps as `fullEpochs` epochs of the whole split (`full` INRs), so
 * a small subset is not also a short run.
 */
export function curveEpochs(fullEpochs: number, full: number, size: number): number {
  return Math.max(1, Math.round((fullEpochs * full) / size));
}

/** Where a running curve is: runs done of `total`, and the current run's reader, size, seed and epoch. */
export interface CurveProgress {
  done: number;
  total: number;
  reader: CurveReader;
  size: number;
  seed: number;
  epoch: number;
  epochs: number;
}

export interface CurveRow {
  reader: CurveReader;
  /** training INRs */
  size: number;
  seed: number;
  epochs: number;
  /** test accuracy of the best-validation checkpoint: plain, hidden permutations, signed permutations */
  test: number;
  testPermuted: number;
  testSigned: number;
  /** training accuracy of the last epoch (how far it fits) */
  train: number;
  seconds: number;
}

/** The rows as CSV, one line a run. */
export function curveCsv(rows: readonly CurveRow[]): string {
  const head = 'reader,train_inrs,seed,epochs,test,test_permuted,test_signed,train,seconds';
  const line = (r: CurveRow) =>
    [r.reader, r.size, r.seed, r.epochs, r.test, r.testPermuted, r.testSigned, r.train, r.seconds.toFixed(1)].join(',');
  return [head, ...rows.map(line)].join('\n') + '\n';
}
