// Trained readers from their files, end to end on the GPU, against the float64 SIREN and graph twins: the readers of
// outputs (per-tensor normalisation undone in the kernel, the outputs at the points, the dense head) and the
// flattened MLP with per-weight normalisation, and a DWS whose head reads probe features beside its pooled weights.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GpuRuntime } from '../gpu/runtime';
import { initSirenBatch } from '../models/siren';
import type { TrainedModel } from '../models/trainedModel';
import { buildWsModel, initWsParams, type WsModelSpec } from '../models/wsModel';
import { sirenForward } from '../reference/siren';
import { twinForward } from '../reference/wsGraphTwin';
import { maxRelativeError } from '../testing/compare';
import { testGpu, uncapturedErrors } from '../testing/gpu';
import { mlpLayout } from '../weightspace/layout';
import { canonicalBatch } from '../weightspace/canonical';
import { Rng } from '../weightspace/rng';
import { randomSignedPermutations } from '../weightspace/symmetries';
import { statsFrom } from './wsData';
import { WsPredictor } from './wsPredictor';

let gpu: GpuRuntime;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => expect(uncapturedErrors).toEqual([]));

const dims = [2, 8, 8, 1];
const layout = mlpLayout(dims);
const P = layout.paramCount;

/**
 * A one-layer reader of `spec` with initial Θ and the given input statistics, saved as a record, read back by the
 * predictor and run on 4 networks: its outputs, the model and the networks (for the twins).
 */
async function predictWith(
  spec: WsModelSpec,
  mean: Float64Array,
  std: Float64Array,
  networks = initSirenBatch({ dims, omega0: 30 }, 4, 2),
) {
  const model = buildWsModel(layout, spec);
  const theta = initWsParams(model, 6);
  const record: TrainedModel = {
    spec,
    dims,
    omega0: 30,
    task: 'class',
    theta,
    frequencies: new Float64Array(0),
    mean,
    std,
    valueMean: new Float64Array(0),
    valueStd: new Float64Array(0),
    training: '{}',
  };
  const predictor = await WsPredictor.create(gpu, record, 3);
  const got = await predictor.predict(networks);
  predictor.destroy();
  return { got, model, theta, networks };
}

describe.each(['pixels', 'probe'] as const)('the %s reader', (kind) => {
  it('predicts what the twins compute from the raw networks', async () => {
    const tensors = 2 * layout.layers.length;
    const spec = {
      kind,
      depth: 1,
      channels: 5,
      outputs: 3,
      inputChannels: 1,
      ...(kind === 'probe' ? { probes: 7 } : {}),
    };
    const { got, model, theta, networks } = await predictWith(
      spec,
      Float64Array.from({ length: tensors }, (_, t) => 0.01 * t),
      Float64Array.from({ length: tensors }, (_, t) => 0.5 + 0.1 * t),
    );
    const points = model.pixelGrid ?? theta.subarray(model.probeCoords!.offset, model.probeCoords!.offset + 14);
    const features = sirenForward({ dims, omega0: 30 }, networks, points);
    const expected = twinForward(model.graph, Float64Array.from(theta), features, 4)[model.graph.output];
    expect(maxRelativeError(got, expected)).toBeLessThan(1e-5);
  });
});

describe('the flattened MLP with per-weight statistics', () => {
  it('standardises every weight by its own mean and std before the twin’s dense layers', async () => {
    const mean = Float64Array.from({ length: P }, (_, i) => 0.01 * Math.sin(i));
    const std = Float64Array.from({ length: P }, (_, i) => 0.2 + 0.001 * i);
    const spec = { kind: 'mlp' as const, depth: 1, channels: 5, outputs: 3, inputChannels: 1 };
    const { got, model, theta, networks } = await predictWith(spec, mean, std);
    const input = Float64Array.from(networks, (x, k) => (x - mean[k % P]) / std[k % P]);
    const expected = twinForward(model.graph, Float64Array.from(theta), input, 4)[model.graph.output];
    expect(maxRelativeError(got, expected)).toBeLessThan(1e-5);
  });
});

describe('DWS with head probes on canonical networks', () => {
  const tensors = 2 * layout.layers.length;
  const mean = Float64Array.from({ length: tensors }, (_, t) => 0.02 * t);
  const std = Float64Array.from({ length: tensors }, (_, t) => 0.4 + 0.1 * t);
  const spec = { kind: 'dws' as const, depth: 1, channels: 3, outputs: 3, inputChannels: 1, headProbes: 6 };

  it('predicts what the twins compute: the pooled canonical weights beside the outputs at the probe points', async () => {
    const { got, model, theta, networks } = await predictWith({ ...spec, canonical: true }, mean, std);
    const canonical = canonicalBatch(layout, networks, 30);
    const stats = statsFrom(layout, mean, std);
    const weights = Float64Array.from(
      canonical,
      (x, k) => (x - mean[stats.tensorOf[k % P]]) / std[stats.tensorOf[k % P]],
    );
    const points = theta.subarray(model.probeCoords!.offset, model.probeCoords!.offset + 12);
    const features = sirenForward({ dims, omega0: 30 }, networks, points);
    const expected = twinForward(model.graph, Float64Array.from(theta), [weights, features], 4)[model.graph.output];
    expect(maxRelativeError(got, expected)).toBeLessThan(1e-5);
  });

  it('gives a signed permutation of a network its output (≤ 1e-4); on raw weights it does not', async () => {
    // the 4 networks, then a signed permutation of each, read by one predictor
    const networks = initSirenBatch({ dims, omega0: 30 }, 4, 2);
    const both = new Float32Array(2 * networks.length);
    both.set(networks);
    both.set(randomSignedPermutations(layout, networks, new Rng(4)), networks.length);
    const gaps: number[] = [];
    for (const canonical of [true, false]) {
      const { got } = await predictWith({ ...spec, canonical }, mean, std, both);
      gaps.push(maxRelativeError(got.subarray(4 * 3), got.subarray(0, 4 * 3)));
    }
    expect(gaps[0]).toBeLessThan(1e-4);
    expect(gaps[1]).toBeGreaterThan(1e-3);
  });
});
