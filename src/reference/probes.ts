/**
 * Plain-TypeScript twin of shaders/probe_features.wgsl, in float64: probe features (every network's render at K
 * input points) and the gradient of a loss with respect to the points.
 * Shapes: raw params `[B, P]`, probe coordinates `[K, d0]`, features and their gradient `[B, K, dL]`.
 */
import { sirenLayout, type SirenSpec } from '../models/siren';
import { deltaBelow, forwardPoint, sirenForward } from './siren';

type Floats = ArrayLike<number>;

/** feature[b, k, o] = f_b(c_k)_o + 0.5: the render of network b at probe k (sirenForward at the probes). */
export function probeFeatures(spec: SirenSpec, params: Floats, coords: Floats): Float64Array {
  return sirenForward(spec, params, coords);
}

/**
 * d loss / d c_k = Σ_b J_b(c_k)ᵀ g[b, k] for the features' gradient g: backpropagation through each network to its
 * input, δ ← W_lᵀ δ ⊙ ω0 cos(ω0 z_{l-1}) from the output layer down (the last step without the slope).
 */
export function probeCoordGrad(spec: SirenSpec, params: Floats, coords: Floats, featureGrad: Floats): Float64Array {
  const { layers, paramCount } = sirenLayout(spec);
  const d0 = spec.dims[0];
  const dL = spec.dims[spec.dims.length - 1];
  const batch = params.length / paramCount;
  const probes = coords.length / d0;
  const grad = new Float64Array(probes * d0);
  for (let b = 0; b < batch; b++) {
    const base = b * paramCount;
    for (let k = 0; k < probes; k++) {
      const { slopes } = forwardPoint(spec, params, base, coords, k * d0);
      let delta = Float64Array.from({ length: dL }, (_, o) => featureGrad[(b * probes + k) * dL + o]);
      for (let l = layers.length - 1; l >= 0; l--)
        delta = deltaBelow(layers[l], params, base, delta, l > 0 ? slopes[l - 1] : undefined);
      for (let i = 0; i < d0; i++) grad[k * d0 + i] += delta[i];
    }
  }
  return grad;
}
