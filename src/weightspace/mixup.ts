/**
 * Mixup in weight space: θ = α·θ_A + (1 − α)·T(θ_B), labels α·y_A + (1 − α)·y_B, α ~ U(0, 1). T decides what the
 * blend means: 'mixup' (vanilla) mixes B as it is (its neurons sit in an arbitrary order, so the blend mixes unrelated
 * neurons); 'mixupPermuted' applies a random permutation first (a control: just as unaligned); 'mixupAligned' applies the
 * weight-matching permutation that brings B's neurons onto A's, 'mixupAlignedSigned' the signed permutation
 * (weightMatching.ts), so matching neurons are averaged.
 */
import type { MlpLayout } from './layout';
import type { Rng } from './rng';
import { permuteHidden, randomHiddenPermutation, transformHidden } from './symmetries';
import { matchWeights } from './weightMatching';

export type MixupId = 'mixup' | 'mixupPermuted' | 'mixupAligned' | 'mixupAlignedSigned';

export const MIXUP_IDS: readonly MixupId[] = ['mixup', 'mixupPermuted', 'mixupAligned', 'mixupAlignedSigned'];

export const isMixup = (id: string): id is MixupId => (MIXUP_IDS as readonly string[]).includes(id);

/** B brought into the frame the variant blends it in. */
export function mixupPartner(
  variant: MixupId,
  layout: MlpLayout,
  a: Float32Array,
  b: Float32Array,
  rng: Rng,
): Float32Array {
  if (variant === 'mixup') return b;
  if (variant === 'mixupPermuted') return permuteHidden(layout, b, randomHiddenPermutation(layout, rng));
  const match = matchWeights(layout, a, b, { signs: variant === 'mixupAlignedSigned', rng });
  return transformHidden(layout, b, match.perms, match.signs);
}

/** α·a + (1 − α)·b entry by entry: α = 1 gives a and α = 0 gives b exactly. */
export function blend(a: Float32Array, b: Float32Array, alpha: number): Float32Array {
  return a.map((v, i) => alpha * v + (1 - alpha) * b[i]);
}
