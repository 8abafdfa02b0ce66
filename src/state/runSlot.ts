/**
 * The weight-space Worker runs one thing at a time: a training run, the ablation or the learning curve. What holds
 * that slot, read from the stores, so every control that would start another says why it cannot (the Worker refuses
 * such a start as well: wsProtocol.ts RunRef).
 */
import { runName, type RunRef } from '../train/wsProtocol';
import { useCurveStore } from './curveStore';
import { useLearnStore } from './learnStore';
import { editRunning, useEditStore } from './editStore';

/** The run holding the slot, or null. */
export function slotHolder(): RunRef | null {
  const { runs, ablation } = useLearnStore.getState();
  const active = runs.find((r) => r.status === 'starting' || r.status === 'training' || r.status === 'paused');
  if (active) return { kind: 'train', runId: active.id };
  if (ablation?.status === 'running') return { kind: 'ablation' };
  if (useCurveStore.getState().run?.status === 'running') return { kind: 'curve' };
  if (editRunning(useEditStore.getState().run)) return { kind: 'edit' };
  return null;
}

/** Why a new run cannot start now ("training run #3 is running: stop it first, or wait for it"), or null. */
export function slotBusyReason(): string | null {
  const holder = slotHolder();
  return holder && `${runName(holder)} is running: stop it first, or wait for it`;
}

/** slotBusyReason, kept current in a component. */
export function useSlotBusyReason(): string | null {
  useLearnStore((s) => s.runs);
  useLearnStore((s) => s.ablation?.status);
  useCurveStore((s) => s.run?.status);
  useEditStore((s) => s.run?.status);
  return slotBusyReason();
}
