/**
 * The Learn panel's "Edit INRs" card: the editing model's recipe (what a link carries) and the run the
 * weight-space Worker reports: its epochs, the no-edit baseline, and what its best checkpoint does to test INRs.
 */
import { create } from 'zustand';
import {
  DEFAULT_EDIT_TRAIN,
  type EditEpochReport,
  type EditOutcome,
  type EditTrainConfig,
} from '../train/editTrainConfig';

/** the recipe of editTrainConfig.ts: 5–8 s an epoch of 700 INRs for DWS or NFN on a CPU adapter */
export const DEFAULT_EDIT_SETTINGS: EditTrainConfig = DEFAULT_EDIT_TRAIN;

export interface EditRun {
  zooName: string;
  config: EditTrainConfig;
  parameters: number;
  /** render MSE of the INRs as they are, against the targets */
  noEdit: { val: number; test: number } | null;
  history: EditEpochReport[];
  outcome: EditOutcome | null;
  status: 'starting' | 'training' | 'paused' | 'done' | 'stopped' | 'failed';
}

interface EditState {
  settings: EditTrainConfig;
  run: EditRun | null;
  set: (patch: Partial<Omit<EditState, 'set'>>) => void;
}

export const useEditStore = create<EditState>((set) => ({
  settings: DEFAULT_EDIT_SETTINGS,
  run: null,
  set: (patch) => set(patch),
}));

/** The run holds the Worker's run slot while it starts, trains or is paused. */
export const editRunning = (run: EditRun | null): boolean =>
  run !== null && (run.status === 'starting' || run.status === 'training' || run.status === 'paused');
