/**
 * How fast the usual fit goes from an init: images fitted from the standard SIREN init (each its own, seeded) or
 * from one learned init, the mean PSNR after k steps at each k of a list, and how many steps each image takes to
 * reach 35 and 40 dB (the usual fit with its early stop).
 */
import { SirenBatchKernels } from '../gpu/kernels/sirenKernels';
import type { GpuRuntime } from '../gpu/runtime';
import { imageGrid, initSirenBatch, meanSquaredError, psnrFromMse, tileParams, type SirenSpec } from '../models/siren';
import { DEFAULT_ADAM } from '../reference/adam';
import { balancedSample, digitImage, imageParts, type MnistSet } from '../data/mnistFile';
import { fitBatch } from './fitBatch';

/** The k of the PSNR-after-k-steps curve (log-spaced, 1 … 500). */
export const CURVE_STEPS = [1, 2, 5, 10, 20, 35, 50, 75, 100, 150, 200, 300, 470, 500] as const;

export interface InitCurve {
  /** mean PSNR (dB) over the images after k steps, for each k of `steps` */
  steps: number[];
  meanPsnr: number[];
  /** median steps to 35 and 40 dB (null: the median image did not get there within maxSteps) */
  stepsTo35: number | null;
  stepsTo40: number | null;
}

export interface InitCurveRequest {
  spec: SirenSpec;
  side: number;
  /** `[count, side²]` the images */
  targets: Float32Array;
  /** `[P]` one init for every image, or null: the standard init, each image its own (initSirenBatch from `seed`) */
  init: Float32Array | null;
  seed: number;
  steps?: readonly number[];
  /** steps the runs to 35 and 40 dB take at most */
  maxSteps?: number;
  lr?: number;
}

export async function initCurve(gpu: GpuRuntime, r: InitCurveRequest): Promise<InitCurve> {
  const n = r.side * r.side;
  const count = r.targets.length / n;
  const adam = { ...DEFAULT_ADAM, lr: r.lr ?? DEFAULT_ADAM.lr };
  const params = r.init ? tileParams(r.init, count) : initSirenBatch(r.spec, count, r.seed);
  const steps = [...(r.steps ?? CURVE_STEPS)].sort((a, b) => a - b);
  const coords = imageGrid(r.side);
  await SirenBatchKernels.prepare(gpu, r.spec);
  const kernels = new SirenBatchKernels(gpu, { spec: r.spec, params, coords, targets: r.targets, adam, stopLoss: 0 });
  const meanPsnr: number[] = [];
  try {
    let done = 0;
    for (const k of steps) {
      const encoder = gpu.device.createCommandEncoder({ label: 'initCurve' });
      kernels.encodeSteps(encoder, k - done);
      gpu.device.queue.submit([encoder.finish()]);
      done = k;
      const out = await kernels.render();
      let sum = 0;
      for (let i = 0; i < count; i++)
        sum += psnrFromMse(meanSquaredError(out.subarray(i * n, (i + 1) * n), r.targets.subarray(i * n, (i + 1) * n)));
      meanPsnr.push(sum / count);
    }
  } finally {
    kernels.destroy();
  }
  const maxSteps = r.maxSteps ?? 1000;
  const stepsTo = async (psnr: number): Promise<number | null> => {
    const fit = await fitBatch(gpu, {
      spec: r.spec,
      coords,
      targets: r.targets,
      params,
      adam,
      stopPsnr: psnr,
      maxSteps,
      batchSize: count,
    });
    const reached = [...fit.steps].map((s, i) => (fit.psnr[i] >= psnr ? s : Infinity)).sort((a, b) => a - b);
    const median = reached[Math.floor((count - 1) / 2)];
    return Number.isFinite(median) ? median : null;
  };
  return { steps, meanPsnr, stepsTo35: await stepsTo(35), stepsTo40: await stepsTo(40) };
}

/**
 * The fit from the standard init and from `init`, side by side, on `count` held-out digits (a balanced sample of
 * the part no learned init trains on), the curves up to `maxSteps` (the runs to 35 and 40 dB too). The standard
 * init's fits take the usual step size, the learned init's `learnedLr`: the inner step size it was meta-trained for.
 */
export async function compareOnHeldOut(
  gpu: GpuRuntime,
  mnist: MnistSet,
  spec: SirenSpec,
  init: Float32Array,
  count: number,
  seed: number,
  maxSteps = 1000,
  learnedLr = DEFAULT_ADAM.lr,
): Promise<{ images: number; standard: InitCurve; learned: InitCurve }> {
  const images = balancedSample(mnist, imageParts(mnist).heldOut, count);
  const n = mnist.side * mnist.side;
  const targets = new Float32Array(images.length * n);
  images.forEach((image, i) => targets.set(digitImage(mnist, image), i * n));
  const steps = CURVE_STEPS.filter((k) => k <= maxSteps);
  const common = { spec, side: mnist.side, targets, seed, steps, maxSteps };
  const standard = await initCurve(gpu, { ...common, init: null });
  const learned = await initCurve(gpu, { ...common, init, lr: learnedLr });
  return { images: images.length, standard, learned };
}
