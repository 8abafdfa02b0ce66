/**
 * `ws metainit`: a SIREN init meta-learned on the training part of the digits (train/metaInit.ts), written as an INR
 * file, and how fast the usual fit goes from it against the standard init on held-out digits (train/initCurve.ts).
 */
import { checksumOf } from '../data/checksum';
import { imageParts } from '../data/mnistFile';
import { inrToSafetensors } from '../data/zooSafetensors';
import type { GpuRuntime } from '../gpu/runtime';
import { compareOnHeldOut } from '../train/initCurve';
import { DEFAULT_META_INIT, metaInitName, metaInitSpec, metaTrainInit, type MetaInitRecipe } from '../train/metaInit';
import { writeOutput } from './cliFiles';
import { progressBar } from './progress';
import type { ImageDataset } from '../data/imageDatasets';
import { loadImages } from './zooCommand';

export interface MetainitArgs {
  dataset: ImageDataset;
  outer: number;
  inner: number;
  metaBatch: number;
  /** the inner fit's Adam step size, the one zoos from the init fit with */
  innerLr: number;
  seed: number;
  /** held-out digits the curves are measured on (0: none) */
  curveImages: number;
  out: string;
}

export async function metainitCommand(gpu: GpuRuntime, a: MetainitArgs) {
  const recipe: MetaInitRecipe = {
    ...DEFAULT_META_INIT,
    dataset: a.dataset,
    outerSteps: a.outer,
    innerSteps: a.inner,
    metaBatch: a.metaBatch,
    innerLr: a.innerLr,
    seed: a.seed,
  };
  const mnist = loadImages(recipe.dataset);
  const parts = imageParts(mnist);
  const bar = progressBar('metainit', recipe.outerSteps, 'outer steps');
  const started = performance.now();
  let result;
  try {
    result = await metaTrainInit(gpu, recipe, mnist, parts.train, {
      onProgress: (p) => bar.update(p.outer, p.metaPsnr === null ? '' : `meta-batch ${p.metaPsnr.toFixed(1)} dB`),
    });
  } finally {
    bar.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const name = metaInitName(recipe);
  const spec = metaInitSpec(recipe);
  writeOutput(
    a.out,
    inrToSafetensors(
      { name, dims: spec.dims, omega0: spec.omega0, params: result.init },
      { meta_init: JSON.stringify(recipe), checksum: checksumOf(result.init) },
    ),
  );
  const out: Record<string, unknown> = { out: a.out, name, checksum: checksumOf(result.init), seconds, recipe };
  if (a.curveImages > 0) {
    process.stderr.write(`measuring the fit on ${a.curveImages} held-out images from each init…\n`);
    out.heldOut = await compareOnHeldOut(
      gpu,
      mnist,
      spec,
      result.init,
      a.curveImages,
      recipe.seed + 1,
      1000,
      recipe.innerLr,
    );
  }
  return out;
}
