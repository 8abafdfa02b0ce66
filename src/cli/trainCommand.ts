/** `ws train`: a weight-space model trained on a zoo file by the app's trainer and kernels, saved as safetensors. */
import { modelToSafetensors } from '../data/modelSafetensors';
import type { GpuRuntime } from '../gpu/runtime';
import type { WsModelKind } from '../models/wsModel';
import { buildDataset, recipeData } from '../train/wsData';
import { recommendedRecipe, type Normalisation } from '../train/wsTrainConfig';
import { WsTrainer, type EpochReport } from '../train/wsTrainer';
import { CliError, EXIT } from './cliErrors';
import { readZoo, writeOutput } from './cliFiles';
import { progressBar } from './progress';

export interface TrainArgs {
  zoo: string;
  model: WsModelKind;
  epochs: number;
  seed: number;
  lr: number;
  weightDecay: number;
  channels: number;
  depth: number;
  probes: number;
  /** probe points a DWS/NFN head reads beside its pools (0: none) */
  headProbes: number;
  /** Gaussian Fourier features per weight (0: the raw normalised weight) */
  fourier: number;
  canonical: boolean;
  normalisation: Normalisation;
  batch: number;
  out: string;
}

const percent = (x: number | undefined): string =>
  x === undefined || Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)}%`;

export async function trainCommand(gpu: GpuRuntime, a: TrainArgs) {
  const zoo = readZoo(a.zoo);
  const config = {
    ...recommendedRecipe(a.model),
    epochs: a.epochs,
    seed: a.seed,
    lr: a.lr,
    weightDecay: a.weightDecay,
    channels: a.channels,
    depth: a.depth,
    probes: a.probes,
    headProbes: a.headProbes,
    fourier: a.fourier,
    canonical: a.canonical,
    normalisation: a.normalisation,
    batchSize: a.batch,
  };
  let data;
  try {
    data = buildDataset(zoo, recipeData(config));
  } catch (err) {
    throw new CliError(`${a.zoo}: ${(err as Error).message}`, EXIT.badInput);
  }
  const trainer = await WsTrainer.create(gpu, data, config);
  const bar = progressBar(`train ${a.model}`, a.epochs, 'epochs');
  const reports: EpochReport[] = [];
  try {
    for (let e = 0; e < a.epochs; e++) {
      const r = await trainer.runEpoch();
      reports.push(r);
      if (!Number.isFinite(r.train.loss))
        throw new CliError(
          `the training loss became ${r.train.loss} in epoch ${r.epoch}: try a lower --lr (now ${a.lr})`,
          EXIT.failed,
        );
      bar.update(r.epoch, `val ${percent(r.val.accuracy)} test ${percent(r.test.accuracy)}`);
    }
  } finally {
    bar.stop();
  }
  trainer.restoreBest();
  const model = await trainer.trainedModel();
  const [test, testPermuted] = [await trainer.evaluate('test'), await trainer.evaluate('testPermuted')];
  trainer.destroy();
  writeOutput(a.out, modelToSafetensors(model));
  const best = reports.filter((r) => r.best).at(-1)!;
  return {
    out: a.out,
    model: a.model,
    parameters: trainer.parameterCount,
    trainINRs: data.rows.train.length,
    epochs: reports.length,
    bestEpoch: best.epoch,
    val: best.val,
    test,
    testPermuted,
    secondsPerEpoch: reports.reduce((s, r) => s + r.ms, 0) / 1000 / reports.length,
  };
}
