/**
 * The 1-D regression task of docs/design.md §4: INRs of f(x) = a·sin(π·b·x) on 200 points of [-1, 1], a ~ U(0.5, 2),
 * b ~ U(0.5, 5); a weight-space model predicts (a, b) from the fitted weights.
 */
import type { Rng } from '../weightspace/rng';

export const SINE_POINTS = 200;
export const SINE_A_RANGE: readonly [number, number] = [0.5, 2];
export const SINE_B_RANGE: readonly [number, number] = [0.5, 5];

export interface SineSample {
  a: number;
  b: number;
}

/** `[SINE_POINTS, 1]`: linspace(-1, 1). */
export function sineCoords(points = SINE_POINTS): Float32Array {
  return Float32Array.from({ length: points }, (_, i) => -1 + (2 * i) / (points - 1));
}

export function sampleSines(count: number, rng: Rng): SineSample[] {
  const uniform = ([lo, hi]: readonly [number, number]): number => lo + (hi - lo) * rng.uniform();
  return Array.from({ length: count }, () => ({ a: uniform(SINE_A_RANGE), b: uniform(SINE_B_RANGE) }));
}

/**
 * Targets `[count, points]` for the SIREN output f(x) + OUTPUT_OFFSET, so they are the function plus that offset:
 * a network that outputs the sine exactly has zero loss.
 */
export function sineTargets(samples: readonly SineSample[], coords: Float32Array, outputOffset: number): Float32Array {
  const out = new Float32Array(samples.length * coords.length);
  samples.forEach(({ a, b }, n) =>
    coords.forEach((x, i) => (out[n * coords.length + i] = a * Math.sin(Math.PI * b * x) + outputOffset)),
  );
  return out;
}
