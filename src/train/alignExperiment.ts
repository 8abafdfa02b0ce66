/**
 * Align two INRs and walk the line between them (docs/design.md §5): B as it is (naive), B weight-matched to A by
 * permutations, and by permutations and sign flips; for each, θ(λ) = (1 − λ)·θ_A + λ·T(θ_B) at 25 values of λ, all
 * rendered in one batch, with the MSE / PSNR to each target and the barrier of the curve.
 */
import { imageGrid, meanSquaredError, psnrFromMse, sirenLayout, type SirenSpec } from '../models/siren';
import { barrier, interpolateBatch, lambdas } from '../weightspace/interpolation';
import { Rng } from '../weightspace/rng';
import {
  identityPermutation,
  transformHidden,
  unitSigns,
  type HiddenPermutation,
  type HiddenSigns,
} from '../weightspace/symmetries';
import { matchWeights } from '../weightspace/weightMatching';

export const ALIGN_METHODS = ['naive', 'permutation', 'permutation + sign'] as const;
export type AlignMethod = (typeof ALIGN_METHODS)[number];

export interface AlignCurve {
  method: AlignMethod;
  perms: HiddenPermutation;
  signs: HiddenSigns;
  /** matching sweeps taken (0 for naive) */
  sweeps: number;
  /** `[λ][target]` */
  mse: number[][];
  psnr: number[][];
  /** barrier of the mean MSE over the targets, and of the mean PSNR drop (dB) */
  barrierMse: number;
  barrierPsnr: number;
  /** `[λs, side²]` the interpolated INRs rendered */
  renders: Float32Array;
}

export interface AlignResult {
  lambdas: number[];
  curves: AlignCurve[];
}

export type RenderBatch = (spec: SirenSpec, params: Float32Array, coords: Float32Array) => Promise<Float32Array>;

const mean = (v: number[]): number => v.reduce((s, x) => s + x, 0) / v.length;

/** `targets`: A's target, and B's when it differs (each `[side²]`). */
export async function alignAndInterpolate(
  spec: SirenSpec,
  a: Float32Array,
  b: Float32Array,
  targets: Float32Array[],
  render: RenderBatch,
  seed = 0,
  count = 25,
): Promise<AlignResult> {
  const layout = sirenLayout(spec);
  const ls = lambdas(count);
  const side = Math.round(Math.sqrt(targets[0].length));
  const transforms = ALIGN_METHODS.map((method) => {
    if (method === 'naive') return { method, perms: identityPermutation(layout), signs: unitSigns(layout), sweeps: 0 };
    const m = matchWeights(layout, a, b, { signs: method !== 'permutation', rng: new Rng(seed) });
    return { method, perms: m.perms, signs: m.signs, sweeps: m.objectives.length - 1 };
  });
  const P = a.length;
  const batch = new Float32Array(ALIGN_METHODS.length * count * P);
  transforms.forEach((t, i) =>
    batch.set(interpolateBatch(a, transformHidden(layout, b, t.perms, t.signs), ls), i * count * P),
  );
  const images = await render(spec, batch, imageGrid(side));
  const n = side * side;
  return {
    lambdas: ls,
    curves: transforms.map((t, i) => {
      const renders = images.slice(i * count * n, (i + 1) * count * n);
      const mse = ls.map((_, r) =>
        targets.map((target) => meanSquaredError(renders.subarray(r * n, (r + 1) * n), target)),
      );
      const psnr = mse.map((row) => row.map(psnrFromMse));
      return {
        ...t,
        mse,
        psnr,
        barrierMse: barrier(mse.map(mean), ls),
        barrierPsnr: barrier(
          psnr.map((row) => -mean(row)),
          ls,
        ),
        renders,
      };
    }),
  };
}
