/**
 * `ws eval`: a model file on every INR of a zoo file (or of one split), in file order — accuracy and predicted classes (or values),
 * and the same on randomly permuted copies of the INRs (an equivariant model's answers do not change).
 */
import { splitIndices, type SplitName } from '../data/zoo';
import type { GpuRuntime } from '../gpu/runtime';
import { evaluateClassifier, modelOutputs } from '../train/evaluateModel';
import { CliError, EXIT } from './cliErrors';
import { readModel, readZoo } from './cliFiles';
import { editEvalCommand } from './editCommands';

export interface EvalArgs {
  model: string;
  zoo: string;
  /** the INRs evaluated: all (file order) or one split (its order in the file) */
  split: 'all' | SplitName;
  /** seeds the permuted copies */
  seed: number;
}

export async function evalCommand(gpu: GpuRuntime, a: EvalArgs) {
  const model = readModel(a.model);
  const zoo = readZoo(a.zoo);
  if (zoo.recipe.dims.join() !== model.dims.join()) {
    throw new CliError(
      `${a.zoo} holds INRs of dims [${zoo.recipe.dims.join(', ')}]; the model reads [${model.dims.join(', ')}]`,
      EXIT.badInput,
    );
  }
  const started = performance.now();
  const rows = a.split === 'all' ? Array.from(zoo.labels.keys()) : splitIndices(zoo, a.split);
  if (model.task === 'edit') return editEvalCommand(gpu, model, zoo, rows);
  if (model.task === 'class') {
    const { accuracy, accuracyPermuted, agreement, predictions, count } = await evaluateClassifier(
      gpu,
      model,
      zoo,
      rows,
      a.seed,
    );
    return {
      count,
      task: 'class',
      accuracy,
      accuracyPermuted,
      agreementPermuted: agreement,
      predictions,
      seconds: (performance.now() - started) / 1000,
    };
  }
  if (zoo.valueDim !== model.spec.outputs)
    throw new CliError(
      `${a.zoo} has ${zoo.valueDim} target values per INR; the model predicts ${model.spec.outputs}`,
      EXIT.badInput,
    );
  const { outputs, outputsPermuted } = await modelOutputs(gpu, model, zoo, rows, a.seed);
  const K = zoo.valueDim;
  const mse = (out: Float32Array): number =>
    out.reduce((s, v, i) => s + (v - zoo.values[rows[Math.floor(i / K)] * K + (i % K)]) ** 2, 0) /
    Math.max(1, out.length);
  return {
    count: rows.length,
    task: 'regression',
    mse: mse(outputs),
    msePermuted: mse(outputsPermuted),
    predictions: Array.from(outputs),
    seconds: (performance.now() - started) / 1000,
  };
}
