/**
 * The weight-space Worker's editing run (the Learn panel's "Edit INRs" card): an editing model trained on a zoo
 * (editTrainer.ts), pausable between epochs, stoppable between batches; then what the card shows of its best
 * checkpoint: the test split's render MSE beside no edit, a few test INRs as they are, edited and their targets, and
 * one test INR edited beside a permuted copy of it (an equivariant model edits both to the same image).
 */
import { modelToSafetensors } from '../data/modelSafetensors';
import type { Zoo } from '../data/zoo';
import type { GpuRuntime } from '../gpu/runtime';
import { imageGrid } from '../models/siren';
import { mlpLayout } from '../weightspace/layout';
import { Rng } from '../weightspace/rng';
import { permuteHidden, randomHiddenPermutation } from '../weightspace/symmetries';
import { buildEditData, editNetworks } from './editData';
import { EditTrainer } from './editTrainer';
import type { EditOutcome, EditTrainConfig } from './editTrainConfig';
import { renderSirensGpu } from './renderSirens';
import type { WsEvent } from './wsProtocol';
import { WsPredictor } from './wsPredictor';

/** test INRs the card shows */
export const EDIT_GALLERY = 6;

/** The run's controls, held by the Worker's run slot. */
export interface EditControls {
  signal: AbortSignal;
  /** resolves once the run is not paused (or is stopped) */
  unpaused: () => Promise<void>;
}

export async function runEdit(
  gpu: GpuRuntime,
  zoo: Zoo,
  config: EditTrainConfig,
  controls: EditControls,
  emit: (e: WsEvent, transfer?: Transferable[]) => void,
): Promise<void> {
  const data = await buildEditData(gpu, zoo, config.edit);
  const trainer = await EditTrainer.create(gpu, data, config);
  try {
    emit({
      type: 'edit-started',
      parameters: trainer.parameterCount,
      noEdit: { val: data.noEdit.val, test: data.noEdit.test },
    });
    for (let e = 0; e < config.epochs && !controls.signal.aborted; e++) {
      await controls.unpaused();
      if (controls.signal.aborted) break;
      const report = await trainer.runEpoch(controls.signal);
      if (report.partial) break;
      if (!Number.isFinite(report.train))
        throw new Error(`the loss became ${report.train} in epoch ${report.epoch}: lower the learning rate`);
      emit({ type: 'edit-epoch', report });
    }
    if (trainer.epoch === 0) {
      emit({ type: 'edit-done', stopped: true, outcome: null, file: null });
      return;
    }
    trainer.restoreBest();
    const outcome = await outcomeOf(gpu, trainer);
    const { gallery, permuted } = outcome;
    // the best checkpoint as a model file, for the page to keep like a trained reader's
    const file = modelToSafetensors(await trainer.trainedModel()).slice().buffer;
    emit({ type: 'edit-done', stopped: controls.signal.aborted, outcome, file }, [
      file,
      gallery.input.buffer,
      gallery.edited.buffer,
      gallery.target.buffer,
      permuted.edited.buffer,
      permuted.editedPermuted.buffer,
    ]);
  } finally {
    trainer.destroy();
  }
}

async function outcomeOf(gpu: GpuRuntime, trainer: EditTrainer): Promise<EditOutcome> {
  const { data } = trainer;
  const P = data.layout.paramCount;
  const pixels = 28 * 28;
  const spec = { dims: data.layout.dims, omega0: data.omega0 };
  // the test INRs; a zoo without any (another tool's, all train) shows its training ones
  const split = data.rows.test.length > 0 ? 'test' : data.rows.val.length > 0 ? 'val' : 'train';
  const { edited, mse } = await trainer.editSplit(split);
  const n = Math.min(EDIT_GALLERY, data.rows[split].length);
  const grid = imageGrid(28);
  const render = (nets: Float32Array): Promise<Float32Array> => renderSirensGpu(gpu, spec, nets, grid);
  const gallery = {
    rows: data.rows[split].slice(0, n),
    input: await render(data.nets[split].slice(0, n * P)),
    edited: await render(edited.slice(0, n * P)),
    target: data.targets[split].slice(0, n * pixels),
  };
  // the first test INR and a random hidden permutation of it, each edited by the model read from its own file form
  const model = await trainer.trainedModel();
  const layout = mlpLayout(model.dims);
  const net = data.nets[split].slice(0, P);
  const pair = new Float32Array(2 * P);
  pair.set(net);
  pair.set(permuteHidden(layout, net, randomHiddenPermutation(layout, new Rng(4242))), P);
  const predictor = await WsPredictor.create(gpu, model);
  const pairEdited = await render(editNetworks(model, pair, await predictor.predict(pair)).slice());
  predictor.destroy();
  const [a, b] = [pairEdited.slice(0, pixels), pairEdited.slice(pixels)];
  let maxDiff = 0;
  a.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - b[i]))));
  return {
    mse: mse.reduce((s, x) => s + x, 0) / Math.max(1, mse.length),
    mseNoEdit: data.noEdit[split],
    gallery,
    permuted: { row: data.rows[split][0], edited: a, editedPermuted: b, maxDiff },
  };
}
