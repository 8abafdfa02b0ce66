/**
 * What a weight-space model trains on, from a zoo: inputs normalised, targets, splits, and the test copy with random
 * hidden permutations.
 * Normalisation 'tensor': for every weight and bias tensor, one mean and one standard deviation over the training
 * split (per-layer scalars, as DWSNets' per-layer statistics): x ← (x − μ_t)/σ_t. A permutation moves entries within
 * a tensor, so this keeps exact invariance. Normalisation 'weight' (the flattened MLP's): every weight standardised
 * on its own, x_i ← (x_i − μ_i)/σ_i — in a zoo whose INRs share an init this removes the init and scales each weight's
 * spread across the zoo to 1, but a permutation moves a weight to another entry's statistics: no invariance.
 */
import { SPLIT, splitIndices, viewIndices, type SplitName, type Zoo } from '../data/zoo';
import { canonicalBatch } from '../weightspace/canonical';
import { mlpLayout, type MlpLayout } from '../weightspace/layout';
import { Rng } from '../weightspace/rng';
import { permuteHidden, randomHiddenPermutation } from '../weightspace/symmetries';
import { weightTensors, type WeightTensor } from '../models/weightTensors';
import type { Normalisation, WsTrainConfig } from './wsTrainConfig';

export interface TensorStats {
  mean: Float64Array;
  std: Float64Array;
  /**
   * the statistic of every parameter index: its tensor's, or its own (built once: normalise runs per network in the
   * training loop)
   */
  tensorOf: Uint32Array;
  per: Normalisation;
}

export interface WsDataset {
  layout: MlpLayout;
  /** 'class': outputs = 10 logits; 'regression': outputs = valueDim standardised values */
  task: 'class' | 'regression';
  outputs: number;
  /** normalised inputs `[count, P]` of each split, and the permuted test copy */
  inputs: Record<SplitName | 'testPermuted', Float32Array>;
  /** targets `[count, outputs]`: one-hot classes or standardised values */
  targets: Record<SplitName | 'testPermuted', Float32Array>;
  /** zoo index of each row of each split */
  rows: Record<SplitName, number[]>;
  /** un-normalised training networks `[count, P]`, for augmentations that act on the weights themselves */
  rawTrain: Float32Array;
  stats: TensorStats;
  /** the SIRENs' ω0 (bias-shift augmentation, the canonical form, the probe reader) */
  omega0: number;
  /** the networks are in sign and phase canonical form (an augmented one is put back in it) */
  canonical: boolean;
  /** standardisation of regression targets (value = z·std + mean) */
  valueMean: number[];
  valueStd: number[];
}

/** [first parameter index, entries] of a tensor (its entries are contiguous in the layout). */
function tensorRange(t: WeightTensor): [number, number] {
  return [t.entry(t.shape.map(() => 0)), t.shape.reduce((n, d) => n * d, 1)];
}

/** The tensor index of every parameter index. */
function tensorIndex(layout: MlpLayout): Uint32Array {
  const tensorOf = new Uint32Array(layout.paramCount);
  weightTensors(layout).forEach((t, ti) => {
    const [first, entries] = tensorRange(t);
    tensorOf.fill(ti, first, first + entries);
  });
  return tensorOf;
}

/** Statistics given per tensor or per weight, told apart by their length (a trained model's, read from its file). */
export function statsFrom(layout: MlpLayout, mean: Float64Array, std: Float64Array): TensorStats {
  const perWeight = mean.length === layout.paramCount && mean.length !== weightTensors(layout).length;
  if (perWeight) return { mean, std, tensorOf: Uint32Array.from(mean, (_, i) => i), per: 'weight' };
  return { mean, std, tensorOf: tensorIndex(layout), per: 'tensor' };
}

/** Mean and std of each weight over the training rows (a constant weight gets std 1). */
export function weightStats(layout: MlpLayout, params: Float32Array, rows: readonly number[]): TensorStats {
  const P = layout.paramCount;
  const mean = new Float64Array(P);
  const std = new Float64Array(P);
  for (const r of rows) for (let i = 0; i < P; i++) mean[i] += params[r * P + i];
  mean.forEach((s, i) => (mean[i] = s / Math.max(1, rows.length)));
  for (const r of rows) for (let i = 0; i < P; i++) std[i] += (params[r * P + i] - mean[i]) ** 2;
  std.forEach((s, i) => (std[i] = Math.sqrt(s / Math.max(1, rows.length)) || 1));
  return statsFrom(layout, mean, std);
}

export function tensorStats(layout: MlpLayout, params: Float32Array, rows: readonly number[]): TensorStats {
  const tensors = weightTensors(layout);
  const mean = new Float64Array(tensors.length);
  const std = new Float64Array(tensors.length);
  const P = layout.paramCount;
  tensors.forEach((t, ti) => {
    const [first, entries] = tensorRange(t);
    let s = 0;
    let s2 = 0;
    for (const r of rows) {
      for (let e = 0; e < entries; e++) {
        const v = params[r * P + first + e];
        s += v;
        s2 += v * v;
      }
    }
    const n = Math.max(1, rows.length * entries);
    mean[ti] = s / n;
    std[ti] = Math.sqrt(Math.max(s2 / n - mean[ti] * mean[ti], 0)) || 1;
  });
  return statsFrom(layout, mean, std);
}

export function normalise(layout: MlpLayout, stats: TensorStats, networks: Float32Array): Float32Array {
  const out = new Float32Array(networks.length);
  const P = layout.paramCount;
  for (let i = 0; i < networks.length; i++) {
    const t = stats.tensorOf[i % P];
    out[i] = (networks[i] - stats.mean[t]) / stats.std[t];
  }
  return out;
}

export interface DatasetOptions {
  /** fits per training image used (the zoo's first `views` views of each image); 0 or absent: all */
  views?: number;
  /** seeds the permutations of the permuted test copy */
  permutationSeed?: number;
  /** every network in its sign and phase canonical form first (weightspace/canonical.ts) */
  canonical?: boolean;
  /** standardise per tensor (default) or per weight */
  normalisation?: Normalisation;
  /**
   * train on the first `trainCount` networks of the training split in a shuffled order fixed by `subsetSeed` (so
   * smaller counts are subsets of larger ones: a learning curve's nested subsets); absent: the whole split
   */
  trainCount?: number;
  subsetSeed?: number;
}

/** The first `count` rows of `rows` in an order shuffled by `seed` (Fisher–Yates). */
export function nestedSubset(rows: readonly number[], count: number, seed: number): number[] {
  const order = [...rows];
  const rng = new Rng(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, count);
}

/** The dataset a recipe reads: its views, canonical form and normalisation. */
export function recipeData(c: Pick<WsTrainConfig, 'views' | 'canonical' | 'normalisation'>): DatasetOptions {
  return { views: c.views, canonical: c.canonical, normalisation: c.normalisation };
}

export function buildDataset(
  source: Zoo,
  {
    views = 0,
    permutationSeed = 12345,
    canonical = false,
    normalisation = 'tensor',
    trainCount,
    subsetSeed = 0,
  }: DatasetOptions = {},
): WsDataset {
  const layout = mlpLayout(source.recipe.dims);
  const zoo = canonical ? { ...source, params: canonicalBatch(layout, source.params, source.recipe.omega0) } : source;
  const P = layout.paramCount;
  const view = viewIndices(zoo);
  const rows = {
    train: splitIndices(zoo, 'train').filter((r) => views <= 0 || view[r] < views),
    val: splitIndices(zoo, 'val'),
    test: splitIndices(zoo, 'test'),
  };
  if (trainCount !== undefined) rows.train = nestedSubset(rows.train, trainCount, subsetSeed);
  if (rows.train.length === 0) throw new Error('the zoo has no training networks');
  const stats = (normalisation === 'weight' ? weightStats : tensorStats)(layout, zoo.params, rows.train);
  const task = zoo.valueDim > 0 ? 'regression' : 'class';
  const outputs = task === 'class' ? 10 : zoo.valueDim;
  const valueMean: number[] = [];
  const valueStd: number[] = [];
  for (let d = 0; d < zoo.valueDim; d++) {
    const vs = rows.train.map((r) => zoo.values[r * zoo.valueDim + d]);
    const m = vs.reduce((s, v) => s + v, 0) / vs.length;
    valueMean.push(m);
    valueStd.push(Math.sqrt(vs.reduce((s, v) => s + (v - m) ** 2, 0) / vs.length) || 1);
  }
  const gather = (list: number[], permute: Rng | null): Float32Array => {
    const raw = new Float32Array(list.length * P);
    list.forEach((r, i) => {
      const net = zoo.params.subarray(r * P, (r + 1) * P);
      raw.set(permute ? permuteHidden(layout, net, randomHiddenPermutation(layout, permute)) : net, i * P);
    });
    return normalise(layout, stats, raw);
  };
  const targetsOf = (list: number[]): Float32Array => {
    const t = new Float32Array(list.length * outputs);
    list.forEach((r, i) => {
      if (task === 'class') t[i * outputs + zoo.labels[r]] = 1;
      else
        for (let d = 0; d < outputs; d++)
          t[i * outputs + d] = (zoo.values[r * zoo.valueDim + d] - valueMean[d]) / valueStd[d];
    });
    return t;
  };
  return {
    layout,
    task,
    outputs,
    inputs: {
      train: gather(rows.train, null),
      val: gather(rows.val, null),
      test: gather(rows.test, null),
      testPermuted: gather(rows.test, new Rng(permutationSeed)),
    },
    targets: {
      train: targetsOf(rows.train),
      val: targetsOf(rows.val),
      test: targetsOf(rows.test),
      testPermuted: targetsOf(rows.test),
    },
    rows,
    rawTrain: Float32Array.from(rows.train.flatMap((r) => Array.from(zoo.params.subarray(r * P, (r + 1) * P)))),
    stats,
    omega0: zoo.recipe.omega0,
    canonical,
    valueMean,
    valueStd,
  };
}

export { SPLIT };
