/**
 * `ws train --task dilate|erode|invert`: an editing model trained on a zoo (train/editTrainer.ts), saved as
 * safetensors; and `ws eval` of such a model: the render MSE of the edited INRs against the edit of their own
 * renders (`mse`), beside the INRs as they are (`mseNoEdit`).
 */
import type { ImageEdit } from '../data/imageEdits';
import { applyEditBatch } from '../data/imageEdits';
import { modelToSafetensors } from '../data/modelSafetensors';
import type { Zoo } from '../data/zoo';
import type { GpuRuntime } from '../gpu/runtime';
import { imageGrid, meanSquaredError } from '../models/siren';
import type { TrainedModel } from '../models/trainedModel';
import { buildEditData, editNetworks, networksOf } from '../train/editData';
import { EditTrainer, type EditEpochReport, type EditModelKind } from '../train/editTrainer';
import { renderSirensGpu } from '../train/renderSirens';
import { WsPredictor } from '../train/wsPredictor';
import { CliError, EXIT } from './cliErrors';
import { readZoo, writeOutput } from './cliFiles';
import { progressBar } from './progress';

export interface EditTrainArgs {
  zoo: string;
  edit: ImageEdit;
  model: EditModelKind;
  epochs: number;
  seed: number;
  lr: number;
  weightDecay: number;
  channels: number;
  depth: number;
  batch: number;
  out: string;
}

export async function editTrainCommand(gpu: GpuRuntime, a: EditTrainArgs) {
  const zoo = readZoo(a.zoo);
  const started = performance.now();
  let data;
  try {
    data = await buildEditData(gpu, zoo, a.edit);
  } catch (err) {
    throw new CliError(`${a.zoo}: ${(err as Error).message}`, EXIT.badInput);
  }
  const config = {
    kind: a.model,
    edit: a.edit,
    depth: a.depth,
    channels: a.channels,
    lr: a.lr,
    weightDecay: a.weightDecay,
    epochs: a.epochs,
    batchSize: a.batch,
    seed: a.seed,
    fourier: 0,
  };
  const trainer = await EditTrainer.create(gpu, data, config);
  const bar = progressBar(`${a.edit} with ${a.model}`, a.epochs, 'epochs');
  const reports: EditEpochReport[] = [];
  try {
    for (let e = 0; e < a.epochs; e++) {
      const r = await trainer.runEpoch();
      reports.push(r);
      if (!Number.isFinite(r.train))
        throw new CliError(
          `the loss became ${r.train} in epoch ${r.epoch}: try a lower --lr (now ${a.lr})`,
          EXIT.failed,
        );
      bar.update(r.epoch, `train ${r.train.toFixed(4)} val ${r.val.toFixed(4)} test ${r.test.toFixed(4)}`);
    }
  } finally {
    bar.stop();
  }
  trainer.restoreBest();
  const model = await trainer.trainedModel();
  const test = await trainer.evaluate('test');
  trainer.destroy();
  writeOutput(a.out, modelToSafetensors(model));
  const best = reports.filter((r) => r.best).at(-1)!;
  return {
    out: a.out,
    edit: a.edit,
    model: a.model,
    parameters: trainer.parameterCount,
    trainINRs: data.rows.train.length,
    testINRs: data.rows.test.length,
    epochs: reports.length,
    bestEpoch: best.epoch,
    val: best.val,
    mse: test,
    mseNoEdit: data.noEdit.test,
    curve: reports.map((r) => ({ epoch: r.epoch, train: r.train, val: r.val, test: r.test })),
    seconds: (performance.now() - started) / 1000,
  };
}

/** Networks `[n, P]` as the editing model edits them. */
export async function editedNetworks(gpu: GpuRuntime, model: TrainedModel, nets: Float32Array): Promise<Float32Array> {
  const predictor = await WsPredictor.create(gpu, model);
  try {
    return editNetworks(model, nets, await predictor.predict(nets));
  } finally {
    predictor.destroy();
  }
}

export async function editEvalCommand(gpu: GpuRuntime, model: TrainedModel, zoo: Zoo, rows: number[]) {
  const started = performance.now();
  const spec = { dims: model.dims, omega0: zoo.recipe.omega0 };
  const nets = networksOf(zoo, rows);
  const grid = imageGrid(28);
  const renders = await renderSirensGpu(gpu, spec, nets, grid);
  const targets = applyEditBatch(model.edit as ImageEdit, renders, 28);
  const edited = await renderSirensGpu(gpu, spec, await editedNetworks(gpu, model, nets), grid);
  return {
    count: rows.length,
    task: 'edit',
    edit: model.edit,
    mse: meanSquaredError(edited, targets),
    mseNoEdit: meanSquaredError(renders, targets),
    seconds: (performance.now() - started) / 1000,
  };
}
