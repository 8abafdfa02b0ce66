/** `ws render`: one image INR of a zoo file drawn by the SIREN kernel at a chosen resolution, as a grey PNG. */
import type { GpuRuntime } from '../gpu/runtime';
import { imageGrid } from '../models/siren';
import { renderSirensGpu } from '../train/renderSirens';
import { CliError, EXIT, usageError } from './cliErrors';
import { readZoo, writeOutput } from './cliFiles';
import { greyPng } from './png';

export interface RenderArgs {
  zoo: string;
  index: number;
  size: number;
  out: string;
}

export async function renderCommand(gpu: GpuRuntime, a: RenderArgs) {
  const zoo = readZoo(a.zoo);
  const { dims, omega0 } = zoo.recipe;
  if (dims[0] !== 2 || dims.at(-1) !== 1)
    throw new CliError(
      `${a.zoo} holds INRs of dims [${dims.join(', ')}]; render draws grey images (2 inputs, 1 output)`,
      EXIT.badInput,
    );
  if (a.index >= zoo.count) throw usageError(`--index ${a.index}: the zoo has INRs 0–${zoo.count - 1}`);
  const params = zoo.params.slice(a.index * zoo.paramCount, (a.index + 1) * zoo.paramCount);
  const image = await renderSirensGpu(gpu, { dims, omega0 }, params, imageGrid(a.size));
  writeOutput(a.out, greyPng(image, a.size, a.size));
  return { out: a.out, index: a.index, label: zoo.labels[a.index], psnr: zoo.psnr[a.index], size: a.size };
}
