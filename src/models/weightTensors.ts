/**
 * The weight and bias tensors of an MLP layout seen as tensors over neuron axes (docs/design.md §2, §4): W_i has axes
 * (neurons of layer i+1, neurons of layer i), b_i has axis (neurons of layer i+1). Layers 1..L-1 are hidden
 * (permutable); layer 0 (inputs) and layer L (outputs) are fixed. Pooled statistics (means over some axes) are
 * numbered rows of a stats node.
 */
import type { MlpLayout } from '../weightspace/layout';

export interface WeightTensor {
  /** 2i for W_i, 2i+1 for b_i */
  id: number;
  name: string;
  /** neuron layer of each axis */
  axes: number[];
  shape: number[];
  /** parameter index of the entry at idx */
  entry(idx: readonly number[]): number;
}

export function weightTensors(layout: MlpLayout): WeightTensor[] {
  return layout.layers.flatMap(({ nIn, nOut, weightOffset, biasOffset }, i) => [
    {
      id: 2 * i,
      name: `W${i}`,
      axes: [i + 1, i],
      shape: [nOut, nIn],
      entry: (idx: readonly number[]) => weightOffset + idx[0] * nIn + idx[1],
    },
    {
      id: 2 * i + 1,
      name: `b${i}`,
      axes: [i + 1],
      shape: [nOut],
      entry: (idx: readonly number[]) => biasOffset + idx[0],
    },
  ]);
}

export function isHiddenLayer(layout: MlpLayout, layer: number): boolean {
  return layer > 0 && layer < layout.layers.length;
}

/** Every index tuple of a shape, row-major. */
export function indexTuples(shape: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const n of shape) out = out.flatMap((t) => Array.from({ length: n }, (_, i) => [...t, i]));
  return out;
}

/** Registry of pooled statistics: means of a tensor over the axes marked in `pooled`, at the other axes' indices. */
export class StatRegistry {
  /** parameter indices averaged by each stat row */
  readonly members: number[][] = [];
  private readonly rows = new Map<string, number>();
  private readonly specs: { t: WeightTensor; pooled: readonly boolean[]; idx: readonly number[] }[] = [];

  private static key(t: WeightTensor, pooled: readonly boolean[], idx: readonly number[]): string {
    return `${t.id}:${pooled.map((p, a) => (p ? '*' : idx[a])).join(',')}`;
  }

  row(t: WeightTensor, pooled: readonly boolean[], idx: readonly number[]): number {
    const key = StatRegistry.key(t, pooled, idx);
    let r = this.rows.get(key);
    if (r === undefined) {
      const ranges = t.shape.map((n, a) => (pooled[a] ? Array.from({ length: n }, (_, i) => i) : [idx[a]]));
      this.members.push(
        indexTuples(ranges.map((r) => r.length)).map((tuple) => t.entry(tuple.map((i, a) => ranges[a][i]))),
      );
      this.specs.push({ t, pooled, idx });
      r = this.members.length - 1;
      this.rows.set(key, r);
    }
    return r;
  }

  /**
   * The stats a mean over several axes is the mean of: the means over one axis fewer, at each index of the last
   * pooled axis (equal-sized parts); none for a mean over fewer than two axes.
   */
  private static finer(
    t: WeightTensor,
    pooled: readonly boolean[],
    idx: readonly number[],
  ): { pooled: boolean[]; idx: number[] }[] {
    const a = pooled.lastIndexOf(true);
    if (pooled.filter(Boolean).length < 2) return [];
    const finer = pooled.map((p, b) => p && b !== a);
    return Array.from({ length: t.shape[a] }, (_, i) => ({ pooled: finer, idx: idx.map((v, b) => (b === a ? i : v)) }));
  }

  /** The registered stats whose mean is stat r (StatRegistry.finer), or null when it has none or not all are registered. */
  parts(r: number): number[] | null {
    const { t, pooled, idx } = this.specs[r];
    const finer = StatRegistry.finer(t, pooled, idx);
    const parts = finer.map((f) => this.rows.get(StatRegistry.key(t, f.pooled, f.idx)));
    return finer.length > 0 && parts.every((p) => p !== undefined) ? (parts as number[]) : null;
  }

  /** `row`, its parts (StatRegistry.finer) registered first, so that addPooling computes it from them. */
  rowFromParts(t: WeightTensor, pooled: readonly boolean[], idx: readonly number[]): number {
    for (const f of StatRegistry.finer(t, pooled, idx)) this.row(t, f.pooled, f.idx);
    return this.row(t, pooled, idx);
  }

  get size(): number {
    return this.members.length;
  }
}
