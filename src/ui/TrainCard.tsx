import { useMemo } from 'react';
import { useWsStore, type WsRun } from '../state/wsStore';
import type { SplitMetrics } from '../train/wsMetrics';
import type { WsModelKind } from '../models/wsModel';
import { axis, Plot } from './Plot';
import { wsController } from './wsController';

const MODEL_NAMES: Record<WsModelKind, string> = { dws: 'DWS (equivariant)', nfn: 'NFN-NP (equivariant)', mlp: 'flattened MLP (baseline)' };
const COLORS = ['#7c9cff', '#4cc38a', '#f0a35e', '#ef6b73', '#c792ea', '#5ed4e6'];

/** "83.0%" for accuracy, "a 0.91 / b 0.40" for R². */
export function score(m: SplitMetrics | undefined): string {
  if (!m) return '—';
  if (m.accuracy !== undefined) return Number.isFinite(m.accuracy) ? `${(100 * m.accuracy).toFixed(1)}%` : '—';
  return (m.r2 ?? []).map((v, d) => `${'ab'[d] ?? d} ${v.toFixed(2)}`).join(' / ');
}

function runTraces(runs: WsRun[]): object[] {
  return runs.flatMap((r, i) => {
    const color = COLORS[i % COLORS.length];
    const x = r.history.map((h) => h.epoch);
    const metric = (m: SplitMetrics): number => (m.accuracy !== undefined ? 100 * m.accuracy : (m.r2 ?? []).reduce((s, v) => s + v, 0) / (m.r2?.length || 1));
    const name = `#${r.id} ${r.config.kind}`;
    const hasVal = r.history.some((h) => Number.isFinite(h.val.loss));
    return [
      { x, y: r.history.map((h) => metric(h.train)), name: `${name} train`, type: 'scatter', mode: 'lines', line: { color, width: 1.5, dash: 'dot' } },
      { x, y: r.history.map((h) => metric(hasVal ? h.val : h.test)), name: `${name} ${hasVal ? 'val' : 'test'}`, type: 'scatter', mode: 'lines+markers', line: { color, width: 2 } },
      { x, y: r.history.map((h) => h.train.loss), name: `${name} train loss`, yaxis: 'y2', type: 'scatter', mode: 'lines', line: { color, width: 1, dash: 'dash' }, showlegend: false },
    ];
  });
}

/** Model choice, start / pause / stop, the latest figures and the curves of every run. */
export function TrainCard() {
  const { trainSettings: t, set, ready, runs, selectedZooId, zoos } = useWsStore();
  const patch = (p: Partial<typeof t>): void => set({ trainSettings: { ...t, ...p } });
  const active = runs.find((r) => r.status === 'starting' || r.status === 'training' || r.status === 'paused');
  const latest = runs[runs.length - 1];
  const last = latest?.history[latest.history.length - 1];
  const regression = zoos.find((z) => z.id === selectedZooId)?.recipe.task === 'sine';
  const hasVal = last ? Number.isFinite(last.val.loss) : true;
  const traces = useMemo(() => runTraces(runs), [runs]);
  const layout = useMemo(
    () => ({
      xaxis: axis({ title: { text: 'epoch' } }),
      yaxis: axis({ title: { text: regression ? 'mean R²' : 'accuracy (%)' } }),
      yaxis2: axis({ title: { text: 'train loss' }, type: 'log', overlaying: 'y', side: 'right', showgrid: false }),
    }),
    [regression],
  );
  return (
    <div className="card train-card">
      <h3>2 · Train a weight-space model</h3>
      <div className="field-row">
        <label>
          model
          <select value={t.kind} onChange={(e) => patch({ kind: e.target.value as WsModelKind })} data-testid="ws-model">
            {(Object.keys(MODEL_NAMES) as WsModelKind[]).map((k) => (
              <option key={k} value={k}>
                {MODEL_NAMES[k]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="field-row">
        <label>
          {t.kind === 'mlp' ? 'hidden layers' : 'layers'}
          <input type="number" min={1} max={6} value={t.depth} onChange={(e) => patch({ depth: Math.min(6, Math.max(1, Number(e.target.value) | 0)) })} data-testid="ws-depth" />
        </label>
        <label>
          {t.kind === 'mlp' ? 'width' : 'channels'}
          <input type="number" min={1} max={256} value={t.channels} onChange={(e) => patch({ channels: Math.min(256, Math.max(1, Number(e.target.value) | 0)) })} data-testid="ws-channels" />
        </label>
      </div>
      <div className="field-row">
        <label>
          lr
          <input type="number" min={1e-5} max={1} step={1e-4} value={t.lr} onChange={(e) => patch({ lr: Number(e.target.value) })} data-testid="ws-lr" />
        </label>
        <label>
          epochs
          <input type="number" min={1} max={1000} value={t.epochs} onChange={(e) => patch({ epochs: Math.max(1, Number(e.target.value) | 0) })} data-testid="ws-epochs" />
        </label>
        <label>
          seed
          <input type="number" value={t.seed} onChange={(e) => patch({ seed: Number(e.target.value) | 0 })} data-testid="ws-seed" />
        </label>
        <label title="Gaussian Fourier features of each weight, [x, sin 2πfx, cos 2πfx …]; 0: the raw weight">
          Fourier
          <input type="number" min={0} max={16} value={t.fourier} onChange={(e) => patch({ fourier: Math.min(16, Math.max(0, Number(e.target.value) | 0)) })} data-testid="ws-fourier" />
        </label>
      </div>
      <label className="check" title="each time a training INR is drawn, every hidden neuron is negated with p = 0.5: an exact SIREN symmetry the models are not invariant to">
        <input type="checkbox" checked={t.augment} onChange={(e) => patch({ augment: e.target.checked })} data-testid="ws-augment" />
        augment: random neuron negation
      </label>
      <div className="transport">
        <button className="primary" disabled={!ready || !selectedZooId || Boolean(active)} onClick={() => void wsController.train()} data-testid="train-ws">
          Train
        </button>
        {active?.status === 'paused' ? (
          <button onClick={() => wsController.resume()} data-testid="ws-resume">
            Resume
          </button>
        ) : (
          <button disabled={!active} onClick={() => wsController.pause()} data-testid="ws-pause">
            Pause
          </button>
        )}
        <button disabled={!active} onClick={() => wsController.stop()} data-testid="ws-stop">
          Stop
        </button>
      </div>
      <div className="readouts">
        <div className="readout big">
          <span className="value" data-testid="ws-accuracy">
            {last ? score(hasVal ? last.val : last.test) : '—'}
          </span>
          <span className="unit">{regression ? 'R²' : 'accuracy'} ({hasVal ? 'val' : 'test'})</span>
        </div>
        <div className="readout">
          <span className="value" data-testid="ws-test-accuracy">
            {score(last?.test)}
          </span>
          <span className="unit">test</span>
        </div>
        <div className="readout">
          <span className="value" data-testid="ws-permuted-accuracy">
            {score(last?.testPermuted)}
          </span>
          <span className="unit">permuted test</span>
        </div>
        <div className="readout">
          <span className="value">{last ? `${last.epoch}/${latest.config.epochs}` : '—'}</span>
          <span className="unit">epoch{last ? ` · ${(last.ms / 1000).toFixed(1)} s` : ''}</span>
        </div>
      </div>
      {runs.length > 0 && (
        <table className="runs" data-testid="ws-runs">
          <thead>
            <tr>
              <th>run</th>
              <th>model</th>
              <th>params</th>
              <th>best {hasVal ? 'val' : 'epoch'}</th>
              <th>test</th>
              <th>permuted</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => {
              const best = [...r.history].reverse().find((h) => h.best);
              return (
                <tr key={r.id}>
                  <td>#{r.id}</td>
                  <td>
                    {r.config.kind} {r.config.depth}×{r.config.channels}
                  </td>
                  <td>{r.parameters.toLocaleString()}</td>
                  <td>{best ? `${hasVal ? score(best.val) : ''} @${best.epoch}` : '—'}</td>
                  <td>{score(best?.test)}</td>
                  <td>{score(best?.testPermuted)}</td>
                  <td className={`status ${r.status}`}>{r.status}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {runs.length > 0 && <Plot traces={traces} layout={layout} testId="ws-plot" />}
    </div>
  );
}
