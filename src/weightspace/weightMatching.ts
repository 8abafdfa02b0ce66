/**
 * Weight matching (Git Re-Basin, Ainsworth et al. 2023), optionally modulo sign flips (SIREN: sin is odd).
 * Finds a transform T of B's hidden neurons maximising the objective ⟨θ_A, T(θ_B)⟩ (every weight and bias) by
 * coordinate descent over the hidden layers in a random order: for hidden layer h, with every other layer's
 * transform applied to B, neuron j of A and neuron k of B agree by
 *   C[j, k] = Σ_i W_{h-1}^A[j, i]·W_{h-1}^B[k, i] + b_{h-1}^A[j]·b_{h-1}^B[k] + Σ_m W_h^A[m, j]·W_h^B[m, k].
 * Permutations: maximise Σ_j C[j, π(j)] (a linear assignment). Signs too: negating neuron k of B negates every term
 * of C[·, k], so the best sign of a pair is sign(C[j, k]) and its value |C[j, k]|: the assignment runs on |C| and
 * each neuron takes the sign of C[j, π(j)]. Each step maximises the objective over one layer exactly, so it never
 * decreases; stop when a sweep gains < tolerance or after maxSweeps.
 */
import { maximizeAssignment } from './assignment';
import type { MlpLayout } from './layout';
import type { Rng } from './rng';
import {
  identityPermutation,
  transformHidden,
  unitSigns,
  type HiddenPermutation,
  type HiddenSigns,
} from './symmetries';

type Params = Float32Array | Float64Array;

export interface MatchOptions {
  /** also undo sign flips (only meaningful for odd activations: SIREN) */
  signs: boolean;
  /** draws the layer order of each sweep */
  rng: Rng;
  maxSweeps?: number;
  /** stop when a sweep gains less than this */
  tolerance?: number;
}

export interface MatchResult {
  perms: HiddenPermutation;
  signs: HiddenSigns;
  /** the objective before the first sweep and after each sweep */
  objectives: number[];
}

/** ⟨a, b⟩ over every parameter, in float64. */
export function matchObjective(a: Params, b: Params): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** The C matrix of hidden layer h (1-based) between A and (already transformed) B, n×n row-major. */
function agreement(layout: MlpLayout, a: Params, b: Params, h: number): Float64Array {
  const into = layout.layers[h - 1];
  const from = layout.layers[h];
  const n = into.nOut;
  const c = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < n; k++) {
      let sum = a[into.biasOffset + j] * b[into.biasOffset + k];
      for (let i = 0; i < into.nIn; i++)
        sum += a[into.weightOffset + j * into.nIn + i] * b[into.weightOffset + k * into.nIn + i];
      for (let m = 0; m < from.nOut; m++)
        sum += a[from.weightOffset + m * from.nIn + j] * b[from.weightOffset + m * from.nIn + k];
      c[j * n + k] = sum;
    }
  }
  return c;
}

export function matchWeights(layout: MlpLayout, a: Params, b: Params, o: MatchOptions): MatchResult {
  const perms = identityPermutation(layout);
  const signs = unitSigns(layout);
  const hidden = perms.length;
  const maxSweeps = o.maxSweeps ?? 100;
  const tolerance = o.tolerance ?? 1e-12;
  const objectives = [matchObjective(a, b)];
  for (let sweep = 0; sweep < maxSweeps && hidden > 0; sweep++) {
    const order = Array.from({ length: hidden }, (_, i) => i + 1);
    for (let i = order.length - 1; i > 0; i--) {
      const k = o.rng.int(i + 1);
      [order[i], order[k]] = [order[k], order[i]];
    }
    for (const h of order) {
      // B with every other layer's transform applied, this layer's left as it is
      perms[h - 1] = Uint32Array.from(perms[h - 1].keys());
      signs[h - 1].fill(1);
      const c = agreement(layout, a, transformHidden(layout, b, perms, signs), h);
      const n = perms[h - 1].length;
      const pick = maximizeAssignment(o.signs ? c.map(Math.abs) : c, n);
      perms[h - 1] = pick;
      if (o.signs) pick.forEach((k, j) => (signs[h - 1][j] = c[j * n + k] < 0 ? -1 : 1));
    }
    objectives.push(matchObjective(a, transformHidden(layout, b, perms, signs)));
    if (objectives[objectives.length - 1] - objectives[objectives.length - 2] < tolerance) break;
  }
  return { perms, signs, objectives };
}
