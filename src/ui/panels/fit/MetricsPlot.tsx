import { useMemo } from 'react';
import { useFitStore } from '../../../state/fitStore';
import { LineChart, type ChartSeries } from '../../widgets/charts/LineChart';

/** PSNR and loss of the fit against step, redrawn every frame while fitting. */
export function MetricsPlot() {
  const history = useFitStore((s) => s.runtime.history);
  const series = useMemo((): ChartSeries[] => {
    // one point (the initial render) is no curve yet
    const shown = history.length > 1 ? history : [];
    const steps = shown.map((h) => h.step);
    return [
      { name: 'PSNR (dB)', color: '#7c9cff', x: steps, y: shown.map((h) => h.psnr) },
      { name: 'MSE', color: '#f0a35e', x: steps, y: shown.map((h) => h.loss), right: true },
    ];
  }, [history]);
  return (
    <LineChart
      series={series}
      xLabel="step"
      leftLabel="PSNR (dB)"
      rightLabel="MSE (log)"
      empty="No steps yet: press Play or Step to see PSNR and loss per step."
      testId="metrics-plot"
    />
  );
}
