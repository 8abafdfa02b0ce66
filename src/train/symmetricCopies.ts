/**
 * Symmetric copies of one INR for the invariance demo: half with a random hidden permutation, half with a
 * permutation and every hidden neuron negated with p = 0.5. All compute the same function (SIREN).
 */
import type { MlpLayout } from '../weightspace/layout';
import { Rng } from '../weightspace/rng';
import { permuteHidden, randomHiddenPermutation, randomSirenNegation } from '../weightspace/symmetries';
import type { SymmetricCopies } from './wsProtocol';

/** `[count, P]` copies of `params` and what each one is; seeded. */
export function symmetricCopies(
  layout: MlpLayout,
  params: Float32Array,
  count: number,
  seed: number,
): { networks: Float32Array; kinds: SymmetricCopies['kinds'] } {
  const rng = new Rng(seed);
  const networks = new Float32Array(count * params.length);
  const kinds: SymmetricCopies['kinds'] = [];
  for (let i = 0; i < count; i++) {
    const copy = permuteHidden(layout, params, randomHiddenPermutation(layout, rng));
    const negate = i >= count / 2;
    if (negate) randomSirenNegation(layout, copy, rng);
    networks.set(copy, i * params.length);
    kinds.push(negate ? 'permutation + negation' : 'permutation');
  }
  return { networks, kinds };
}
