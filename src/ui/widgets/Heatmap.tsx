import { useEffect, useRef } from 'react';
import { useThemeStore } from '../../state/themeStore';
import { cssColor } from '../app/theme';

/** Diverging colour for v ∈ [-1, 1]: blue (negative) – near-black (0) – orange (positive), legible on the dark page. */
export function divergingColor(v: number): [number, number, number] {
  const x = Math.max(-1, Math.min(1, v));
  const zero = [38, 44, 58];
  const end = x < 0 ? [92, 150, 255] : [255, 150, 70];
  const a = Math.abs(x) ** 0.7;
  return [0, 1, 2].map((i) => Math.round(zero[i] + (end[i] - zero[i]) * a)) as [number, number, number];
}

export interface HeatmapMove {
  /** new row r came from old row rowsFrom[r] (null: rows stayed) */
  rowsFrom: Uint32Array | null;
  colsFrom: Uint32Array | null;
}

const CELL_MAX = 12;
const ANIMATION_MS = 450;

/**
 * A matrix (or vector, one column) as a canvas of coloured cells, centred on 0 and scaled by max |value|. After a
 * permutation (`move`), rows and columns slide from their old places to the new ones. Clicking a row or a column
 * reports its index (for picking neurons).
 */
export function Heatmap({
  values,
  rows,
  cols,
  move,
  scale,
  highlightRows = [],
  highlightCols = [],
  onRow,
  onCol,
  rowIndices = false,
  colIndices = false,
  label,
  testId,
}: {
  values: ArrayLike<number>;
  rows: number;
  cols: number;
  move?: HeatmapMove | null;
  /** the |value| drawn at full colour (default: the largest |value|) */
  scale?: number;
  highlightRows?: number[];
  highlightCols?: number[];
  onRow?: (row: number) => void;
  onCol?: (col: number) => void;
  /** print neuron indices along the rows / columns (hidden axes) */
  rowIndices?: boolean;
  colIndices?: boolean;
  label: string;
  testId?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const theme = useThemeStore((s) => s.theme);
  const cell = Math.max(3, Math.min(CELL_MAX, Math.floor(260 / Math.max(rows, cols))));
  const left = rowIndices ? 18 : 0;
  const top = colIndices ? 12 : 0;

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const g = el.getContext('2d')!;
    let max = scale ?? 0;
    if (scale === undefined) for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));
    max ||= 1;
    const started = performance.now();
    let frame = 0;
    const draw = (now: number): void => {
      const t = move ? Math.min(1, (now - started) / ANIMATION_MS) : 1;
      const ease = t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
      const at = (from: Uint32Array | null, i: number): number => (from ? from[i] + (i - from[i]) * ease : i);
      g.fillStyle = cssColor('--card');
      g.fillRect(0, 0, el.width, el.height);
      g.fillStyle = cssColor('--muted');
      g.font = '9px Inter, system-ui, sans-serif';
      g.textAlign = 'right';
      g.textBaseline = 'middle';
      if (rowIndices)
        for (let r = 0; r < rows; r += rows > 16 ? 4 : 1) g.fillText(String(r), left - 3, top + r * cell + cell / 2);
      g.textAlign = 'center';
      g.textBaseline = 'bottom';
      if (colIndices)
        for (let c = 0; c < cols; c += cols > 16 ? 4 : 1) g.fillText(String(c), left + c * cell + cell / 2, top - 1);
      g.save();
      g.translate(left, top);
      for (let r = 0; r < rows; r++) {
        const y = at(move?.rowsFrom ?? null, r) * cell;
        for (let c = 0; c < cols; c++) {
          const [red, green, blue] = divergingColor(values[r * cols + c] / max);
          g.fillStyle = `rgb(${red},${green},${blue})`;
          g.fillRect(at(move?.colsFrom ?? null, c) * cell, y, cell - (cell > 5 ? 1 : 0), cell - (cell > 5 ? 1 : 0));
        }
      }
      g.strokeStyle = cssColor('--text');
      g.lineWidth = 1.5;
      for (const r of highlightRows) g.strokeRect(0.75, r * cell + 0.75, cols * cell - 1.5, cell - 1.5);
      for (const c of highlightCols) g.strokeRect(c * cell + 0.75, 0.75, cell - 1.5, rows * cell - 1.5);
      g.restore();
      if (t < 1) frame = requestAnimationFrame(draw);
    };
    frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, [values, rows, cols, move, scale, cell, left, top, rowIndices, colIndices, highlightRows, highlightCols, theme]);

  const pick = (event: React.MouseEvent<HTMLCanvasElement>): void => {
    const rect = event.currentTarget.getBoundingClientRect();
    const r = Math.floor((event.clientY - rect.top - top) / cell);
    const c = Math.floor((event.clientX - rect.left - left) / cell);
    // a click near a thin matrix's long side picks along it
    if (onRow && (rows >= cols || !onCol)) onRow(Math.min(rows - 1, Math.max(0, r)));
    else if (onCol) onCol(Math.min(cols - 1, Math.max(0, c)));
  };

  return (
    <canvas
      ref={canvas}
      className="heatmap"
      width={left + cols * cell}
      height={top + rows * cell}
      role="img"
      aria-label={label}
      data-testid={testId}
      onClick={onRow || onCol ? pick : undefined}
      style={{ cursor: onRow || onCol ? 'pointer' : undefined }}
    />
  );
}
