/**
 * Input-space transforms of an INR through its first layer (layout.ts): W0·(Ax + t) + b0 = (W0·A)·x + (b0 + W0·t).
 * The transformed INR renders f(A·x + t): the original function at transformed coordinates.
 */
import type { MlpLayout } from './layout';

export type InputTransform =
  /** f(x + t) */
  | { kind: 'translate'; t: readonly number[] }
  /** f(R(θ)·x), 2-D inputs */
  | { kind: 'rotate'; radians: number }
  /** f(s·x) */
  | { kind: 'scale'; s: number };

/** The transform as x ↦ A·x + t on d0-dimensional inputs: [A (d0×d0, row-major), t]. */
export function affineOf(transform: InputTransform, d0: number): [Float64Array, Float64Array] {
  const A = new Float64Array(d0 * d0);
  const t = new Float64Array(d0);
  for (let i = 0; i < d0; i++) A[i * d0 + i] = 1;
  if (transform.kind === 'translate') transform.t.forEach((v, i) => (t[i] = v));
  else if (transform.kind === 'scale') A.forEach((v, i) => (A[i] = v * transform.s));
  else {
    if (d0 !== 2) throw new Error('a rotation needs 2-D inputs');
    const [c, s] = [Math.cos(transform.radians), Math.sin(transform.radians)];
    A.set([c, -s, s, c]);
  }
  return [A, t];
}

/** The INR that renders the original at transformed coordinates: W0 ← W0·A, b0 ← b0 + W0·t. */
export function transformInputs<T extends Float32Array | Float64Array>(
  layout: MlpLayout,
  params: T,
  transform: InputTransform,
): T {
  const out = params.slice() as T;
  const { nIn, nOut, weightOffset, biasOffset } = layout.layers[0];
  const [A, t] = affineOf(transform, nIn);
  for (let j = 0; j < nOut; j++) {
    const w = params.subarray(weightOffset + j * nIn, weightOffset + (j + 1) * nIn);
    let shift = 0;
    for (let i = 0; i < nIn; i++) shift += w[i] * t[i];
    out[biasOffset + j] = params[biasOffset + j] + shift;
    for (let k = 0; k < nIn; k++) {
      let sum = 0;
      for (let i = 0; i < nIn; i++) sum += w[i] * A[i * nIn + k];
      out[weightOffset + j * nIn + k] = sum;
    }
  }
  return out;
}

/** Coordinates `[N, d0]` mapped by x ↦ A·x + t: where the original is rendered to compare with the transformed INR. */
export function transformCoords(coords: Float32Array, d0: number, transform: InputTransform): Float32Array {
  const [A, t] = affineOf(transform, d0);
  return applyAffine(coords, d0, A, t);
}

/**
 * An INR transformed by (A1, t1) and then by (A2, t2) renders f(A1·(A2·x + t2) + t1): the affine (A1·A2, A1·t2 + t1).
 */
export function composeAffine(
  first: [Float64Array, Float64Array],
  then: [Float64Array, Float64Array],
  d0: number,
): [Float64Array, Float64Array] {
  const [A1, t1] = first;
  const [A2, t2] = then;
  const A = new Float64Array(d0 * d0);
  const t = Float64Array.from(t1);
  for (let i = 0; i < d0; i++) {
    for (let k = 0; k < d0; k++) {
      for (let m = 0; m < d0; m++) A[i * d0 + k] += A1[i * d0 + m] * A2[m * d0 + k];
      t[i] += A1[i * d0 + k] * t2[k];
    }
  }
  return [A, t];
}

export function isIdentityAffine([A, t]: [Float64Array, Float64Array], d0: number): boolean {
  return t.every((v) => v === 0) && A.every((v, i) => v === (i % (d0 + 1) === 0 ? 1 : 0));
}

export function identityAffine(d0: number): [Float64Array, Float64Array] {
  return affineOf({ kind: 'scale', s: 1 }, d0);
}

/** x ↦ A·x + t for every point of `[N, d0]` coordinates. */
export function applyAffine(coords: Float32Array, d0: number, A: Float64Array, t: Float64Array): Float32Array {
  const out = new Float32Array(coords.length);
  for (let p = 0; p < coords.length / d0; p++) {
    for (let i = 0; i < d0; i++) {
      let v = t[i];
      for (let k = 0; k < d0; k++) v += A[i * d0 + k] * coords[p * d0 + k];
      out[p * d0 + i] = v;
    }
  }
  return out;
}
