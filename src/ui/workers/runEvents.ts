/**
 * What the weight-space Worker says of training runs and the ablation, turned into learnStore updates; a finished
 * run's model is exported and kept in the browser.
 */
import { errorText } from '../../data/errorText';
import { modelFromSafetensors } from '../../data/modelSafetensors';
import { saveModel } from '../../data/modelStore';
import { useLearnStore } from '../../state/learnStore';
import type { WsEvent, WsRequest } from '../../train/wsProtocol';
import { learnNotice, persistRun, refreshModels } from '../io/learnLibrary';

/** `send`: a request back to the Worker (the model of a finished run). */
export function onRunEvent(event: WsEvent, send: (request: WsRequest) => void): void {
  const store = useLearnStore.getState();
  switch (event.type) {
    case 'train-started':
      store.updateRun(event.runId, () => ({ parameters: event.parameters, status: 'training' }));
      break;
    case 'epoch':
      store.updateRun(event.runId, (r) => ({ history: [...r.history, event.report] }));
      break;
    case 'train-paused':
      store.updateRun(event.runId, () => ({ status: event.paused ? 'paused' : 'training' }));
      break;
    case 'train-diverged':
      store.updateRun(event.runId, () => ({
        status: 'paused',
        diverged: { epoch: event.epoch, loss: event.loss, bestEpoch: event.bestEpoch, lr: event.lr },
      }));
      persistRun(event.runId);
      break;
    case 'train-done':
      store.updateRun(event.runId, (r) => ({
        status: r.status === 'failed' ? 'failed' : event.stopped ? 'stopped' : 'done',
        diverged: null,
      }));
      store.set({ predictions: { ...store.predictions, [event.runId]: event.predictions } });
      persistRun(event.runId);
      send({ type: 'export-model', runId: event.runId });
      break;
    case 'model-exported':
      void keepModel(event.runId, event.file);
      break;
    case 'ablation-progress':
      if (store.ablation) store.set({ ablation: { ...store.ablation, progress: event } });
      break;
    case 'ablation-run':
      if (store.ablation) store.set({ ablation: { ...store.ablation, runs: [...store.ablation.runs, event.run] } });
      break;
    case 'ablation-done':
      if (store.ablation)
        store.set({ ablation: { ...store.ablation, progress: null, status: event.stopped ? 'stopped' : 'done' } });
      break;
    case 'run-refused':
      // the page checks the slot before it asks, so this is a start that lost a race to another run
      if (event.run.kind === 'train') store.updateRun(event.run.runId, () => ({ status: 'failed' }));
      if (event.run.kind === 'ablation' && store.ablation)
        store.set({ ablation: { ...store.ablation, progress: null, status: 'failed' } });
      break;
    case 'error':
      // only the run that failed: another run's error leaves the rest as they are
      if (event.scope === 'train' && event.runId !== undefined) {
        store.updateRun(event.runId, () => ({ status: 'failed' }));
        persistRun(event.runId);
      }
      if (event.scope === 'ablation' && store.ablation)
        store.set({ ablation: { ...store.ablation, progress: null, status: 'failed' } });
      break;
  }
}

/** A finished run's model, saved in the browser (listed, exported and evaluated in the Storage panel). */
async function keepModel(runId: number, file: ArrayBuffer): Promise<void> {
  const run = useLearnStore.getState().runs.find((r) => r.id === runId);
  if (!run) return;
  const best = [...run.history].reverse().find((h) => h.best);
  try {
    await saveModel(
      {
        name: `run #${runId} ${run.config.kind} ${run.config.depth}×${run.config.channels} on ${run.zooName}`,
        kind: run.config.kind,
        // the run's own dims, from its file: the zoo selected now may be another one
        dims: modelFromSafetensors(new Uint8Array(file)).dims,
        zooName: run.zooName,
        testAccuracy: best?.test.accuracy ?? null,
        createdAt: new Date().toISOString(),
      },
      file,
    );
    await refreshModels();
  } catch (err) {
    learnNotice('error', `The model of run #${runId} was not saved: ${errorText(err)}`);
  }
}
