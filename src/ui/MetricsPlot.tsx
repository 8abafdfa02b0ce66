import { useMemo } from 'react';
import { useStore, type HistoryPoint } from '../state/store';
import { axis, Plot } from './Plot';

/** PSNR and loss of the fit against step. */
export function MetricsPlot() {
  const history = useStore((s) => s.runtime.history);
  const traces = useMemo(() => fitTraces(history), [history]);
  return <Plot traces={traces} layout={LAYOUT} testId="metrics-plot" />;
}

function fitTraces(history: HistoryPoint[]): object[] {
  const steps = history.map((h) => h.step);
  return [
    { x: steps, y: history.map((h) => h.psnr), name: 'PSNR (dB)', type: 'scatter', mode: 'lines', line: { color: '#7c9cff', width: 2 } },
    { x: steps, y: history.map((h) => h.loss), name: 'MSE', yaxis: 'y2', type: 'scatter', mode: 'lines', line: { color: '#f0a35e', width: 1.5 } },
  ];
}

const LAYOUT = {
  xaxis: axis({ title: { text: 'step' } }),
  yaxis: axis({ title: { text: 'PSNR (dB)' } }),
  yaxis2: axis({ title: { text: 'MSE' }, type: 'log', dtick: 1, exponentformat: 'power', overlaying: 'y', side: 'right', showgrid: false }),
};
