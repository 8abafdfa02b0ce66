/** The open demo (if any), its step, and the controls hidden by the link. */
import { create } from 'zustand';

interface DemoState {
  /** '' when no demo is open */
  demo: string;
  step: number;
  /** link keys of hidden controls */
  hide: string[];
  busy: boolean;
  set: (patch: Partial<Omit<DemoState, 'set'>>) => void;
}

export const useDemoStore = create<DemoState>((set) => ({
  demo: '',
  step: 0,
  hide: [],
  busy: false,
  set: (patch) => set(patch),
}));
