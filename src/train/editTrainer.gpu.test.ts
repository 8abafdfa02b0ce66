// Editing models on the GPU: one batch's loss and ∂L/∂Θ (γ included) against the float64 twin chain (graph twin →
// edit compose → SIREN render loss → adjoint → graph twin backward); the edit is equivariant from outside
// (a permuted INR gets the permuted Δ, and the same edited render); training lowers the loss.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Zoo } from '../data/zoo';
import type { GpuRuntime } from '../gpu/runtime';
import { imageGrid, initSirenBatch } from '../models/siren';
import { editRenderLoss } from '../reference/editCompose';
import { twinBackward, twinForward } from '../reference/wsGraphTwin';
import { maxRelativeError } from '../testing/compare';
import { testGpu, uncapturedErrors } from '../testing/gpu';
import { zooOf } from '../testing/zooFixture';
import { mlpLayout } from '../weightspace/layout';
import { Rng } from '../weightspace/rng';
import { permuteBatch, randomHiddenPermutation } from '../weightspace/symmetries';
import { buildEditData, editNetworks, type EditData } from './editData';
import { DEFAULT_EDIT_TRAIN, EditTrainer, type EditModelKind } from './editTrainer';
import { renderSirensGpu } from './renderSirens';
import { WsPredictor } from './wsPredictor';

let gpu: GpuRuntime;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => expect(uncapturedErrors).toEqual([]));

const spec = { dims: [2, 8, 8, 1], omega0: 30 };
const layout = mlpLayout(spec.dims);
const P = layout.paramCount;

/** 12 SIREN-initialised INRs (8 train, 2 val, 2 test): renders with structure, edits that change them. */
function zoo(): Zoo {
  const count = 12;
  return zooOf(
    spec.dims,
    initSirenBatch(spec, count, 3),
    Int32Array.from({ length: count }, (_, i) => i % 10),
    Uint8Array.from({ length: count }, (_, i) => (i < 8 ? 0 : i < 10 ? 1 : 2)),
  );
}

const config = (kind: EditModelKind) => ({ ...DEFAULT_EDIT_TRAIN, kind, depth: 1, channels: 3, batchSize: 4 });

describe.each(['dws', 'nfn', 'mlp'] as EditModelKind[])('%s editing model', (kind) => {
  let data: EditData;
  beforeAll(async () => {
    data = await buildEditData(gpu, zoo(), 'dilate');
  });

  it('one batch: the loss and ∂L/∂Θ (γ included) match the twin chain', async () => {
    const trainer = await EditTrainer.create(gpu, data, config(kind));
    const graph = trainer.model.graph;
    const rng = new Rng(8);
    const theta = Float32Array.from({ length: graph.params.size }, () => rng.symmetric(0.5));
    const gammaAt = trainer.model.editScale!.offset;
    theta[gammaAt] = 0.3;
    trainer.setParams(theta);
    const B = 4;
    const { loss, dTheta } = await trainer.gradient(B);
    trainer.destroy();

    const th = Float64Array.from(theta);
    const x = Float64Array.from(data.inputs.train.subarray(0, B * P));
    const values = twinForward(graph, th, x, B);
    const delta = values[graph.output];
    const twin = editRenderLoss(
      spec,
      data.nets.train.subarray(0, B * P),
      delta,
      data.sigma,
      theta[gammaAt],
      imageGrid(28),
      data.targets.train.subarray(0, B * 28 * 28),
    );
    const back = twinBackward(graph, th, values, twin.dDelta, B);
    back.dTheta[gammaAt] = twin.dGamma;
    expect(Math.abs(loss - twin.loss) / twin.loss).toBeLessThan(1e-4);
    expect(maxRelativeError(dTheta, back.dTheta)).toBeLessThan(1e-3);
  });

  it(`${kind === 'mlp' ? 'is not' : 'is'} equivariant from outside: a permuted INR gets the permuted edit`, async () => {
    const trainer = await EditTrainer.create(gpu, data, { ...config(kind), epochs: 1 });
    await trainer.runEpoch();
    const model = await trainer.trainedModel();
    trainer.destroy();
    const nets = data.nets.test;
    const perms = [0, 1].map((i) => randomHiddenPermutation(layout, new Rng(40 + i)));
    const moved = permuteBatch(layout, nets, perms);
    const predictor = await WsPredictor.create(gpu, model);
    const [delta, deltaMoved] = [await predictor.predict(nets), await predictor.predict(moved)];
    predictor.destroy();
    const gap = maxRelativeError(deltaMoved, permuteBatch(layout, delta, perms));
    const grid = imageGrid(28);
    const renders = await renderSirensGpu(gpu, spec, editNetworks(model, nets, delta), grid);
    const rendersMoved = await renderSirensGpu(gpu, spec, editNetworks(model, moved, deltaMoved), grid);
    const renderGap = Math.max(...renders.map((v, i) => Math.abs(v - rendersMoved[i])));
    if (kind === 'mlp') expect(gap).toBeGreaterThan(1e-3);
    else {
      expect(gap).toBeLessThan(1e-5);
      expect(renderGap).toBeLessThan(1e-5);
    }
  });
});

it('training an edit lowers its loss (invert, DWS, 8 epochs)', async () => {
  const data = await buildEditData(gpu, zoo(), 'invert');
  const trainer = await EditTrainer.create(gpu, data, { ...config('dws'), edit: 'invert', lr: 1e-2, epochs: 8 });
  const losses = [];
  for (let e = 0; e < 8; e++) losses.push((await trainer.runEpoch()).train);
  trainer.destroy();
  expect(losses[7]).toBeLessThan(0.7 * losses[0]);
});
