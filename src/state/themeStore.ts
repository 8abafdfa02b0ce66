/** The colour theme: the system's (prefers-color-scheme) until the user picks one, which is remembered. */
import { create } from 'zustand';

export type Theme = 'light' | 'dark';

interface ThemeState {
  theme: Theme;
  /** whether the user picked it (else it follows the system) */
  chosen: boolean;
  set: (patch: Partial<Omit<ThemeState, 'set'>>) => void;
}

export const useThemeStore = create<ThemeState>((set) => ({
  theme: 'dark',
  chosen: false,
  set: (patch) => set(patch),
}));
