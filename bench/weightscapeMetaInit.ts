/**
 * The metainit workload: the recommended meta-training (DEFAULT_META_INIT) timed, then a 100-INR MNIST zoo by the
 * default recipe from the standard init and from the learned one, each stopping at 35 dB and at 40 dB (mean steps
 * per INR, time), in one run; and the 1000-INR zoo end to end, meta-training included, estimated as meta-training
 * + 10 × the 100-INR learned zoo (items: INRs).
 */
import { imageParts, loadMnist } from '../src/data/mnistFile';
import { checksumOf } from '../src/data/checksum';
import { acquireGpu } from '../src/gpu/device';
import { GpuRuntime } from '../src/gpu/runtime';
import { DEFAULT_META_INIT, metaInitName, metaTrainInit } from '../src/train/metaInit';
import { DEFAULT_MNIST_ZOO, generateZoo } from '../src/train/zooGen';
import { result, type BenchResult } from './workloads';

type ZooLine = BenchResult & { stop_psnr: number; mean_steps: number; mean_psnr: number; ms_per_1000_inrs: number };

export async function benchWeightscapeMetaInit(count = 100): Promise<(BenchResult | ZooLine)[]> {
  const gpu = new GpuRuntime(await acquireGpu());
  const mnist = await loadMnist('/');
  const adapter = gpu.context.adapterName;
  const started = performance.now();
  const meta = await metaTrainInit(gpu, DEFAULT_META_INIT, mnist, imageParts(mnist).train);
  const metaMs = performance.now() - started;
  const lines: (BenchResult | ZooLine)[] = [
    result(
      'weightscape-wgsl-metainit',
      adapter,
      DEFAULT_META_INIT.metaBatch,
      DEFAULT_META_INIT.outerSteps,
      metaMs,
      'metainit',
      0,
    ),
  ];
  const learnedInit = { name: metaInitName(DEFAULT_META_INIT), checksum: checksumOf(meta.init) };
  let learned40 = 0;
  for (const stopPsnr of [35, 40]) {
    for (const from of ['standard', 'learned'] as const) {
      // from the learned init, the fits take the step size it was meta-trained for (as `ws zoo --init` does)
      const learned = from === 'learned' ? { learnedInit, lr: DEFAULT_META_INIT.innerLr } : {};
      const recipe = { ...DEFAULT_MNIST_ZOO, count, stopPsnr, ...learned };
      const t0 = performance.now();
      const zoo = await generateZoo(gpu, recipe, { images: mnist, batchSize: count, init: meta.init });
      const ms = performance.now() - t0;
      if (from === 'learned' && stopPsnr === 40) learned40 = ms;
      lines.push({
        ...result(`weightscape-wgsl-zoo-${from}-init`, adapter, count, 1, ms, 'metainit', 0),
        stop_psnr: stopPsnr,
        mean_steps: Number((zoo.steps.reduce((s, v) => s + v, 0) / zoo.count).toFixed(1)),
        mean_psnr: Number((zoo.psnr.reduce((s, v) => s + v, 0) / zoo.count).toFixed(2)),
        ms_per_1000_inrs: Math.round((ms * 1000) / count),
      });
    }
  }
  lines.push(
    result('weightscape-wgsl-zoo1000-learned-end-to-end', adapter, 1000, 1, metaMs + 10 * learned40, 'metainit', 0),
  );
  gpu.device.destroy();
  return lines;
}
