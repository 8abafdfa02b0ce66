/**
 * The docs/design.md §3 recipe on real digits: 5 MNIST digits per class fitted as one batch, Adam 5e-4, stop at 40 dB,
 * at most 1000 steps. Reports how many reach 40 dB and in how many steps (not a speed figure).
 */
import { digitImage, indicesOfClass, parseMnistFile } from '../src/data/mnistFile';
import { acquireGpu } from '../src/gpu/device';
import { GpuRuntime } from '../src/gpu/runtime';
import { DEFAULT_SIREN_DIMS, imageGrid, initSirenBatch } from '../src/models/siren';
import { DEFAULT_ADAM } from '../src/reference/adam';
import { fitBatch } from '../src/train/fitBatch';

export interface RecipeResult {
  workload: 'W1-recipe';
  adapter: string;
  digits: number;
  reached_40db: number;
  steps_to_40db_median: number;
  steps_to_40db_max: number;
  worst_psnr_db: number;
}

export async function recipeCheck(perClass = 5, maxSteps = 1000): Promise<RecipeResult> {
  const set = parseMnistFile(await (await fetch('/mnist/mnist-10k.bin')).arrayBuffer());
  const images = Array.from({ length: 10 }, (_, d) => indicesOfClass(set, d).slice(0, perClass)).flat();
  const targets = new Float32Array(images.length * 784);
  images.forEach((index, i) => targets.set(digitImage(set, index), i * 784));
  const gpu = new GpuRuntime(await acquireGpu());
  const spec = { dims: DEFAULT_SIREN_DIMS, omega0: 30 };
  const fit = await fitBatch(gpu, {
    spec,
    coords: imageGrid(28),
    targets,
    params: initSirenBatch(spec, images.length, 0),
    adam: DEFAULT_ADAM,
    stopPsnr: 40,
    maxSteps,
    batchSize: images.length,
  });
  gpu.device.destroy();
  const reached = Array.from(fit.steps).filter((_, i) => fit.psnr[i] >= 40 - 1e-3);
  const steps = reached.sort((a, b) => a - b);
  return {
    workload: 'W1-recipe',
    adapter: gpu.context.adapterName,
    digits: images.length,
    reached_40db: steps.length,
    steps_to_40db_median: steps[Math.floor(steps.length / 2)] ?? NaN,
    steps_to_40db_max: steps[steps.length - 1] ?? NaN,
    worst_psnr_db: Number(Math.min(...fit.psnr).toFixed(2)),
  };
}
