/** Plain-TypeScript twin of shaders/adam.wgsl (torch.optim.Adam, bias-corrected), in float64. */
export interface AdamHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** decoupled weight decay (AdamW); 0 for Adam */
  weightDecay: number;
}

export const DEFAULT_ADAM: AdamHyper = { lr: 5e-4, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };

/**
 * One Adam step on every entry, in place; `step` is the 1-based step number t:
 * m ← β1 m + (1-β1) g, v ← β2 v + (1-β2) g², θ ← θ(1 - lr·wd) - (lr / (1-β1^t)) · m / (√v / √(1-β2^t) + ε).
 */
export function adamStep(
  params: Float64Array | Float32Array,
  m: Float64Array | Float32Array,
  v: Float64Array | Float32Array,
  grad: ArrayLike<number>,
  step: number,
  hp: AdamHyper,
): void {
  const bc1 = 1 - Math.pow(hp.beta1, step);
  const bc2 = 1 - Math.pow(hp.beta2, step);
  for (let i = 0; i < params.length; i++) {
    const g = grad[i];
    m[i] = hp.beta1 * m[i] + (1 - hp.beta1) * g;
    v[i] = hp.beta2 * v[i] + (1 - hp.beta2) * g * g;
    const decayed = params[i] * (1 - hp.lr * hp.weightDecay);
    params[i] = decayed - (hp.lr / bc1) * (m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + hp.eps));
  }
}
