/**
 * The exact symmetries of a network in the flat layout (docs/design.md §2): permutations of hidden neurons (any MLP), and
 * for SIRENs negation and bias shifts of hidden neurons. Each returns a new parameter vector of one network.
 */
import type { MlpLayout } from './layout';
import type { Rng } from './rng';

type Params = Float32Array | Float64Array;

/** perms[l - 1] permutes hidden layer l (l = 1 .. L-1): new neuron j is old neuron perms[l - 1][j]. */
export type HiddenPermutation = Uint32Array[];

export function identityPermutation(layout: MlpLayout): HiddenPermutation {
  return layout.dims.slice(1, -1).map((d) => Uint32Array.from({ length: d }, (_, j) => j));
}

/** Uniformly random permutations of every hidden layer (Fisher–Yates). */
export function randomHiddenPermutation(layout: MlpLayout, rng: Rng): HiddenPermutation {
  return identityPermutation(layout).map((p) => {
    for (let i = p.length - 1; i > 0; i--) {
      const k = rng.int(i + 1);
      [p[i], p[k]] = [p[k], p[i]];
    }
    return p;
  });
}

/**
 * Rows of W_{l-1} and entries of b_{l-1} permuted by p_l, columns of W_l by p_l: the same function. With
 * `channels` > 1 the input is a feature map `[P, channels]` (channels last) and each entry's channels move together.
 */
export function permuteHidden<T extends Params>(
  layout: MlpLayout,
  params: T,
  perms: HiddenPermutation,
  channels = 1,
): T {
  const out = params.slice() as T;
  const move = (to: number, from: number): void =>
    out.set(params.subarray(from * channels, (from + 1) * channels), to * channels);
  layout.layers.forEach((layer, l) => {
    const rows = l < perms.length ? perms[l] : null; // output neurons of layer l are hidden layer l + 1
    const cols = l > 0 ? perms[l - 1] : null; // input neurons of layer l are hidden layer l
    for (let j = 0; j < layer.nOut; j++) {
      const sj = rows ? rows[j] : j;
      move(layer.biasOffset + j, layer.biasOffset + sj);
      for (let k = 0; k < layer.nIn; k++)
        move(layer.weightOffset + j * layer.nIn + k, layer.weightOffset + sj * layer.nIn + (cols ? cols[k] : k));
    }
  });
  return out;
}

/**
 * Signs of the hidden neurons, per hidden layer (±1). With a permutation they form a signed permutation: new neuron
 * j of hidden layer l is signs[l - 1][j] · (old neuron perms[l - 1][j]). Exact for SIRENs (sin is odd).
 */
export type HiddenSigns = Float64Array[];

export function unitSigns(layout: MlpLayout): HiddenSigns {
  return layout.dims.slice(1, -1).map((d) => new Float64Array(d).fill(1));
}

/** Random signs (±1 with p = 1/2) of every hidden neuron, layer by layer. */
export function randomHiddenSigns(layout: MlpLayout, rng: Rng): HiddenSigns {
  return unitSigns(layout).map((s) => s.map(() => (rng.uniform() < 0.5 ? -1 : 1)));
}

/**
 * The signed permutation applied: W_l[j, k] ← s_{l+1}[j] · s_l[k] · W_l[p_{l+1}[j], p_l[k]], b_l[j] ← s_{l+1}[j] ·
 * b_l[p_{l+1}[j]] (input and output neurons fixed). With unit signs this is permuteHidden.
 */
export function transformHidden<T extends Params>(
  layout: MlpLayout,
  params: T,
  perms: HiddenPermutation,
  signs: HiddenSigns,
): T {
  const out = params.slice() as T;
  layout.layers.forEach((layer, l) => {
    const rows = l < perms.length ? perms[l] : null;
    const rowSigns = l < signs.length ? signs[l] : null;
    const cols = l > 0 ? perms[l - 1] : null;
    const colSigns = l > 0 ? signs[l - 1] : null;
    for (let j = 0; j < layer.nOut; j++) {
      const sj = rows ? rows[j] : j;
      const rs = rowSigns ? rowSigns[j] : 1;
      out[layer.biasOffset + j] = rs * params[layer.biasOffset + sj];
      for (let k = 0; k < layer.nIn; k++) {
        const from = layer.weightOffset + sj * layer.nIn + (cols ? cols[k] : k);
        out[layer.weightOffset + j * layer.nIn + k] = rs * (colSigns ? colSigns[k] : 1) * params[from];
      }
    }
  });
  return out;
}

/** The inverse signed permutation: transformHidden(inverse(T), transformHidden(T, θ)) = θ. */
export function invertTransform(
  perms: HiddenPermutation,
  signs: HiddenSigns,
): { perms: HiddenPermutation; signs: HiddenSigns } {
  const inv = perms.map((p) => {
    const q = new Uint32Array(p.length);
    p.forEach((from, to) => (q[from] = to));
    return q;
  });
  // new j ← s[j]·old p[j]; so old i = p[j] comes back from new j = q[i] with the same sign s[q[i]]
  return { perms: inv, signs: signs.map((s, l) => Float64Array.from(inv[l], (j) => s[j])) };
}

/** Every network of a `[B, P]` batch under its own random signed permutation (signs drawn first): the same functions. */
export function randomSignedPermutations<T extends Params>(layout: MlpLayout, batch: T, rng: Rng): T {
  const out = batch.slice() as T;
  const P = layout.paramCount;
  for (let b = 0; b < batch.length / P; b++) {
    const signs = randomHiddenSigns(layout, rng);
    const net = batch.subarray(b * P, (b + 1) * P) as T;
    out.set(transformHidden(layout, net, randomHiddenPermutation(layout, rng), signs), b * P);
  }
  return out;
}

/** Every network of a `[B, P]` batch permuted by its own permutation. */
export function permuteBatch<T extends Params>(layout: MlpLayout, batch: T, perms: HiddenPermutation[]): T {
  const out = batch.slice() as T;
  perms.forEach((p, b) =>
    out.set(
      permuteHidden(layout, batch.subarray(b * layout.paramCount, (b + 1) * layout.paramCount) as T, p),
      b * layout.paramCount,
    ),
  );
  return out;
}

/** SIREN: negate hidden neuron j of layer `hidden` (1-based): row j of W_{l-1}, b_{l-1}[j], column j of W_l (sin is odd). */
export function negateSirenNeuron<T extends Params>(layout: MlpLayout, params: T, hidden: number, j: number): T {
  const out = params.slice() as T;
  negateInPlace(layout, out, hidden, j);
  return out;
}

function negateInPlace(layout: MlpLayout, params: Params, hidden: number, j: number): void {
  const into = layout.layers[hidden - 1];
  const from = layout.layers[hidden];
  for (let k = 0; k < into.nIn; k++) params[into.weightOffset + j * into.nIn + k] *= -1;
  params[into.biasOffset + j] *= -1;
  for (let i = 0; i < from.nOut; i++) params[from.weightOffset + i * from.nIn + j] *= -1;
}

/** SIREN: every hidden neuron negated with probability p, in place (the augmentation of docs/design.md §5, p = 0.5). */
export function randomSirenNegation(layout: MlpLayout, params: Params, rng: Rng, p = 0.5): void {
  for (let hidden = 1; hidden < layout.layers.length; hidden++) {
    for (let j = 0; j < layout.layers[hidden - 1].nOut; j++)
      if (rng.uniform() < p) negateInPlace(layout, params, hidden, j);
  }
}

/**
 * SIREN: shift the bias of hidden neuron j by kπ/ω0, negating column j of the next layer when k is odd
 * (sin(z + kπ) = (-1)^k sin z).
 */
export function shiftSirenBias<T extends Params>(
  layout: MlpLayout,
  params: T,
  omega0: number,
  hidden: number,
  j: number,
  k: number,
): T {
  const out = params.slice() as T;
  const into = layout.layers[hidden - 1];
  const from = layout.layers[hidden];
  out[into.biasOffset + j] += (k * Math.PI) / omega0;
  if (k % 2 !== 0) for (let i = 0; i < from.nOut; i++) out[from.weightOffset + i * from.nIn + j] *= -1;
  return out;
}

/** Every hidden layer's neurons ordered by the norm of their outgoing weights (column j of W_l), largest first. */
export function sortByOutgoingNorm(layout: MlpLayout, params: Params): HiddenPermutation {
  return identityPermutation(layout).map((p, h) => {
    const from = layout.layers[h + 1];
    const norm = Array.from(p, (j) => {
      let sq = 0;
      for (let m = 0; m < from.nOut; m++) sq += params[from.weightOffset + m * from.nIn + j] ** 2;
      return sq;
    });
    return Uint32Array.from([...p].sort((x, y) => norm[y] - norm[x] || x - y));
  });
}

/** The identity but for neurons i and j of hidden layer `hidden` (1-based), swapped. */
export function swapPermutation(layout: MlpLayout, hidden: number, i: number, j: number): HiddenPermutation {
  const perms = identityPermutation(layout);
  [perms[hidden - 1][i], perms[hidden - 1][j]] = [j, i];
  return perms;
}
