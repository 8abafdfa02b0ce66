import { useMemo } from 'react';
import { useSlotBusyReason } from '../../../state/runSlot';
import { useLearnStore, type Divergence, type WsRun } from '../../../state/learnStore';
import type { SplitMetrics } from '../../../train/wsMetrics';
import { hasInvariantHead, readsOutputs, type WsModelKind } from '../../../models/wsModel';
import { recommendedRecipe, type WsTrainConfig } from '../../../train/wsTrainConfig';
import { AugmentationList } from './AugmentationList';
import { ruleOf } from '../../../state/linkSchema';
import { NumberField } from '../../widgets/NumberField';
import { axis, Plot } from '../../widgets/charts/Plot';
import { learnClient } from '../../workers/learnClient';
import { useFields } from '../../hooks/useFields';

const MODEL_NAMES: Record<WsModelKind, string> = {
  dws: 'DWS (equivariant)',
  nfn: 'NFN-NP (equivariant)',
  mlp: 'flattened MLP (baseline)',
  probe: 'probe reader (outputs at learned points)',
  pixels: 'pixel MLP on the render (ceiling)',
};
const COLORS = ['#7c9cff', '#4cc38a', '#f0a35e', '#ef6b73', '#c792ea', '#5ed4e6'];

/** The recommended recipe of a newly picked model; the run's seed, epochs, batch and views stay the user's. */
function pickModel(t: WsTrainConfig, kind: WsModelKind): WsTrainConfig {
  return { ...recommendedRecipe(kind), seed: t.seed, epochs: t.epochs, batchSize: t.batchSize, views: t.views };
}

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
    const metric = (m: SplitMetrics): number =>
      m.accuracy !== undefined ? 100 * m.accuracy : (m.r2 ?? []).reduce((s, v) => s + v, 0) / (m.r2?.length || 1);
    const name = `#${r.id} ${r.config.kind}`;
    const hasVal = r.history.some((h) => Number.isFinite(h.val.loss));
    return [
      {
        x,
        y: r.history.map((h) => metric(h.train)),
        name: `${name} train`,
        type: 'scatter',
        mode: 'lines',
        line: { color, width: 1.5, dash: 'dot' },
      },
      {
        x,
        y: r.history.map((h) => metric(hasVal ? h.val : h.test)),
        name: `${name} ${hasVal ? 'val' : 'test'}`,
        type: 'scatter',
        mode: 'lines+markers',
        line: { color, width: 2 },
      },
      {
        x,
        y: r.history.map((h) => h.train.loss),
        name: `${name} train loss`,
        yaxis: 'y2',
        type: 'scatter',
        mode: 'lines',
        line: { color, width: 1, dash: 'dash' },
        showlegend: false,
      },
    ];
  });
}

/** Model choice, start / pause / stop, the latest figures and the curves of every run. */
/** A run whose loss became NaN or infinite: paused, its best checkpoint back; resume it at a lower learning rate. */
function DivergenceBanner({ runId, d }: { runId: number; d: Divergence }) {
  const lower = d.lr / 10;
  return (
    <div className="notice error" role="alert" data-testid="ws-diverged">
      Run #{runId}: the training loss became {String(d.loss)} in epoch {d.epoch}. Training is paused and the run is
      kept, with the best checkpoint ({d.bestEpoch > 0 ? `epoch ${d.bestEpoch}` : 'the initial weights'}) restored. A
      lower learning rate usually helps.{' '}
      <button onClick={() => learnClient.resumeAt(runId, lower)} data-testid="ws-resume-lower">
        Resume at lr {lower.toExponential(0)}
      </button>
    </div>
  );
}

export function TrainCard() {
  const {
    trainSettings: t,
    set,
    ready,
    runs,
    selectedZooId,
    zoos,
  } = useFields(useLearnStore, 'trainSettings', 'set', 'ready', 'runs', 'selectedZooId', 'zoos');
  const patch = (p: Partial<typeof t>): void => set({ trainSettings: { ...t, ...p } });
  const busy = useSlotBusyReason();
  const active = runs.find((r) => r.status === 'starting' || r.status === 'training' || r.status === 'paused');
  const latest = runs[runs.length - 1];
  const last = latest?.history[latest.history.length - 1];
  const zoo = zoos.find((z) => z.id === selectedZooId);
  const regression = zoo?.recipe.task === 'sine';
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
          <select
            value={t.kind}
            onChange={(e) => patch(pickModel(t, e.target.value as WsModelKind))}
            data-testid="ws-model"
            data-link-key="model"
            title="picking a model sets its recommended recipe (layers, channels, learning rate, features, augmentations); seed, epochs and batch stay"
          >
            {(Object.keys(MODEL_NAMES) as WsModelKind[]).map((k) => (
              <option key={k} value={k}>
                {MODEL_NAMES[k]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="field-row">
        <NumberField
          label={t.kind === 'mlp' || readsOutputs(t.kind) ? 'hidden layers' : 'equivariant layers'}
          value={t.depth}
          linkKey="mlayers"
          onCommit={(depth) => patch({ depth })}
          testId="ws-depth"
        />
        <NumberField
          label={t.kind === 'mlp' || readsOutputs(t.kind) ? 'width' : 'channels per weight'}
          value={t.channels}
          linkKey="mch"
          onCommit={(channels) => patch({ channels })}
          testId="ws-channels"
          title={
            t.kind === 'mlp' || readsOutputs(t.kind)
              ? 'neurons per hidden layer, 1–256'
              : 'feature channels every weight and bias carries through the layers, 1–256'
          }
        />
      </div>
      <div className="field-row">
        <NumberField
          label="learning rate"
          value={t.lr}
          linkKey="mlr"
          onCommit={(lr) => patch({ lr })}
          testId="ws-lr"
          title="AdamW learning rate, 1e-5 – 1"
        />
        <NumberField
          label="weight decay"
          value={t.weightDecay}
          linkKey="mwd"
          onCommit={(weightDecay) => patch({ weightDecay })}
          testId="ws-weight-decay"
          title="AdamW's decoupled weight decay, 0 – 1"
        />
        <NumberField
          label="epochs"
          value={t.epochs}
          linkKey="epochs"
          onCommit={(epochs) => patch({ epochs })}
          testId="ws-epochs"
        />
        <NumberField
          label="seed"
          value={t.seed}
          linkKey="mseed"
          onCommit={(seed) => patch({ seed })}
          testId="ws-seed"
          title="seeds the model's init, the batch order and the augmentation"
        />
        {t.kind === 'probe' && (
          <NumberField
            label="probe points"
            value={t.probes}
            linkKey="probes"
            onCommit={(probes) => patch({ probes })}
            testId="ws-probes"
            title="K learned input points; the reader sees each INR's output at them (the same for any neuron order or sign), 1–256"
          />
        )}
        {hasInvariantHead(t.kind) && (
          <NumberField
            label="head probes"
            value={t.headProbes}
            linkKey="hprobes"
            onCommit={(headProbes) => patch({ headProbes })}
            testId="ws-head-probes"
            title="K learned input points whose outputs the invariant head reads beside the pooled weight features (the same for any neuron order or sign), 0–256; 0: the weights alone"
          />
        )}
        {!readsOutputs(t.kind) && (
          <NumberField
            label="Fourier features"
            value={t.fourier}
            linkKey="ff"
            onCommit={(fourier) => patch({ fourier })}
            testId="ws-fourier"
            title="Gaussian Fourier features of each weight, [x, sin 2πfx, cos 2πfx …], 0–16; 0: the raw weight"
          />
        )}
      </div>
      {t.kind === 'mlp' && (
        <label title="per weight: every weight standardised by its own mean and spread over the training INRs, which removes a shared init and suits an MLP reading a shared frame; per tensor: one mean and spread per weight or bias tensor, the only choice that keeps the equivariant models invariant">
          normalise
          <select
            value={t.normalisation}
            onChange={(e) => patch({ normalisation: e.target.value as WsTrainConfig['normalisation'] })}
            data-testid="ws-normalisation"
            data-link-key="mnorm"
          >
            <option value="weight">per weight</option>
            <option value="tensor">per tensor</option>
          </select>
        </label>
      )}
      {!readsOutputs(t.kind) && (
        <label
          className="check"
          title="every INR in its sign and phase canonical form before the model reads it: hidden biases into ±π/(2ω0), each hidden neuron's incoming weights summing ≥ 0. The render is unchanged, and the model becomes invariant to negations and bias shifts as well as permutations"
        >
          <input
            type="checkbox"
            checked={t.canonical}
            onChange={(e) => patch({ canonical: e.target.checked })}
            data-testid="ws-canonical"
            data-link-key="canon"
          />
          canonical signs
        </label>
      )}
      {readsOutputs(t.kind) ? (
        <p className="hint">
          This reader is invariant to every symmetry by construction: augmentations of the weights change nothing it
          sees.
        </p>
      ) : (
        <AugmentationList
          value={t.augmentations}
          onChange={(augmentations) => patch({ augmentations })}
          inputDim={zoo?.recipe.dims[0] ?? 2}
        />
      )}
      {(zoo?.recipe.viewsPerImage ?? 1) > 1 && (
        <div className="field-row">
          <NumberField
            label="fits per image used"
            value={t.views}
            linkKey="views"
            rule={{ ...ruleOf('views'), max: zoo!.recipe.viewsPerImage! }}
            onCommit={(views) => patch({ views })}
            testId="ws-views"
            title={`the zoo has ${zoo!.recipe.viewsPerImage} fits of every training image; train on the first k (0: all)`}
          />
        </div>
      )}
      <div className="transport">
        <button
          className="primary"
          disabled={!ready || !selectedZooId || busy !== null}
          onClick={() => void learnClient.train()}
          data-testid="train-ws"
          title={busy ?? undefined}
        >
          Train
        </button>
        {active?.status === 'paused' ? (
          <button onClick={() => learnClient.resume(active.id)} data-testid="ws-resume">
            Resume
          </button>
        ) : (
          <button disabled={!active} onClick={() => active && learnClient.pause(active.id)} data-testid="ws-pause">
            Pause
          </button>
        )}
        <button
          disabled={!active}
          onClick={() => active && learnClient.stop({ kind: 'train', runId: active.id })}
          data-testid="ws-stop"
        >
          Stop
        </button>
        {busy && !active && (
          <span className="hint" data-testid="train-blocked">
            Not now: {busy}.
          </span>
        )}
      </div>
      {active?.diverged && <DivergenceBanner runId={active.id} d={active.diverged} />}
      <div className="readouts">
        <div className="readout big">
          <span className="value" data-testid="ws-accuracy">
            {last ? score(hasVal ? last.val : last.test) : '—'}
          </span>
          <span className="unit">
            {regression ? 'R²' : 'accuracy'} ({hasVal ? 'val' : 'test'})
          </span>
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
      {runs.length > 0 && (
        <Plot
          traces={traces}
          layout={layout}
          testId="ws-plot"
          empty={runs.every((r) => r.history.length === 0) ? 'The curves appear after the first epoch.' : null}
        />
      )}
    </div>
  );
}
