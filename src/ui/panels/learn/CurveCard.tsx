import { useMemo } from 'react';
import { CURVE_SIZE_CHOICES, useCurveStore, type CurveRun } from '../../../state/curveStore';
import { useLearnStore } from '../../../state/learnStore';
import { useSlotBusyReason } from '../../../state/runSlot';
import { CURVE_READERS, curveCsv, type CurveReader, type CurveRow } from '../../../train/curvePlan';
import { cssColor } from '../../app/theme';
import { useFields } from '../../hooks/useFields';
import { download, fileNameOf } from '../../io/download';
import { axis, Plot } from '../../widgets/charts/Plot';
import { NumberField } from '../../widgets/NumberField';
import { runCurve, stopCurve } from './curveActions';

const READER_NAMES: Record<CurveReader, string> = {
  dws: 'DWS',
  'dws-canonical': 'DWS, canonical signs',
  nfn: 'NFN-NP',
  'nfn-canonical': 'NFN-NP, canonical signs',
  'dws-probes': 'DWS + probes',
  'nfn-probes': 'NFN-NP + probes',
  mlp: 'flattened MLP',
  probe: 'probe reader',
  pixels: 'pixel MLP (ceiling)',
};
const COLORS: Record<CurveReader, string> = {
  dws: '#7c9cff',
  'dws-canonical': '#c792ea',
  nfn: '#4cc38a',
  'nfn-canonical': '#98c379',
  'dws-probes': '#56b6c2',
  'nfn-probes': '#d19a66',
  mlp: '#ef6b73',
  probe: '#f0a35e',
  pixels: '#9aa4b8',
};

interface Point {
  size: number;
  mean: number;
  std: number;
  signed: number;
  seeds: number;
  seconds: number;
}

/** Mean ± std over seeds of every (reader, size), sizes ascending. */
function summarise(rows: readonly CurveRow[], reader: CurveReader): Point[] {
  const sizes = [...new Set(rows.filter((r) => r.reader === reader).map((r) => r.size))].sort((a, b) => a - b);
  return sizes.map((size) => {
    const runs = rows.filter((r) => r.reader === reader && r.size === size);
    const mean = runs.reduce((s, r) => s + r.test, 0) / runs.length;
    const std = Math.sqrt(runs.reduce((s, r) => s + (r.test - mean) ** 2, 0) / runs.length);
    const signed = runs.reduce((s, r) => s + r.testSigned, 0) / runs.length;
    const seconds = runs.reduce((s, r) => s + r.seconds, 0) / runs.length;
    return { size, mean, std, signed, seeds: runs.length, seconds };
  });
}

function CurveResults({ run }: { run: CurveRun }) {
  const readers = run.readers.filter((r) => run.rows.some((row) => row.reader === r));
  const points = useMemo(() => new Map(readers.map((r) => [r, summarise(run.rows, r)])), [run, readers]);
  const sizes = [...new Set(run.rows.map((r) => r.size))].sort((a, b) => a - b);
  const traces = useMemo(() => {
    const lines = readers.flatMap((r) => {
      const p = points.get(r)!;
      const color = COLORS[r];
      return [
        {
          type: 'scatter',
          mode: 'lines+markers',
          x: p.map((q) => q.size),
          y: p.map((q) => 100 * q.mean),
          error_y: { type: 'data', array: p.map((q) => 100 * q.std), visible: true, color },
          name: READER_NAMES[r],
          line: { color, width: r === 'pixels' ? 1.5 : 2.5, dash: r === 'pixels' ? 'dot' : 'solid' },
        },
        {
          type: 'scatter',
          mode: 'markers',
          x: p.map((q) => q.size),
          y: p.map((q) => 100 * q.signed),
          name: `${READER_NAMES[r]} · signed-permuted test`,
          marker: { color, symbol: 'x-thin-open', size: 9, line: { color, width: 2 } },
          showlegend: false,
        },
      ];
    });
    const span = sizes.length > 0 ? [sizes[0], sizes[sizes.length - 1]] : [1, 1];
    const chance = {
      type: 'scatter',
      mode: 'lines',
      x: span,
      y: [10, 10],
      name: 'chance (10%)',
      line: { color: cssColor('--muted'), dash: 'dash', width: 1 },
    };
    return [...lines, chance];
  }, [readers, points, sizes]);
  const layout = useMemo(
    () => ({
      xaxis: axis({ title: { text: 'training INRs' }, type: 'log' }),
      yaxis: axis({ title: { text: 'test accuracy (%)' }, range: [0, 100] }),
    }),
    [],
  );
  const result = JSON.stringify(
    run.rows.map((r) => ({
      reader: r.reader,
      size: r.size,
      seed: r.seed,
      epochs: r.epochs,
      test: r.test,
      testSigned: r.testSigned,
    })),
  );
  return (
    <div className="curve-results">
      <Plot traces={traces} layout={layout} testId="curve-plot" />
      <table className="runs" data-testid="curve-table">
        <thead>
          <tr>
            <th>reader</th>
            {sizes.map((s) => (
              <th key={s}>{s} INRs</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {readers.map((r) => (
            <tr key={r}>
              <td>{READER_NAMES[r]}</td>
              {sizes.map((s) => {
                const q = points.get(r)!.find((p) => p.size === s);
                return (
                  <td key={s} title={q ? `${q.seeds} seed(s), ${q.seconds.toFixed(0)} s a run` : ''}>
                    {q
                      ? `${(100 * q.mean).toFixed(1)} ± ${(100 * q.std).toFixed(1)} (signed ${(100 * q.signed).toFixed(1)})`
                      : '—'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        Test accuracy of each run's best-validation checkpoint on {run.zooName} (mean ± std over seeds; ✕ and "signed":
        the same test INRs with their hidden neurons permuted and randomly negated — the same functions). Every subset
        is inside the next, the validation and test INRs are the same for all, and every run takes as many gradient
        steps as the set number of epochs of the whole training split (a smaller subset runs more epochs).
      </p>
      <details>
        <summary className="hint">the runs as JSON</summary>
        <pre className="ablation-json" data-testid="curve-result" aria-label="one row a run (JSON)">
          {result}
        </pre>
      </details>
      <div className="transport">
        <button
          onClick={() => download(fileNameOf(`learning-curve-${run.zooName}`, 'csv'), curveCsv(run.rows), 'text/csv')}
          data-testid="curve-csv"
        >
          Download CSV
        </button>
      </div>
    </div>
  );
}

/** Readers trained on nested subsets of the zoo's training INRs: accuracy against training INRs. */
export function CurveCard() {
  const { settings: c, set, run } = useFields(useCurveStore, 'settings', 'set', 'run');
  const { ready, selectedZooId } = useFields(useLearnStore, 'ready', 'selectedZooId');
  const running = run?.status === 'running';
  const busy = useSlotBusyReason();
  const toggle = <T,>(list: readonly T[], item: T, on: boolean, order: readonly T[]): T[] =>
    order.filter((x) => (x === item ? on : list.includes(x)));
  const p = run?.progress;
  return (
    <div className="card curve-card">
      <h3>5 · Learning curve</h3>
      <p className="hint">
        How each reader's test accuracy grows with the training INRs it sees, on nested subsets of the selected zoo,
        with the pixel MLP on the renders as the ceiling and chance as the floor.
      </p>
      <fieldset className="check-grid">
        <legend>readers</legend>
        {CURVE_READERS.map((r) => (
          <label key={r} className="check">
            <input
              type="checkbox"
              checked={c.readers.includes(r)}
              onChange={(e) =>
                set({ settings: { ...c, readers: toggle(c.readers, r, e.target.checked, CURVE_READERS) } })
              }
              data-testid={`curve-reader-${r}`}
            />
            {READER_NAMES[r]}
          </label>
        ))}
      </fieldset>
      <fieldset className="check-grid">
        <legend>training INRs (those above the zoo's training split become all of it)</legend>
        {CURVE_SIZE_CHOICES.map((s) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={c.sizes.includes(Number(s))}
              onChange={(e) =>
                set({
                  settings: {
                    ...c,
                    sizes: toggle(c.sizes, Number(s), e.target.checked, CURVE_SIZE_CHOICES.map(Number)),
                  },
                })
              }
              data-testid={`curve-size-${s}`}
            />
            {s}
          </label>
        ))}
      </fieldset>
      <div className="field-row">
        <NumberField
          label="seeds"
          value={c.seeds}
          linkKey="cseeds"
          onCommit={(seeds) => set({ settings: { ...c, seeds } })}
          testId="curve-seeds"
          title="every reader and size is trained with seeds 0 … n−1"
        />
        <NumberField
          label="epochs"
          value={c.epochs}
          linkKey="cepochs"
          onCommit={(epochs) => set({ settings: { ...c, epochs } })}
          testId="curve-epochs"
          title="every run takes the gradient steps of this many epochs of the whole training split (a smaller subset runs more epochs): 40 is the readers' recipe; a big zoo wants fewer"
        />
      </div>
      <div className="transport">
        <button
          className="primary"
          disabled={!ready || !selectedZooId || busy !== null || c.readers.length === 0 || c.sizes.length === 0}
          onClick={() => void runCurve()}
          data-testid="curve-run"
          title={busy ?? undefined}
        >
          Run learning curve
        </button>
        <button disabled={!running} onClick={stopCurve} data-testid="curve-stop">
          Stop
        </button>
        {busy && !running && (
          <span className="hint" data-testid="curve-blocked">
            Not now: {busy}.
          </span>
        )}
      </div>
      {run && (
        <div className="progress-line" role="status" data-testid="curve-status">
          {running ? (
            <>
              <progress max={p?.total ?? 1} value={p ? p.done + p.epoch / p.epochs : 0} />
              <span className="hint">
                {p
                  ? `run ${p.done + 1}/${p.total} · ${READER_NAMES[p.reader]}, ${p.size} INRs, seed ${p.seed}, epoch ${p.epoch}/${p.epochs}`
                  : 'starting…'}
              </span>
            </>
          ) : (
            <span className="hint">
              {run.status === 'done' ? 'Finished' : run.status === 'stopped' ? 'Stopped' : 'Failed'}: {run.rows.length}{' '}
              runs.
            </span>
          )}
        </div>
      )}
      {run && run.rows.length > 0 && <CurveResults run={run} />}
    </div>
  );
}
