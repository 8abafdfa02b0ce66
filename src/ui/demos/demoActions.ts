/** What a demo step's "Do it" button does: the same actions as the panels' own buttons, with the demo's settings. */
import { bytesOf } from '../../data/fetchBytes';
import { serializeZoo } from '../../data/zoo';
import { zooFromSafetensors } from '../../data/zooSafetensors';
import { fetchOffThread } from '../../data/fetchOffThread';
import { DEMO_RUNS, type DemoAction } from '../../state/demos';
import { useFitStore } from '../../state/fitStore';
import { useLearnStore } from '../../state/learnStore';
import { slotBusyReason } from '../../state/runSlot';
import type { WsTrainConfig } from '../../train/wsTrainConfig';
import { runAlignment } from '../panels/align/alignActions';
import { applyAugmentation } from '../panels/augment/augmentActions';
import { fitClient } from '../workers/fitClient';
import { liveFitInr } from '../io/inrSources';
import { loadInr, randomPermutation } from '../panels/symmetry/symmetryActions';
import { mnistSet } from '../hooks/useMnist';
import { importZoo } from '../io/learnLibrary';
import { learnClient } from '../workers/learnClient';

/** The zoo shipped for the equivariance demo (public/demos/README.md has its recipe). */
export const DEMO_ZOO_FILE = 'demos/mnist-learned-300.safetensors';

function fitWithOmega(omega0: number): void {
  useFitStore.getState().setExperiment({ omega0 });
  fitClient.setup();
  fitClient.play();
}

/** Actions that start the live fit and return while it goes on (until it stops at its target, or is paused). */
export function startsFit(action: DemoAction): boolean {
  return action === 'fit-play' || action === 'fit-omega-5' || action === 'fit-omega-90';
}

/** Actions that start a run in the weight-space Worker: not while another run holds its slot (state/runSlot.ts). */
export function startsRun(action: DemoAction): boolean {
  return action === 'train-mlp' || action === 'train-probe' || action === 'train-dws';
}

function trainWith(patch: Partial<WsTrainConfig>): Promise<void> {
  const busy = slotBusyReason();
  if (busy) throw new Error(`Not now: ${busy}.`);
  const ws = useLearnStore.getState();
  ws.set({ trainSettings: { ...ws.trainSettings, ...patch } });
  return learnClient.train();
}

/** Fits the digit above for `steps` steps (or until it stops by itself), so there is an INR worth looking at. */
async function fitSome(steps: number): Promise<void> {
  const state = (): ReturnType<typeof useFitStore.getState>['runtime'] => useFitStore.getState().runtime;
  if ((state().metrics?.step ?? 0) >= steps) return;
  fitClient.play();
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
  fitClient.pause();
}

async function loadDemoZoo(): Promise<void> {
  const bytes = bytesOf(await fetchOffThread(`${import.meta.env.BASE_URL}${DEMO_ZOO_FILE}`), 'the demo zoo');
  await importZoo(serializeZoo(zooFromSafetensors(new Uint8Array(bytes), 'demo zoo')));
}

export async function runDemoAction(action: DemoAction): Promise<void> {
  const zooId = useLearnStore.getState().selectedZooId;
  switch (action) {
    case 'fit-play':
      return fitClient.play();
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
      return trainWith(DEMO_RUNS.mlp);
    case 'train-probe':
      return trainWith(DEMO_RUNS.probe);
    case 'train-dws':
      return trainWith(DEMO_RUNS.dws);
    case 'augment-blend':
      return applyAugmentation(await mnistSet(), zooId);
    case 'align':
      return runAlignment(await mnistSet(), zooId);
  }
}
