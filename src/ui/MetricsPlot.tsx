import { useEffect, useRef, useState } from 'react';
import { useStore, type HistoryPoint } from '../state/store';

type PlotlyModule = typeof import('plotly.js-dist-min').default;
let plotly: Promise<PlotlyModule> | null = null;

/** PSNR and loss against step; plotly is loaded on first use, off the initial bundle. */
export function MetricsPlot() {
  const history = useStore((s) => s.runtime.history);
  const ref = useRef<HTMLDivElement>(null);
  const [Plotly, setPlotly] = useState<PlotlyModule | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    plotly ??= import('plotly.js-dist-min').then((m) => m.default);
    plotly.then(setPlotly, (err: unknown) => setError(`The plot library failed to load: ${String(err)}`));
  }, []);

  useEffect(() => {
    if (!Plotly || !ref.current) return;
    const frame = requestAnimationFrame(() => {
      if (ref.current) void Plotly.react(ref.current, traces(history), LAYOUT, { displaylogo: false, responsive: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [Plotly, history]);

  useEffect(() => {
    const element = ref.current;
    return () => {
      if (element && Plotly) Plotly.purge(element);
    };
  }, [Plotly]);

  return (
    <div className="metrics-plot">
      {error ? <p className="error">{error}</p> : !Plotly && <p className="hint">Loading plot…</p>}
      <div ref={ref} data-testid="metrics-plot" className="plot" />
    </div>
  );
}

function traces(history: HistoryPoint[]): object[] {
  const steps = history.map((h) => h.step);
  return [
    { x: steps, y: history.map((h) => h.psnr), name: 'PSNR (dB)', type: 'scatter', mode: 'lines', line: { color: '#7c9cff', width: 2 } },
    { x: steps, y: history.map((h) => h.loss), name: 'MSE', yaxis: 'y2', type: 'scatter', mode: 'lines', line: { color: '#f0a35e', width: 1.5 } },
  ];
}

const AXIS = { gridcolor: '#2a3040', zerolinecolor: '#2a3040', color: '#9aa4b8' };
const LAYOUT = {
  margin: { l: 52, r: 60, t: 12, b: 40 },
  paper_bgcolor: 'rgba(0,0,0,0)',
  plot_bgcolor: 'rgba(0,0,0,0)',
  font: { family: 'Inter, system-ui, sans-serif', size: 12, color: '#c8d0e0' },
  xaxis: { ...AXIS, title: { text: 'step' } },
  yaxis: { ...AXIS, title: { text: 'PSNR (dB)' } },
  yaxis2: { ...AXIS, title: { text: 'MSE' }, type: 'log', dtick: 1, exponentformat: 'power', overlaying: 'y', side: 'right', showgrid: false },
  legend: { orientation: 'h', x: 0, y: 1.12 },
  uirevision: 'keep',
};
