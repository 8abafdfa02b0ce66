/**
 * The epoch workload: one training epoch of the default weight-space recipe (DEFAULT_WS_TRAIN: DWS 2 × 8 channels,
 * 4 Fourier features, negation augmentation, batch 32) on a 1000-INR zoo of SIREN [2,32,32,1] weights split
 * 700 / 100 / 200, with the evaluation of val, test and permuted test that ends every epoch. The weights are
 * random (the time does not depend on them, except weight matching's sweeps in aligned mixup). Kernels are compiled
 * before the clock starts. Items = training INRs.
 */
import type { Zoo } from '../src/data/zoo';
import { acquireGpu } from '../src/gpu/device';
import { GpuRuntime } from '../src/gpu/runtime';
import { buildDataset } from '../src/train/wsData';
import { DEFAULT_WS_TRAIN } from '../src/train/wsTrainConfig';
import { WsTrainer } from '../src/train/wsTrainer';
import { mlpLayout } from '../src/weightspace/layout';
import type { AugmentationId } from '../src/weightspace/augmentations';
import { isMixup } from '../src/weightspace/mixup';
import { Rng } from '../src/weightspace/rng';
import { zooOf } from '../src/testing/zooFixture';
import { result, type BenchResult } from './workloads';

function randomZoo(count: number): Zoo {
  const dims = [2, 32, 32, 1];
  const rng = new Rng(7);
  const params = Float32Array.from({ length: count * mlpLayout(dims).paramCount }, () => rng.symmetric(0.2));
  const labels = Int32Array.from({ length: count }, (_, i) => i % 10);
  return zooOf(
    dims,
    params,
    labels,
    Uint8Array.from({ length: count }, (_, i) => (i < 0.7 * count ? 0 : i < 0.8 * count ? 1 : 2)),
  );
}

/**
 * `augmentation` (the augment workload): the same epoch with only that augmentation (p = 1; mixup p = 0.5), or
 * 'none'; the default recipe's own when absent.
 */
export async function benchWeightscapeEpoch(
  count = 1000,
  augmentation?: AugmentationId | 'none',
): Promise<BenchResult> {
  const gpu = new GpuRuntime(await acquireGpu());
  const data = buildDataset(randomZoo(count));
  const augmentations =
    augmentation === undefined
      ? DEFAULT_WS_TRAIN.augmentations
      : augmentation === 'none'
        ? []
        : [{ id: augmentation, p: isMixup(augmentation) ? 0.5 : 1 }];
  const trainer = await WsTrainer.create(gpu, data, { ...DEFAULT_WS_TRAIN, augmentations });
  const started = performance.now();
  const report = await trainer.runEpoch();
  const ms = performance.now() - started;
  trainer.destroy();
  gpu.device.destroy();
  if (!Number.isFinite(report.train.loss)) throw new Error('the epoch did not produce a finite loss');
  return result(
    augmentation ? `weightscape-wgsl-dws-epoch-${augmentation}` : 'weightscape-wgsl-dws-epoch',
    gpu.context.adapterName,
    data.inputs.train.length / data.layout.paramCount,
    1,
    ms,
    augmentation ? 'augment' : 'epoch',
    0,
  );
}
