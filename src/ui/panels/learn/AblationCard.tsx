import { useMemo } from 'react';
import { useSlotBusyReason } from '../../../state/runSlot';
import { useLearnStore, type AblationSettings, type AblationState } from '../../../state/learnStore';
import { ablationCsv, summarise } from '../../../train/ablationPlan';
import { AUGMENTATION_IDS, AUGMENTATIONS, type AugmentationId } from '../../../weightspace/augmentations';
import { download } from '../../io/download';
import { NumberField } from '../../widgets/NumberField';
import { cssColor } from '../../app/theme';
import { axis, Plot } from '../../widgets/charts/Plot';
import { learnClient } from '../../workers/learnClient';
import { useFields } from '../../hooks/useFields';

const COLORS = [
  '#9aa4b8',
  '#7c9cff',
  '#4cc38a',
  '#f0a35e',
  '#ef6b73',
  '#c792ea',
  '#5ed4e6',
  '#e6c07b',
  '#98c379',
  '#61afef',
  '#d19a66',
  '#be5046',
  '#56b6c2',
  '#c678dd',
  '#abb2bf',
];

const meanOf = (v: number[]): number => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);

const armLabel = (name: string): string => (name in AUGMENTATIONS ? AUGMENTATIONS[name as AugmentationId].label : name);

function AblationResults({ ablation }: { ablation: AblationState }) {
  const summary = useMemo(() => summarise(ablation.runs, ablation.arms).filter((s) => s.scores.length > 0), [ablation]);
  const bars = useMemo(
    () => [
      {
        type: 'bar',
        x: summary.map((s) => armLabel(s.arm)),
        y: summary.map((s) => 100 * s.mean),
        error_y: { type: 'data', array: summary.map((s) => 100 * s.std), visible: true, color: cssColor('--text') },
        marker: { color: summary.map((_, i) => COLORS[i % COLORS.length]) },
        name: 'test (mean ± std over seeds)',
      },
    ],
    [summary],
  );
  // the validation curve of every run, one colour per arm, behind the bars
  const curves = useMemo(
    () =>
      ablation.runs.map((r) => {
        const i = ablation.arms.findIndex((a) => a.name === r.arm);
        return {
          type: 'scatter',
          mode: 'lines',
          x: r.curve.map((_, e) => e + 1),
          y: r.curve.map((v) => 100 * v),
          name: `${armLabel(r.arm)} · seed ${r.seed}`,
          line: { color: COLORS[i % COLORS.length], width: 1 },
          opacity: 0.7,
          showlegend: false,
        };
      }),
    [ablation],
  );
  const barLayout = useMemo(
    () => ({
      xaxis: axis({ automargin: true }),
      yaxis: axis({ title: { text: 'test score (%)' } }),
      showlegend: false,
    }),
    [],
  );
  const curveLayout = useMemo(
    () => ({ xaxis: axis({ title: { text: 'epoch' } }), yaxis: axis({ title: { text: 'validation score (%)' } }) }),
    [],
  );
  const json = JSON.stringify(Object.fromEntries(summary.map((s) => [s.arm, Number(s.mean.toFixed(4))])));
  return (
    <div className="ablation-results">
      <table className="runs">
        <thead>
          <tr>
            <th>augmentation</th>
            <th>test (mean ± std)</th>
            <th>vs none</th>
            <th>train</th>
            <th>runs</th>
          </tr>
        </thead>
        <tbody>
          {summary.map((s) => (
            <tr key={s.arm}>
              <td>{armLabel(s.arm)}</td>
              <td>
                {(100 * s.mean).toFixed(1)} ± {(100 * s.std).toFixed(1)}
              </td>
              <td>
                {summary[0]?.arm === 'none' && s.arm !== 'none'
                  ? `${100 * (s.mean - summary[0].mean) >= 0 ? '+' : ''}${(100 * (s.mean - summary[0].mean)).toFixed(1)}`
                  : ''}
              </td>
              <td>
                {(100 * meanOf(ablation.runs.filter((r) => r.arm === s.arm).map((r) => r.trainScore))).toFixed(1)}
              </td>
              <td>{s.scores.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Plot traces={bars} layout={barLayout} testId="ablation-bars" />
      <Plot traces={curves} layout={curveLayout} testId="ablation-curves" />
      <p className="hint">
        Scores: the test accuracy (mean R² for sine zoos) of each run's best-validation checkpoint on {ablation.zooName}
        ; every arm trains {ablation.base.kind.toUpperCase()} {ablation.base.depth}×{ablation.base.channels} with the
        same number of gradient steps.
      </p>
      <div className="transport">
        <button
          onClick={() => download('weightscape-ablation.csv', ablationCsv(ablation.runs, summary), 'text/csv')}
          data-testid="ablation-csv"
          disabled={ablation.runs.length === 0}
        >
          Export CSV
        </button>
      </div>
      <pre className="ablation-json" data-testid="ablation-result" aria-label="mean test score per augmentation (JSON)">
        {json}
      </pre>
    </div>
  );
}

/** Train the same model with each chosen augmentation (and none) over several seeds, and compare. */
export function AblationCard() {
  const {
    ablationSettings: a,
    ablation,
    set,
    ready,
    selectedZooId,
    zoos,
  } = useFields(useLearnStore, 'ablationSettings', 'ablation', 'set', 'ready', 'selectedZooId', 'zoos');
  const patch = (p: Partial<AblationSettings>): void => set({ ablationSettings: { ...a, ...p } });
  const zoo = zoos.find((z) => z.id === selectedZooId);
  const zooViews = zoo?.recipe.viewsPerImage ?? 1;
  const running = ablation?.status === 'running';
  const busy = useSlotBusyReason();
  const toggle = (id: AugmentationId, on: boolean): void =>
    patch({ ids: on ? AUGMENTATION_IDS.filter((x) => x === id || a.ids.includes(x)) : a.ids.filter((x) => x !== id) });
  const p = ablation?.progress;
  return (
    <div className="card ablation-card">
      <h3>4 · Augmentation ablation</h3>
      <p className="hint">
        The model recipe of step 2 (model, layers, channels, learning rate, epochs) trained once without augmentation
        and once with each augmentation ticked here (p = 1; mixup p = 0.5), from {a.seeds} seeds each.
      </p>
      <div className="aug-checks" role="group" aria-label="augmentations to compare" data-link-key="abl">
        {AUGMENTATION_IDS.filter((id) => id !== 'rotate' || (zoo?.recipe.dims[0] ?? 2) === 2).map((id) => (
          <label className="check" key={id}>
            <input
              type="checkbox"
              checked={a.ids.includes(id)}
              onChange={(e) => toggle(id, e.target.checked)}
              data-testid={`ablation-pick-${id}`}
            />
            {AUGMENTATIONS[id].label}
          </label>
        ))}
      </div>
      <div className="field-row">
        <NumberField
          label="seeds"
          value={a.seeds}
          linkKey="ablseeds"
          onCommit={(seeds) => patch({ seeds })}
          testId="ablation-seeds"
          title="runs per arm, from the training seed on"
        />
        <NumberField
          label="views arm (fits per image)"
          value={a.views}
          linkKey="ablviews"
          onCommit={(views) => patch({ views })}
          testId="ablation-views"
          title={`0: none; k ≥ 2 adds an arm trained on k fits of every training image at the same number of gradient steps (this zoo has ${zooViews})`}
        />
      </div>
      <div className="transport">
        <button
          className="primary"
          disabled={!ready || !selectedZooId || busy !== null}
          onClick={() => void learnClient.runAblation()}
          data-testid="ablation-run"
          title={busy ?? undefined}
        >
          Run ablation
        </button>
        <button disabled={!running} onClick={() => learnClient.stop({ kind: 'ablation' })} data-testid="ablation-stop">
          Stop
        </button>
        {busy && !running && (
          <span className="hint" data-testid="ablation-blocked">
            Not now: {busy}.
          </span>
        )}
      </div>
      {ablation && (
        <div className="progress-line" role="status" data-testid="ablation-status">
          {running ? (
            <>
              <progress
                max={ablation.arms.length * ablation.seeds.length}
                value={ablation.runs.length + (p ? p.epoch / p.epochs : 0)}
              />
              <span className="hint">
                run {ablation.runs.length + 1}/{ablation.arms.length * ablation.seeds.length}
                {p ? ` · ${armLabel(p.arm)}, seed ${p.seed}, epoch ${p.epoch}/${p.epochs}` : ' · starting…'}
              </span>
            </>
          ) : (
            <span className="hint">
              {ablation.status === 'done' ? 'Finished' : ablation.status === 'stopped' ? 'Stopped' : 'Failed'}:{' '}
              {ablation.runs.length} of {ablation.arms.length * ablation.seeds.length} runs.
            </span>
          )}
        </div>
      )}
      {ablation && ablation.runs.length > 0 && <AblationResults ablation={ablation} />}
    </div>
  );
}
