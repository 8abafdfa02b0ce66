/**
 * The training-time augmentation of one drawn network: the chosen augmentations in list order, each with its
 * probability. Mixup draws its partner uniformly over the training split and α ~ U(0, 1) and mixes the targets the
 * same way (α·y_A + (1 − α)·y_B: soft labels for classes, standardised values for regression); the others act on
 * the network alone. Everything acts on the raw weights, before per-tensor normalisation. All draws come from the
 * Rng given.
 */
import { augmentNetwork, settingOf, type AugmentationChoice } from '../weightspace/augmentations';
import { blend, isMixup, mixupPartner } from '../weightspace/mixup';
import type { Rng } from '../weightspace/rng';
import type { WsDataset } from './wsData';

export interface AugmentedSample {
  /** raw (un-normalised) weights `[P]` */
  net: Float32Array;
  target: Float32Array;
}

export function augmentSample(
  data: WsDataset,
  choices: readonly AugmentationChoice[],
  index: number,
  rng: Rng,
): AugmentedSample {
  const P = data.layout.paramCount;
  const K = data.outputs;
  const nTrain = data.rawTrain.length / P;
  const row = (a: Float32Array, i: number, width: number): Float32Array => a.subarray(i * width, (i + 1) * width);
  let net: Float32Array = row(data.rawTrain, index, P);
  let target: Float32Array = row(data.targets.train, index, K);
  for (const c of choices) {
    if (!(rng.uniform() < c.p)) continue;
    if (isMixup(c.id)) {
      const partner = rng.int(nTrain);
      const alpha = rng.uniform();
      net = blend(net, mixupPartner(c.id, data.layout, net, row(data.rawTrain, partner, P), rng), alpha);
      target = blend(target, row(data.targets.train, partner, K), alpha);
    } else net = augmentNetwork(c.id, data.layout, net, rng, data.omega0, settingOf(c));
  }
  return { net, target };
}
