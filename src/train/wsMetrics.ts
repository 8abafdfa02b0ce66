/** Metrics of weight-space model predictions, computed on the host from the outputs. */
import { meanSquaredErrorLoss, softmaxCrossEntropy } from '../reference/losses';

export interface SplitMetrics {
  loss: number;
  /** classification: fraction correct */
  accuracy?: number;
  /** regression: R² of each output */
  r2?: number[];
}

export function argmax(v: ArrayLike<number>, from: number, n: number): number {
  let best = 0;
  for (let k = 1; k < n; k++) if (v[from + k] > v[from + best]) best = k;
  return best;
}

export function classMetrics(logits: Float32Array, targets: Float32Array, classes: number): SplitMetrics {
  const count = logits.length / classes;
  if (count === 0) return { loss: NaN, accuracy: NaN };
  const { losses } = softmaxCrossEntropy(logits, targets, classes);
  let correct = 0;
  for (let n = 0; n < count; n++)
    if (argmax(logits, n * classes, classes) === argmax(targets, n * classes, classes)) correct++;
  return { loss: losses.reduce((s, v) => s + v, 0) / count, accuracy: correct / count };
}

/** R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² per output dimension. */
export function regressionMetrics(outputs: Float32Array, targets: Float32Array, dim: number): SplitMetrics {
  const count = outputs.length / dim;
  if (count === 0) return { loss: NaN, r2: Array.from({ length: dim }, () => NaN) };
  const { losses } = meanSquaredErrorLoss(outputs, targets, dim);
  const r2 = Array.from({ length: dim }, (_, d) => {
    let mean = 0;
    for (let n = 0; n < count; n++) mean += targets[n * dim + d] / count;
    let sse = 0;
    let sst = 0;
    for (let n = 0; n < count; n++) {
      sse += (targets[n * dim + d] - outputs[n * dim + d]) ** 2;
      sst += (targets[n * dim + d] - mean) ** 2;
    }
    return 1 - sse / sst;
  });
  return { loss: losses.reduce((s, v) => s + v, 0) / count, r2 };
}

/** Confusion matrix [true][predicted] counts. */
export function confusionMatrix(logits: Float32Array, targets: Float32Array, classes: number): number[][] {
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let n = 0; n < logits.length / classes; n++)
    m[argmax(targets, n * classes, classes)][argmax(logits, n * classes, classes)]++;
  return m;
}
