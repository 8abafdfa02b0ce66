/**
 * A trained model (from its file) on INRs of a zoo: its outputs on the INRs and on randomly permuted copies of them
 * (seeded), and for classifiers the accuracy of each and how often the two predictions agree. Used by `ws eval` and
 * by the app's "evaluate a model file".
 */
import type { Zoo } from '../data/zoo';
import type { GpuRuntime } from '../gpu/runtime';
import type { TrainedModel } from '../models/trainedModel';
import { mlpLayout } from '../weightspace/layout';
import { Rng } from '../weightspace/rng';
import { permuteHidden, randomHiddenPermutation } from '../weightspace/symmetries';
import { predictedClasses, WsPredictor } from './wsPredictor';

export interface ModelOutputs {
  /** `[rows, outputs]` logits or values, and the same on the permuted copies */
  outputs: Float32Array;
  outputsPermuted: Float32Array;
}

export async function modelOutputs(
  gpu: GpuRuntime,
  model: TrainedModel,
  zoo: Zoo,
  rows: readonly number[],
  seed: number,
): Promise<ModelOutputs> {
  const layout = mlpLayout(model.dims);
  const P = layout.paramCount;
  const rng = new Rng(seed);
  const plain = new Float32Array(rows.length * P);
  const permuted = new Float32Array(rows.length * P);
  rows.forEach((r, i) => {
    const net = zoo.params.subarray(r * P, (r + 1) * P);
    plain.set(net, i * P);
    permuted.set(permuteHidden(layout, net, randomHiddenPermutation(layout, rng)), i * P);
  });
  const predictor = await WsPredictor.create(gpu, model);
  try {
    return { outputs: await predictor.predict(plain), outputsPermuted: await predictor.predict(permuted) };
  } finally {
    predictor.destroy();
  }
}

export interface ClassifierScore {
  count: number;
  accuracy: number;
  accuracyPermuted: number;
  /** fraction of INRs whose predicted class is the same for the INR and its permuted copy */
  agreement: number;
  predictions: number[];
}

export async function evaluateClassifier(
  gpu: GpuRuntime,
  model: TrainedModel,
  zoo: Zoo,
  rows: readonly number[],
  seed: number,
): Promise<ClassifierScore> {
  const { outputs, outputsPermuted } = await modelOutputs(gpu, model, zoo, rows, seed);
  const K = model.spec.outputs;
  const plain = predictedClasses(outputs, K);
  const permuted = predictedClasses(outputsPermuted, K);
  const fraction = (hit: (i: number) => boolean): number =>
    rows.reduce((s, _, i) => s + (hit(i) ? 1 : 0), 0) / Math.max(1, rows.length);
  return {
    count: rows.length,
    accuracy: fraction((i) => plain[i] === zoo.labels[rows[i]]),
    accuracyPermuted: fraction((i) => permuted[i] === zoo.labels[rows[i]]),
    agreement: fraction((i) => plain[i] === permuted[i]),
    predictions: Array.from(plain),
  };
}
