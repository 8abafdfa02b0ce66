import { useMemo } from 'react';
import { useLearnStore } from '../../../state/learnStore';
import { argmax, confusionMatrix } from '../../../train/wsMetrics';
import type { TestPredictions } from '../../../train/wsProtocol';
import { InrThumb } from '../../widgets/InrThumb';
import { axis, Plot } from '../../widgets/charts/Plot';
import { useFields } from '../../hooks/useFields';
import { DATASET_INFO, isImageDataset } from '../../../data/imageDatasets';

/** The class names of the selected zoo's dataset (MNIST: the digits), by label. */
function useClassNames(): readonly string[] {
  const task = useLearnStore((st) => st.zoos.find((z) => z.id === st.selectedZooId)?.recipe.task);
  return task && isImageDataset(task) ? DATASET_INFO[task].classNames : DATASET_INFO.mnist.classNames;
}

/** Confusion matrix of the best checkpoint on the test INRs. */
function Confusion({ p }: { p: TestPredictions }) {
  const names = useClassNames();
  const m = useMemo(() => confusionMatrix(p.outputs, labelsOneHot(p), 10), [p]);
  const max = Math.max(1, ...m.flat());
  return (
    <table className="confusion" data-testid="ws-confusion">
      <thead>
        <tr>
          <th>true ↓ / predicted →</th>
          {m.map((_, k) => (
            <th key={k} title={names[k]}>
              {k}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {m.map((row, t) => (
          <tr key={t}>
            <th title={names[t]}>{names[t] === String(t) ? t : `${t} ${names[t]}`}</th>
            {row.map((v, k) => (
              <td key={k} style={{ background: `rgba(${t === k ? '76,195,138' : '124,156,255'}, ${v / max})` }}>
                {v || ''}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function labelsOneHot(p: TestPredictions): Float32Array {
  const t = new Float32Array(p.outputs.length);
  p.rows.forEach((_, i) => (t[i * 10 + p.labels[i]] = 1));
  return t;
}

function Gallery({ p }: { p: TestPredictions }) {
  const thumbnails = useLearnStore((st) => st.thumbnails);
  const names = useClassNames();
  return (
    <div className="thumbs gallery" data-testid="ws-gallery">
      {thumbnails.map((t) => {
        const i = p.rows.indexOf(t.row);
        if (i < 0) return null;
        const predicted = argmax(p.outputs, i * 10, 10);
        const permuted = argmax(p.outputsPermuted, i * 10, 10);
        return (
          <InrThumb
            key={t.row}
            image={t.image}
            tone={predicted === t.label ? 'good' : 'bad'}
            caption={`${names[predicted]} (perm ${names[permuted]}) · true ${names[t.label]}`}
          />
        );
      })}
    </div>
  );
}

/** Predicted against true a and b for every finished run on this zoo. */
function Scatter({ runs }: { runs: TestPredictions[] }) {
  const all = useLearnStore((st) => st.runs);
  const traces = useMemo(
    () =>
      runs.flatMap((p) => {
        const kind = all.find((r) => r.id === p.runId)?.config.kind ?? '?';
        return [0, 1].map((d) => ({
          x: p.rows.map((_, i) => p.values[i * 2 + d]),
          y: p.rows.map((_, i) => p.outputs[i * 2 + d] * p.valueStd[d] + p.valueMean[d]),
          name: `#${p.runId} ${kind} ${'ab'[d]}`,
          xaxis: d === 0 ? 'x' : 'x2',
          yaxis: d === 0 ? 'y' : 'y2',
          type: 'scatter',
          mode: 'markers',
          marker: { size: 4 },
        }));
      }),
    [runs, all],
  );
  const layout = useMemo(
    () => ({
      grid: { rows: 1, columns: 2, pattern: 'independent' },
      xaxis: axis({ title: { text: 'true a' } }),
      yaxis: axis({ title: { text: 'predicted a' } }),
      xaxis2: axis({ title: { text: 'true b' } }),
      yaxis2: axis({ title: { text: 'predicted b' } }),
    }),
    [],
  );
  return <Plot traces={traces} layout={layout} testId="ws-scatter" />;
}

/** Softmax probability of class k in row i of `[n, K]` logits. */
function probability(logits: Float32Array, i: number, k: number, K: number): number {
  const row = logits.subarray(i * K, (i + 1) * K);
  const max = Math.max(...row);
  const sum = row.reduce((s, v) => s + Math.exp(v - max), 0);
  return Math.exp(row[k] - max) / sum;
}

/** One test INR in 24 symmetric copies: what each model predicts for each (one value = invariant). */
function InvarianceDemo({ runs }: { runs: TestPredictions[] }) {
  const all = useLearnStore((st) => st.runs);
  const first = runs[runs.length - 1];
  const label = first.labels[first.rows.indexOf(first.copies.row)] ?? -1;
  const spreads = useMemo(
    () =>
      runs.map((p) => {
        const kind = all.find((r) => r.id === p.runId)?.config.kind ?? '?';
        const values = p.copies.kinds.map((_, i) => probability(p.copies.outputs, i, label, 10));
        const spread = (which: string): number => {
          const v = values.filter((_, i) => p.copies.kinds[i] === which);
          return Math.max(...v) - Math.min(...v);
        };
        return {
          p,
          kind,
          values,
          perm: spread('permutation'),
          neg: spread('permutation + negation'),
          ...testSetInvariance(p),
        };
      }),
    [runs, all, label],
  );
  const traces = useMemo(
    () =>
      spreads.map((s, i) => ({
        x: s.values.map((_, c) => c + 1),
        y: s.values,
        name: `#${s.p.runId} ${s.kind}`,
        type: 'scatter',
        mode: 'markers',
        marker: {
          size: 7,
          color: ['#7c9cff', '#4cc38a', '#f0a35e', '#ef6b73', '#c792ea'][i % 5],
          symbol: s.p.copies.kinds.map((k) => (k === 'permutation' ? 'circle' : 'x')),
        },
      })),
    [spreads],
  );
  const layout = useMemo(
    () => ({
      xaxis: axis({ title: { text: 'copy (1–12 permuted, 13–24 permuted + negated)' } }),
      yaxis: axis({ title: { text: `p(true class ${label})` }, range: [0, 1] }),
    }),
    [label],
  );
  return (
    <div className="invariance" data-testid="invariance-demo">
      <h3>Invariance: one test INR (digit {label}) in 24 copies that compute the same function</h3>
      <p className="hint">
        DWS and NFN-NP are built to respect hidden-neuron permutations: every permuted copy (●) gets the same
        prediction. Negating neurons (×) is a SIREN symmetry they are not built for; they only learn it through the
        negation augmentation. The flattened MLP respects neither.
      </p>
      <table className="runs">
        <thead>
          <tr>
            <th>run</th>
            <th>spread over permuted copies</th>
            <th>over permuted + negated</th>
            <th>all test INRs: max |Δ output|, plain vs permuted</th>
            <th>output range across test INRs</th>
          </tr>
        </thead>
        <tbody>
          {spreads.map((s) => (
            <tr key={s.p.runId}>
              <td>
                #{s.p.runId} {s.kind}
              </td>
              <td data-testid={`invariance-perm-${s.p.runId}`}>{s.perm.toExponential(1)}</td>
              <td>{s.neg.toExponential(1)}</td>
              <td data-testid={`outputs-perm-diff-${s.p.runId}`}>{s.permDiff.toExponential(1)}</td>
              <td data-testid={`outputs-range-${s.p.runId}`}>{s.range.toExponential(1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Plot traces={traces} layout={layout} testId="invariance-plot" />
    </div>
  );
}

/**
 * Over the whole test split: the largest change of any output (logit) between a test INR and its permuted copy, and
 * how far the outputs spread across test INRs. Equal accuracies prove nothing for a model that outputs a constant;
 * a small difference beside a wide range does.
 */
function testSetInvariance(p: TestPredictions): { permDiff: number; range: number } {
  let permDiff = 0;
  p.outputs.forEach((v, i) => (permDiff = Math.max(permDiff, Math.abs(v - p.outputsPermuted[i]))));
  const k = p.outputs.length / Math.max(1, p.rows.length);
  let range = 0;
  for (let c = 0; c < k; c++) {
    let [lo, hi] = [Infinity, -Infinity];
    for (let r = 0; r < p.rows.length; r++)
      [lo, hi] = [Math.min(lo, p.outputs[r * k + c]), Math.max(hi, p.outputs[r * k + c])];
    range = Math.max(range, hi - lo);
  }
  return { permDiff, range };
}

/** What the best checkpoints predict on the test INRs of the selected zoo. */
export function LearnResults() {
  const { predictions, runs, selectedZooId } = useFields(useLearnStore, 'predictions', 'runs', 'selectedZooId');
  const here = runs.filter((r) => r.zooId === selectedZooId && predictions[r.id]).map((r) => predictions[r.id]);
  if (here.length === 0) return null;
  const latest = here[here.length - 1];
  return (
    <div className="card results-card">
      <h3>3 · What the latest model predicts (best checkpoint, test INRs)</h3>
      {latest.task === 'class' ? (
        <>
          <div className="results-grid">
            <Confusion p={latest} />
            <Gallery p={latest} />
          </div>
          <InvarianceDemo runs={here} />
        </>
      ) : (
        <Scatter runs={here} />
      )}
    </div>
  );
}
