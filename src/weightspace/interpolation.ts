/** Linear interpolation between two networks in the flat layout, and the loss barrier along it. */

/** `count` evenly spaced values of λ in [0, 1]. */
export function lambdas(count = 25): number[] {
  return Array.from({ length: count }, (_, i) => i / (count - 1));
}

/** θ(λ) = (1 − λ)·θ_A + λ·θ_B for every λ, as one `[λs, P]` batch. */
export function interpolateBatch(a: Float32Array, b: Float32Array, ls: readonly number[]): Float32Array {
  const P = a.length;
  const out = new Float32Array(ls.length * P);
  ls.forEach((l, r) => {
    for (let i = 0; i < P; i++) out[r * P + i] = (1 - l) * a[i] + l * b[i];
  });
  return out;
}

/**
 * The barrier of a curve: max over λ of value(λ) − ((1 − λ)·value(0) + λ·value(1)), the height above the line
 * joining its ends (for a loss; pass −PSNR for a PSNR drop).
 */
export function barrier(values: readonly number[], ls: readonly number[]): number {
  const [first, last] = [values[0], values[values.length - 1]];
  return Math.max(...values.map((v, i) => v - ((1 - ls[i]) * first + ls[i] * last)));
}
