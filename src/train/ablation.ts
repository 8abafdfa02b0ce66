/**
 * An augmentation ablation: the same model on the same zoo split, once per arm (no augmentation, one augmentation,
 * or more fits per image) and seed, every arm with the same number of gradient steps: an arm that trains on v
 * views of each image runs epochs·n₁/n_v epochs (n_v its training INRs). Each run's score is the test metric of
 * its best-validation checkpoint (test accuracy, or mean R² for regression zoos).
 */
import type { Zoo } from '../data/zoo';
import type { GpuRuntime } from '../gpu/runtime';
import { scoreOf, type AblationArm, type AblationRun } from './ablationPlan';
import { buildDataset, recipeData, type WsDataset } from './wsData';
import { WsTrainer, type EpochReport } from './wsTrainer';
import type { WsTrainConfig } from './wsTrainConfig';

export interface AblationOptions {
  seeds: number[];
  signal?: AbortSignal;
  onEpoch?: (arm: string, seed: number, report: EpochReport, epochs: number) => void;
  onRun?: (run: AblationRun) => void;
}

export async function runAblation(
  gpu: GpuRuntime,
  zoo: Zoo,
  base: WsTrainConfig,
  arms: readonly AblationArm[],
  o: AblationOptions,
): Promise<AblationRun[]> {
  const datasets = new Map<number, WsDataset>();
  const dataFor = (views: number): WsDataset => {
    if (!datasets.has(views)) datasets.set(views, buildDataset(zoo, { ...recipeData(base), views }));
    return datasets.get(views)!;
  };
  const oneView = dataFor(1).rows.train.length;
  const runs: AblationRun[] = [];
  for (const arm of arms) {
    const data = dataFor(arm.views);
    const epochs = Math.max(1, Math.round((base.epochs * oneView) / data.rows.train.length));
    for (const seed of o.seeds) {
      if (o.signal?.aborted) return runs;
      const config: WsTrainConfig = { ...base, seed, epochs, augmentations: arm.augmentations, views: arm.views };
      const trainer = await WsTrainer.create(gpu, data, config);
      const curve: number[] = [];
      let best: EpochReport | null = null;
      try {
        for (let e = 0; e < epochs && !o.signal?.aborted; e++) {
          const report = await trainer.runEpoch(o.signal);
          if (report.partial) break; // stopped midway: not an epoch
          if (!Number.isFinite(report.train.loss))
            throw new Error(`arm ${arm.name}, seed ${seed} diverged at epoch ${report.epoch}; lower the learning rate`);
          curve.push(scoreOf(data.rows.val.length > 0 ? report.val : report.test));
          if (report.best) best = report;
          o.onEpoch?.(arm.name, seed, report, epochs);
        }
      } finally {
        trainer.destroy();
      }
      if (!best) return runs;
      const run = { arm: arm.name, seed, epochs, score: scoreOf(best.test), trainScore: scoreOf(best.train), curve };
      runs.push(run);
      o.onRun?.(run);
    }
  }
  return runs;
}
