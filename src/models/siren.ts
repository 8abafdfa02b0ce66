/**
 * SIREN INRs (docs/design.md §3): `h_{l+1} = sin(ω0 (W_l h_l + b_l))` for hidden layers, last layer linear,
 * output `f(x) + OUTPUT_OFFSET`.
 */
import { mlpLayout, type MlpLayout } from '../weightspace/layout';
import { Rng } from '../weightspace/rng';

export const DEFAULT_OMEGA0 = 30;
/** added to the last layer's output, so a zero network renders mid-grey and targets in [0, 1] are centred */
export const OUTPUT_OFFSET = 0.5;
export const DEFAULT_SIREN_DIMS: readonly number[] = [2, 32, 32, 1];

export interface SirenSpec {
  readonly dims: readonly number[];
  readonly omega0: number;
}

export function sirenLayout(spec: SirenSpec): MlpLayout {
  return mlpLayout(spec.dims);
}

/**
 * Initial parameters of one SIREN, in the layout of docs/design.md §2:
 * first layer `W0 ~ U(±1/d0)` (original SIREN), other sine layers `W ~ U(±√(6/n_in)/ω0)`, sine-layer biases 0;
 * last layer PyTorch's `nn.Linear` default `U(±1/√n_in)` for weights and bias.
 */
export function initSirenParams(spec: SirenSpec, rng: Rng, out?: Float32Array): Float32Array {
  const layout = sirenLayout(spec);
  const params = out ?? new Float32Array(layout.paramCount);
  layout.layers.forEach((layer, l) => {
    const isLast = l === layout.layers.length - 1;
    const bound = isLast ? 1 / Math.sqrt(layer.nIn) : l === 0 ? 1 / layer.nIn : Math.sqrt(6 / layer.nIn) / spec.omega0;
    for (let i = 0; i < layer.nOut * layer.nIn; i++) params[layer.weightOffset + i] = rng.symmetric(bound);
    for (let j = 0; j < layer.nOut; j++) params[layer.biasOffset + j] = isLast ? rng.symmetric(bound) : 0;
  });
  return params;
}

/** `count` networks initialised from one seed, `[count, P]` contiguous; network i uses the stream of seed + i. */
export function initSirenBatch(spec: SirenSpec, count: number, seed: number): Float32Array {
  const p = sirenLayout(spec).paramCount;
  const batch = new Float32Array(count * p);
  for (let i = 0; i < count; i++)
    initSirenParams(spec, new Rng((seed + Math.imul(i, 0x9e3779b1)) >>> 0), batch.subarray(i * p, (i + 1) * p));
  return batch;
}

/** `count` copies of one network's parameters `[P]`, as a batch `[count, P]` (every network from one init). */
export function tileParams(params: Float32Array, count: number): Float32Array {
  const out = new Float32Array(count * params.length);
  for (let i = 0; i < count; i++) out.set(params, i * params.length);
  return out;
}

/**
 * Pixel-centre coordinates of a side×side image as `[side², 2]`: pixel p = row·side + col,
 * x = linspace(-1, 1)[col], y = linspace(-1, 1)[row].
 */
export function imageGrid(side: number): Float32Array {
  const coords = new Float32Array(side * side * 2);
  const at = (i: number): number => (side === 1 ? 0 : -1 + (2 * i) / (side - 1));
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) {
      const p = row * side + col;
      coords[2 * p] = at(col);
      coords[2 * p + 1] = at(row);
    }
  }
  return coords;
}

/** PSNR in dB of a mean squared error, for signals in [0, 1]. */
export function psnrFromMse(mse: number): number {
  return -10 * Math.log10(mse);
}

/** The MSE at which a fit reaches `psnr` dB. */
export function mseForPsnr(psnr: number): number {
  return Math.pow(10, -psnr / 10);
}

/** The kernels' stop loss for a stop PSNR: a fit stops at or below it; 0 (never) when there is no stop PSNR. */
export function stopLossFor(stopPsnr: number | null): number {
  return stopPsnr === null ? 0 : mseForPsnr(stopPsnr);
}

/** Mean squared error between two equally long signals. */
export function meanSquaredError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sq = 0;
  for (let i = 0; i < b.length; i++) sq += (a[i] - b[i]) ** 2;
  return sq / b.length;
}
