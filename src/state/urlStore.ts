/** What the page says about its link: the problems of the link it was opened with, and the last shared link. */
import { create } from 'zustand';

interface UrlStoreState {
  /** one line per invalid value of the link (shown escaped, dismissible) */
  problems: string[];
  /** the link the Share button made, and whether it reached the clipboard */
  shared: { link: string; copied: boolean } | null;
  set: (patch: Partial<Omit<UrlStoreState, 'set'>>) => void;
}

export const useUrlStore = create<UrlStoreState>((set) => ({ problems: [], shared: null, set: (patch) => set(patch) }));
