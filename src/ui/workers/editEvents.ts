/** What the weight-space Worker says of an editing run, turned into editStore updates. */
import { errorText } from '../../data/errorText';
import { modelFromSafetensors } from '../../data/modelSafetensors';
import { saveModel } from '../../data/modelStore';
import { useEditStore, type EditRun } from '../../state/editStore';
import { learnNotice, refreshModels } from '../io/learnLibrary';
import type { WsEvent } from '../../train/wsProtocol';

const store = useEditStore.getState;

export function onEditEvent(event: WsEvent): void {
  const run = store().run;
  if (!run) return;
  switch (event.type) {
    case 'edit-started':
      store().set({ run: { ...run, parameters: event.parameters, noEdit: event.noEdit, status: 'training' } });
      break;
    case 'edit-epoch':
      store().set({ run: { ...run, history: [...run.history, event.report] } });
      break;
    case 'edit-paused':
      store().set({ run: { ...run, status: event.paused ? 'paused' : 'training' } });
      break;
    case 'edit-done':
      store().set({ run: { ...run, outcome: event.outcome, status: event.stopped ? 'stopped' : 'done' } });
      if (event.file && event.outcome) void keepEditModel(run, event.file, event.outcome.mse);
      break;
    case 'run-refused':
      if (event.run.kind === 'edit') store().set({ run: { ...run, status: 'failed' } });
      break;
    case 'error':
      if (event.scope === 'edit') store().set({ run: { ...run, status: 'failed' } });
      break;
  }
}

/** The editing model, saved in the browser (listed and exported in the Storage panel, read by `ws eval`). */
async function keepEditModel(run: EditRun, file: ArrayBuffer, mse: number): Promise<void> {
  const { kind, edit, depth, channels } = run.config;
  try {
    await saveModel(
      {
        name: `${edit} ${kind} ${depth}×${channels} on ${run.zooName} (test MSE ${mse.toExponential(2)})`,
        kind: `${kind} (${edit})`,
        dims: modelFromSafetensors(new Uint8Array(file)).dims,
        zooName: run.zooName,
        testAccuracy: null,
        createdAt: new Date().toISOString(),
      },
      file,
    );
    await refreshModels();
  } catch (err) {
    learnNotice('error', `The editing model was not saved: ${errorText(err)}`);
  }
}

/** After a lost device: a running edit is over (its epochs so far stay). */
export function editLost(): void {
  const run = store().run;
  if (run && ['starting', 'training', 'paused'].includes(run.status))
    store().set({ run: { ...run, status: 'failed' } });
}
