/** What a demo step's "Do it" button does: the same actions as the panels' own buttons, with the demo's settings. */
import { bytesOf } from '../data/fetchBytes';
import { fetchOffThread } from '../data/fetchOffThread';
import type { DemoAction } from '../state/demos';
import { useStore } from '../state/store';
import { useWsStore } from '../state/wsStore';
import type { WsTrainConfig } from '../train/wsTrainConfig';
import { runAlignment } from './alignController';
import { applyAugmentation } from './augmentController';
import { fitController } from './fitController';
import { liveFitInr } from './inrSources';
import { loadInr, randomPermutation } from './symmetryController';
import { mnistSet } from './useMnist';
import { wsController } from './wsController';

/** The zoo shipped for the equivariance demo (public/demos/README.md has its recipe). */
export const DEMO_ZOO_FILE = 'demos/mnist-shared-100.wsz';

function fitWithOmega(omega0: number): void {
  useStore.getState().setExperiment({ omega0 });
  fitController.setup();
  fitController.play();
}

function trainWith(patch: Partial<WsTrainConfig>): Promise<void> {
  const ws = useWsStore.getState();
  ws.set({ trainSettings: { ...ws.trainSettings, ...patch } });
  return wsController.train();
}

/** Fits the digit above for `steps` steps (or until it stops by itself), so there is an INR worth looking at. */
async function fitSome(steps: number): Promise<void> {
  const state = (): ReturnType<typeof useStore.getState>['runtime'] => useStore.getState().runtime;
  if ((state().metrics?.step ?? 0) >= steps) return;
  fitController.play();
  await new Promise<void>((resolve, reject) => {
    const started = performance.now();
    const look = (): void => {
      const m = state().metrics;
      if ((m && m.step >= steps) || (m && !state().running && m.step > 0)) resolve();
      else if (performance.now() - started > 120_000) reject(new Error('the fit did not start'));
      else setTimeout(look, 100);
    };
    look();
  });
  fitController.pause();
}

async function loadDemoZoo(): Promise<void> {
  await wsController.importZoo(bytesOf(await fetchOffThread(`${import.meta.env.BASE_URL}${DEMO_ZOO_FILE}`), 'the demo zoo'));
}

export async function runDemoAction(action: DemoAction): Promise<void> {
  const zooId = useWsStore.getState().selectedZooId;
  switch (action) {
    case 'fit-play':
      return fitController.play();
    case 'fit-omega-5':
      return fitWithOmega(5);
    case 'fit-omega-90':
      return fitWithOmega(90);
    case 'symmetry-permute':
      await fitSome(300);
      await loadInr(liveFitInr);
      return randomPermutation();
    case 'demo-zoo':
      return loadDemoZoo();
    case 'train-mlp':
      return trainWith({ kind: 'mlp', depth: 2, channels: 32, epochs: 12 });
    case 'train-dws':
      return trainWith({ kind: 'dws', depth: 2, channels: 8, epochs: 10 });
    case 'augment-blend':
      return applyAugmentation(await mnistSet(), zooId);
    case 'align':
      return runAlignment(await mnistSet(), zooId);
  }
}
