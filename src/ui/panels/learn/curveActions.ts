/** The learning-curve card's action: the curve of its readers on the selected zoo (the outcome: curveEvents.ts). */
import { useCurveStore } from '../../../state/curveStore';
import { useLearnStore } from '../../../state/learnStore';
import { slotBusyReason } from '../../../state/runSlot';
import { learnNotice } from '../../io/learnLibrary';
import { learnClient } from '../../workers/learnClient';

export async function runCurve(): Promise<void> {
  const busy = slotBusyReason();
  if (busy) return learnNotice('error', `The learning curve was not started: ${busy}.`);
  const { selectedZooId, zoos } = useLearnStore.getState();
  const loaded = await learnClient.selectedZoo(selectedZooId, zoos);
  if (!loaded) return;
  const { readers, sizes, seeds, epochs } = useCurveStore.getState().settings;
  useCurveStore.getState().set({
    run: { zooName: loaded.saved.name, readers, rows: [], progress: null, status: 'running' },
  });
  useLearnStore.getState().set({ notice: null });
  const seedList = Array.from({ length: seeds }, (_, i) => i);
  learnClient.send({ type: 'curve', zoo: loaded.bytes, readers, sizes, seeds: seedList, epochs }, [loaded.bytes]);
}

export function stopCurve(): void {
  learnClient.stop({ kind: 'curve' });
}
