/**
 * Applies the colour theme (state/themeStore.ts) to the page: `data-theme` on the root element (the system's
 * until one is chosen) selects the CSS palette; canvases and plots read their colours from the same CSS variables when they draw.
 */
import { useThemeStore, type Theme } from '../../state/themeStore';

const KEY = 'weightscape.theme';

/** Colours read so far from the palette in force (reading forces a style recalculation: once per theme). */
let palette = new Map<string, string>();
useThemeStore.subscribe((s, prev) => s.theme !== prev.theme && (palette = new Map()));

/** A CSS variable of the palette in force (e.g. '--grid'). */
export function cssColor(name: string): string {
  let value = palette.get(name);
  if (value === undefined)
    palette.set(name, (value = getComputedStyle(document.documentElement).getPropertyValue(name).trim()));
  return value;
}

export function chooseTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // storage off: the choice lasts for this page
  }
  useThemeStore.getState().set({ theme, chosen: true });
}

/** The stored choice, else the system's (followed live while nothing is chosen). */
export function startTheme(): void {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(KEY);
  } catch {
    stored = null;
  }
  if (stored === 'light' || stored === 'dark') {
    document.documentElement.dataset.theme = stored;
    useThemeStore.getState().set({ theme: stored, chosen: true });
    return;
  }
  const query = matchMedia('(prefers-color-scheme: light)');
  const follow = (): void => {
    if (useThemeStore.getState().chosen) return;
    const theme = query.matches ? 'light' : 'dark';
    document.documentElement.dataset.theme = theme;
    useThemeStore.getState().set({ theme });
  };
  follow();
  query.addEventListener('change', follow);
}
