/** What the weight-space Worker says of an editing run, turned into editStore updates. */
import { useEditStore } from '../../state/editStore';
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
      break;
    case 'run-refused':
      if (event.run.kind === 'edit') store().set({ run: { ...run, status: 'failed' } });
      break;
    case 'error':
      if (event.scope === 'edit') store().set({ run: { ...run, status: 'failed' } });
      break;
  }
}

/** After a lost device: a running edit is over (its epochs so far stay). */
export function editLost(): void {
  const run = store().run;
  if (run && ['starting', 'training', 'paused'].includes(run.status))
    store().set({ run: { ...run, status: 'failed' } });
}
