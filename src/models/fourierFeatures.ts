/**
 * Gaussian Fourier features of each weight (as the NFN paper feeds its networks): entry x ↦
 * [x, sin(2π f_1 x), cos(2π f_1 x), ..., sin(2π f_m x), cos(2π f_m x)] with fixed f_k ~ N(0, 1) from a seed.
 * Elementwise, so it commutes with every permutation of entries: equivariance and invariance are untouched.
 * Training and prediction compute them on the GPU (shaders/fourier_features.wgsl); `fourierFeatures` is its twin.
 */
import { Rng } from '../weightspace/rng';

export function fourierFrequencies(m: number, seed: number): Float64Array {
  const rng = new Rng(seed ^ 0xf0e1);
  // Box–Muller from the project's RNG (no Math.random anywhere)
  return Float64Array.from(
    { length: m },
    () => Math.sqrt(-2 * Math.log(1 - rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform()),
  );
}

/** `[count·P]` scalars → `[count·P, 1 + 2m]` channels (channels last). */
export function fourierFeatures(x: Float32Array, frequencies: Float64Array): Float32Array {
  const c = 1 + 2 * frequencies.length;
  if (frequencies.length === 0) return x;
  const out = new Float32Array(x.length * c);
  const omegas = frequencies.map((f) => 2 * Math.PI * f);
  const m = omegas.length;
  for (let i = 0, o = 0; i < x.length; i++, o += c) {
    const xi = x[i];
    out[o] = xi;
    for (let k = 0; k < m; k++) {
      const a = omegas[k] * xi;
      out[o + 1 + 2 * k] = Math.sin(a);
      out[o + 2 + 2 * k] = Math.cos(a);
    }
  }
  return out;
}
