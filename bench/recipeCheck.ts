/**
 * The DESIGN §3 recipe on real digits: 5 MNIST digits per class fitted as one batch, Adam 5e-4, stop at 40 dB,
 * at most 1000 steps. Reports how many reach 40 dB and in how many steps (not a speed figure).
 */
import { parseMnistFile, digitImage, indicesOfClass } from '../src/data/mnistFile';
import { acquireGpu } from '../src/gpu/device';
import { NET_STATUS, SirenBatchKernels } from '../src/gpu/kernels/sirenKernels';
import { GpuRuntime } from '../src/gpu/runtime';
import { DEFAULT_SIREN_DIMS, imageGrid, initSirenBatch, mseForPsnr, psnrFromMse } from '../src/models/siren';
import { DEFAULT_ADAM } from '../src/reference/adam';

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
  const k = new SirenBatchKernels(gpu, {
    spec,
    params: initSirenBatch(spec, images.length, 0),
    coords: imageGrid(28),
    targets,
    adam: DEFAULT_ADAM,
    stopLoss: mseForPsnr(40),
  });
  for (let done = 0; done < maxSteps; done += 50) {
    const encoder = gpu.device.createCommandEncoder();
    k.encodeSteps(encoder, 50);
    gpu.device.queue.submit([encoder.finish()]);
    if ((await k.readStates()).every((s) => s.status !== NET_STATUS.training)) break;
  }
  const states = await k.readStates();
  const outputs = await k.render();
  const psnr = states.map((_, b) => {
    let sq = 0;
    for (let p = 0; p < 784; p++) sq += (outputs[b * 784 + p] - targets[b * 784 + p]) ** 2;
    return psnrFromMse(sq / 784);
  });
  const steps = states.filter((s) => s.status === NET_STATUS.converged).map((s) => s.step).sort((a, b) => a - b);
  k.destroy();
  gpu.device.destroy();
  return {
    workload: 'W1-recipe',
    adapter: gpu.context.adapterName,
    digits: images.length,
    reached_40db: steps.length,
    steps_to_40db_median: steps[Math.floor(steps.length / 2)] ?? NaN,
    steps_to_40db_max: steps[steps.length - 1] ?? NaN,
    worst_psnr_db: Number(Math.min(...psnr).toFixed(2)),
  };
}
