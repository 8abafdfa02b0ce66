/**
 * A SIREN's sign and phase canonical form (docs/design.md §9): one representative of every network that differs
 * from it by hidden-neuron negations and bias shifts, so a reader that is permutation-invariant becomes invariant
 * to those too. The render is unchanged: both steps are exact symmetries of sin (symmetries.ts).
 *  1. Phase: every hidden bias into [−π/(2ω0), π/(2ω0)): b ← b − k·π/ω0 with k = round(b·ω0/π), and the neuron's
 *     outgoing column negated when k is odd (sin(z + kπ) = (−1)^k sin z).
 *  2. Sign, layer by layer from the first hidden one: neuron j is negated (row j of W_{l−1}, b_{l−1}[j], column j of
 *     W_l) when the sum of its incoming weights is negative. Its incoming weights come from the inputs (fixed) or
 *     from the layer below, whose signs are canonical by then, so the key flips with this neuron's sign and with
 *     nothing else, and a sum does not depend on the order of the layer below.
 * Not the bias: with this project's recipe hidden biases start at 0 and stay within ~±0.05, so a key on their sign
 * would be decided by noise; the incoming weights are set by the init (U(±1/2) in the first layer).
 * A hidden permutation commutes with both steps: canonical(π·θ) = π·canonical(θ) (tested).
 */
import type { MlpLayout } from './layout';

type Params = Float32Array | Float64Array;

export function canonicalSiren<T extends Params>(layout: MlpLayout, params: T, omega0: number): T {
  const out = params.slice() as T;
  const step = Math.PI / omega0;
  for (let hidden = 1; hidden < layout.layers.length; hidden++) {
    const into = layout.layers[hidden - 1];
    const from = layout.layers[hidden];
    for (let j = 0; j < into.nOut; j++) {
      const b = out[into.biasOffset + j];
      const k = Math.round(b / step);
      if (k === 0) continue;
      // −b reduces to −(b − k·step) bit for bit: IEEE rounding is symmetric under negation
      out[into.biasOffset + j] = b - k * step;
      if (k % 2 !== 0) for (let m = 0; m < from.nOut; m++) out[from.weightOffset + m * from.nIn + j] *= -1;
    }
  }
  for (let hidden = 1; hidden < layout.layers.length; hidden++) {
    const into = layout.layers[hidden - 1];
    const from = layout.layers[hidden];
    for (let j = 0; j < into.nOut; j++) {
      let key = 0;
      for (let k = 0; k < into.nIn; k++) key += out[into.weightOffset + j * into.nIn + k];
      if (key >= 0) continue;
      for (let k = 0; k < into.nIn; k++) out[into.weightOffset + j * into.nIn + k] *= -1;
      out[into.biasOffset + j] *= -1;
      for (let m = 0; m < from.nOut; m++) out[from.weightOffset + m * from.nIn + j] *= -1;
    }
  }
  return out;
}

/** Every network of a `[count, P]` batch in canonical form. */
export function canonicalBatch<T extends Params>(layout: MlpLayout, batch: T, omega0: number): T {
  const out = batch.slice() as T;
  const P = layout.paramCount;
  for (let n = 0; n < batch.length / P; n++)
    out.set(canonicalSiren(layout, batch.subarray(n * P, (n + 1) * P) as T, omega0), n * P);
  return out;
}
