import { useEffect, useRef, useState } from 'react';

type PlotlyModule = typeof import('plotly.js-basic-dist-min').default;
let plotly: Promise<PlotlyModule> | null = null;

const AXIS = { gridcolor: '#2a3040', zerolinecolor: '#2a3040', color: '#9aa4b8' };

/** The shared look of every plot; a plot's own layout adds its axes and titles. */
export const BASE_LAYOUT = {
  margin: { l: 52, r: 60, t: 12, b: 40 },
  paper_bgcolor: 'rgba(0,0,0,0)',
  plot_bgcolor: 'rgba(0,0,0,0)',
  font: { family: 'Inter, system-ui, sans-serif', size: 12, color: '#c8d0e0' },
  legend: { orientation: 'h', x: 0, y: 1.12 },
  uirevision: 'keep',
};

export function axis(extra: object): object {
  return { ...AXIS, ...extra };
}

/**
 * A plotly chart; plotly is loaded on first use, off the initial bundle. With `empty` set (no data yet) it shows that
 * text instead of empty axes, and plotly is not loaded for it.
 */
export function Plot(props: { traces: object[]; layout: object; testId: string; className?: string; empty?: string | null }) {
  if (props.empty) {
    return (
      <div className="metrics-plot" data-testid={props.testId}>
        <p className="chart-empty plot-empty">{props.empty}</p>
      </div>
    );
  }
  return <PlotlyChart {...props} />;
}

function PlotlyChart({ traces, layout, testId, className = 'plot' }: { traces: object[]; layout: object; testId: string; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [Plotly, setPlotly] = useState<PlotlyModule | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    plotly ??= import('plotly.js-basic-dist-min').then((m) => m.default);
    plotly.then(setPlotly, (err: unknown) => setError(`The plot library failed to load: ${String(err)}`));
  }, []);

  useEffect(() => {
    if (!Plotly || !ref.current) return;
    const frame = requestAnimationFrame(() => {
      if (ref.current) void Plotly.react(ref.current, traces, { ...BASE_LAYOUT, ...layout }, { displaylogo: false, responsive: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [Plotly, traces, layout]);

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
