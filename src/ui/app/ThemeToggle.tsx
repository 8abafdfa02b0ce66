import { useThemeStore } from '../../state/themeStore';
import { chooseTheme } from './theme';

/** Light / dark: starts as the system's; a click picks the other one and remembers it. */
export function ThemeToggle() {
  const theme = useThemeStore((s) => s.theme);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      className="theme-toggle"
      onClick={() => chooseTheme(next)}
      aria-label={`switch to the ${next} theme`}
      data-testid="theme-toggle"
      title={`switch to the ${next} theme`}
    >
      {theme === 'dark' ? '☀ Light' : '☾ Dark'}
    </button>
  );
}
