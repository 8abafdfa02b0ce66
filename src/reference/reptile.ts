/** Plain-TypeScript twin of Reptile's outer step (shaders/reptile_delta.wgsl, then adam.wgsl), in float64. */
import { adamStep, type AdamHyper } from './adam';

/** g = θ − mean_b φ_b: θ `[P]`, φ `[B, P]` (Nichol et al. 2018, first-order Reptile). */
export function reptileDelta(theta: ArrayLike<number>, phi: ArrayLike<number>): Float64Array {
  const P = theta.length;
  const B = phi.length / P;
  const g = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    let sum = 0;
    for (let b = 0; b < B; b++) sum += phi[b * P + p];
    g[p] = theta[p] - sum / B;
  }
  return g;
}

/** The outer step, in place: θ moves toward the adapted networks' mean by Adam on g (`step`: 1-based). */
export function reptileOuterStep(
  theta: Float64Array,
  m: Float64Array,
  v: Float64Array,
  phi: ArrayLike<number>,
  step: number,
  hp: AdamHyper,
): void {
  adamStep(theta, m, v, reptileDelta(theta, phi), step, hp);
}
