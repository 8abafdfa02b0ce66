/**
 * What the weight-space Worker says of a meta-training run, turned into metaInitStore updates; a finished init is
 * rendered (CPU twin), saved in the browser (the same INR file `ws metainit` writes) and listed.
 */
import { checksumOf } from '../../data/checksum';
import { errorText } from '../../data/errorText';
import { MNIST_SIDE } from '../../data/mnistFile';
import { saveInit } from '../../data/initStore';
import { inrToSafetensors } from '../../data/zooSafetensors';
import { imageGrid } from '../../models/siren';
import { useMetaInitStore } from '../../state/metaInitStore';
import { metaInitName, metaInitSpec } from '../../train/metaInit';
import { renderSirensCpu } from '../../train/renderSirens';
import type { MetaInitOutcome, WsEvent } from '../../train/wsProtocol';
import { learnNotice, refreshInits } from '../io/learnLibrary';

const store = useMetaInitStore.getState;

/** Mean held-out PSNR after 50 and 100 steps (the curves' points at those k). */
export function psnrAt50And100(curve: { steps: number[]; meanPsnr: number[] }): [number, number] {
  const at = (k: number): number => curve.meanPsnr[curve.steps.indexOf(k)] ?? NaN;
  return [at(50), at(100)];
}

export function onMetaInitEvent(event: WsEvent): void {
  const run = store().run;
  switch (event.type) {
    case 'metainit-progress': {
      if (!run) return;
      const point =
        event.progress.metaPsnr === null ? [] : [{ outer: event.progress.outer, psnr: event.progress.metaPsnr }];
      store().set({
        run: {
          ...run,
          status: event.phase === 'curves' ? 'curves' : run.status === 'paused' ? 'paused' : 'running',
          outer: event.progress.outer,
          total: event.progress.total,
          curve: [...run.curve, ...point],
        },
      });
      break;
    }
    case 'metainit-paused':
      if (run) store().set({ run: { ...run, status: event.paused ? 'paused' : 'running' } });
      break;
    case 'metainit-stopped':
      if (run) store().set({ run: { ...run, status: 'stopped' } });
      learnNotice('info', 'Meta-training stopped; no init was saved.');
      break;
    case 'metainit-done':
      void keep(event.outcome);
      break;
    case 'error':
      if (event.scope === 'metainit' && run) store().set({ run: { ...run, status: 'failed' } });
      break;
  }
}

async function keep(outcome: MetaInitOutcome): Promise<void> {
  const spec = metaInitSpec(outcome.recipe);
  const { init, ...rest } = outcome;
  const render = renderSirensCpu(spec, init, imageGrid(MNIST_SIDE));
  const run = store().run;
  store().set({ outcome: { ...rest, render, savedId: null }, run: run && { ...run, status: 'done' } });
  const name = metaInitName(outcome.recipe);
  const checksum = checksumOf(init);
  try {
    const file = inrToSafetensors(
      { name, dims: spec.dims, omega0: spec.omega0, params: init },
      { meta_init: JSON.stringify(outcome.recipe), checksum },
    );
    const saved = await saveInit(
      {
        name,
        dims: [...spec.dims],
        omega0: spec.omega0,
        checksum,
        heldOut: { standard: psnrAt50And100(outcome.standard), learned: psnrAt50And100(outcome.learned) },
        createdAt: new Date().toISOString(),
      },
      file.buffer,
    );
    const current = store().outcome;
    if (current) store().set({ outcome: { ...current, savedId: saved.id } });
    await refreshInits();
    learnNotice('info', `Learned the init "${name}": saved in this browser; make a zoo from it below.`);
  } catch (err) {
    learnNotice('error', `The learned init was not saved: ${errorText(err)}`);
  }
}
