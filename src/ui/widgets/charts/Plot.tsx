import { useEffect, useRef, useState } from 'react';
import { useThemeStore } from '../../../state/themeStore';
import { cssColor } from '../../app/theme';

type PlotlyModule = typeof import('plotly.js-basic-dist-min').default;
let plotly: Promise<PlotlyModule> | null = null;

/** The shared look of every plot; a plot's own layout adds its axes and titles. */
export const BASE_LAYOUT = {
  margin: { l: 52, r: 60, t: 12, b: 40 },
  paper_bgcolor: 'rgba(0,0,0,0)',
  plot_bgcolor: 'rgba(0,0,0,0)',
  font: { family: 'Inter, system-ui, sans-serif', size: 12 },
  legend: { orientation: 'h', x: 0, y: 1.12 },
  uirevision: 'keep',
};

/** An axis of a plot's layout (its colours come from the theme when drawn). */
export function axis(extra: object): object {
  return { ...extra };
}

/** The layout in the theme's colours: text, and every axis's grid and labels. */
function themed(layout: Record<string, unknown>): Record<string, unknown> {
  const grid = cssColor('--grid');
  const text = cssColor('--muted');
  const out: Record<string, unknown> = {
    ...BASE_LAYOUT,
    ...layout,
    font: { ...BASE_LAYOUT.font, color: cssColor('--plot-text') },
  };
  for (const key of Object.keys(out))
    if (/^[xy]axis\d*$/.test(key))
      out[key] = { gridcolor: grid, zerolinecolor: grid, color: text, ...(out[key] as object) };
  return out;
}

/** PNG (plotly's camera button) and SVG downloads of every plot, from its toolbar. */
function configOf(Plotly: PlotlyModule): object {
  const svg = {
    name: 'Download plot as SVG',
    icon: Plotly.Icons.disk,
    click: (gd: HTMLElement) =>
      void Plotly.downloadImage(gd, {
        format: 'svg',
        filename: 'weightscape-plot',
        width: gd.clientWidth,
        height: gd.clientHeight,
      }),
  };
  return {
    displaylogo: false,
    responsive: true,
    toImageButtonOptions: { format: 'png', scale: 2, filename: 'weightscape-plot' },
    modeBarButtonsToAdd: [svg],
  };
}

/**
 * A plotly chart; plotly is loaded on first use, off the initial bundle. With `empty` set (no data yet) it shows that
 * text instead of empty axes, and plotly is not loaded for it.
 */
export function Plot(props: {
  traces: object[];
  layout: object;
  testId: string;
  className?: string;
  empty?: string | null;
}) {
  if (props.empty) {
    return (
      <div className="metrics-plot" data-testid={props.testId}>
        <p className="chart-empty plot-empty">{props.empty}</p>
      </div>
    );
  }
  return <PlotlyChart {...props} />;
}

function PlotlyChart({
  traces,
  layout,
  testId,
  className = 'plot',
}: {
  traces: object[];
  layout: object;
  testId: string;
  className?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [Plotly, setPlotly] = useState<PlotlyModule | null>(null);
  const [error, setError] = useState<string | null>(null);
  const theme = useThemeStore((s) => s.theme);

  useEffect(() => {
    plotly ??= import('plotly.js-basic-dist-min').then((m) => m.default);
    plotly.then(setPlotly, (err: unknown) => setError(`The plot library failed to load: ${String(err)}`));
  }, []);

  useEffect(() => {
    if (!Plotly || !ref.current) return;
    const frame = requestAnimationFrame(() => {
      if (ref.current)
        void Plotly.react(ref.current, traces, themed(layout as Record<string, unknown>), configOf(Plotly));
    });
    return () => cancelAnimationFrame(frame);
  }, [Plotly, traces, layout, theme]);

  useEffect(() => {
    const element = ref.current;
    return () => {
      if (element && Plotly) Plotly.purge(element);
    };
  }, [Plotly]);

  return (
    <div className="metrics-plot">
      {error ? <p className="error">{error}</p> : !Plotly && <p className="hint">Loading plot…</p>}
      <div ref={ref} data-testid={testId} className={className} />
    </div>
  );
}
