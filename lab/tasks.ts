/** The lab's tasks (see lab/page.ts). */
import { loadMnist } from '../src/data/mnistFile';
import { serializeZoo, summarizeZoo, type ZooRecipe } from '../src/data/zoo';
import { acquireGpu } from '../src/gpu/device';
import { GpuRuntime } from '../src/gpu/runtime';
import { parseZoo } from '../src/data/zoo';
import { buildDataset } from '../src/train/wsData';
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
  const mnist = recipe.task === 'mnist' ? await loadMnist('/') : undefined;
  const started = performance.now();
  const zoo = await generateZoo(gpu, recipe, {
    mnist,
    batchSize: Number(options.batchSize ?? 256),
    onProgress: ({ done, finished, total, phase }) => log(`${phase} ${finished}/${total} (${done.toFixed(1)}) ${((performance.now() - started) / 1000).toFixed(0)} s`),
  });
  gpu.device.destroy();
  const { meanPsnr, ...summary } = summarizeZoo(zoo);
  return { result: { ...summary, meanPsnr, minPsnr: Math.min(...zoo.psnr), adapter: gpu.context.adapterName }, files: { zoo: toBase64(serializeZoo(zoo)) } };
}

/** Trains each of `options.runs` (partial WsTrainConfigs over `options.base`) on the zoo given to the page. */
async function train(options: Record<string, unknown>, log: (s: string) => void): Promise<LabOutput> {
  if (!window.labInput) throw new Error('train needs --zoo=FILE');
  const zoo = parseZoo(window.labInput);
  const data = buildDataset(zoo);
  const gpu = new GpuRuntime(await acquireGpu());
  const base = { ...DEFAULT_WS_TRAIN, ...(options.base as Partial<WsTrainConfig>) };
  const runs = (options.runs as Partial<WsTrainConfig>[] | undefined) ?? [{}];
  const results = [];
  for (const run of runs) {
    const config = { ...base, ...run };
    const trainer = new WsTrainer(gpu, data, config);
    const started = performance.now();
    let best = null;
    const history = [];
    for (let e = 0; e < config.epochs; e++) {
      const r = await trainer.runEpoch();
      const fmt = (m: { loss: number; accuracy?: number; r2?: number[] }): string =>
        m.accuracy !== undefined ? `${(100 * m.accuracy).toFixed(1)}%` : (m.r2 ?? []).map((v) => v.toFixed(3)).join('/');
      log(`${config.kind} ep ${r.epoch} train ${r.train.loss.toFixed(3)} ${fmt(r.train)} val ${fmt(r.val)} test ${fmt(r.test)} perm ${fmt(r.testPermuted)} ${(r.ms / 1000).toFixed(1)} s${r.best ? ' *' : ''}`);
      history.push({ epoch: r.epoch, train: r.train, val: r.val, test: r.test, testPermuted: r.testPermuted });
      if (r.best) best = { epoch: r.epoch, val: r.val, test: r.test, testPermuted: r.testPermuted };
    }
    results.push({ config, params: trainer.parameterCount, best, wallS: (performance.now() - started) / 1000, last: history[history.length - 1] });
    trainer.destroy();
  }
  gpu.device.destroy();
  return { result: { zoo: zoo.name, counts: { train: data.rows.train.length, val: data.rows.val.length, test: data.rows.test.length }, results }, files: {} };
}

export async function runLabTask(task: string, options: Record<string, unknown>, log: (s: string) => void): Promise<LabOutput> {
  if (task === 'zoo') return makeZoo(options, log);
  if (task === 'train') return train(options, log);
  throw new Error(`unknown lab task "${task}"`);
}
