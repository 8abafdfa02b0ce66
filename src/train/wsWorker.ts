/// <reference lib="webworker" />
/**
 * The weight-space Worker: owns its own GPU device; generates zoos (cancellable) and trains weight-space models
 * epoch by epoch (pause and resume between epochs, stop between batches); speaks wsProtocol.ts.
 */
import { loadMnist, type MnistSet } from '../data/mnistFile';
import { parseZoo, serializeZoo } from '../data/zoo';
import { acquireGpu, GpuUnavailableError, type GpuFailure } from '../gpu/device';
import { GpuRuntime } from '../gpu/runtime';
import { runAblation } from './ablation';
import type { AblationArm } from './ablationPlan';
import { symmetricCopies } from './symmetricCopies';
import { buildDataset, normalise } from './wsData';
import type { WsEvent, WsRequest } from './wsProtocol';
import { WsTrainer, type WsTrainConfig } from './wsTrainer';
import { generateZoo } from './zooGen';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const emit = (event: WsEvent, transfer: Transferable[] = []): void => scope.postMessage(event, transfer);

let gpu: Promise<GpuRuntime> | null = null;
let mnist: Promise<MnistSet> | null = null;
let generation: AbortController | null = null;
let training: { runId: number; stop: AbortController; paused: boolean; wake: (() => void) | null } | null = null;

function runtime(): Promise<GpuRuntime> {
  gpu ??= acquireGpu((failure) => emit({ type: 'gpu-failed', failure })).then((context) => {
    context.device.addEventListener('uncapturederror', (event) => emit({ type: 'error', scope: 'gpu', message: `GPU error: ${(event as GPUUncapturedErrorEvent).error.message}` }));
    return new GpuRuntime(context);
  });
  return gpu;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

async function generate(recipe: Parameters<typeof generateZoo>[1], name: string, dataUrl: string): Promise<void> {
  generation?.abort();
  const controller = new AbortController();
  generation = controller;
  try {
    const g = await runtime();
    if (recipe.task === 'mnist') mnist ??= loadMnist(dataUrl);
    const zoo = await generateZoo(g, recipe, {
      mnist: recipe.task === 'mnist' ? await mnist! : undefined,
      name,
      signal: controller.signal,
      onProgress: (progress) => emit({ type: 'zoo-progress', progress }),
    });
    const bytes = serializeZoo(zoo);
    emit({ type: 'zoo-done', zoo: bytes }, [bytes]);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') emit({ type: 'zoo-cancelled' });
    else emit({ type: 'error', scope: 'zoo', message: `Zoo generation failed: ${message(err)}` });
  } finally {
    if (generation === controller) generation = null;
  }
}

async function train(runId: number, zooBytes: ArrayBuffer, config: WsTrainConfig): Promise<void> {
  training?.stop.abort();
  const run = { runId, stop: new AbortController(), paused: false, wake: null as (() => void) | null };
  training = run;
  let trainer: WsTrainer | null = null;
  try {
    const zoo = parseZoo(zooBytes);
    const data = buildDataset(zoo, { views: config.views });
    trainer = await WsTrainer.create(await runtime(), data, config);
    emit({ type: 'train-started', runId, parameters: trainer.parameterCount });
    for (let e = 0; e < config.epochs && !run.stop.signal.aborted; e++) {
      while (run.paused && !run.stop.signal.aborted) await new Promise<void>((resolve) => (run.wake = resolve));
      if (run.stop.signal.aborted) break;
      const report = await trainer.runEpoch(run.stop.signal);
      if (!Number.isFinite(report.train.loss)) {
        emit({ type: 'error', scope: 'train', message: `Training diverged at epoch ${report.epoch} (loss ${report.train.loss}); lower the learning rate.` });
        break;
      }
      emit({ type: 'epoch', runId, report });
    }
    trainer.restoreBest();
    const [outputs, outputsPermuted] = [await trainer.predict('test'), await trainer.predict('testPermuted')];
    // the invariance demo: the first test INR in 24 symmetric copies
    const row = data.rows.test[0] ?? data.rows.train[0];
    const copies = symmetricCopies(data.layout, zoo.params.subarray(row * zoo.paramCount, (row + 1) * zoo.paramCount), 24, 4242);
    const copyOutputs = await trainer.predictInputs(normalise(data.layout, data.stats, copies.networks));
    emit(
      { type: 'train-done', runId, stopped: run.stop.signal.aborted, predictions: {
          runId,
          copies: { row, outputs: copyOutputs, kinds: copies.kinds },
          outputs,
          outputsPermuted,
          task: data.task,
          rows: data.rows.test,
          labels: data.rows.test.map((r) => zoo.labels[r]),
          values: data.rows.test.flatMap((r) => Array.from(zoo.values.subarray(r * zoo.valueDim, (r + 1) * zoo.valueDim))),
          valueMean: data.valueMean,
          valueStd: data.valueStd,
        },
      },
      [outputs.buffer, outputsPermuted.buffer, copyOutputs.buffer],
    );
  } catch (err) {
    emit({ type: 'error', scope: 'train', message: `Training failed: ${message(err)}` });
  } finally {
    trainer?.destroy();
    if (training === run) training = null;
  }
}

/** Every arm × seed, one after another; stopped by 'stop' (between batches). */
async function ablation(zooBytes: ArrayBuffer, base: WsTrainConfig, arms: AblationArm[], seeds: number[]): Promise<void> {
  training?.stop.abort();
  const run = { runId: -1, stop: new AbortController(), paused: false, wake: null as (() => void) | null };
  training = run;
  try {
    const zoo = parseZoo(zooBytes);
    const total = arms.length * seeds.length;
    let done = 0;
    await runAblation(await runtime(), zoo, base, arms, {
      seeds,
      signal: run.stop.signal,
      onEpoch: (arm, seed, report, epochs) => emit({ type: 'ablation-progress', done, total, arm, seed, epoch: report.epoch, epochs }),
      onRun: (r) => {
        done++;
        emit({ type: 'ablation-run', run: r });
      },
    });
    emit({ type: 'ablation-done', stopped: run.stop.signal.aborted });
  } catch (err) {
    emit({ type: 'error', scope: 'ablation', message: `The ablation failed: ${message(err)}` });
  } finally {
    if (training === run) training = null;
  }
}

scope.onmessage = (event: MessageEvent<WsRequest>) => {
  const r = event.data;
  switch (r.type) {
    case 'init':
      runtime().then(
        (g) => emit({ type: 'ready', adapterName: g.context.adapterName }),
        (err: unknown) => {
          const failure: GpuFailure = err instanceof GpuUnavailableError ? err.failure : { reason: 'device-failed', message: message(err) };
          emit({ type: 'gpu-failed', failure });
        },
      );
      break;
    case 'generate':
      void generate(r.recipe, r.name, r.dataUrl);
      break;
    case 'cancel-generate':
      generation?.abort();
      break;
    case 'train':
      void train(r.runId, r.zoo, r.config);
      break;
    case 'ablation':
      void ablation(r.zoo, r.base, r.arms, r.seeds);
      break;
    case 'pause':
    case 'resume':
      if (training) {
        training.paused = r.type === 'pause';
        emit({ type: 'train-paused', runId: training.runId, paused: training.paused });
        if (!training.paused) training.wake?.();
      }
      break;
    case 'stop':
      if (training) {
        training.stop.abort();
        training.wake?.();
      }
      break;
  }
};
