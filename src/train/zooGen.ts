/**
 * Zoo generation (docs/design.md §3 recipe): pick the images (or sample the sines), fit one SIREN per target in batches,
 * apply the fidelity gate, assign splits by image. Deterministic given the recipe: the same recipe on the same
 * device gives the same zoo.
 */
import { checksumOf } from '../data/checksum';
import { DATASET_INFO, isImageDataset } from '../data/imageDatasets';
import { digitImage, digitParts, indicesOfClass, type MnistSet } from '../data/mnistFile';
import { sampleSines, sineCoords, sineTargets } from '../data/sineTask';
import { SPLIT, type Zoo, type ZooRecipe } from '../data/zoo';
import type { GpuRuntime } from '../gpu/runtime';
import {
  imageGrid,
  initSirenBatch,
  initSirenParams,
  OUTPUT_OFFSET,
  sirenLayout,
  tileParams,
  type SirenSpec,
} from '../models/siren';
import { DEFAULT_ADAM } from '../reference/adam';
import { Rng } from '../weightspace/rng';
import { fitBatch } from './fitBatch';

export const DEFAULT_MNIST_ZOO: ZooRecipe = {
  task: 'mnist',
  count: 1000,
  dims: [2, 32, 32, 1],
  omega0: 30,
  seed: 1,
  sharedInit: false,
  lr: 5e-4,
  maxSteps: 1000,
  stopPsnr: 40,
  minPsnr: 35,
  splits: [0.7, 0.1, 0.2],
};

export const DEFAULT_SINE_ZOO: ZooRecipe = {
  task: 'sine',
  count: 1000,
  dims: [1, 32, 32, 1],
  omega0: 30,
  seed: 1,
  sharedInit: false,
  lr: 1e-3,
  maxSteps: 500,
  stopPsnr: null,
  minPsnr: null,
  splits: [0.8, 0, 0.2],
};

export interface ZooProgress {
  /** INRs fitted so far, a training one counting as the fraction of its steps taken (a refit pass counts again) */
  done: number;
  /** INRs finished so far (of this pass) */
  finished: number;
  total: number;
  phase: 'fit' | 'refit';
}

export interface ZooGenOptions {
  /** the images of an image task's dataset (task 'mnist' or 'fmnist') */
  images?: MnistSet;
  batchSize?: number;
  onProgress?: (p: ZooProgress) => void;
  signal?: AbortSignal;
  name?: string;
  /** make only shard `index` of `count` of the recipe (merge the shards in order: data/zooMerge.ts) */
  shard?: ZooShard;
  /** `[P]` the learned init the recipe names (`recipe.learnedInit`) */
  init?: Float32Array;
}

export interface ZooShard {
  index: number;
  count: number;
}

export interface Targets {
  coords: Float32Array;
  targets: Float32Array;
  labels: Int32Array;
  values: Float32Array;
  valueDim: number;
  split: Uint8Array;
  source: Int32Array;
}

/**
 * Split of item i of n within its group: the first items train, then val, then test. Val and test get
 * round(fraction·n) items, at least one each when their fraction is > 0 (val gives way first so at least one
 * item trains).
 */
export function splitOf(i: number, n: number, fractions: readonly number[]): number {
  const atLeastOne = (f: number): number => (f > 0 ? Math.max(1, Math.round(f * n)) : 0);
  const test = Math.min(atLeastOne(fractions[2]), n - 1);
  const val = Math.max(0, Math.min(atLeastOne(fractions[1]), n - 1 - test));
  const trainEnd = n - val - test;
  return i < trainEnd ? SPLIT.train : i < trainEnd + val ? SPLIT.val : SPLIT.test;
}

function imageTargets(recipe: ZooRecipe, mnist: MnistSet): Targets {
  const perClass = recipe.count / 10;
  if (!Number.isInteger(perClass) || perClass < 1)
    throw new Error(`an image zoo needs a multiple of 10 INRs, got ${recipe.count}`);
  const rng = new Rng(recipe.seed ^ 0x5eed);
  const n = recipe.count;
  const side = mnist.side;
  const t: Targets = {
    coords: imageGrid(side),
    targets: new Float32Array(n * side * side),
    labels: new Int32Array(n),
    values: new Float32Array(0),
    valueDim: 0,
    split: new Uint8Array(n),
    source: new Int32Array(n),
  };
  for (let digit = 0; digit < 10; digit++) {
    // from a learned init, the training INRs come from the digits' training part (the one the init learned on) and
    // validation and test from the held-out part, so no image the init saw is read back as a test INR
    const parts = recipe.learnedInit ? digitParts(mnist, digit) : null;
    const pools = parts ? [parts.train, parts.heldOut] : [indicesOfClass(mnist, digit)];
    const taken = [0, 0];
    for (let i = 0; i < perClass; i++) {
      const split = splitOf(i, perClass, recipe.splits);
      const p = parts && split !== SPLIT.train ? 1 : 0;
      const pool = pools[p];
      const at = taken[p]++;
      if (at >= pool.length)
        throw new Error(`only ${pool.length} images of class ${digit} for this split, the zoo needs more`);
      // seeded partial Fisher–Yates: distinct images of this digit
      const j = at + rng.int(pool.length - at);
      [pool[at], pool[j]] = [pool[j], pool[at]];
      const k = digit * perClass + i;
      t.targets.set(digitImage(mnist, pool[at]), k * side * side);
      t.labels[k] = digit;
      t.source[k] = pool[at];
      t.split[k] = split;
    }
  }
  return t;
}

function sineZooTargets(recipe: ZooRecipe): Targets {
  const samples = sampleSines(recipe.count, new Rng(recipe.seed ^ 0x5eed));
  const coords = sineCoords();
  return {
    coords,
    targets: sineTargets(samples, coords, OUTPUT_OFFSET),
    labels: new Int32Array(recipe.count).fill(-1),
    values: Float32Array.from(samples.flatMap(({ a, b }) => [a, b])),
    valueDim: 2,
    split: Uint8Array.from({ length: recipe.count }, (_, i) => splitOf(i, recipe.count, recipe.splits)),
    source: new Int32Array(recipe.count).fill(-1),
  };
}

/**
 * Views: every training target once more per extra view, appended in view order (view v of training target i
 * after all of view v − 1), so zoo.viewIndices finds each INR's view from the order of its image's rows.
 */
export function withViews(t: Targets, views: number): { targets: Targets; view: Uint16Array } {
  const train = Array.from(t.split.keys()).filter((i) => t.split[i] === SPLIT.train);
  const rows = [...t.split.keys(), ...Array.from({ length: views - 1 }, () => train).flat()];
  const view = Uint16Array.from(rows, (_, r) =>
    r < t.split.length ? 0 : 1 + Math.floor((r - t.split.length) / train.length),
  );
  return { view, targets: sliceTargets(t, rows) };
}

/**
 * A learned init for every INR; else independent inits, one per INR; or one shared init per view (view v: the init
 * of seed + v).
 */
function initialParams(spec: SirenSpec, recipe: ZooRecipe, view: Uint16Array, learned?: Float32Array): Float32Array {
  if (recipe.learnedInit) {
    if (!learned) throw new Error(`the recipe starts from the learned init "${recipe.learnedInit.name}": pass it`);
    if (learned.length !== sirenLayout(spec).paramCount)
      throw new Error('the learned init is not of the zoo architecture');
    if (checksumOf(learned) !== recipe.learnedInit.checksum)
      throw new Error(`the init passed is not "${recipe.learnedInit.name}" (its checksum differs)`);
    return tileParams(learned, view.length);
  }
  if (!recipe.sharedInit) return initSirenBatch(spec, view.length, recipe.seed);
  const P = sirenLayout(spec).paramCount;
  const shared = new Map<number, Float32Array>();
  const all = new Float32Array(view.length * P);
  view.forEach((v, i) => {
    if (!shared.has(v)) shared.set(v, initSirenParams(spec, new Rng(recipe.seed + v)));
    all.set(shared.get(v)!, i * P);
  });
  return all;
}

export async function generateZoo(gpu: GpuRuntime, recipe: ZooRecipe, o: ZooGenOptions = {}): Promise<Zoo> {
  const started = performance.now();
  const spec: SirenSpec = { dims: recipe.dims, omega0: recipe.omega0 };
  const P = sirenLayout(spec).paramCount;
  const task = recipe.task;
  if (isImageDataset(task) && o.images?.dataset !== task)
    throw new Error(`a ${DATASET_INFO[task].label} zoo needs the ${DATASET_INFO[task].label} images`);
  const views = recipe.viewsPerImage ?? 1;
  if (!Number.isInteger(views) || views < 1) throw new Error(`fits per image must be a positive integer, got ${views}`);
  if (views > 1 && !isImageDataset(task)) throw new Error('several fits per image need an image zoo');
  const expanded = withViews(isImageDataset(task) ? imageTargets(recipe, o.images!) : sineZooTargets(recipe), views);
  const all = expanded.targets;
  const allInit = initialParams(spec, recipe, expanded.view, o.init);
  // a shard fits a contiguous run of the whole recipe's targets, each from its own init: the same INRs as unsharded
  const [first, end] = shardRange(all.split.length, o.shard);
  const rows = Array.from({ length: end - first }, (_, r) => first + r);
  const t = sliceTargets(all, rows);
  const init = gather(allInit, rows, P);
  const total = rows.length;
  const perTarget = t.targets.length / Math.max(1, total);
  const common = {
    spec,
    coords: t.coords,
    adam: { ...DEFAULT_ADAM, lr: recipe.lr },
    stopPsnr: recipe.stopPsnr,
    batchSize: o.batchSize ?? 256,
    signal: o.signal,
  };
  const fit = await fitBatch(gpu, {
    ...common,
    targets: t.targets,
    params: init,
    maxSteps: recipe.maxSteps,
    onProgress: (done, total, finished) => o.onProgress?.({ done, total, finished, phase: 'fit' }),
  });

  // fidelity gate: refit the weak fits once from their own init with twice the steps, then drop what is still weak
  const floor = recipe.minPsnr;
  const weak = floor === null ? [] : Array.from(fit.psnr.keys()).filter((i) => !(fit.psnr[i] >= floor));
  if (weak.length > 0) {
    const refit = await fitBatch(gpu, {
      ...common,
      targets: gather(t.targets, weak, perTarget),
      params: gather(init, weak, P),
      maxSteps: 2 * recipe.maxSteps,
      onProgress: (done, total, finished) => o.onProgress?.({ done, total, finished, phase: 'refit' }),
    });
    weak.forEach((i, r) => {
      fit.params.set(refit.params.subarray(r * P, (r + 1) * P), i * P);
      fit.psnr[i] = refit.psnr[r];
      fit.steps[i] = refit.steps[r];
    });
  }
  const keep = Array.from(fit.psnr.keys()).filter((i) => floor === null || fit.psnr[i] >= floor);
  return {
    name: (o.name ?? defaultZooName(recipe)) + (o.shard ? ` (shard ${o.shard.index}/${o.shard.count})` : ''),
    recipe,
    createdAt: new Date().toISOString(),
    count: keep.length,
    paramCount: P,
    params: gather(fit.params, keep, P),
    labels: Int32Array.from(keep, (i) => t.labels[i]),
    valueDim: t.valueDim,
    values: gather(t.values, keep, t.valueDim),
    split: Uint8Array.from(keep, (i) => t.split[i]),
    psnr: Float32Array.from(keep, (i) => fit.psnr[i]),
    steps: Uint32Array.from(keep, (i) => fit.steps[i]),
    source: Int32Array.from(keep, (i) => t.source[i]),
    rejected: total - keep.length,
    wallMs: performance.now() - started,
    ...(o.shard ? { shard: [o.shard.index, o.shard.count] as [number, number] } : {}),
  };
}

/** Rows [first, end) of shard `index` of `count` over `total` rows (contiguous, sizes differ by at most one). */
export function shardRange(total: number, shard?: ZooShard): [number, number] {
  if (!shard) return [0, total];
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 || index >= count)
    throw new Error(`shard ${index}/${count}: want 0 ≤ i < n`);
  return [Math.floor((index * total) / count), Math.floor(((index + 1) * total) / count)];
}

function sliceTargets(t: Targets, rows: readonly number[]): Targets {
  return {
    coords: t.coords,
    targets: gather(t.targets, rows, t.targets.length / Math.max(1, t.split.length)),
    labels: Int32Array.from(rows, (i) => t.labels[i]),
    values: gather(t.values, rows, t.valueDim),
    valueDim: t.valueDim,
    split: Uint8Array.from(rows, (i) => t.split[i]),
    source: Int32Array.from(rows, (i) => t.source[i]),
  };
}

export function defaultZooName(r: ZooRecipe): string {
  const views = (r.viewsPerImage ?? 1) > 1 ? ` ${r.viewsPerImage} fits/image` : '';
  return `${r.task} ×${r.count}${views} [${r.dims.join(',')}] ${r.learnedInit ? `learned init ${r.learnedInit.name}` : r.sharedInit ? 'shared init' : 'independent inits'} seed ${r.seed}`;
}

/** Rows `indices` of a `[n, width]` array. */
function gather(a: Float32Array, indices: readonly number[], width: number): Float32Array {
  const out = new Float32Array(indices.length * width);
  indices.forEach((i, r) => out.set(a.subarray(i * width, (i + 1) * width), r * width));
  return out;
}
