/** The Edit INRs card's actions: an editing model trained on the selected zoo (the outcome: editEvents.ts). */
import { useEditStore } from '../../../state/editStore';
import { useLearnStore } from '../../../state/learnStore';
import { slotBusyReason } from '../../../state/runSlot';
import { learnNotice } from '../../io/learnLibrary';
import { learnClient } from '../../workers/learnClient';

export async function runEdit(): Promise<void> {
  const busy = slotBusyReason();
  if (busy) return learnNotice('error', `The editing run was not started: ${busy}.`);
  const { selectedZooId, zoos } = useLearnStore.getState();
  const loaded = await learnClient.selectedZoo(selectedZooId, zoos);
  if (!loaded) return;
  const config = useEditStore.getState().settings;
  useEditStore.getState().set({
    run: {
      zooName: loaded.saved.name,
      config,
      parameters: 0,
      noEdit: null,
      history: [],
      outcome: null,
      status: 'starting',
    },
  });
  useLearnStore.getState().set({ notice: null });
  learnClient.send({ type: 'edit', zoo: loaded.bytes, config }, [loaded.bytes]);
}

export function pauseEdit(paused: boolean): void {
  learnClient.send({ type: paused ? 'pause' : 'resume', run: { kind: 'edit' } });
}

export function stopEdit(): void {
  learnClient.stop({ kind: 'edit' });
}
