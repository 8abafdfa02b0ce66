/**
 * The learning curve (docs/design.md §9): readers trained on nested subsets of a zoo's training split (100, 300,
 * 1000, … INRs: each subset inside the next), against one fixed validation and test split, for several seeds, each
 * scored on the plain test INRs, on hidden permutations of them, and on signed permutations (permutation and random
 * neuron negations: the same functions). Every run takes as many gradient steps as the reader's recipe takes on the
 * whole split, so a small subset is not also a short run; the checkpoint is the best of ~20 validation checks.
 */
import type { Zoo } from '../data/zoo';
import type { GpuRuntime } from '../gpu/runtime';
import { mlpLayout } from '../weightspace/layout';
import { Rng } from '../weightspace/rng';
import { randomSignedPermutations } from '../weightspace/symmetries';
import { buildDataset, recipeData, type WsDataset } from './wsData';
import { classMetrics } from './wsMetrics';
import { curveEpochs, curveRecipe, curveSizesOf, type CurveReader, type CurveRow } from './curvePlan';
import { WsTrainer } from './wsTrainer';

export interface CurveOptions {
  readers: readonly CurveReader[];
  sizes: readonly number[];
  seeds: readonly number[];
  /** every run's step budget as epochs of the whole training split (absent: the reader's recipe's); a big zoo wants fewer */
  fullEpochs?: number;
  signal?: AbortSignal;
  /** after every epoch of a run: which run, how far */
  onEpoch?: (reader: CurveReader, size: number, seed: number, epoch: number, epochs: number) => void;
  onRow?: (row: CurveRow) => void;
}

/** The same test INRs under a hidden permutation and random negations each (seeded). */
function signedTestCopy(zoo: Zoo, data: WsDataset, seed: number): Float32Array {
  const layout = mlpLayout(zoo.recipe.dims);
  const P = layout.paramCount;
  const raw = new Float32Array(data.rows.test.length * P);
  data.rows.test.forEach((r, i) => raw.set(zoo.params.subarray(r * P, (r + 1) * P), i * P));
  return randomSignedPermutations(layout, raw, new Rng(seed));
}

/** Every reader × size × seed, one after another; stops between batches on `signal`. */
export async function runLearningCurve(gpu: GpuRuntime, zoo: Zoo, o: CurveOptions): Promise<CurveRow[]> {
  if (zoo.valueDim > 0) throw new Error('the learning curve reads classification zoos (MNIST), not regression ones');
  const rows: CurveRow[] = [];
  const sizes = curveSizesOf(zoo, o.sizes);
  const full = sizes[sizes.length - 1];
  for (const reader of o.readers) {
    const recipe = curveRecipe(reader);
    for (const size of sizes) {
      const data = buildDataset(zoo, { ...recipeData(recipe), trainCount: size });
      const epochs = curveEpochs(o.fullEpochs ?? recipe.epochs, full, size);
      const checkEvery = Math.max(1, Math.ceil(epochs / 20));
      const signed = signedTestCopy(zoo, data, 0x5167);
      for (const seed of o.seeds) {
        if (o.signal?.aborted) return rows;
        const started = performance.now();
        const trainer = await WsTrainer.create(gpu, data, { ...recipe, seed, epochs });
        try {
          let train = NaN;
          for (let e = 1; e <= epochs && !o.signal?.aborted; e++) {
            const report = await trainer.runEpoch(o.signal, e % checkEvery === 0 || e === epochs);
            if (report.partial) break; // stopped midway: not an epoch
            if (!Number.isFinite(report.train.loss))
              throw new Error(`${reader} on ${size} INRs, seed ${seed}, diverged at epoch ${e}`);
            train = report.train.accuracy ?? NaN;
            o.onEpoch?.(reader, size, seed, e, epochs);
          }
          if (o.signal?.aborted) return rows;
          trainer.restoreBest();
          const accuracy = (outputs: Float32Array, split: 'test' | 'testPermuted') =>
            classMetrics(outputs, data.targets[split], data.outputs).accuracy ?? NaN;
          const row: CurveRow = {
            reader,
            size,
            seed,
            epochs,
            test: accuracy(await trainer.predict('test'), 'test'),
            testPermuted: accuracy(await trainer.predict('testPermuted'), 'testPermuted'),
            testSigned: accuracy(await trainer.predictNetworks(signed), 'test'),
            train,
            seconds: (performance.now() - started) / 1000,
          };
          rows.push(row);
          o.onRow?.(row);
        } finally {
          trainer.destroy();
        }
      }
    }
  }
  return rows;
}
