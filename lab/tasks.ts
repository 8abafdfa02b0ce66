/** The lab's tasks (see lab/page.ts). */
import { loadMnist } from '../src/data/mnistFile';
import { isImageDataset } from '../src/data/imageDatasets';
import { serializeZoo, summarizeZoo, type ZooRecipe } from '../src/data/zoo';
import { acquireGpu } from '../src/gpu/device';
import { GpuRuntime } from '../src/gpu/runtime';
import { zooFromFile } from '../src/data/zooSafetensors';

import { runAblation } from '../src/train/ablation';
import { ablationArms, ablationCsv, summarise } from '../src/train/ablationPlan';
import { buildDataset, recipeData } from '../src/train/wsData';
import { curveCsv, DEFAULT_CURVE } from '../src/train/curvePlan';
import { runLearningCurve } from '../src/train/learningCurve';
import { digitImage, indicesOfClass } from '../src/data/mnistFile';
import { ALIGN_METHODS, alignAndInterpolate, type RenderBatch } from '../src/train/alignExperiment';
import { fitMany } from '../src/train/fitServices';
import { renderSirensGpu } from '../src/train/renderSirens';
import { Rng } from '../src/weightspace/rng';
import { DEFAULT_WS_TRAIN, WsTrainer, type WsTrainConfig } from '../src/train/wsTrainer';
import { DEFAULT_MNIST_ZOO, DEFAULT_SINE_ZOO, generateZoo } from '../src/train/zooGen';

export interface LabOutput {
  result: unknown;
  files: Record<string, string>;
}

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

async function makeZoo(options: Record<string, unknown>, log: (s: string) => void): Promise<LabOutput> {
  const base = options.task === 'sine' ? DEFAULT_SINE_ZOO : DEFAULT_MNIST_ZOO;
  const recipe = { ...base, ...options } as ZooRecipe;
  const gpu = new GpuRuntime(await acquireGpu());
  const images = isImageDataset(recipe.task) ? await loadMnist('/', undefined, recipe.task) : undefined;
  const started = performance.now();
  const zoo = await generateZoo(gpu, recipe, {
    images,
    batchSize: Number(options.batchSize ?? 256),
    onProgress: ({ done, finished, total, phase }) =>
      log(`${phase} ${finished}/${total} (${done.toFixed(1)}) ${((performance.now() - started) / 1000).toFixed(0)} s`),
  });
  gpu.device.destroy();
  const { meanPsnr, ...summary } = summarizeZoo(zoo);
  return {
    result: { ...summary, meanPsnr, minPsnr: Math.min(...zoo.psnr), adapter: gpu.context.adapterName },
    files: { zoo: toBase64(serializeZoo(zoo)) },
  };
}

/** Trains each of `options.runs` (partial WsTrainConfigs over `options.base`) on the zoo given to the page. */
async function train(options: Record<string, unknown>, log: (s: string) => void): Promise<LabOutput> {
  if (!window.labInput) throw new Error('train needs --zoo=FILE');
  const zoo = zooFromFile(new Uint8Array(window.labInput), 'lab zoo');
  const gpu = new GpuRuntime(await acquireGpu());
  const base = { ...DEFAULT_WS_TRAIN, ...(options.base as Partial<WsTrainConfig>) };
  const runs = (options.runs as Partial<WsTrainConfig>[] | undefined) ?? [{}];
  const results = [];
  let counts = {};
  for (const run of runs) {
    const config = { ...base, ...run };
    const data = buildDataset(zoo, recipeData(config));
    counts = { train: data.rows.train.length, val: data.rows.val.length, test: data.rows.test.length };
    const trainer = await WsTrainer.create(gpu, data, config);
    const started = performance.now();
    let best = null;
    const history = [];
    for (let e = 0; e < config.epochs; e++) {
      const r = await trainer.runEpoch();
      const fmt = (m: { loss: number; accuracy?: number; r2?: number[] }): string =>
        m.accuracy !== undefined
          ? `${(100 * m.accuracy).toFixed(1)}%`
          : (m.r2 ?? []).map((v) => v.toFixed(3)).join('/');
      log(
        `${config.kind} ep ${r.epoch} train ${r.train.loss.toFixed(3)} ${fmt(r.train)} val ${fmt(r.val)} test ${fmt(r.test)} perm ${fmt(r.testPermuted)} ${(r.ms / 1000).toFixed(1)} s${r.best ? ' *' : ''}`,
      );
      history.push({ epoch: r.epoch, train: r.train, val: r.val, test: r.test, testPermuted: r.testPermuted });
      if (r.best) best = { epoch: r.epoch, val: r.val, test: r.test, testPermuted: r.testPermuted };
    }
    results.push({
      config,
      params: trainer.parameterCount,
      best,
      wallS: (performance.now() - started) / 1000,
      last: history[history.length - 1],
    });
    trainer.destroy();
  }
  gpu.device.destroy();
  return { result: { zoo: zoo.name, counts, results }, files: {} };
}

/**
 * The augmentation ablation (src/train/ablation.ts) on the zoo given to the page: options.ids (augmentation ids),
 * options.views (fits per image to compare, e.g. [2]), options.seeds, options.base (a partial WsTrainConfig).
 */
async function ablation(options: Record<string, unknown>, log: (s: string) => void): Promise<LabOutput> {
  if (!window.labInput) throw new Error('ablation needs --zoo=FILE');
  const zoo = zooFromFile(new Uint8Array(window.labInput), 'lab zoo');
  const gpu = new GpuRuntime(await acquireGpu());
  const base = { ...DEFAULT_WS_TRAIN, ...(options.base as Partial<WsTrainConfig>) };
  const arms = ablationArms((options.ids as string[] | undefined) ?? [], (options.views as number[] | undefined) ?? []);
  const seeds = (options.seeds as number[] | undefined) ?? [0, 1, 2];
  const started = performance.now();
  const runs = await runAblation(gpu, zoo, base, arms, {
    seeds,
    onRun: (r) =>
      log(
        `${r.arm} seed ${r.seed}: test ${(100 * r.score).toFixed(1)} train ${(100 * r.trainScore).toFixed(1)} (${r.epochs} epochs) ${((performance.now() - started) / 1000).toFixed(0)} s`,
      ),
  });
  gpu.device.destroy();
  const summary = summarise(runs, arms);
  for (const s of summary) log(`${s.arm}: ${(100 * s.mean).toFixed(1)} ± ${(100 * s.std).toFixed(1)}`);
  return {
    result: { zoo: zoo.name, base, seeds, summary, runs, wallS: (performance.now() - started) / 1000 },
    files: { csv: btoa(ablationCsv(runs, summary)) },
  };
}

/** The learning curve (train/learningCurve.ts): options `readers`, `sizes`, `seeds`, `epochs` (defaults: DEFAULT_CURVE). */
async function curve(options: Record<string, unknown>, log: (s: string) => void): Promise<LabOutput> {
  if (!window.labInput) throw new Error('curve needs --zoo=FILE');
  const zoo = zooFromFile(new Uint8Array(window.labInput), 'lab zoo');
  const gpu = new GpuRuntime(await acquireGpu());
  const plan = { ...DEFAULT_CURVE, ...(options as Partial<typeof DEFAULT_CURVE>) };
  const started = performance.now();
  const rows = await runLearningCurve(gpu, zoo, {
    ...plan,
    fullEpochs: plan.epochs,
    onRow: (r) =>
      log(
        `${r.reader} ${r.size} INRs seed ${r.seed}: test ${(100 * r.test).toFixed(1)} signed ${(100 * r.testSigned).toFixed(1)} (${r.epochs} epochs, ${r.seconds.toFixed(0)} s)`,
      ),
  });
  gpu.device.destroy();
  return {
    result: { zoo: zoo.name, ...plan, rows, wallS: (performance.now() - started) / 1000 },
    files: { csv: btoa(curveCsv(rows)) },
  };
}

/**
 * Barriers of naive, permutation-aligned and permutation+sign-aligned interpolation on `pairs` pairs of fits of
 * one digit (two seeds, the same image) and `pairs` pairs of two different digits; every INR by the recipe.
 */
async function align(options: Record<string, unknown>, log: (s: string) => void): Promise<LabOutput> {
  const pairs = Number(options.pairs ?? 20);
  const gpu = new GpuRuntime(await acquireGpu());
  const mnist = await loadMnist('/');
  const spec = { dims: [2, 32, 32, 1], omega0: 30 };
  const rng = new Rng(Number(options.seed ?? 1));
  const render: RenderBatch = (s, params, coords) => renderSirensGpu(gpu, s, params, coords);
  const summary: Record<string, unknown> = {};
  for (const kind of ['same digit', 'different digits'] as const) {
    // every pair: two images (the same one twice for 'same digit') and two seeds, fitted as one batch
    const images: Float32Array[] = [];
    for (let i = 0; i < pairs; i++) {
      const dA = i % 10;
      const dB = kind === 'same digit' ? dA : (dA + 1 + rng.int(9)) % 10;
      const pool = (d: number): number[] => indicesOfClass(mnist, d);
      const a = digitImage(mnist, pool(dA)[rng.int(pool(dA).length)]);
      images.push(a, kind === 'same digit' ? a : digitImage(mnist, pool(dB)[rng.int(pool(dB).length)]));
    }
    const targets = new Float32Array(images.length * 784);
    images.forEach((im, i) => targets.set(im, i * 784));
    const seeds = images.map((_, i) => 1000 * (kind === 'same digit' ? 1 : 2) + i);
    const started = performance.now();
    const fit = await fitMany(gpu, { spec, targets, seeds, side: 28, maxSteps: 1000, stopPsnr: 40 });
    log(
      `${kind}: ${images.length} INRs fitted in ${((performance.now() - started) / 1000).toFixed(0)} s, mean ${(fit.psnr.reduce((s, v) => s + v, 0) / fit.psnr.length).toFixed(1)} dB`,
    );
    const P = fit.params.length / images.length;
    const rows: { method: string; barrierMse: number; barrierPsnr: number; mid: number[] }[] = [];
    for (let i = 0; i < pairs; i++) {
      const a = fit.params.slice(2 * i * P, (2 * i + 1) * P);
      const b = fit.params.slice((2 * i + 1) * P, (2 * i + 2) * P);
      const t = kind === 'same digit' ? [images[2 * i]] : [images[2 * i], images[2 * i + 1]];
      const r = await alignAndInterpolate(spec, a, b, t, render, i);
      for (const c of r.curves)
        rows.push({ method: c.method, barrierMse: c.barrierMse, barrierPsnr: c.barrierPsnr, mid: c.psnr[12] });
    }
    const stats = (v: number[]): { mean: number; std: number } => {
      const mean = v.reduce((s, x) => s + x, 0) / v.length;
      return { mean, std: Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, v.length - 1)) };
    };
    summary[kind] = Object.fromEntries(
      ALIGN_METHODS.map((m) => {
        const of = rows.filter((r) => r.method === m);
        const entry = {
          barrierMse: stats(of.map((r) => r.barrierMse)),
          barrierPsnr: stats(of.map((r) => r.barrierPsnr)),
          midPsnrToA: stats(of.map((r) => r.mid[0])),
          ...(kind === 'different digits' ? { midPsnrToB: stats(of.map((r) => r.mid[1])) } : {}),
        };
        log(
          `${kind} · ${m}: MSE barrier ${entry.barrierMse.mean.toExponential(3)} ± ${entry.barrierMse.std.toExponential(2)}, PSNR drop ${entry.barrierPsnr.mean.toFixed(2)} ± ${entry.barrierPsnr.std.toFixed(2)} dB, λ=0.5 PSNR to A ${entry.midPsnrToA.mean.toFixed(2)}`,
        );
        return [m, entry];
      }),
    );
  }
  gpu.device.destroy();
  return { result: { pairs, adapter: gpu.context.adapterName, ...summary }, files: {} };
}

export async function runLabTask(
  task: string,
  options: Record<string, unknown>,
  log: (s: string) => void,
): Promise<LabOutput> {
  if (task === 'zoo') return makeZoo(options, log);
  if (task === 'train') return train(options, log);
  if (task === 'align') return align(options, log);
  if (task === 'ablation') return ablation(options, log);
  if (task === 'curve') return curve(options, log);
  throw new Error(`unknown lab task "${task}"`);
}
