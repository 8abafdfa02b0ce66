/**
 * What an editing model trains on (docs/design.md §10): for every split of a zoo of image INRs, the networks as they
 * are (for the edit kernel), normalised (the model's input) and the target of each, the edit applied to the INR's
 * own 28×28 render, so any zoo of image INRs works, other tools' included. And the edit of networks by a trained
 * model's output, θ' = θ + γ σ ⊙ Δ, on the CPU (the CLI's eval and render).
 */
import { applyEditBatch, type ImageEdit } from '../data/imageEdits';
import { MNIST_SIDE } from '../data/mnistFile';
import type { SplitName, Zoo } from '../data/zoo';
import type { GpuRuntime } from '../gpu/runtime';
import { imageGrid, meanSquaredError } from '../models/siren';
import type { TrainedModel } from '../models/trainedModel';
import { buildWsModel } from '../models/wsModel';
import { mlpLayout, type MlpLayout } from '../weightspace/layout';
import { renderSirensGpu } from './renderSirens';
import { buildDataset, statsFrom, type TensorStats } from './wsData';

export const EDIT_SPLITS = ['train', 'val', 'test'] as const;

export interface EditData {
  layout: MlpLayout;
  omega0: number;
  edit: ImageEdit;
  stats: TensorStats;
  /** `[P]` the std of each weight's tensor: Δ is in these units */
  sigma: Float32Array;
  /** zoo index of each row */
  rows: Record<SplitName, number[]>;
  /** `[n, P]` the networks as they are, and normalised (the model's input) */
  nets: Record<SplitName, Float32Array>;
  inputs: Record<SplitName, Float32Array>;
  /** `[n, 28²]` the edit of each network's own render */
  targets: Record<SplitName, Float32Array>;
  /** the baseline: mean render MSE of each split's networks as they are, against their targets */
  noEdit: Record<SplitName, number>;
}

/** The std of every weight's tensor, `[P]`. */
export function sigmaOf(layout: MlpLayout, stats: TensorStats): Float32Array {
  return Float32Array.from({ length: layout.paramCount }, (_, p) => stats.std[stats.tensorOf[p]]);
}

export async function buildEditData(gpu: GpuRuntime, zoo: Zoo, edit: ImageEdit): Promise<EditData> {
  const { dims, omega0 } = zoo.recipe;
  if (dims[0] !== 2 || dims[dims.length - 1] !== 1)
    throw new Error(`edits act on image INRs (2 inputs, 1 output); this zoo's are [${dims.join(', ')}]`);
  const data = buildDataset(zoo);
  const pick = (rows: number[]): Float32Array => networksOf(zoo, rows);
  const nets = { train: pick(data.rows.train), val: pick(data.rows.val), test: pick(data.rows.test) };
  const targets = {} as Record<SplitName, Float32Array>;
  const noEdit = {} as Record<SplitName, number>;
  for (const split of EDIT_SPLITS) {
    const renders =
      nets[split].length > 0
        ? await renderSirensGpu(gpu, { dims, omega0 }, nets[split], imageGrid(MNIST_SIDE))
        : new Float32Array(0);
    targets[split] = applyEditBatch(edit, renders, MNIST_SIDE);
    noEdit[split] = meanSquaredError(renders, targets[split]);
  }
  return {
    layout: data.layout,
    omega0,
    edit,
    stats: data.stats,
    sigma: sigmaOf(data.layout, data.stats),
    rows: data.rows,
    nets,
    inputs: { train: data.inputs.train, val: data.inputs.val, test: data.inputs.test },
    targets,
    noEdit,
  };
}

/** The networks of a zoo's `rows`, `[rows, P]`. */
export function networksOf(zoo: Zoo, rows: readonly number[]): Float32Array {
  const P = zoo.paramCount;
  const out = new Float32Array(rows.length * P);
  rows.forEach((r, i) => out.set(zoo.params.subarray(r * P, (r + 1) * P), i * P));
  return out;
}

/** θ' = θ + γ σ ⊙ Δ of `[count, P]` networks, from a trained editing model's output Δ `[count, P]`. */
export function editNetworks(model: TrainedModel, networks: Float32Array, delta: Float32Array): Float32Array {
  const layout = mlpLayout(model.dims);
  const { editScale } = buildWsModel(layout, model.spec);
  if (!editScale) throw new Error('this model does not edit INRs (it reads them)');
  const gamma = model.theta[editScale.offset];
  const sigma = sigmaOf(layout, statsFrom(layout, model.mean, model.std));
  const P = layout.paramCount;
  return networks.map((x, i) => x + gamma * sigma[i % P] * delta[i]);
}
