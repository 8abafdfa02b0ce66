import { useDemoStore } from '../../state/demoStore';

/**
 * Hides the controls the link names (`hide=`): each control carries the link key it sets (`data-link-key`), and is
 * hidden with the label around it.
 */
export function HiddenControls() {
  const hide = useDemoStore((s) => s.hide);
  const selectors = hide.flatMap((k) => [`label:has([data-link-key="${k}"])`, `[data-link-key="${k}"]`]);
  if (selectors.length === 0) return null;
  return <style data-testid="hidden-controls">{`${selectors.join(',\n')} { display: none !important; }`}</style>;
}
