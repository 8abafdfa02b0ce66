/// <reference lib="webworker" />
/**
 * The weight-space Worker: owns its own GPU device; generates zoos (cancellable) and trains weight-space models
 * epoch by epoch (pause and resume between epochs, stop between batches); speaks wsProtocol.ts.
 */
import { errorText } from '../data/errorText';
import { isImageDataset } from '../data/imageDatasets';
import { imageSetCache } from '../data/mnistFile';
import { parseZoo, serializeZoo } from '../data/zoo';
import { modelFromSafetensors, modelToSafetensors } from '../data/modelSafetensors';
import { splitIndices } from '../data/zoo';
import { acquireGpu, GpuUnavailableError, type GpuFailure } from '../gpu/device';
import type { TrainedModel } from '../models/trainedModel';
import { evaluateClassifier } from './evaluateModel';
import { GpuRuntime } from '../gpu/runtime';
import { runAblation } from './ablation';
import { curveSizesOf } from './curvePlan';
import { runLearningCurve } from './learningCurve';
import type { AblationArm } from './ablationPlan';
import { symmetricCopies } from './symmetricCopies';
import { buildDataset, recipeData } from './wsData';
import { runName, sameRun, type RunRef, type WsEvent, type WsRequest } from './wsProtocol';
import { WsTrainer, type WsTrainConfig } from './wsTrainer';
import { generateZoo } from './zooGen';
import { pauseMetaInit, runMetaInit, stopMetaInit } from './metaInitJob';
import { runEdit } from './editJob';
import type { EditTrainConfig } from './editTrainer';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const emit = (event: WsEvent, transfer: Transferable[] = []): void => scope.postMessage(event, transfer);

let gpu: Promise<GpuRuntime> | null = null;
const images = imageSetCache();
let generation: AbortController | null = null;
interface ActiveRun {
  run: RunRef;
  stop: AbortController;
  paused: boolean;
  wake: (() => void) | null;
  trainer: WsTrainer | null;
}
let training: ActiveRun | null = null;

/**
 * The run slot for `run`, from now on the one `pause`, `resume` and `stop` naming it act on; null (and the refusal
 * said) when another run holds it: a run is never stopped by another's start.
 */
function holdSlot(run: RunRef): ActiveRun | null {
  if (training) {
    const holder = training.run;
    emit({
      type: 'run-refused',
      run,
      holder,
      message: `${runName(run)[0].toUpperCase()}${runName(run).slice(1)} was not started: ${runName(holder)} is running (stop it first, or wait for it).`,
    });
    return null;
  }
  training = { run, stop: new AbortController(), paused: false, wake: null, trainer: null };
  return training;
}

/** Frees the slot, and the pool's kept buffers (a long session runs many models of many sizes). */
function endRun(run: ActiveRun): void {
  if (training !== run) return;
  training = null;
  void gpu?.then((g) => g.pool.trim());
}

/** Resolves once `run` is not paused, or is stopped. */
async function unpaused(run: ActiveRun): Promise<void> {
  while (run.paused && !run.stop.signal.aborted) await new Promise<void>((resolve) => (run.wake = resolve));
}

/** The slot's run when it is `run`. */
function slotOf(run: RunRef): ActiveRun | null {
  return training && sameRun(training.run, run) ? training : null;
}
/** the best-checkpoint model of each finished run, until the page takes it (export-model) */
const trainedModels = new Map<number, TrainedModel>();
/** fault injection (tests): NaN parameters before the next epoch */
let injectNan = false;

function runtime(): Promise<GpuRuntime> {
  gpu ??= acquireGpu((failure) => {
    // the device is gone: what runs on it ends here, and the page starts a fresh Worker and device
    training?.stop.abort();
    training?.wake?.();
    generation?.abort();
    emit({ type: 'gpu-failed', failure });
  }).then((context) => {
    context.device.addEventListener('uncapturederror', (event) =>
      emit({ type: 'error', scope: 'gpu', message: `GPU error: ${(event as GPUUncapturedErrorEvent).error.message}` }),
    );
    return new GpuRuntime(context);
  });
  return gpu;
}

async function generate(
  recipe: Parameters<typeof generateZoo>[1],
  name: string,
  dataUrl: string,
  init?: Float32Array,
): Promise<void> {
  generation?.abort();
  const controller = new AbortController();
  generation = controller;
  try {
    const g = await runtime();
    const zoo = await generateZoo(g, recipe, {
      images: isImageDataset(recipe.task) ? await images(dataUrl, recipe.task) : undefined,
      name,
      init,
      signal: controller.signal,
      onProgress: (progress) => emit({ type: 'zoo-progress', progress }),
    });
    const bytes = serializeZoo(zoo);
    emit({ type: 'zoo-done', zoo: bytes }, [bytes]);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') emit({ type: 'zoo-cancelled' });
    else emit({ type: 'error', scope: 'zoo', message: `Zoo generation failed: ${errorText(err)}` });
  } finally {
    if (generation === controller) generation = null;
  }
}

async function train(runId: number, zooBytes: ArrayBuffer, config: WsTrainConfig): Promise<void> {
  const run = holdSlot({ kind: 'train', runId });
  if (!run) return;
  let trainer: WsTrainer | null = null;
  let bestEpoch = 0;
  try {
    const zoo = parseZoo(zooBytes);
    const data = buildDataset(zoo, recipeData(config));
    trainer = await WsTrainer.create(await runtime(), data, config);
    run.trainer = trainer;
    emit({ type: 'train-started', runId, parameters: trainer.parameterCount });
    for (let e = 0; e < config.epochs && !run.stop.signal.aborted; e++) {
      await unpaused(run);
      if (run.stop.signal.aborted) break;
      if (injectNan) {
        injectNan = false;
        trainer.setParams(new Float32Array(trainer.model.graph.params.size).fill(NaN));
      }
      const report = await trainer.runEpoch(run.stop.signal);
      if (report.partial) break; // stopped midway: not an epoch
      if (!Number.isFinite(report.train.loss)) {
        // keep the run: best checkpoint back, optimizer restarted, paused until the user resumes (at a lower lr)
        trainer.recoverFromDivergence();
        run.paused = true;
        // the rate it diverged at: a second divergence after a resume at lr/10 offers lr/100
        const lr = trainer.learningRate;
        emit({ type: 'train-diverged', runId, epoch: report.epoch, loss: report.train.loss, bestEpoch, lr });
        continue;
      }
      if (report.best) bestEpoch = report.epoch;
      emit({ type: 'epoch', runId, report });
    }
    trainer.restoreBest();
    trainedModels.set(runId, await trainer.trainedModel());
    const [outputs, outputsPermuted] = [await trainer.predict('test'), await trainer.predict('testPermuted')];
    // the invariance demo: the first test INR in 24 symmetric copies
    const row = data.rows.test[0] ?? data.rows.train[0];
    const copies = symmetricCopies(
      data.layout,
      zoo.params.subarray(row * zoo.paramCount, (row + 1) * zoo.paramCount),
      24,
      4242,
    );
    const copyOutputs = await trainer.predictNetworks(copies.networks);
    emit(
      {
        type: 'train-done',
        runId,
        stopped: run.stop.signal.aborted,
        predictions: {
          runId,
          copies: { row, outputs: copyOutputs, kinds: copies.kinds },
          outputs,
          outputsPermuted,
          task: data.task,
          rows: data.rows.test,
          labels: data.rows.test.map((r) => zoo.labels[r]),
          values: data.rows.test.flatMap((r) =>
            Array.from(zoo.values.subarray(r * zoo.valueDim, (r + 1) * zoo.valueDim)),
          ),
          valueMean: data.valueMean,
          valueStd: data.valueStd,
        },
      },
      [outputs.buffer, outputsPermuted.buffer, copyOutputs.buffer],
    );
  } catch (err) {
    emit({ type: 'error', scope: 'train', runId, message: `Training run #${runId} failed: ${errorText(err)}` });
  } finally {
    trainer?.destroy();
    endRun(run);
  }
}

/** A model file on the zoo's test split (all of it when the zoo has no test split), plain and permuted. */
async function evaluateModel(modelBytes: ArrayBuffer, zooBytes: ArrayBuffer): Promise<void> {
  try {
    const model = modelFromSafetensors(new Uint8Array(modelBytes));
    const zoo = parseZoo(zooBytes);
    if (zoo.recipe.dims.join() !== model.dims.join())
      throw new Error(
        `the model reads INRs of dims [${model.dims.join(', ')}], the zoo holds [${zoo.recipe.dims.join(', ')}]`,
      );
    if (model.task !== 'class' || zoo.valueDim > 0)
      throw new Error(
        'only classification models are evaluated here (`ws eval` evaluates regression and editing models)',
      );
    const test = splitIndices(zoo, 'test');
    const rows = test.length > 0 ? test : Array.from(zoo.labels.keys());
    const result = await evaluateClassifier(await runtime(), model, zoo, rows, 12345);
    emit({ type: 'model-evaluated', ...result });
  } catch (err) {
    emit({ type: 'error', scope: 'model', message: `The model could not be evaluated: ${errorText(err)}` });
  }
}

/** Loses the device (tests) as a driver reset would: it goes, and its lost promise (acquireGpu) tells the page. */
async function loseDevice(): Promise<void> {
  (await runtime()).device.destroy();
}

/** Every arm × seed, one after another; stopped by 'stop' (between batches). */
async function ablation(
  zooBytes: ArrayBuffer,
  base: WsTrainConfig,
  arms: AblationArm[],
  seeds: number[],
): Promise<void> {
  const run = holdSlot({ kind: 'ablation' });
  if (!run) return;
  try {
    const zoo = parseZoo(zooBytes);
    const total = arms.length * seeds.length;
    let done = 0;
    await runAblation(await runtime(), zoo, base, arms, {
      seeds,
      signal: run.stop.signal,
      onEpoch: (arm, seed, report, epochs) =>
        emit({ type: 'ablation-progress', done, total, arm, seed, epoch: report.epoch, epochs }),
      onRun: (r) => {
        done++;
        emit({ type: 'ablation-run', run: r });
      },
    });
    emit({ type: 'ablation-done', stopped: run.stop.signal.aborted });
  } catch (err) {
    emit({ type: 'error', scope: 'ablation', message: `The ablation failed: ${errorText(err)}` });
  } finally {
    endRun(run);
  }
}

/** An editing model trained on a zoo (editJob.ts), pausable between epochs. */
async function edit(zooBytes: ArrayBuffer, config: EditTrainConfig): Promise<void> {
  const run = holdSlot({ kind: 'edit' });
  if (!run) return;
  try {
    const controls = { signal: run.stop.signal, unpaused: () => unpaused(run) };
    await runEdit(await runtime(), parseZoo(zooBytes), config, controls, emit);
  } catch (err) {
    emit({ type: 'error', scope: 'edit', message: `The editing run failed: ${errorText(err)}` });
  } finally {
    endRun(run);
  }
}

/** Every reader × size × seed (learningCurve.ts). */
async function curve({ zoo: zooBytes, readers, sizes, seeds, epochs }: Extract<WsRequest, { type: 'curve' }>) {
  const run = holdSlot({ kind: 'curve' });
  if (!run) return;
  try {
    const zoo = parseZoo(zooBytes);
    const total = readers.length * curveSizesOf(zoo, sizes).length * seeds.length;
    let done = 0;
    await runLearningCurve(await runtime(), zoo, {
      readers,
      sizes,
      seeds,
      fullEpochs: epochs,
      signal: run.stop.signal,
      onEpoch: (reader, size, seed, epoch, epochs) =>
        emit({ type: 'curve-progress', done, total, reader, size, seed, epoch, epochs }),
      onRow: (row) => {
        done++;
        emit({ type: 'curve-row', row });
      },
    });
    emit({ type: 'curve-done', stopped: run.stop.signal.aborted });
  } catch (err) {
    emit({ type: 'error', scope: 'curve', message: `The learning curve failed: ${errorText(err)}` });
  } finally {
    endRun(run);
  }
}

scope.onmessage = (event: MessageEvent<WsRequest>) => {
  const r = event.data;
  switch (r.type) {
    case 'init':
      runtime().then(
        (g) => emit({ type: 'ready', adapterName: g.context.adapterName }),
        (err: unknown) => {
          const failure: GpuFailure =
            err instanceof GpuUnavailableError ? err.failure : { reason: 'device-failed', message: errorText(err) };
          emit({ type: 'gpu-failed', failure });
        },
      );
      break;
    case 'generate':
      void generate(r.recipe, r.name, r.dataUrl, r.init);
      break;
    case 'metainit':
      Promise.all([runtime(), images(r.dataUrl, r.recipe.dataset)])
        .then(([g, set]) => runMetaInit(g, set, r, emit))
        .catch((err: unknown) =>
          emit({ type: 'error', scope: 'metainit', message: `Learning the init failed: ${errorText(err)}` }),
        );
      break;
    case 'metainit-pause':
      pauseMetaInit(r.paused, emit);
      break;
    case 'metainit-stop':
      stopMetaInit();
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
    case 'curve':
      void curve(r);
      break;
    case 'edit':
      void edit(r.zoo, r.config);
      break;
    case 'pause':
    case 'resume': {
      const active = slotOf(r.run);
      if (!active || (active.run.kind !== 'train' && active.run.kind !== 'edit')) break;
      if (r.type === 'resume' && r.lr !== undefined && active.trainer) active.trainer.setLearningRate(r.lr);
      active.paused = r.type === 'pause';
      emit(
        active.run.kind === 'train'
          ? { type: 'train-paused', runId: active.run.runId, paused: active.paused }
          : { type: 'edit-paused', paused: active.paused },
      );
      if (!active.paused) active.wake?.();
      break;
    }
    case 'export-model': {
      const model = trainedModels.get(r.runId);
      if (!model)
        emit({
          type: 'error',
          scope: 'model',
          message: `Run #${r.runId} has no trained model here (it was interrupted, trained before a reload, or is already saved in the Storage panel).`,
        });
      else {
        trainedModels.delete(r.runId); // the page keeps it (IndexedDB): not held here for the rest of the session
        const file = modelToSafetensors(model).slice().buffer;
        emit({ type: 'model-exported', runId: r.runId, file }, [file]);
      }
      break;
    }
    case 'evaluate-model':
      void evaluateModel(r.model, r.zoo);
      break;
    case 'inject-nan':
      injectNan = true;
      break;
    case 'lose-device':
      void loseDevice();
      break;
    case 'stop': {
      const active = slotOf(r.run);
      active?.stop.abort();
      active?.wake?.();
      break;
    }
  }
};
