/**
 * `ws eval`: a model file on every INR of a zoo file, in file order — accuracy and predicted classes (or values),
 * and the same on randomly permuted copies of the INRs (an equivariant model's answers do not change).
 */
import type { GpuRuntime } from '../gpu/runtime';
import { predictedClasses, WsPredictor } from '../train/wsPredictor';
import { mlpLayout } from '../weightspace/layout';
import { Rng } from '../weightspace/rng';
import { permuteHidden, randomHiddenPermutation } from '../weightspace/symmetries';
import { CliError, EXIT } from './cliErrors';
import { readModel, readZoo } from './cliFiles';

export interface EvalArgs {
  model: string;
  zoo: string;
  /** seeds the permuted copies */
  seed: number;
}

export async function evalCommand(gpu: GpuRuntime, a: EvalArgs) {
  const model = readModel(a.model);
  const zoo = readZoo(a.zoo);
  if (zoo.recipe.dims.join() !== model.dims.join()) {
    throw new CliError(`${a.zoo} holds INRs of dims [${zoo.recipe.dims.join(', ')}]; the model reads [${model.dims.join(', ')}]`, EXIT.badInput);
  }
  const started = performance.now();
  const layout = mlpLayout(model.dims);
  const P = layout.paramCount;
  const rng = new Rng(a.seed);
  const permuted = new Float32Array(zoo.params.length);
  for (let i = 0; i < zoo.count; i++) permuted.set(permuteHidden(layout, zoo.params.subarray(i * P, (i + 1) * P), randomHiddenPermutation(layout, rng)), i * P);
  const predictor = await WsPredictor.create(gpu, model);
  const [outputs, outputsPermuted] = [await predictor.predict(zoo.params), await predictor.predict(permuted)];
  predictor.destroy();
  const seconds = (performance.now() - started) / 1000;
  const K = model.spec.outputs;
  if (model.task === 'regression') {
    if (zoo.valueDim !== K) throw new CliError(`${a.zoo} has ${zoo.valueDim} target values per INR; the model predicts ${K}`, EXIT.badInput);
    const mse = (out: Float32Array): number => out.reduce((s, v, i) => s + (v - zoo.values[i]) ** 2, 0) / Math.max(1, out.length);
    return { count: zoo.count, task: 'regression', mse: mse(outputs), msePermuted: mse(outputsPermuted), predictions: Array.from(outputs), seconds };
  }
  const predictions = predictedClasses(outputs, K);
  const permutedPredictions = predictedClasses(outputsPermuted, K);
  const accuracy = (p: Int32Array): number => p.reduce((s, c, i) => s + (c === zoo.labels[i] ? 1 : 0), 0) / Math.max(1, zoo.count);
  return {
    count: zoo.count,
    task: 'class',
    accuracy: accuracy(predictions),
    accuracyPermuted: accuracy(permutedPredictions),
    /** fraction of INRs whose predicted class is the same for the INR and its permuted copy */
    agreementPermuted: predictions.reduce((s, c, i) => s + (c === permutedPredictions[i] ? 1 : 0), 0) / Math.max(1, zoo.count),
    predictions: Array.from(predictions),
    seconds,
  };
}
