/** A zoo of given networks for tests and benchmarks: the recipe and per-INR records a generated zoo would carry. */
import type { Zoo } from '../data/zoo';
import { mlpLayout } from '../weightspace/layout';

export function zooOf(dims: number[], params: Float32Array, labels: Int32Array, split: Uint8Array): Zoo {
  const count = labels.length;
  const layout = mlpLayout(dims);
  if (params.length !== count * layout.paramCount)
    throw new Error(`zooOf: ${params.length} weights for ${count} networks of ${layout.paramCount}`);
  const share = (s: number): number => split.filter((v) => v === s).length / Math.max(1, count);
  const fractions: [number, number, number] = [share(0), share(1), share(2)];
  return {
    name: 'synthetic',
    recipe: {
      task: 'mnist',
      count,
      dims,
      omega0: 30,
      seed: 0,
      sharedInit: false,
      lr: 0,
      maxSteps: 0,
      stopPsnr: null,
      minPsnr: null,
      splits: fractions,
    },
    createdAt: '',
    count,
    paramCount: layout.paramCount,
    params,
    labels,
    valueDim: 0,
    values: new Float32Array(0),
    split,
    psnr: new Float32Array(count),
    steps: new Uint32Array(count),
    source: new Int32Array(count).fill(-1),
    rejected: 0,
    wallMs: 0,
  };
}
