import { useEffect, useRef } from 'react';
import { useThemeStore } from '../../../state/themeStore';
import { cssColor } from '../../app/theme';

export interface ChartSeries {
  name: string;
  color: string;
  x: readonly number[];
  y: readonly number[];
  /** plotted against the right axis (log scale) instead of the left (linear) */
  right?: boolean;
}

const PAD = { left: 52, right: 60, top: 22, bottom: 34 };

/**
 * A light canvas line chart for curves that change every frame (the live fit): left axis linear, right axis log10,
 * redrawn at most once per animation frame. Costs well under a millisecond a frame where a plotly redraw costs tens.
 */
export function LineChart({
  series,
  xLabel,
  leftLabel,
  rightLabel,
  empty,
  testId,
}: {
  series: ChartSeries[];
  xLabel: string;
  leftLabel: string;
  rightLabel: string;
  empty: string;
  testId: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const hasData = series.some((s) => s.x.length > 0);
  const theme = useThemeStore((s) => s.theme);

  useEffect(() => {
    if (!hasData) return;
    const frame = requestAnimationFrame(
      () => canvas.current && draw(canvas.current, series, xLabel, leftLabel, rightLabel),
    );
    return () => cancelAnimationFrame(frame);
  }, [series, hasData, xLabel, leftLabel, rightLabel, theme]);

  return (
    <div className="line-chart" data-testid={testId}>
      {hasData ? (
        <canvas ref={canvas} role="img" aria-label={`${series.map((s) => s.name).join(' and ')} against ${xLabel}`} />
      ) : (
        <p className="chart-empty">{empty}</p>
      )}
      {hasData && (
        <button
          className="chart-export"
          onClick={() => savePng(canvas.current)}
          aria-label="download the chart as PNG"
          title="download as PNG"
        >
          PNG
        </button>
      )}
    </div>
  );
}

function savePng(el: HTMLCanvasElement | null): void {
  if (!el) return;
  const a = document.createElement('a');
  a.href = el.toDataURL('image/png');
  a.download = 'weightscape-chart.png';
  a.click();
}

/** "Nice" tick values covering [lo, hi]: steps of 1, 2 or 5 × 10^k. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function extent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (!Number.isFinite(lo)) return [0, 1];
  return hi > lo ? [lo, hi] : [lo - 1, hi + 1];
}

function draw(
  el: HTMLCanvasElement,
  series: ChartSeries[],
  xLabel: string,
  leftLabel: string,
  rightLabel: string,
): void {
  const dpr = window.devicePixelRatio || 1;
  const width = el.clientWidth;
  const height = el.clientHeight;
  if (el.width !== Math.round(width * dpr) || el.height !== Math.round(height * dpr))
    [el.width, el.height] = [Math.round(width * dpr), Math.round(height * dpr)];
  const g = el.getContext('2d')!;
  const [GRID, TEXT] = [cssColor('--grid'), cssColor('--muted')];
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, width, height);
  g.font = '11px Inter, system-ui, sans-serif';
  const w = width - PAD.left - PAD.right;
  const h = height - PAD.top - PAD.bottom;

  const [x0, x1] = extent(series.flatMap((s) => s.x));
  const [l0, l1] = extent(series.filter((s) => !s.right).flatMap((s) => s.y));
  const [r0, r1] = extent(series.filter((s) => s.right).flatMap((s) => s.y.filter((v) => v > 0).map(Math.log10)));
  const [lr0, lr1] = [Math.floor(r0), Math.ceil(r1) > Math.floor(r0) ? Math.ceil(r1) : Math.floor(r0) + 1];
  const px = (x: number): number => PAD.left + ((x - x0) / (x1 - x0)) * w;
  const pyLeft = (y: number): number => PAD.top + h - ((y - l0) / (l1 - l0)) * h;
  const pyRight = (y: number): number => PAD.top + h - ((Math.log10(y) - lr0) / (lr1 - lr0)) * h;

  g.strokeStyle = GRID;
  g.fillStyle = TEXT;
  g.lineWidth = 1;
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  for (const t of niceTicks(l0, l1)) {
    const y = pyLeft(t);
    g.beginPath();
    g.moveTo(PAD.left, y);
    g.lineTo(PAD.left + w, y);
    g.stroke();
    g.fillText(String(t), PAD.left - 6, y);
  }
  g.textAlign = 'left';
  for (let e = lr0; e <= lr1; e++) g.fillText(`1e${e}`, PAD.left + w + 6, pyRight(10 ** e));
  g.textAlign = 'center';
  g.textBaseline = 'top';
  for (const t of niceTicks(x0, x1, 6)) g.fillText(String(t), px(t), PAD.top + h + 6);
  g.fillText(xLabel, PAD.left + w / 2, PAD.top + h + 20);
  g.textBaseline = 'bottom';
  g.textAlign = 'left';
  g.fillText(leftLabel, 4, PAD.top - 6);
  g.textAlign = 'right';
  g.fillText(rightLabel, width - 4, PAD.top - 6);

  // legend, centred above the plot
  g.textAlign = 'left';
  let lx = PAD.left + w / 2 - series.length * 50;
  for (const s of series) {
    g.fillStyle = s.color;
    g.fillRect(lx, PAD.top - 12, 14, 3);
    g.fillStyle = TEXT;
    g.fillText(s.name, lx + 18, PAD.top - 4);
    lx += 100;
  }

  g.save();
  g.beginPath();
  g.rect(PAD.left, PAD.top, w, h);
  g.clip();
  for (const s of series) {
    g.strokeStyle = s.color;
    g.lineWidth = s.right ? 1.5 : 2;
    g.beginPath();
    let pen = false;
    s.x.forEach((x, i) => {
      const v = s.y[i];
      if (!Number.isFinite(v) || (s.right && v <= 0)) return void (pen = false);
      const y = s.right ? pyRight(v) : pyLeft(v);
      if (pen) g.lineTo(px(x), y);
      else g.moveTo(px(x), y);
      pen = true;
    });
    g.stroke();
  }
  g.restore();
}
