/** Twins of shaders/loss.wgsl: per-network losses and the gradient of their batch mean. */

/**
 * Softmax cross-entropy with soft labels (mixup needs them): loss_n = -Σ_k t_nk log softmax(z_n)_k,
 * d(mean loss)/dz_nk = (softmax(z_n)_k · Σ_k t_nk - t_nk) / batch.
 */
export function softmaxCrossEntropy(
  logits: ArrayLike<number>,
  targets: ArrayLike<number>,
  classes: number,
): { losses: Float64Array; dLogits: Float64Array } {
  const batch = logits.length / classes;
  const losses = new Float64Array(batch);
  const dLogits = new Float64Array(logits.length);
  for (let n = 0; n < batch; n++) {
    let max = -Infinity;
    for (let k = 0; k < classes; k++) max = Math.max(max, logits[n * classes + k]);
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += Math.exp(logits[n * classes + k] - max);
    const logSum = Math.log(sum);
    let mass = 0;
    for (let k = 0; k < classes; k++) mass += targets[n * classes + k];
    for (let k = 0; k < classes; k++) {
      const logP = logits[n * classes + k] - max - logSum;
      const t = targets[n * classes + k];
      losses[n] -= t * logP;
      dLogits[n * classes + k] = (Math.exp(logP) * mass - t) / batch;
    }
  }
  return { losses, dLogits };
}

/** Mean squared error per network, loss_n = Σ_d (y_nd - t_nd)² / D; d(mean loss)/dy_nd = 2 (y_nd - t_nd) / (D · batch). */
export function meanSquaredErrorLoss(
  outputs: ArrayLike<number>,
  targets: ArrayLike<number>,
  dim: number,
): { losses: Float64Array; dLogits: Float64Array } {
  const batch = outputs.length / dim;
  const losses = new Float64Array(batch);
  const dLogits = new Float64Array(outputs.length);
  for (let n = 0; n < batch; n++) {
    for (let d = 0; d < dim; d++) {
      const e = outputs[n * dim + d] - targets[n * dim + d];
      losses[n] += (e * e) / dim;
      dLogits[n * dim + d] = (2 * e) / (dim * batch);
    }
  }
  return { losses, dLogits };
}
