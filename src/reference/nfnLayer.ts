/**
 * Plain-TypeScript twin of an NFN-NP equivariant layer (Zhou et al. 2023; docs/design.md §4), float64, forward and
 * backward. Features are `[P, C]` per network, channels last, in the weight-space layout (layout.ts). For weight
 * tensor i with entries W_i[j,k] (j output, k input neuron) and bias b_i[j]:
 *   inSide_i[k]  = [mean_j W_i[j,k]; mean_k' W_{i-1}[k,k']; b_{i-1}[k]]   (terms past the first layer are 0)
 *   outSide_i[j] = [mean_k W_i[j,k]; b_i[j]; mean_j' W_{i+1}[j',j]]      (terms past the last layer are 0)
 *   G            = [mean W_0; ...; mean W_{L-1}; mean b_0; ...; mean b_{L-1}]
 *   W'_i[j,k] = A_i W_i[j,k] + B_i inSide_i[k] + C_i outSide_i[j] + D_i G + a_i
 *   b'_i[j]   = E_i outSide_i[j] + F_i G + e_i
 * Every tensor i has its own A..F (channel-mixing matrices) and biases a, e. Equivariant to permutations of every
 * neuron axis; a model for INRs adds what pins the input and output axes.
 */
import type { MlpLayout } from '../weightspace/layout';

export interface NfnTensorParams {
  /** [cOut, cIn] */ A: Float64Array;
  /** [cOut, 3cIn] */ B: Float64Array;
  /** [cOut, 3cIn] */ C: Float64Array;
  /** [cOut, 2L·cIn] */ D: Float64Array;
  /** [cOut] */ a: Float64Array;
  /** [cOut, 3cIn] */ E: Float64Array;
  /** [cOut, 2L·cIn] */ F: Float64Array;
  /** [cOut] */ e: Float64Array;
}

export interface NfnLayer {
  cIn: number;
  cOut: number;
  tensors: NfnTensorParams[];
}

type Vec = Float64Array;

/** Zero-filled parameters of the right shapes (and the shape of their gradients). */
export function nfnLayerZeros(layout: MlpLayout, cIn: number, cOut: number): NfnLayer {
  const L = layout.layers.length;
  const z = (n: number): Vec => new Float64Array(n);
  return {
    cIn,
    cOut,
    tensors: layout.layers.map(() => ({
      A: z(cOut * cIn),
      B: z(cOut * 3 * cIn),
      C: z(cOut * 3 * cIn),
      D: z(cOut * 2 * L * cIn),
      a: z(cOut),
      E: z(cOut * 3 * cIn),
      F: z(cOut * 2 * L * cIn),
      e: z(cOut),
    })),
  };
}

/** Every parameter array of a layer, in a fixed order (for initialisation, optimizers and tests). */
export function nfnParamArrays(layer: NfnLayer): Vec[] {
  return layer.tensors.flatMap((t) => [t.A, t.B, t.C, t.D, t.a, t.E, t.F, t.e]);
}

interface Pooled {
  /** colMean[i]: [nIn_i, C], mean over output neurons j */
  colMean: Vec[];
  /** rowMean[i]: [nOut_i, C], mean over input neurons k */
  rowMean: Vec[];
  /** [2L·C]: the means of every W_i, then of every b_i */
  global: Vec;
}

function pooledZeros(layout: MlpLayout, c: number): Pooled {
  return {
    colMean: layout.layers.map((l) => new Float64Array(l.nIn * c)),
    rowMean: layout.layers.map((l) => new Float64Array(l.nOut * c)),
    global: new Float64Array(2 * layout.layers.length * c),
  };
}

function pool(layout: MlpLayout, x: Vec, c: number): Pooled {
  const p = pooledZeros(layout, c);
  const L = layout.layers.length;
  layout.layers.forEach(({ nIn, nOut, weightOffset, biasOffset }, i) => {
    for (let j = 0; j < nOut; j++) {
      for (let k = 0; k < nIn; k++) {
        for (let ch = 0; ch < c; ch++) {
          const v = x[(weightOffset + j * nIn + k) * c + ch];
          p.colMean[i][k * c + ch] += v / nOut;
          p.rowMean[i][j * c + ch] += v / nIn;
          p.global[i * c + ch] += v / (nIn * nOut);
        }
      }
      for (let ch = 0; ch < c; ch++) p.global[(L + i) * c + ch] += x[(biasOffset + j) * c + ch] / nOut;
    }
  });
  return p;
}

/** Adjoint of pool: adds the pooled statistics' gradients into dx. */
function unpool(layout: MlpLayout, d: Pooled, c: number, dx: Vec): void {
  const L = layout.layers.length;
  layout.layers.forEach(({ nIn, nOut, weightOffset, biasOffset }, i) => {
    for (let j = 0; j < nOut; j++) {
      for (let k = 0; k < nIn; k++) {
        for (let ch = 0; ch < c; ch++) {
          dx[(weightOffset + j * nIn + k) * c + ch] +=
            d.colMean[i][k * c + ch] / nOut + d.rowMean[i][j * c + ch] / nIn + d.global[i * c + ch] / (nIn * nOut);
        }
      }
      for (let ch = 0; ch < c; ch++) dx[(biasOffset + j) * c + ch] += d.global[(L + i) * c + ch] / nOut;
    }
  });
}

/**
 * The three C-vectors of a side, as (array, offset) places: in the pooled statistics or in the features
 * themselves (biases); null where the side is past the first or last layer.
 */
type Place = [Vec, number] | null;

function inSidePlaces(layout: MlpLayout, x: Vec, p: Pooled, c: number, i: number, k: number): Place[] {
  return [
    [p.colMean[i], k * c],
    i > 0 ? [p.rowMean[i - 1], k * c] : null,
    i > 0 ? [x, (layout.layers[i - 1].biasOffset + k) * c] : null,
  ];
}

function outSidePlaces(layout: MlpLayout, x: Vec, p: Pooled, c: number, i: number, j: number): Place[] {
  const last = i + 1 === layout.layers.length;
  return [[p.rowMean[i], j * c], [x, (layout.layers[i].biasOffset + j) * c], last ? null : [p.colMean[i + 1], j * c]];
}

function gather(places: Place[], c: number, out: Vec): Vec {
  places.forEach((place, s) => {
    for (let ch = 0; ch < c; ch++) out[s * c + ch] = place ? place[0][place[1] + ch] : 0;
  });
  return out;
}

function scatterAdd(places: Place[], c: number, v: Vec): void {
  places.forEach((place, s) => {
    if (place) for (let ch = 0; ch < c; ch++) place[0][place[1] + ch] += v[s * c + ch];
  });
}

/** y[yo + o] += Σ_q M[o, q] v[vo + q] for a row-major M [rows, n] */
function mulAdd(M: Vec, rows: number, v: Vec, vo: number, n: number, y: Vec, yo: number): void {
  for (let o = 0; o < rows; o++) {
    let s = 0;
    for (let q = 0; q < n; q++) s += M[o * n + q] * v[vo + q];
    y[yo + o] += s;
  }
}

/** out[q] += Σ_o M[o, q] g[go + o]  (Mᵀ g) */
function mulTAdd(M: Vec, rows: number, g: Vec, go: number, n: number, out: Vec, oo: number): void {
  for (let o = 0; o < rows; o++) {
    const gv = g[go + o];
    if (gv !== 0) for (let q = 0; q < n; q++) out[oo + q] += M[o * n + q] * gv;
  }
}

/** dM[o, q] += g[go + o] v[vo + q] */
function outerAdd(dM: Vec, rows: number, g: Vec, go: number, v: Vec, vo: number, n: number): void {
  for (let o = 0; o < rows; o++) {
    const gv = g[go + o];
    if (gv !== 0) for (let q = 0; q < n; q++) dM[o * n + q] += gv * v[vo + q];
  }
}

/** Forward for a batch: x `[B, P, cIn]` → `[B, P, cOut]`. */
export function nfnForward(layout: MlpLayout, layer: NfnLayer, x: Vec): Float64Array {
  const { cIn, cOut } = layer;
  const P = layout.paramCount;
  const G = 2 * layout.layers.length * cIn;
  const batch = x.length / (P * cIn);
  const y = new Float64Array(batch * P * cOut);
  const side = new Float64Array(3 * cIn);
  for (let b = 0; b < batch; b++) {
    const xb = x.subarray(b * P * cIn, (b + 1) * P * cIn);
    const yb = y.subarray(b * P * cOut, (b + 1) * P * cOut);
    const p = pool(layout, xb, cIn);
    layout.layers.forEach(({ nIn, nOut, weightOffset, biasOffset }, i) => {
      const t = layer.tensors[i];
      for (let j = 0; j < nOut; j++) {
        const out = gather(outSidePlaces(layout, xb, p, cIn, i, j), cIn, new Float64Array(3 * cIn));
        for (let k = 0; k < nIn; k++) {
          const e = weightOffset + j * nIn + k;
          yb.set(t.a, e * cOut);
          mulAdd(t.A, cOut, xb, e * cIn, cIn, yb, e * cOut);
          mulAdd(t.B, cOut, gather(inSidePlaces(layout, xb, p, cIn, i, k), cIn, side), 0, 3 * cIn, yb, e * cOut);
          mulAdd(t.C, cOut, out, 0, 3 * cIn, yb, e * cOut);
          mulAdd(t.D, cOut, p.global, 0, G, yb, e * cOut);
        }
        const e = biasOffset + j;
        yb.set(t.e, e * cOut);
        mulAdd(t.E, cOut, out, 0, 3 * cIn, yb, e * cOut);
        mulAdd(t.F, cOut, p.global, 0, G, yb, e * cOut);
      }
    });
  }
  return y;
}

export interface NfnGradients {
  /** dLoss/dx, `[B, P, cIn]` */
  dx: Float64Array;
  /** dLoss/d(every parameter), shaped like the layer, summed over the batch */
  dLayer: NfnLayer;
}

/** Backward for a batch: the gradient of a loss with `dy = dLoss/dy` `[B, P, cOut]`. */
export function nfnBackward(layout: MlpLayout, layer: NfnLayer, x: Vec, dy: Vec): NfnGradients {
  const { cIn, cOut } = layer;
  const P = layout.paramCount;
  const G = 2 * layout.layers.length * cIn;
  const batch = x.length / (P * cIn);
  const dx = new Float64Array(x.length);
  const dLayer = nfnLayerZeros(layout, cIn, cOut);
  const side = new Float64Array(3 * cIn);
  const dSide = new Float64Array(3 * cIn);
  for (let b = 0; b < batch; b++) {
    const xb = x.subarray(b * P * cIn, (b + 1) * P * cIn);
    const dxb = dx.subarray(b * P * cIn, (b + 1) * P * cIn);
    const g = dy.subarray(b * P * cOut, (b + 1) * P * cOut);
    const p = pool(layout, xb, cIn);
    const dp = pooledZeros(layout, cIn);
    layout.layers.forEach(({ nIn, nOut, weightOffset, biasOffset }, i) => {
      const t = layer.tensors[i];
      const d = dLayer.tensors[i];
      for (let j = 0; j < nOut; j++) {
        const out = gather(outSidePlaces(layout, xb, p, cIn, i, j), cIn, new Float64Array(3 * cIn));
        const dOut = new Float64Array(3 * cIn);
        for (let k = 0; k < nIn; k++) {
          const e = weightOffset + j * nIn + k;
          const go = e * cOut;
          for (let o = 0; o < cOut; o++) d.a[o] += g[go + o];
          outerAdd(d.A, cOut, g, go, xb, e * cIn, cIn);
          mulTAdd(t.A, cOut, g, go, cIn, dxb, e * cIn);
          outerAdd(d.B, cOut, g, go, gather(inSidePlaces(layout, xb, p, cIn, i, k), cIn, side), 0, 3 * cIn);
          dSide.fill(0);
          mulTAdd(t.B, cOut, g, go, 3 * cIn, dSide, 0);
          scatterAdd(inSidePlaces(layout, dxb, dp, cIn, i, k), cIn, dSide);
          outerAdd(d.C, cOut, g, go, out, 0, 3 * cIn);
          mulTAdd(t.C, cOut, g, go, 3 * cIn, dOut, 0);
          outerAdd(d.D, cOut, g, go, p.global, 0, G);
          mulTAdd(t.D, cOut, g, go, G, dp.global, 0);
        }
        const go = (biasOffset + j) * cOut;
        for (let o = 0; o < cOut; o++) d.e[o] += g[go + o];
        outerAdd(d.E, cOut, g, go, out, 0, 3 * cIn);
        mulTAdd(t.E, cOut, g, go, 3 * cIn, dOut, 0);
        outerAdd(d.F, cOut, g, go, p.global, 0, G);
        mulTAdd(t.F, cOut, g, go, G, dp.global, 0);
        scatterAdd(outSidePlaces(layout, dxb, dp, cIn, i, j), cIn, dOut);
      }
    });
    unpool(layout, dp, cIn, dxb);
  }
  return { dx, dLayer };
}
