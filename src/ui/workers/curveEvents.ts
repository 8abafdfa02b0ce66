/** What the weight-space Worker says of a learning curve, turned into curveStore updates. */
import { useCurveStore } from '../../state/curveStore';
import type { WsEvent } from '../../train/wsProtocol';

const store = useCurveStore.getState;

export function onCurveEvent(event: WsEvent): void {
  const run = store().run;
  if (!run) return;
  switch (event.type) {
    case 'curve-progress': {
      const { done, total, reader, size, seed, epoch, epochs } = event;
      store().set({ run: { ...run, progress: { done, total, reader, size, seed, epoch, epochs } } });
      break;
    }
    case 'curve-row':
      store().set({ run: { ...run, rows: [...run.rows, event.row] } });
      break;
    case 'curve-done':
      store().set({ run: { ...run, progress: null, status: event.stopped ? 'stopped' : 'done' } });
      break;
    case 'error':
      if (event.scope === 'curve' && run.status === 'running')
        store().set({ run: { ...run, progress: null, status: 'failed' } });
      break;
    case 'run-refused':
      if (event.run.kind === 'curve' && run.status === 'running')
        store().set({ run: { ...run, progress: null, status: 'failed' } });
      break;
  }
}

/** After a lost device: a running curve is over (its rows so far stay). */
export function curveLost(): void {
  const run = store().run;
  if (run?.status === 'running') store().set({ run: { ...run, progress: null, status: 'failed' } });
}
