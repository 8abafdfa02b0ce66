/**
 * Fitting many SIRENs: networks go through the GPU `batchSize` at a time, each trained until it reaches the stop
 * PSNR or `maxSteps`. The building block of zoo generation and of the recipe check. Each network's result depends
 * only on its own initial parameters and target, not on which batch it shared (the kernels never mix networks).
 */
import { NET_STATUS, SirenBatchKernels } from '../gpu/kernels/sirenKernels';
import type { GpuRuntime } from '../gpu/runtime';
import { meanSquaredError, psnrFromMse, sirenLayout, stopLossFor, type SirenSpec } from '../models/siren';
import type { AdamHyper } from '../reference/adam';

export interface BatchFitOptions {
  spec: SirenSpec;
  /** `[N, d0]` shared by every network */
  coords: Float32Array;
  /** `[count, N, dL]` */
  targets: Float32Array;
  /** `[count, P]` initial parameters */
  params: Float32Array;
  adam: AdamHyper;
  /** stop a network at this PSNR (dB); null: train every network for maxSteps */
  stopPsnr: number | null;
  maxSteps: number;
  /** networks on the GPU at once */
  batchSize: number;
  /** steps between checks of whether a batch is done (and progress reports); by default about CHECK_MS of work */
  checkEvery?: number;
  /**
   * Progress after every check: `done` counts each finished network as 1 and each training one as the fraction
   * of maxSteps it has taken (so it moves within a batch); `finished` counts finished networks.
   */
  onProgress?: (done: number, total: number, finished: number) => void;
  /** aborting rejects with an AbortError; nothing partial is returned */
  signal?: AbortSignal;
}

export interface BatchFitResult {
  /** `[count, P]` fitted parameters */
  params: Float32Array;
  /** optimizer steps each network took */
  steps: Uint32Array;
  /** PSNR (dB) of each network's fit */
  psnr: Float32Array;
}

/** work between two checks when checkEvery is not given (ms): progress moves at least this often */
export const CHECK_MS = 300;

export async function fitBatch(gpu: GpuRuntime, o: BatchFitOptions): Promise<BatchFitResult> {
  const P = sirenLayout(o.spec).paramCount;
  const count = o.params.length / P;
  const perTarget = o.targets.length / count;
  // adaptive: a first check after a few steps measures the time a step takes
  let checkEvery = o.checkEvery ?? 4;
  const result: BatchFitResult = {
    params: new Float32Array(count * P),
    steps: new Uint32Array(count),
    psnr: new Float32Array(count),
  };
  const abortIfAsked = (): void => {
    if (o.signal?.aborted) throw new DOMException('the fit was cancelled', 'AbortError');
  };
  await SirenBatchKernels.prepare(gpu, o.spec);
  for (let first = 0; first < count; first += o.batchSize) {
    abortIfAsked();
    const n = Math.min(o.batchSize, count - first);
    const targets = o.targets.subarray(first * perTarget, (first + n) * perTarget);
    const kernels = new SirenBatchKernels(gpu, {
      spec: o.spec,
      params: o.params.subarray(first * P, (first + n) * P),
      coords: o.coords,
      targets,
      adam: o.adam,
      stopLoss: stopLossFor(o.stopPsnr),
    });
    try {
      for (let done = 0; done < o.maxSteps;) {
        const steps = Math.min(checkEvery, o.maxSteps - done);
        const started = performance.now();
        const encoder = gpu.device.createCommandEncoder({ label: 'fitBatch' });
        kernels.encodeSteps(encoder, steps);
        gpu.device.queue.submit([encoder.finish()]);
        done += steps;
        const states = await kernels.readStates();
        abortIfAsked();
        if (o.checkEvery === undefined)
          checkEvery = Math.max(1, Math.round((steps * CHECK_MS) / Math.max(1, performance.now() - started)));
        const finished = done >= o.maxSteps ? n : states.filter((s) => s.status !== NET_STATUS.training).length;
        const partial =
          done >= o.maxSteps
            ? n
            : states.reduce((sum, s) => sum + (s.status !== NET_STATUS.training ? 1 : s.step / o.maxSteps), 0);
        o.onProgress?.(first + partial, count, first + finished);
        if (finished === n) break;
      }
      const [params, states, outputs] = await Promise.all([
        kernels.readParams(),
        kernels.readStates(),
        kernels.render(),
      ]);
      result.params.set(params, first * P);
      states.forEach((s, b) => {
        result.steps[first + b] = s.step;
        const fitted = outputs.subarray(b * perTarget, (b + 1) * perTarget);
        result.psnr[first + b] = psnrFromMse(
          meanSquaredError(fitted, targets.subarray(b * perTarget, (b + 1) * perTarget)),
        );
      });
    } finally {
      kernels.destroy();
    }
  }
  return result;
}
