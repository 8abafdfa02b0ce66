/** The weight-space training recipe: what a run is configured by (no GPU code, so the URL schema can read it). */
import type { WsModelKind } from '../models/wsModel';
import type { AugmentationChoice } from '../weightspace/augmentations';

/** How a reader's inputs are standardised: one mean and std per weight tensor, or per weight (wsData.ts). */
export type Normalisation = 'tensor' | 'weight';

export interface WsTrainConfig {
  kind: WsModelKind;
  depth: number;
  channels: number;
  lr: number;
  weightDecay: number;
  epochs: number;
  batchSize: number;
  seed: number;
  /** Gaussian Fourier features per weight (models/fourierFeatures.ts); 0: the raw normalised weight */
  fourier: number;
  /** applied in order, each with its probability, every time a training INR is drawn (wsAugment.ts) */
  augmentations: AugmentationChoice[];
  /** fits per training image used, when the zoo has several (0: all) */
  views: number;
  /** learned probe points of the probe reader (kind 'probe'; the others ignore it) */
  probes: number;
  /**
   * learned probe points whose features the invariant head of a DWS or NFN reads beside its pools (0: the weights
   * alone; the other kinds ignore it)
   */
  headProbes: number;
  /** every network in its sign and phase canonical form before the model reads it (weightspace/canonical.ts) */
  canonical: boolean;
  /** inputs standardised per weight tensor, or per weight (the flattened MLP only: it breaks invariance; wsData.ts) */
  normalisation: Normalisation;
}

/**
 * The recipe measured on this project's 1000-INR MNIST zoos (README, "Learn from weights"): 2 equivariant layers of
 * 8 channels on 4 Gaussian Fourier features per weight, AdamW 5e-3 (1e-3 barely moved the loss in 4 epochs), 40
 * epochs of batch 32. 8 channels, not 16: on a CPU adapter an epoch of 700 INRs costs ~12 s at 8 channels.
 */
export const DEFAULT_WS_TRAIN: WsTrainConfig = {
  kind: 'dws',
  depth: 2,
  channels: 8,
  lr: 5e-3,
  weightDecay: 1e-4,
  epochs: 40,
  batchSize: 32,
  seed: 0,
  fourier: 4,
  augmentations: [{ id: 'negate', p: 1 }],
  views: 0,
  probes: 64,
  headProbes: 0,
  canonical: false,
  normalisation: 'tensor',
};

/**
 * The probe reader's recipe (docs/design.md §9): the networks' outputs at 64 learned points, two dense layers of 32
 * (ReLU), AdamW 5e-3, 40 epochs of batch 32. It is invariant to every symmetry by construction, so no augmentation.
 * 32, not 64: a 64×64 dense block took SwiftShader 1–2 min to compile (blockPasses.ts, maxPassBlock).
 */
export const DEFAULT_PROBE_TRAIN: WsTrainConfig = {
  ...DEFAULT_WS_TRAIN,
  kind: 'probe',
  depth: 2,
  channels: 32,
  fourier: 0,
  augmentations: [],
};

/**
 * The flattened MLP's recipe (README, "Readers at playground scale"): 2 dense layers of 64 on every weight
 * standardised on its own, AdamW 1e-3. It reads the weights in the frame the zoo's INRs share (a shared or learned
 * init): per-weight statistics remove that init, and no augmentation moves a network out of the frame (a random
 * neuron negation does). On the learned-init zoo: 64.0% with the weight readers' recipe (per-tensor, 4 Fourier
 * features, negation, 5e-3), 80.5% without the features and negation, 87.0% with per-weight statistics at 1e-3.
 * 64, not 128: SwiftShader's compiler fails on the 128-wide dense layer ("Local variable exceeds stack size limit").
 */
export const DEFAULT_MLP_TRAIN: WsTrainConfig = {
  ...DEFAULT_WS_TRAIN,
  kind: 'mlp',
  channels: 64,
  lr: 1e-3,
  fourier: 0,
  augmentations: [],
  normalisation: 'weight',
};

/** Each model kind's recommended recipe (the CLI's defaults; the page's when the model is picked). */
export function recommendedRecipe(kind: WsModelKind): WsTrainConfig {
  if (kind === 'probe') return DEFAULT_PROBE_TRAIN;
  if (kind === 'mlp') return DEFAULT_MLP_TRAIN;
  // the pixel reader: the probe reader's head on the render's 28×28 grid
  if (kind === 'pixels') return { ...DEFAULT_PROBE_TRAIN, kind };
  return { ...DEFAULT_WS_TRAIN, kind };
}
