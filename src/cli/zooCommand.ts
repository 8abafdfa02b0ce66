/**
 * `ws zoo`: an image (MNIST, Fashion-MNIST) or sine zoo made by the app's recipe and kernels, whole or one shard, as
 * safetensors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { checksumOf } from '../data/checksum';
import { DATASET_INFO, FMNIST_HOW, isImageDataset, type ImageDataset } from '../data/imageDatasets';
import { parseMnistFile } from '../data/mnistFile';
import { zooToSafetensors } from '../data/zooSafetensors';
import type { GpuRuntime } from '../gpu/runtime';
import type { ZooTask } from '../data/zoo';
import { DEFAULT_MNIST_ZOO, DEFAULT_SINE_ZOO, generateZoo, type ZooShard } from '../train/zooGen';
import { CliError, EXIT, usageError } from './cliErrors';
import { readInr, writeOutput } from './cliFiles';
import { progressBar } from './progress';

export interface ZooArgs {
  task: ZooTask;
  count: number;
  seed: number;
  sharedInit: boolean;
  steps: number;
  /** fidelity gate (dB); null: keep every fit; undefined: the task's default recipe */
  minPsnr?: number | null;
  /** early stop (dB); null: every fit takes all its steps; undefined: the task's default recipe */
  stopPsnr?: number | null;
  /** an INR file every fit starts from (a learned init: `ws metainit`) */
  init?: string;
  /** the fits' Adam step size; undefined: a learned init's own (the one it was meta-trained for), else the recipe's */
  lr?: number;
  views: number;
  shard?: ZooShard;
  batch: number;
  out: string;
}

export function parseShard(text: string): ZooShard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const shard = m ? { index: Number(m[1]), count: Number(m[2]) } : null;
  if (!shard || shard.count < 1 || shard.index >= shard.count)
    throw usageError(`--shard ${text}: expected i/n with 0 ≤ i < n (e.g. 0/4)`);
  return shard;
}

/** A dataset's images, from the file `npm run data` builds under public/. */
export function loadImages(dataset: ImageDataset) {
  const info = DATASET_INFO[dataset];
  const file = new URL(`../public/${info.file}`, import.meta.url);
  if (dataset === 'fmnist' && !existsSync(file))
    throw new CliError(`Fashion-MNIST is not built (${file.pathname}): ${FMNIST_HOW}.`, EXIT.badInput);
  try {
    return parseMnistFile(readFileSync(file).buffer as ArrayBuffer, dataset);
  } catch (err) {
    throw new CliError(
      `the ${info.label} images (${file.pathname}) could not be read: ${(err as Error).message}. Run \`npm run data\` first.`,
      EXIT.badInput,
    );
  }
}

export async function zooCommand(gpu: GpuRuntime, a: ZooArgs) {
  const base = isImageDataset(a.task) ? { ...DEFAULT_MNIST_ZOO, task: a.task } : DEFAULT_SINE_ZOO;
  const init = a.init === undefined ? null : readInr(a.init);
  if (init && init.dims.join() !== base.dims.join())
    throw new CliError(
      `${a.init}: an init of [${init.dims.join(', ')}], the zoo's INRs are [${base.dims.join(', ')}]`,
      EXIT.badInput,
    );
  if (init && init.omega0 !== base.omega0)
    throw new CliError(
      `${a.init}: an init for ω0 = ${init.omega0}, the zoo's INRs have ω0 = ${base.omega0}`,
      EXIT.badInput,
    );
  const recipe = {
    ...base,
    count: a.count,
    seed: a.seed,
    sharedInit: a.sharedInit,
    maxSteps: a.steps,
    minPsnr: a.minPsnr === undefined ? base.minPsnr : a.minPsnr,
    stopPsnr: a.stopPsnr === undefined ? base.stopPsnr : a.stopPsnr,
    lr: a.lr ?? init?.fitLr ?? base.lr,
    ...(init ? { learnedInit: { name: init.name, checksum: checksumOf(init.params) } } : {}),
    ...(a.views > 1 ? { viewsPerImage: a.views } : {}),
  };
  const bar = progressBar(a.shard ? `zoo ${a.shard.index}/${a.shard.count}` : 'zoo', a.count, 'INRs');
  let zoo;
  try {
    zoo = await generateZoo(gpu, recipe, {
      images: isImageDataset(a.task) ? loadImages(a.task) : undefined,
      batchSize: a.batch,
      shard: a.shard,
      init: init?.params,
      onProgress: (p) => bar.update(p.done, p.phase === 'refit' ? '(refitting weak fits)' : '', p.total),
    });
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(
      `zoo generation failed: ${(err as Error).message}`,
      /multiple of 10|only \d+ images|fits per image/.test((err as Error).message) ? EXIT.usage : EXIT.failed,
    );
  } finally {
    bar.stop();
  }
  writeOutput(a.out, zooToSafetensors(zoo));
  const meanPsnr = zoo.psnr.reduce((s, v) => s + v, 0) / Math.max(1, zoo.count);
  return {
    out: a.out,
    count: zoo.count,
    rejected: zoo.rejected,
    meanPsnr,
    seconds: zoo.wallMs / 1000,
    shard: zoo.shard ?? null,
  };
}
