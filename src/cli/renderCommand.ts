/** `ws render`: one image INR of a zoo file drawn by the SIREN kernel at a chosen resolution, as a grey PNG. */
import type { GpuRuntime } from '../gpu/runtime';
import { imageGrid } from '../models/siren';
import { renderSirensGpu } from '../train/renderSirens';
import { CliError, EXIT, usageError } from './cliErrors';
import { readModel, readZoo, writeOutput } from './cliFiles';
import { editedNetworks } from './editCommands';
import { greyPng } from './png';

export interface RenderArgs {
  zoo: string;
  index: number;
  size: number;
  /** an editing model's file: the INR is drawn as the model edits it */
  model?: string;
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
  let params: Float32Array = zoo.params.slice(a.index * zoo.paramCount, (a.index + 1) * zoo.paramCount);
  if (a.model !== undefined) {
    const model = readModel(a.model);
    if (model.task !== 'edit')
      throw new CliError(`${a.model}: not an editing model (its task is ${model.task})`, EXIT.badInput);
    if (model.dims.join() !== dims.join())
      throw new CliError(
        `${a.model} edits INRs of dims [${model.dims.join(', ')}], the zoo holds [${dims.join(', ')}]`,
        EXIT.badInput,
      );
    params = await editedNetworks(gpu, model, params);
  }
  const image = await renderSirensGpu(gpu, { dims, omega0 }, params, imageGrid(a.size));
  writeOutput(a.out, greyPng(image, a.size, a.size));
  const edited = a.model !== undefined ? { editedBy: a.model } : {};
  return { out: a.out, index: a.index, label: zoo.labels[a.index], psnr: zoo.psnr[a.index], size: a.size, ...edited };
}
