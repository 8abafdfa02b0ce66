/** The lab's tasks (see lab/page.ts). */
import { loadMnist } from '../src/data/mnistFile';
import { serializeZoo, summarizeZoo, type ZooRecipe } from '../src/data/zoo';
import { acquireGpu } from '../src/gpu/device';
import { GpuRuntime } from '../src/gpu/runtime';
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
    onProgress: ({ done, total, phase }) => log(`${phase} ${done}/${total} ${((performance.now() - started) / 1000).toFixed(0)} s`),
  });
  gpu.device.destroy();
  const { meanPsnr, ...summary } = summarizeZoo(zoo);
  return { result: { ...summary, meanPsnr, minPsnr: Math.min(...zoo.psnr), adapter: gpu.context.adapterName }, files: { zoo: toBase64(serializeZoo(zoo)) } };
}

export async function runLabTask(task: string, options: Record<string, unknown>, log: (s: string) => void): Promise<LabOutput> {
  if (task === 'zoo') return makeZoo(options, log);
  throw new Error(`unknown lab task "${task}"`);
}
