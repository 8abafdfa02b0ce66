/** An editing model's recipe, what each of its epochs reports and what its run shows (no GPU code: the page reads it). */
import type { ImageEdit } from '../data/imageEdits';

export const EDIT_MODEL_KINDS = ['dws', 'nfn', 'mlp'] as const;
export type EditModelKind = (typeof EDIT_MODEL_KINDS)[number];

export interface EditTrainConfig {
  kind: EditModelKind;
  edit: ImageEdit;
  depth: number;
  channels: number;
  lr: number;
  weightDecay: number;
  epochs: number;
  batchSize: number;
  seed: number;
  /** Fourier features per weight (0: the raw weight) */
  fourier: number;
}

/**
 * 2 layers of 8 channels, Adam 5e-3 (1e-3 barely moved dilation's loss in 3 epochs), 60 epochs of batch 16: what NFN-NP
 * needs to bring dilation's test MSE to half the no-edit MSE on a 700-INR training split (README, measured).
 */
export const DEFAULT_EDIT_TRAIN: EditTrainConfig = {
  kind: 'dws',
  edit: 'dilate',
  depth: 2,
  channels: 8,
  lr: 5e-3,
  weightDecay: 0,
  epochs: 60,
  batchSize: 16,
  seed: 0,
  fourier: 0,
};

export interface EditEpochReport {
  epoch: number;
  /** mean render MSE of the edited INRs against their targets */
  train: number;
  val: number;
  test: number;
  best: boolean;
  ms: number;
  /** stopped before its last batch: not an epoch, nothing evaluated, never the best */
  partial?: boolean;
}

/** What an editing run shows of its best checkpoint (editJob.ts). */
export interface EditOutcome {
  /** on the test split (best checkpoint; a zoo without one: its validation, else its training INRs) */
  mse: number;
  mseNoEdit: number;
  /** `[n, 28²]` renders of the first test INRs: as they are, edited, and the targets */
  gallery: { rows: number[]; input: Float32Array; edited: Float32Array; target: Float32Array };
  /** the first test INR edited, and a hidden-permuted copy of it edited: their renders and max |Δ| */
  permuted: { row: number; edited: Float32Array; editedPermuted: Float32Array; maxDiff: number };
}
