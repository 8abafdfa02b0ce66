import { MNIST_SIDE } from '../../../data/mnistFile';
import { useMemo } from 'react';
import { useAlignStore } from '../../../state/alignStore';
import { useLearnStore } from '../../../state/learnStore';
import { ALIGN_METHODS, type AlignCurve } from '../../../train/alignExperiment';
import { runAlignment } from './alignActions';
import { ErrorNotice } from '../../widgets/ErrorNotice';
import { Heatmap } from '../../widgets/Heatmap';
import { ImageCanvas } from '../../widgets/ImageCanvas';
import { PairPicker, type PairLinkKeys } from '../../widgets/PairPicker';

const ALIGN_PAIR_KEYS: PairLinkKeys = {
  kind: 'apair',
  digitA: 'adigit',
  digitB: 'adigitb',
  seedA: 'aseed',
  seedB: 'aseedb',
  rowA: 'arow',
  rowB: 'arowb',
};
import { axis, Plot } from '../../widgets/charts/Plot';
import { useMnist } from '../../hooks/useMnist';
import { useFields } from '../../hooks/useFields';

const COLORS: Record<string, string> = { naive: '#ef6b73', permutation: '#f0a35e', 'permutation + sign': '#4cc38a' };

/** The best aligned method: the lower MSE barrier of the two alignments. */
export function bestAligned(curves: AlignCurve[]): AlignCurve {
  return curves.slice(1).reduce((best, c) => (c.barrierMse < best.barrierMse ? c : best));
}

function Curves() {
  const outcome = useAlignStore((s) => s.outcome)!;
  const traces = useMemo(
    () =>
      outcome.curves.flatMap((c) =>
        outcome.targets
          .map((_, t): object => ({
            x: outcome.lambdas,
            y: c.psnr.map((row) => row[t]),
            name: `${c.method}${outcome.targets.length > 1 ? ` · to ${t === 0 ? 'A' : 'B'}'s image` : ''}`,
            type: 'scatter',
            mode: 'lines+markers',
            marker: { size: 4 },
            line: { color: COLORS[c.method], width: 2, dash: t === 0 ? 'solid' : 'dot' },
          }))
          .concat(
            outcome.targets.map((_, t): object => ({
              x: outcome.lambdas,
              y: c.mse.map((row) => row[t]),
              name: `${c.method} MSE`,
              yaxis: 'y2',
              type: 'scatter',
              mode: 'lines',
              showlegend: false,
              line: { color: COLORS[c.method], width: 1, dash: 'dash' },
            })),
          ),
      ),
    [outcome],
  );
  const layout = useMemo(
    () => ({
      xaxis: axis({ title: { text: 'λ  (0 = A, 1 = aligned B)' } }),
      yaxis: axis({ title: { text: 'PSNR (dB), solid' } }),
      yaxis2: axis({ title: { text: 'MSE, dashed' }, type: 'log', overlaying: 'y', side: 'right', showgrid: false }),
    }),
    [],
  );
  return <Plot traces={traces} layout={layout} testId="align-curves" />;
}

function Results() {
  const { outcome, lambdaIndex, set } = useFields(useAlignStore, 'outcome', 'lambdaIndex', 'set');
  if (!outcome) return null;
  const best = bestAligned(outcome.curves);
  const naive = outcome.curves[0];
  const n = MNIST_SIDE * MNIST_SIDE;
  const lambda = outcome.lambdas[lambdaIndex];
  return (
    <div className="align-results">
      <div className="card">
        <h3>Barrier along θ(λ) = (1 − λ)·θ_A + λ·π(θ_B)</h3>
        <table className="runs" data-testid="align-table">
          <thead>
            <tr>
              <th>B as</th>
              <th>MSE barrier</th>
              <th>PSNR drop (dB)</th>
              <th>PSNR at λ = 0.5</th>
              <th>sweeps</th>
            </tr>
          </thead>
          <tbody>
            {outcome.curves.map((c) => (
              <tr key={c.method} className={c === best ? 'best' : ''}>
                <td>
                  <span className="swatch" style={{ background: COLORS[c.method] }} /> {c.method}
                </td>
                <td
                  data-testid={
                    c.method === 'naive' ? 'align-barrier-naive' : c === best ? 'align-barrier-aligned' : undefined
                  }
                >
                  {c.barrierMse.toExponential(3)}
                </td>
                <td>{c.barrierPsnr.toFixed(2)}</td>
                <td>{c.psnr[Math.floor(c.psnr.length / 2)].map((v) => v.toFixed(1)).join(' / ')}</td>
                <td>{c.sweeps}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">
          The barrier is the largest excess of the loss over the straight line between the two ends
          {outcome.targets.length > 1 ? ' (MSE averaged over both images)' : ''}. Naive:{' '}
          {naive.barrierMse.toExponential(2)}; aligned ({best.method}): {best.barrierMse.toExponential(2)}. Sign flips
          are a SIREN symmetry (sin is odd) that permutations alone cannot undo.
        </p>
        <Curves />
      </div>
      <div className="card">
        <h3>Merged INRs at λ = {lambda.toFixed(2)}</h3>
        <input
          type="range"
          min={0}
          max={outcome.lambdas.length - 1}
          value={lambdaIndex}
          onChange={(e) => set({ lambdaIndex: Number(e.target.value) })}
          aria-label="λ"
          data-testid="align-lambda"
          className="lambda-slider"
        />
        <div className="images merge-images">
          <ImageCanvas
            image={outcome.endpoints[0]}
            side={MNIST_SIDE}
            testId="align-a"
            label={`A: ${outcome.names[0]}`}
          />
          {outcome.curves.map((c) => (
            <ImageCanvas
              key={c.method}
              image={c.renders.subarray(lambdaIndex * n, (lambdaIndex + 1) * n)}
              side={MNIST_SIDE}
              testId={`align-merge-${c.method.replace(/\W+/g, '-')}`}
              label={c.method}
            />
          ))}
          <ImageCanvas
            image={outcome.endpoints[1]}
            side={MNIST_SIDE}
            testId="align-b"
            label={`B: ${outcome.names[1]}`}
          />
        </div>
        <h3>Recovered transform ({best.method}): neuron j of A ↔ neuron π(j) of B, ± its sign</h3>
        <div className="heatmaps">
          {best.perms.map((p, h) => {
            const m = new Float32Array(p.length * p.length);
            p.forEach((k, j) => (m[j * p.length + k] = best.signs[h][j]));
            return (
              <figure key={h} className="tensor">
                <Heatmap
                  values={m}
                  rows={p.length}
                  cols={p.length}
                  scale={1}
                  rowIndices
                  colIndices
                  label={`hidden layer ${h + 1}: the signed permutation matrix`}
                  testId={`align-perm-${h + 1}`}
                />
                <figcaption>hidden layer {h + 1} · rows: A · cols: B · orange +1, blue −1</figcaption>
              </figure>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** Two INRs, weight matching (Git Re-Basin, and modulo signs), and the loss along the line between them. */
export function AlignPanel() {
  const { busy, error, settings, set } = useFields(useAlignStore, 'busy', 'error', 'settings', 'set');
  const selectedZooId = useLearnStore((st) => st.selectedZooId);
  const { set: mnist } = useMnist();
  return (
    <section className="panel align-panel" aria-labelledby="align-title">
      <div className="panel-head">
        <h2 id="align-title">Align &amp; merge</h2>
        <p>
          Two INRs of one digit from different seeds compute similar functions with differently ordered neurons.
          Averaging their weights as they are (naive) breaks the image; matching B’s neurons to A’s first (weight
          matching, here also modulo sign flips) lowers the loss along the line between them. For SIRENs with ω0 = 30
          the midpoint still loses most of the image: the barrier shrinks, it does not vanish.
        </p>
      </div>
      <div className="card align-setup">
        <PairPicker
          settings={settings}
          onChange={(p) => set({ settings: { ...settings, ...p } })}
          prefix="align"
          linkKeys={ALIGN_PAIR_KEYS}
        />
        <div className="transport">
          <button
            className="primary"
            disabled={Boolean(busy)}
            onClick={() => void runAlignment(mnist, selectedZooId)}
            data-testid="align-run"
          >
            Align
          </button>
          <span className="hint" role="status">
            {busy ?? `Methods: ${ALIGN_METHODS.join(', ')}; 25 values of λ each, rendered in one GPU batch.`}
          </span>
        </div>
        <ErrorNotice text={error} />
      </div>
      <Results />
    </section>
  );
}
