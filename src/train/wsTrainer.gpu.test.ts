// The weight-space trainer on the GPU: it learns an invariant label, it is bit-reproducible for a seed, and the
// equivariant model scores the permuted test copies exactly as the plain ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Zoo } from '../data/zoo';
import type { GpuRuntime } from '../gpu/runtime';
import { testGpu, uncapturedErrors } from '../testing/gpu';
import { zooOf } from '../testing/zooFixture';
import { mlpLayout } from '../weightspace/layout';
import { Rng } from '../weightspace/rng';
import { maxRelativeError } from '../testing/compare';
import { randomSignedPermutations } from '../weightspace/symmetries';
import { fourierFeatures } from '../models/fourierFeatures';
import { twinForward } from '../reference/wsGraphTwin';
import { buildDataset, normalise } from './wsData';
import { WsPredictor } from './wsPredictor';
import { WsTrainer, type WsTrainConfig } from './wsTrainer';

let gpu: GpuRuntime;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => expect(uncapturedErrors).toEqual([]));

/** 60 random [2,4,4,1] networks; the label (0 or 1) is whether b0's mean is positive: a permutation-invariant fact. */
function syntheticZoo(): Zoo {
  const dims = [2, 4, 4, 1];
  const layout = mlpLayout(dims);
  const count = 60;
  const rng = new Rng(5);
  const params = Float32Array.from({ length: count * layout.paramCount }, () => rng.symmetric(1));
  const labels = new Int32Array(count);
  const { biasOffset, nOut } = layout.layers[0];
  for (let n = 0; n < count; n++) {
    let s = 0;
    for (let j = 0; j < nOut; j++) s += params[n * layout.paramCount + biasOffset + j];
    labels[n] = s > 0 ? 1 : 0;
  }
  return zooOf(
    dims,
    params,
    labels,
    Uint8Array.from({ length: count }, (_, i) => (i < 36 ? 0 : i < 48 ? 1 : 2)),
  );
}

// with Fourier features: an elementwise map of the input, so invariance must survive it
const config: WsTrainConfig = {
  kind: 'dws',
  depth: 1,
  channels: 4,
  lr: 1e-2,
  weightDecay: 0,
  epochs: 8,
  batchSize: 8,
  seed: 3,
  fourier: 2,
  augmentations: [],
  views: 0,
  probes: 0,
  headProbes: 0,
  canonical: false,
  normalisation: 'tensor',
};

async function train(
  overrides: Partial<WsTrainConfig> = {},
): Promise<{ losses: number[]; params: Float32Array; test: number; permuted: number }> {
  const trainer = await WsTrainer.create(gpu, buildDataset(syntheticZoo()), { ...config, ...overrides });
  const losses: number[] = [];
  let last = null;
  for (let e = 0; e < config.epochs; e++) {
    last = await trainer.runEpoch();
    losses.push(last.train.loss);
  }
  const params = await trainer.readParams();
  trainer.destroy();
  return { losses, params, test: last!.test.accuracy!, permuted: last!.testPermuted.accuracy! };
}

describe('weight-space trainer', () => {
  it('an epoch stopped after two batches is not an epoch: its metrics cover those batches, it is never the best', async () => {
    const trainer = await WsTrainer.create(gpu, buildDataset(syntheticZoo()), config);
    let reads = 0;
    // aborted from the third batch on (the trainer looks before each batch)
    const stopping = {
      get aborted() {
        return ++reads > 2;
      },
    } as AbortSignal;
    const stopped = await trainer.runEpoch(stopping);
    expect(stopped).toMatchObject({ partial: true, best: false, epoch: 0 });
    expect(Number.isFinite(stopped.train.loss)).toBe(true);
    expect(Number.isNaN(stopped.val.loss)).toBe(true);
    const full = await trainer.runEpoch();
    expect(full).toMatchObject({ epoch: 1, best: true });
    expect(full.partial).toBeUndefined();
    trainer.destroy();
  });

  it('learns an invariant label, reproducibly, with the same score on permuted test networks', async () => {
    const a = await train();
    expect(a.losses[a.losses.length - 1]).toBeLessThan(0.8 * a.losses[0]);
    expect(a.permuted).toBe(a.test);
    const b = await train();
    expect(Array.from(b.params)).toEqual(Array.from(a.params));
    expect(b.losses).toEqual(a.losses);
  });

  it('centres the invariant pool on the training INRs before the first step; the offsets are not trained', async () => {
    const data = buildDataset(syntheticZoo());
    const trainer = await WsTrainer.create(gpu, data, config);
    const { graph, poolCentre } = trainer.model;
    const { offsets, node } = poolCentre!;
    const width = offsets.cIn * offsets.cOut;
    const theta = await trainer.readParams();
    const { frequencies } = await trainer.trainedModel();
    // the twin's pooled features of the training INRs (36 of them: all are in the sample), plus the offsets
    const n = data.inputs.train.length / data.layout.paramCount;
    const values = twinForward(
      graph,
      Float64Array.from(theta),
      Float64Array.from(fourierFeatures(data.inputs.train, frequencies)),
      n,
    );
    const centred = graph.ops.find((op) => op.name === 'poolCentre')!.dst;
    for (let i = 0; i < width; i++) {
      let mean = 0;
      let spread = 0;
      for (let b = 0; b < n; b++) mean += values[centred][b * width + i] / n;
      for (let b = 0; b < n; b++) spread = Math.max(spread, Math.abs(values[node][b * width + i]));
      expect(Math.abs(mean)).toBeLessThan(1e-5 * spread);
    }
    // AdamW without decay leaves them as set; the trained blocks move
    await trainer.runEpoch();
    const after = await trainer.readParams();
    const slice = (t: Float32Array) => Array.from(t.subarray(offsets.offset, offsets.offset + width));
    expect(slice(after)).toEqual(slice(theta));
    expect(Array.from(after)).not.toEqual(Array.from(theta));
    trainer.destroy();
  });

  it('without Fourier features (the normalised weights themselves as input) it learns too, with the same invariance', async () => {
    const raw = await train({ fourier: 0 });
    expect(raw.losses[raw.losses.length - 1]).toBeLessThan(0.8 * raw.losses[0]);
    expect(raw.permuted).toBe(raw.test);
  });

  it('with augmentations (aligned mixup, noise, a permutation) it is still bit-reproducible from its seed, and they change the run', async () => {
    const augmentations: WsTrainConfig['augmentations'] = [
      { id: 'mixupAlignedSigned', p: 0.5 },
      { id: 'noise', p: 1 },
      { id: 'permute', p: 1 },
    ];
    const a = await train({ augmentations, epochs: 2 });
    const b = await train({ augmentations, epochs: 2 });
    expect(Array.from(b.params)).toEqual(Array.from(a.params));
    expect(a.permuted).toBe(a.test);
    const plain = await train({ epochs: 2 });
    expect(Array.from(plain.params)).not.toEqual(Array.from(a.params));
  });

  it('the probe reader learns its points, reproducibly, and scores signed permutations of a network as the network', async () => {
    const probe = { kind: 'probe' as const, depth: 1, channels: 8, probes: 6, fourier: 0, lr: 2e-2 };
    const data = buildDataset(syntheticZoo());
    const trainer = await WsTrainer.create(gpu, data, { ...config, ...probe });
    const { probeCoords } = trainer.model;
    const coordsOf = (theta: Float32Array) => Array.from(theta.subarray(probeCoords!.offset, probeCoords!.offset + 12));
    const before = coordsOf(await trainer.readParams());
    expect(before.every((c) => c >= -1 && c <= 1)).toBe(true);
    const losses: number[] = [];
    for (let e = 0; e < config.epochs; e++) losses.push((await trainer.runEpoch()).train.loss);
    const params = await trainer.readParams();
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
    // the points moved: their gradient reached Adam
    expect(coordsOf(params)).not.toEqual(before);
    // a hidden permutation with random signs of each test network: the same outputs
    const layout = data.layout;
    const P = layout.paramCount;
    const rng = new Rng(8);
    const raw = data.inputs.test.map(
      (x, i) => x * data.stats.std[data.stats.tensorOf[i % P]] + data.stats.mean[data.stats.tensorOf[i % P]],
    );
    const moved = randomSignedPermutations(layout, raw, rng);
    const plain = await trainer.predictInputs(normalise(layout, data.stats, raw));
    const signed = await trainer.predictInputs(normalise(layout, data.stats, moved));
    expect(maxRelativeError(signed, plain)).toBeLessThan(1e-4);
    trainer.destroy();
    // the same seed, the same run
    const again = await WsTrainer.create(gpu, data, { ...config, ...probe });
    for (let e = 0; e < config.epochs; e++) await again.runEpoch();
    expect(Array.from(await again.readParams())).toEqual(Array.from(params));
    again.destroy();
  });

  it('DWS on canonical networks gives a signed permutation of a network its output (≤ 1e-4); without, it does not', async () => {
    const zoo = syntheticZoo();
    const layout = mlpLayout(zoo.recipe.dims);
    const raw = zoo.params.subarray(0, 12 * layout.paramCount);
    const moved = randomSignedPermutations(layout, raw, new Rng(9));
    const gaps: Record<string, number> = {};
    for (const canonical of [true, false]) {
      const trainer = await WsTrainer.create(gpu, buildDataset(zoo, { canonical }), {
        ...config,
        epochs: 2,
        canonical,
      });
      for (let e = 0; e < 2; e++) await trainer.runEpoch();
      const predictor = await WsPredictor.create(gpu, await trainer.trainedModel());
      trainer.destroy();
      gaps[String(canonical)] = maxRelativeError(await predictor.predict(moved), await predictor.predict(raw));
      predictor.destroy();
    }
    expect(gaps.true).toBeLessThan(1e-4);
    expect(gaps.false).toBeGreaterThan(1e-3);
  });

  it("a lowered learning rate is the one the model file records, with the recipe's beside it", async () => {
    const trainer = await WsTrainer.create(gpu, buildDataset(syntheticZoo()), { ...config, epochs: 1 });
    expect(JSON.parse((await trainer.trainedModel()).training).initialLr).toBeUndefined();
    trainer.setLearningRate(1e-4);
    const training = JSON.parse((await trainer.trainedModel()).training) as { lr: number; initialLr: number };
    expect([training.lr, training.initialLr, trainer.learningRate]).toEqual([1e-4, config.lr, 1e-4]);
    trainer.destroy();
  });
});
