/**
 * Learned initialisations (Tancik et al., CVPR 2021): one SIREN init θ meta-learned with Reptile (Nichol et al.
 * 2018) so that a few steps of the usual fit take it far. Each outer step draws a meta-batch of images from the
 * training part only (data/mnistFile.ts imageParts), fits a copy of θ to each for k inner steps of the usual fit
 * (Adam, fresh moments per task), and moves θ toward the adapted networks' mean (Adam on θ − mean φ: ReptileKernel).
 * Deterministic given the recipe: the same recipe on the same device gives the same init, bit for bit.
 */
import { ReptileKernel } from '../gpu/kernels/reptileKernel';
import { SirenBatchKernels } from '../gpu/kernels/sirenKernels';
import type { GpuRuntime } from '../gpu/runtime';
import type { ImageDataset } from '../data/imageDatasets';
import { digitImage, type MnistSet } from '../data/mnistFile';
import { imageGrid, initSirenParams, psnrFromMse, type SirenSpec } from '../models/siren';
import { DEFAULT_ADAM } from '../reference/adam';
import { Rng } from '../weightspace/rng';

export interface MetaInitRecipe {
  dataset: ImageDataset;
  dims: readonly number[];
  omega0: number;
  /** steps of the usual fit per task (k) */
  innerSteps: number;
  innerLr: number;
  /** outer (meta) iterations */
  outerSteps: number;
  outerLr: number;
  /** tasks (images) per outer step */
  metaBatch: number;
  /** seeds θ's starting point (the standard SIREN init) and the meta-batches */
  seed: number;
}

/** The recommended recipe (README, "Learned initialisations: measured"). */
export const DEFAULT_META_INIT: MetaInitRecipe = {
  dataset: 'mnist',
  dims: [2, 32, 32, 1],
  omega0: 30,
  innerSteps: 10,
  // 4× the usual fit's 5e-4: meta-trained for it, the init reaches 40 dB in a median 73 held-out steps (5e-4: 181).
  // 100 outer steps do as well as 150 or 300 (a 1000-INR zoo from it: 72 mean steps; 150: 76) at a third of the cost
  innerLr: 2e-3,
  outerSteps: 100,
  outerLr: 1e-3,
  metaBatch: 32,
  seed: 0,
};

export interface MetaInitProgress {
  /** outer steps done */
  outer: number;
  total: number;
  /** mean PSNR (dB) of the last meta-batch after its k inner steps, at the last check */
  metaPsnr: number | null;
}

export interface MetaInitResult {
  /** `[P]` the learned init */
  init: Float32Array;
  /** the meta-batch's mean PSNR after k inner steps, at each check */
  curve: { outer: number; psnr: number }[];
  /** the images (indices into the shipped digits) the inner loops drew, every outer step's in order */
  drawn: Int32Array;
}

export interface MetaInitOptions {
  /** outer steps between checks (a readback of the meta-batch's loss, progress, abort) */
  checkEvery?: number;
  onProgress?: (p: MetaInitProgress) => void;
  /** aborting rejects with an AbortError */
  signal?: AbortSignal;
  /** resolves while the run is not paused (between outer steps) */
  whilePaused?: () => Promise<void>;
}

export const metaInitSpec = (r: MetaInitRecipe): SirenSpec => ({ dims: r.dims, omega0: r.omega0 });

/** The name a learned init goes by (its file, zoo recipes, the page). */
export const metaInitName = (r: MetaInitRecipe): string =>
  `learned ${r.dataset} ${r.outerSteps}×${r.innerSteps} b${r.metaBatch} seed ${r.seed}`;

/** Meta-trains an init on `trainImages` (indices into `mnist`, the training part only). */
export async function metaTrainInit(
  gpu: GpuRuntime,
  recipe: MetaInitRecipe,
  mnist: MnistSet,
  trainImages: readonly number[],
  o: MetaInitOptions = {},
): Promise<MetaInitResult> {
  const spec = metaInitSpec(recipe);
  const B = recipe.metaBatch;
  if (trainImages.length < B) throw new Error(`a meta-batch of ${B} needs at least ${B} training images`);
  const n = mnist.side * mnist.side;
  const theta = initSirenParams(spec, new Rng(recipe.seed));
  const P = theta.length;
  const rng = new Rng(recipe.seed ^ 0x3e7a11);
  const targets = new Float32Array(B * n);
  const drawn = new Int32Array(recipe.outerSteps * B);
  const checkEvery = o.checkEvery ?? 10;
  await Promise.all([SirenBatchKernels.prepare(gpu, spec), ReptileKernel.prepare(gpu)]);
  const inner = new SirenBatchKernels(gpu, {
    spec,
    params: new Float32Array(B * P),
    coords: imageGrid(mnist.side),
    targets,
    adam: { ...DEFAULT_ADAM, lr: recipe.innerLr },
    stopLoss: 0,
  });
  const outer = new ReptileKernel(gpu, theta, inner.params, B, { ...DEFAULT_ADAM, lr: recipe.outerLr });
  const curve: MetaInitResult['curve'] = [];
  try {
    for (let t = 0; t < recipe.outerSteps; t++) {
      // a meta-batch of distinct training images (partial Fisher–Yates over a copy of the pool)
      const pool = [...trainImages];
      for (let b = 0; b < B; b++) {
        const j = b + rng.int(pool.length - b);
        [pool[b], pool[j]] = [pool[j], pool[b]];
        drawn[t * B + b] = pool[b];
        targets.set(digitImage(mnist, pool[b]), b * n);
      }
      inner.setTargets(targets);
      const check = (t + 1) % checkEvery === 0 || t === recipe.outerSteps - 1;
      const encoder = gpu.device.createCommandEncoder({ label: 'metaInit' });
      inner.encodeShareParams(encoder, outer.theta);
      inner.encodeSteps(encoder, recipe.innerSteps);
      // the loss at the adapted networks (the state's loss after one more loss-only pass)
      if (check) inner.encodeLossAndGrad(encoder);
      outer.encodeOuterStep(encoder);
      gpu.device.queue.submit([encoder.finish()]);
      if (!check) continue;
      const states = await inner.readStates();
      const mse = states.reduce((s, x) => s + x.loss, 0) / B;
      curve.push({ outer: t + 1, psnr: psnrFromMse(mse) });
      o.onProgress?.({ outer: t + 1, total: recipe.outerSteps, metaPsnr: psnrFromMse(mse) });
      if (o.signal?.aborted) throw new DOMException('meta-training was cancelled', 'AbortError');
      await o.whilePaused?.();
    }
    return { init: await outer.readTheta(), curve, drawn };
  } finally {
    inner.destroy();
    outer.destroy();
  }
}
