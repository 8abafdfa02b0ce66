/** Where the symmetry and alignment panels get INRs from: the live fit, a saved zoo, or fits made for them. */
import { parseZoo } from '../data/zoo';
import { loadZooBytes } from '../data/zooStore';
import type { SirenSpec } from '../models/siren';
import { fitController } from './fitController';

export interface LoadedInr {
  name: string;
  spec: SirenSpec;
  params: Float32Array;
  target: Float32Array | null;
}

export async function liveFitInr(): Promise<LoadedInr> {
  const answer = await fitController.request({ type: 'read-fit' });
  if (answer.kind !== 'fit') throw new Error('unexpected answer from the fit worker');
  return { name: `the fit above (step ${answer.step})`, spec: answer.spec, params: answer.params, target: answer.target };
}

/** INR `row` of a saved zoo (any split), with the MNIST image it was fitted to when the zoo is of digits. */
export async function zooInr(zooId: string, row: number, digitImage?: (source: number) => Float32Array | null): Promise<LoadedInr> {
  const zoo = parseZoo(await loadZooBytes(zooId));
  if (!Number.isInteger(row) || row < 0 || row >= zoo.count) throw new Error(`the zoo has INRs 0–${zoo.count - 1}, not ${row}`);
  if (zoo.recipe.dims[0] !== 2) throw new Error('this view shows image INRs; the zoo is of 1-D sines');
  const params = zoo.params.slice(row * zoo.paramCount, (row + 1) * zoo.paramCount);
  const label = zoo.labels[row] >= 0 ? `digit ${zoo.labels[row]}` : '';
  return { name: `zoo INR #${row} ${label}`.trim(), spec: { dims: zoo.recipe.dims, omega0: zoo.recipe.omega0 }, params, target: digitImage?.(zoo.source[row]) ?? null };
}

/** `[B, N]` renders of `[B, P]` networks at `[N, d0]` coordinates (one dispatch on the GPU). */
export async function renderInrs(spec: SirenSpec, params: Float32Array, coords: Float32Array): Promise<Float32Array> {
  const answer = await fitController.request({ type: 'render', spec, params, coords });
  if (answer.kind !== 'render') throw new Error('unexpected answer from the fit worker');
  return answer.images;
}

/** One SIREN per target, each from its own init seed, fitted by the recipe (stop at 40 dB or maxSteps). */
export async function fitInrs(spec: SirenSpec, targets: Float32Array, seeds: number[], maxSteps = 1000): Promise<{ params: Float32Array; psnr: Float32Array }> {
  const side = Math.round(Math.sqrt(targets.length / seeds.length));
  const answer = await fitController.request({ type: 'fit-many', spec, targets, seeds, side, maxSteps, stopPsnr: 40 });
  if (answer.kind !== 'fit-many') throw new Error('unexpected answer from the fit worker');
  return answer;
}
