/** What the page says about its link: the problems of the link it was opened with, the last shared link, and the panel the link opens on. */
import { create } from 'zustand';

interface LinkStoreState {
  /** one line per invalid value of the link (shown escaped, dismissible) */
  problems: string[];
  /** the link the Share button made, and whether it reached the clipboard */
  shared: { link: string; copied: boolean } | null;
  /** the panel a link opens on (scrolled to once, on load) */
  panel: string;
  set: (patch: Partial<Omit<LinkStoreState, 'set'>>) => void;
}

export const useLinkStore = create<LinkStoreState>((set) => ({
  problems: [],
  shared: null,
  panel: 'fit',
  set: (patch) => set(patch),
}));
