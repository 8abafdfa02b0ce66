/** W1 on TF.js (the same shapes and recipe) with its webgpu or webgl backend: the in-browser baseline. */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { imageGrid, initSirenBatch } from '../src/models/siren';
import { mlpLayout } from '../src/weightspace/layout';
import { Rng } from '../src/weightspace/rng';
import { result, timeSteps, W1, type BenchResult } from './workloads';

export async function benchTfjsW1(
  backend: 'webgpu' | 'webgl',
  batch: number,
  minSteps: number,
  budgetMs: number,
): Promise<BenchResult> {
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} is unavailable`);
  await tf.ready();
  const spec = { dims: W1.dims, omega0: W1.omega0 };
  const layout = mlpLayout(spec.dims);
  const flat = initSirenBatch(spec, batch, 1);
  const P = layout.paramCount;
  // per layer: W [B, nOut, nIn], b [B, 1, nOut]
  const vars = layout.layers.map((l) => {
    const w = new Float32Array(batch * l.nOut * l.nIn);
    const b = new Float32Array(batch * l.nOut);
    for (let n = 0; n < batch; n++) {
      w.set(flat.subarray(n * P + l.weightOffset, n * P + l.weightOffset + l.nOut * l.nIn), n * l.nOut * l.nIn);
      b.set(flat.subarray(n * P + l.biasOffset, n * P + l.biasOffset + l.nOut), n * l.nOut);
    }
    return {
      w: tf.variable(tf.tensor3d(w, [batch, l.nOut, l.nIn])),
      b: tf.variable(tf.tensor3d(b, [batch, 1, l.nOut])),
    };
  });
  const points = W1.side * W1.side;
  const x = tf.tensor3d(imageGrid(W1.side), [1, points, 2]).tile([batch, 1, 1]);
  const rng = new Rng(1);
  const target = tf.tensor3d(
    Float32Array.from({ length: batch * points }, () => rng.uniform()),
    [batch, points, 1],
  );
  const optimizer = tf.train.adam(W1.lr, 0.9, 0.999, 1e-8);
  const loss = (): tf.Scalar =>
    tf.tidy(() => {
      let h: tf.Tensor = x;
      vars.forEach((v, l) => {
        const z = tf.add(tf.matMul(h as tf.Tensor3D, v.w, false, true), v.b);
        h = l < vars.length - 1 ? tf.sin(tf.mul(z, W1.omega0)) : tf.add(z, 0.5);
      });
      // sum over networks of each network's MSE
      return tf.sum(tf.mean(tf.square(tf.sub(h, target)), [1, 2])) as tf.Scalar;
    });
  const [steps, ms] = await timeSteps(
    async (n) => {
      for (let i = 0; i < n; i++) optimizer.minimize(loss);
      await tf.ready();
      // force completion of the queued work
      const probe = vars[0].w.sum();
      await probe.data();
      probe.dispose();
    },
    minSteps,
    budgetMs,
  );
  return result(`tfjs-${backend}`, backend, batch, steps, ms);
}
