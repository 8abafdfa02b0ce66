/**
 * Float64 twin of shaders/edit_compose.wgsl, and of the whole render loss of an edit (docs/design.md §10):
 * θ' = θ + γ σ ⊙ Δ, L = mean_b MSE(render(θ'_b), target_b), and its gradients with respect to Δ and γ.
 */
import type { SirenSpec } from '../models/siren';
import { sirenLossAndGrad } from './siren';

type Floats = ArrayLike<number>;

/** θ' `[B, P]` */
export function composeEdit(nets: Floats, delta: Floats, sigma: Floats, gamma: number): Float64Array {
  const P = sigma.length;
  return Float64Array.from({ length: nets.length }, (_, i) => nets[i] + gamma * sigma[i % P] * delta[i]);
}

/** ∂L/∂Δ and ∂L/∂γ from ∂MSE_b/∂θ'_b `[B, P]` (L the batch mean of the MSEs). */
export function editAdjoint(
  grads: Floats,
  delta: Floats,
  sigma: Floats,
  gamma: number,
): { dDelta: Float64Array; dGamma: number } {
  const P = sigma.length;
  const B = grads.length / P;
  const dDelta = Float64Array.from({ length: grads.length }, (_, i) => (gamma * sigma[i % P] * grads[i]) / B);
  let dGamma = 0;
  for (let i = 0; i < grads.length; i++) dGamma += (sigma[i % P] * delta[i] * grads[i]) / B;
  return { dDelta, dGamma };
}

/** The render loss of edited INRs and its gradients: the twin of compose → siren train_step → adjoint. */
export function editRenderLoss(
  spec: SirenSpec,
  nets: Floats,
  delta: Floats,
  sigma: Floats,
  gamma: number,
  coords: Floats,
  targets: Floats,
): { loss: number; perNet: Float64Array; dDelta: Float64Array; dGamma: number } {
  const edited = composeEdit(nets, delta, sigma, gamma);
  const { loss, grad } = sirenLossAndGrad(spec, edited, coords, targets);
  return {
    loss: loss.reduce((s, x) => s + x, 0) / loss.length,
    perNet: loss,
    ...editAdjoint(grad, delta, sigma, gamma),
  };
}
