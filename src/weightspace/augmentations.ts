/**
 * Weight-space augmentations of one SIREN in the flat layout (layout.ts), after Shamsian et al., "Improved
 * Generalization of Weight Space Networks via Augmentations" (ICML 2024). Each draws everything it needs from the
 * Rng it is given and returns a new parameter vector; each has one scalar setting with the reference defaults.
 *   input space (through layer 0, inputTransforms.ts): translate t ~ U(±a)², rotate θ ~ U(±a°), scale s ~ U(1 ± a)
 *   data-agnostic, per tensor: Gaussian noise σ = a·std(tensor); dropout p = a (kept entries ÷ (1 − a));
 *     quantile zeroing: q ~ U(0, a), entries with |w| below the q-quantile of |w| set to 0
 *   exact symmetries: random permutation of every hidden layer; negation of each hidden neuron with p = a;
 *     bias shift of each hidden neuron by kπ/ω0, k uniform in {−a, …, a − 1}
 * Mixup (two networks) is applied by mixup.ts; this table lists it with the rest.
 */
import { transformInputs, type InputTransform } from './inputTransforms';
import type { MlpLayout } from './layout';
import type { MixupId } from './mixup';
import type { Rng } from './rng';
import { permuteHidden, randomHiddenPermutation, randomSirenNegation, shiftSirenBias } from './symmetries';

export type SingleAugmentationId =
  'translate' | 'rotate' | 'scale' | 'noise' | 'dropout' | 'quantile' | 'permute' | 'negate' | 'biasShift';

export type AugmentationId = SingleAugmentationId | MixupId;

export interface AugmentationInfo {
  label: string;
  group: 'input space' | 'data-agnostic' | 'exact symmetry' | 'mixup';
  /** what the setting means, its default (the reference code's) and range; absent: no setting */
  setting?: { name: string; default: number; min: number; max: number; integer?: boolean };
}

export const AUGMENTATIONS: Record<AugmentationId, AugmentationInfo> = {
  translate: {
    label: 'translate',
    group: 'input space',
    setting: { name: 'max shift', default: 0.25, min: 0, max: 1 },
  },
  rotate: { label: 'rotate', group: 'input space', setting: { name: 'max degrees', default: 30, min: 0, max: 180 } },
  scale: { label: 'scale', group: 'input space', setting: { name: 'max |s − 1|', default: 0.2, min: 0, max: 0.9 } },
  noise: {
    label: 'Gaussian noise',
    group: 'data-agnostic',
    setting: { name: 'σ / tensor std', default: 0.32, min: 0, max: 2 },
  },
  dropout: { label: 'dropout', group: 'data-agnostic', setting: { name: 'p', default: 0.1, min: 0, max: 0.9 } },
  quantile: {
    label: 'quantile zeroing',
    group: 'data-agnostic',
    setting: { name: 'max quantile', default: 0.1, min: 0, max: 0.9 },
  },
  permute: { label: 'random permutation', group: 'exact symmetry' },
  negate: {
    label: 'neuron negation',
    group: 'exact symmetry',
    setting: { name: 'p per neuron', default: 0.5, min: 0, max: 1 },
  },
  biasShift: {
    label: 'bias shift kπ/ω0',
    group: 'exact symmetry',
    setting: { name: 'max |k|', default: 4, min: 1, max: 8, integer: true },
  },
  mixup: { label: 'mixup (vanilla)', group: 'mixup' },
  mixupPermuted: { label: 'mixup, random permutation', group: 'mixup' },
  mixupAligned: { label: 'mixup, aligned', group: 'mixup' },
  mixupAlignedSigned: { label: 'mixup, aligned with signs', group: 'mixup' },
};

export const AUGMENTATION_IDS = Object.keys(AUGMENTATIONS) as AugmentationId[];

/** An augmentation as a training run uses it: applied to each drawn network with probability p. */
export interface AugmentationChoice {
  id: AugmentationId;
  p: number;
  /** the augmentation's setting; absent: its default */
  setting?: number;
}

export const settingOf = (c: AugmentationChoice): number => c.setting ?? AUGMENTATIONS[c.id].setting?.default ?? 0;

/** Each tensor (every W_l and b_l) of the layout as [first index, entries]. */
function tensorRanges(layout: MlpLayout): [number, number][] {
  return layout.layers.flatMap((l) => [
    [l.weightOffset, l.nIn * l.nOut] as [number, number],
    [l.biasOffset, l.nOut] as [number, number],
  ]);
}

/** A standard normal draw (Box–Muller). */
function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform());
}

function addNoise(layout: MlpLayout, params: Float32Array, relative: number, rng: Rng): Float32Array {
  const out = params.slice();
  for (const [first, n] of tensorRanges(layout)) {
    let s = 0;
    let s2 = 0;
    for (let i = first; i < first + n; i++) {
      s += params[i];
      s2 += params[i] * params[i];
    }
    const std = Math.sqrt(Math.max(s2 / n - (s / n) ** 2, 0));
    for (let i = first; i < first + n; i++) out[i] = params[i] + relative * std * gaussian(rng);
  }
  return out;
}

function dropout(params: Float32Array, p: number, rng: Rng): Float32Array {
  return params.map((w) => (rng.uniform() < p ? 0 : w / (1 - p)));
}

/** Per tensor: the entries whose |w| lies below the q-quantile of |w| (q ~ U(0, maxQ)) set to 0. */
function quantileZeroing(layout: MlpLayout, params: Float32Array, maxQ: number, rng: Rng): Float32Array {
  const out = params.slice();
  for (const [first, n] of tensorRanges(layout)) {
    const q = rng.uniform() * maxQ;
    const magnitudes = Float64Array.from(params.subarray(first, first + n), Math.abs).sort();
    // linear interpolation between order statistics (numpy's default quantile)
    const at = q * (n - 1);
    const lo = Math.floor(at);
    const threshold = magnitudes[lo] + (at - lo) * ((magnitudes[Math.min(lo + 1, n - 1)] ?? 0) - magnitudes[lo]);
    for (let i = first; i < first + n; i++) if (Math.abs(params[i]) < threshold) out[i] = 0;
  }
  return out;
}

function randomBiasShift(
  layout: MlpLayout,
  params: Float32Array,
  omega0: number,
  maxK: number,
  rng: Rng,
): Float32Array {
  let out = params;
  for (let hidden = 1; hidden < layout.layers.length; hidden++) {
    for (let j = 0; j < layout.layers[hidden - 1].nOut; j++)
      out = shiftSirenBias(layout, out, omega0, hidden, j, rng.int(2 * maxK) - maxK);
  }
  return out === params ? params.slice() : out;
}

/** The input transform an input-space augmentation draws (d0 input dims; rotate needs d0 = 2). */
export function drawInputTransform(
  id: 'translate' | 'rotate' | 'scale',
  d0: number,
  rng: Rng,
  setting: number,
): InputTransform {
  if (id === 'translate') return { kind: 'translate', t: Array.from({ length: d0 }, () => rng.symmetric(setting)) };
  if (id === 'rotate') return { kind: 'rotate', radians: (rng.symmetric(setting) * Math.PI) / 180 };
  return { kind: 'scale', s: 1 + rng.symmetric(setting) };
}

/** One augmentation of one network; `setting` defaults to the reference value, ω0 is the SIREN's. */
export function augmentNetwork(
  id: SingleAugmentationId,
  layout: MlpLayout,
  params: Float32Array,
  rng: Rng,
  omega0: number,
  setting = AUGMENTATIONS[id].setting?.default ?? 0,
): Float32Array {
  switch (id) {
    case 'translate':
    case 'rotate':
    case 'scale':
      return transformInputs(layout, params, drawInputTransform(id, layout.dims[0], rng, setting));
    case 'noise':
      return addNoise(layout, params, setting, rng);
    case 'dropout':
      return dropout(params, setting, rng);
    case 'quantile':
      return quantileZeroing(layout, params, setting, rng);
    case 'permute':
      return permuteHidden(layout, params, randomHiddenPermutation(layout, rng));
    case 'negate': {
      const out = params.slice();
      randomSirenNegation(layout, out, rng, setting);
      return out;
    }
    case 'biasShift':
      return randomBiasShift(layout, params, omega0, Math.round(setting), rng);
  }
}
