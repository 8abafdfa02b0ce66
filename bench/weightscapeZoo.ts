/**
 * The zoo workload: a 100-INR MNIST zoo made by the default recipe (DEFAULT_MNIST_ZOO: SIREN [2,32,32,1], Adam 5e-4,
 * early stop at 40 dB, fidelity gate) in one batch of 100, timed from the first fit to the saved zoo; the time of a
 * 1000-INR zoo is quoted as 10× (the app fits 1000 in batches of 250, so this is an estimate). Items = INRs.
 */
import { loadMnist } from '../src/data/mnistFile';
import { acquireGpu } from '../src/gpu/device';
import { GpuRuntime } from '../src/gpu/runtime';
import { DEFAULT_MNIST_ZOO, generateZoo } from '../src/train/zooGen';
import { result, type BenchResult } from './workloads';

export async function benchWeightscapeZoo(
  count = 100,
): Promise<BenchResult & { ms_per_1000_inrs: number; mean_psnr: number }> {
  const gpu = new GpuRuntime(await acquireGpu());
  const mnist = await loadMnist('/');
  const started = performance.now();
  const zoo = await generateZoo(gpu, { ...DEFAULT_MNIST_ZOO, count }, { images: mnist, batchSize: count });
  const ms = performance.now() - started;
  gpu.device.destroy();
  const meanPsnr = zoo.psnr.reduce((s, v) => s + v, 0) / Math.max(1, zoo.count);
  return {
    ...result('weightscape-wgsl-zoo', gpu.context.adapterName, count, 1, ms, 'zoo', 0),
    ms_per_1000_inrs: Math.round((ms * 1000) / count),
    mean_psnr: Number(meanPsnr.toFixed(2)),
  };
}
