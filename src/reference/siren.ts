/**
 * Plain-TypeScript twin of shaders/siren.wgsl, in float64: the oracle of the kernel tests and the CPU fallback.
 * Shapes: params `[B, P]`, coords `[N, d0]`, targets and outputs `[B, N, dL]`.
 */
import { OUTPUT_OFFSET, sirenLayout, type SirenSpec } from '../models/siren';
import type { LayerSlice } from '../weightspace/layout';

type Floats = ArrayLike<number>;

export interface Activations {
  /** inputs of every layer: acts[l] has dims[l] entries (acts[0] = coordinates) */
  acts: Float64Array[];
  /** ω0·cos(ω0·z_l) for every hidden layer l: d h_{l+1} / d z_l */
  slopes: Float64Array[];
  out: Float64Array;
}

/** One network (its parameters from `base`) at one point (from `xOffset`): every layer's input, slopes and output. */
export function forwardPoint(spec: SirenSpec, params: Floats, base: number, x: Floats, xOffset: number): Activations {
  const { layers } = sirenLayout(spec);
  const w = spec.omega0;
  const acts: Float64Array[] = [Float64Array.from({ length: spec.dims[0] }, (_, k) => x[xOffset + k])];
  const slopes: Float64Array[] = [];
  let out = new Float64Array(0);
  layers.forEach((layer, l) => {
    const a = acts[l];
    const z = new Float64Array(layer.nOut);
    for (let j = 0; j < layer.nOut; j++) {
      let s = params[base + layer.biasOffset + j];
      for (let k = 0; k < layer.nIn; k++) s += params[base + layer.weightOffset + j * layer.nIn + k] * a[k];
      z[j] = s;
    }
    if (l === layers.length - 1) {
      out = z.map((v) => v + OUTPUT_OFFSET);
    } else {
      acts.push(z.map((v) => Math.sin(w * v)));
      slopes.push(z.map((v) => w * Math.cos(w * v)));
    }
  });
  return { acts, slopes, out };
}

/**
 * One backpropagation step: δ of a layer's input from δ of its output, Wᵀδ, times the slope of the sine below it
 * (ω0·cos(ω0·z)) when there is one (none below layer 0: the coordinates).
 */
export function deltaBelow(
  layer: LayerSlice,
  params: Floats,
  base: number,
  delta: ArrayLike<number>,
  slope?: Float64Array,
): Float64Array<ArrayBuffer> {
  const below = new Float64Array(layer.nIn);
  for (let k = 0; k < layer.nIn; k++) {
    let s = 0;
    for (let j = 0; j < layer.nOut; j++) s += params[base + layer.weightOffset + j * layer.nIn + k] * delta[j];
    below[k] = slope ? s * slope[k] : s;
  }
  return below;
}

/** Rendered outputs `f(x) + 0.5` of every network at every point: `[B, N, dL]`. */
export function sirenForward(spec: SirenSpec, params: Floats, coords: Floats): Float64Array {
  const { paramCount } = sirenLayout(spec);
  const d0 = spec.dims[0];
  const dL = spec.dims[spec.dims.length - 1];
  const batch = params.length / paramCount;
  const points = coords.length / d0;
  const out = new Float64Array(batch * points * dL);
  for (let b = 0; b < batch; b++) {
    for (let p = 0; p < points; p++) {
      out.set(forwardPoint(spec, params, b * paramCount, coords, p * d0).out, (b * points + p) * dL);
    }
  }
  return out;
}

export interface LossAndGrad {
  /** MSE per network, mean over points and outputs */
  loss: Float64Array;
  /** d loss_b / d params_b, `[B, P]` */
  grad: Float64Array;
}

/** MSE loss of every network against its own targets, and its gradient by backpropagation. */
export function sirenLossAndGrad(spec: SirenSpec, params: Floats, coords: Floats, targets: Floats): LossAndGrad {
  const { layers, paramCount } = sirenLayout(spec);
  const d0 = spec.dims[0];
  const dL = spec.dims[spec.dims.length - 1];
  const batch = params.length / paramCount;
  const points = coords.length / d0;
  const count = points * dL;
  const loss = new Float64Array(batch);
  const grad = new Float64Array(batch * paramCount);
  for (let b = 0; b < batch; b++) {
    const base = b * paramCount;
    for (let p = 0; p < points; p++) {
      const { acts, slopes, out } = forwardPoint(spec, params, base, coords, p * d0);
      // δ = dLoss/dz of the current layer, starting at the linear output: d/dy mean((y - t)²) = 2(y - t)/count
      let delta = out.map((y, j) => {
        const e = y - targets[(b * points + p) * dL + j];
        loss[b] += (e * e) / count;
        return (2 * e) / count;
      });
      for (let l = layers.length - 1; l >= 0; l--) {
        const layer = layers[l];
        const a = acts[l];
        for (let j = 0; j < layer.nOut; j++) {
          grad[base + layer.biasOffset + j] += delta[j];
          for (let k = 0; k < layer.nIn; k++) grad[base + layer.weightOffset + j * layer.nIn + k] += delta[j] * a[k];
        }
        if (l === 0) break;
        delta = deltaBelow(layer, params, base, delta, slopes[l - 1]);
      }
    }
  }
  return { loss, grad };
}
