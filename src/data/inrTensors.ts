/**
 * SIRENs in PyTorch's naming (the DWSNets INR state dict): layer k is `seq.{k}.weight` (out, in) and `seq.{k}.bias`
 * (out), with a leading batch axis for a zoo. Converts between those tensors and the flat layout of
 * weightspace/layout.ts (which already stores W as out×in row-major, so each tensor is one contiguous slice).
 */
import { mlpLayout } from '../weightspace/layout';
import { SafetensorsError, type Tensor } from './safetensors';

export const weightKey = (k: number): string => `seq.${k}.weight`;
export const biasKey = (k: number): string => `seq.${k}.bias`;

/** `seq.*` tensors of `count` networks `[count, P]`; `batched` false writes one network without the batch axis. */
export function inrTensors(
  dims: readonly number[],
  params: Float32Array,
  count: number,
  batched = true,
): Record<string, Tensor> {
  const layout = mlpLayout(dims);
  const P = layout.paramCount;
  const out: Record<string, Tensor> = {};
  const lead = batched ? [count] : [];
  layout.layers.forEach((l, k) => {
    const w = new Float32Array(count * l.nOut * l.nIn);
    const b = new Float32Array(count * l.nOut);
    for (let i = 0; i < count; i++) {
      w.set(params.subarray(i * P + l.weightOffset, i * P + l.weightOffset + l.nOut * l.nIn), i * l.nOut * l.nIn);
      b.set(params.subarray(i * P + l.biasOffset, i * P + l.biasOffset + l.nOut), i * l.nOut);
    }
    out[weightKey(k)] = { dtype: 'F32', shape: [...lead, l.nOut, l.nIn], data: w };
    out[biasKey(k)] = { dtype: 'F32', shape: [...lead, l.nOut], data: b };
  });
  return out;
}

/**
 * The dims the `seq.*` weights describe: `seq.0.weight` gives the input and first widths, each next layer its
 * output width; a layer whose input width is not the previous output is refused.
 */
export function dimsFromTensors(tensors: Map<string, Tensor>, batched = true): number[] {
  const lead = batched ? 1 : 0;
  if (!tensors.has(weightKey(0))) throw new SafetensorsError('missing tensor "seq.0.weight": not a SIREN');
  const dims: number[] = [];
  for (let k = 0; tensors.has(weightKey(k)); k++) {
    const { shape } = tensors.get(weightKey(k))!;
    if (shape.length !== lead + 2)
      throw new SafetensorsError(
        `tensor "${weightKey(k)}" has shape [${shape.join(', ')}]; a weight is [${batched ? 'N, ' : ''}out, in]`,
      );
    const [nOut, nIn] = shape.slice(lead);
    if (k === 0) dims.push(nIn);
    else if (nIn !== dims[k])
      throw new SafetensorsError(`tensor "${weightKey(k)}" takes ${nIn} inputs, but layer ${k - 1} gives ${dims[k]}`);
    dims.push(nOut);
  }
  return dims;
}

const sameShape = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * The flat parameters `[count, P]` from `seq.*` tensors, checking that every layer of `dims` is there as F32 with
 * the expected shape (batched: a leading axis of `count`) and that no extra layer is.
 */
export function paramsFromTensors(
  tensors: Map<string, Tensor>,
  dims: readonly number[],
  count: number,
  batched = true,
): Float32Array {
  const layout = mlpLayout(dims);
  const P = layout.paramCount;
  const params = new Float32Array(count * P);
  const lead = batched ? [count] : [];
  layout.layers.forEach((l, k) => {
    for (const [key, shape, offset] of [
      [weightKey(k), [...lead, l.nOut, l.nIn], l.weightOffset],
      [biasKey(k), [...lead, l.nOut], l.biasOffset],
    ] as const) {
      const t = tensors.get(key);
      if (!t)
        throw new SafetensorsError(
          `missing tensor "${key}" (dims [${dims.join(', ')}] need ${layout.layers.length} layers)`,
        );
      if (t.dtype !== 'F32') throw new SafetensorsError(`tensor "${key}" is ${t.dtype}, expected F32`);
      if (!sameShape(t.shape, shape))
        throw new SafetensorsError(`tensor "${key}" has shape [${t.shape.join(', ')}], expected [${shape.join(', ')}]`);
      const per = t.data.length / Math.max(1, count);
      for (let i = 0; i < count; i++)
        params.set((t.data as Float32Array).subarray(i * per, (i + 1) * per), i * P + offset);
    }
  });
  if (tensors.has(weightKey(layout.layers.length)))
    throw new SafetensorsError(`the file has more layers than dims [${dims.join(', ')}] say`);
  if (!params.every(Number.isFinite)) throw new SafetensorsError('the weights contain NaN or infinite values');
  return params;
}
