import { DATASET_INFO, FMNIST_HOW, PAGE_DATASETS, type ImageDataset } from '../../../data/imageDatasets';
import { MNIST_SIDE } from '../../../data/mnistFile';
import { useLearnStore } from '../../../state/learnStore';
import { ruleOf, valuesOf } from '../../../state/linkSchema';
import { useMetaInitStore, type MetaInitSettings } from '../../../state/metaInitStore';
import type { InitCurve } from '../../../train/initCurve';
import { useFields } from '../../hooks/useFields';
import { axis, Plot } from '../../widgets/charts/Plot';
import { ImageCanvas } from '../../widgets/ImageCanvas';
import { NumberField } from '../../widgets/NumberField';
import { learnClient } from '../../workers/learnClient';
import { psnrAt50And100 } from '../../workers/metaInitEvents';
import { learnInit } from './learnActions';

const steps = (s: number | null, max: number): string => (s === null ? `> ${max}` : String(s));

/** The mean held-out PSNR after 50 and 100 steps from each init, as the page's result (JSON). */
function resultJson(standard: InitCurve, learned: InitCurve): string {
  const of = (c: InitCurve) => {
    const [at50, at100] = psnrAt50And100(c);
    return { '50': Number(at50.toFixed(2)), '100': Number(at100.toFixed(2)) };
  };
  return JSON.stringify({ standard: of(standard), learned: of(learned) });
}

/**
 * "Learn an init": Reptile meta-training of one SIREN init on the training part of the digits (Tancik et al. 2021),
 * its meta-batch PSNR along the outer steps, then the usual fit from it and from the standard init on held-out
 * digits: mean PSNR after k steps (log k) and the median steps to 35 and 40 dB; the init itself rendered.
 */
export function MetaInitCard() {
  const { settings: s, run, outcome, set } = useFields(useMetaInitStore, 'settings', 'run', 'outcome', 'set');
  const ready = useLearnStore((st) => st.ready);
  const patch = (p: Partial<MetaInitSettings>): void => set({ settings: { ...s, ...p } });
  const busy = run?.status === 'running' || run?.status === 'paused' || run?.status === 'curves';
  const metaTraces = [
    {
      x: run?.curve.map((c) => c.outer) ?? [],
      y: run?.curve.map((c) => c.psnr) ?? [],
      name: `meta-batch after ${s.innerSteps} steps`,
      mode: 'lines+markers',
    },
  ];
  const curveTraces = outcome
    ? [
        { x: outcome.standard.steps, y: outcome.standard.meanPsnr, name: 'standard init', mode: 'lines+markers' },
        { x: outcome.learned.steps, y: outcome.learned.meanPsnr, name: 'learned init', mode: 'lines+markers' },
      ]
    : [];
  const maxSteps = outcome ? outcome.standard.steps[outcome.standard.steps.length - 1] : s.curveSteps;
  return (
    <div className="card metainit-card" data-testid="metainit-card">
      <h3>0 · Learn an init (optional)</h3>
      <p className="hint">
        Reptile meta-learns one SIREN init on the training part of the {DATASET_INFO[s.dataset].label} images, so that a
        few steps of the usual fit go far and every INR of a zoo made from it starts in the same frame. Then the fit
        from it and from the standard init is measured on {s.curveImages} held-out images.
      </p>
      <div className="field-row">
        <label>
          images
          <select
            value={s.dataset}
            onChange={(e) => patch({ dataset: e.target.value as ImageDataset })}
            data-testid="metainit-dataset"
            data-link-key="idata"
            title={PAGE_DATASETS.includes('fmnist') ? undefined : `for Fashion-MNIST, ${FMNIST_HOW}`}
          >
            {PAGE_DATASETS.map((d) => (
              <option key={d} value={d}>
                {DATASET_INFO[d].label}
              </option>
            ))}
          </select>
        </label>
        <NumberField
          label="outer steps"
          value={s.outerSteps}
          linkKey="iouter"
          onCommit={(outerSteps) => patch({ outerSteps })}
          testId="metainit-outer"
        />
        <NumberField
          label="inner steps (k)"
          value={s.innerSteps}
          linkKey="iinner"
          onCommit={(innerSteps) => patch({ innerSteps })}
          testId="metainit-inner"
        />
        <NumberField
          label="inner lr"
          value={s.innerLr}
          linkKey="ilr"
          onCommit={(innerLr) => patch({ innerLr })}
          testId="metainit-inner-lr"
          title="the inner fit's Adam step size; zoos and fits from the init take the same"
        />
        <NumberField
          label="meta-batch"
          value={s.metaBatch}
          linkKey="ibatch"
          onCommit={(metaBatch) => patch({ metaBatch })}
          testId="metainit-batch"
        />
        <NumberField
          label="seed"
          value={s.seed}
          linkKey="iseed"
          onCommit={(seed) => patch({ seed })}
          testId="metainit-seed"
        />
      </div>
      <div className="field-row">
        <NumberField
          label="held-out images"
          value={s.curveImages}
          linkKey="iimages"
          rule={{ ...ruleOf('iimages'), multipleOf: 10 }}
          onCommit={(curveImages) => patch({ curveImages })}
          testId="metainit-images"
        />
        <label>
          curves up to k
          <select
            value={s.curveSteps}
            onChange={(e) => patch({ curveSteps: Number(e.target.value) })}
            data-testid="metainit-steps"
            data-link-key="isteps"
          >
            {valuesOf('isteps').map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="transport">
        <button className="primary" disabled={!ready || busy} onClick={learnInit} data-testid="metainit-run">
          Learn an init
        </button>
        {run?.status === 'paused' ? (
          <button onClick={() => learnClient.pauseInit(false)} data-testid="metainit-resume">
            Resume
          </button>
        ) : (
          <button
            disabled={run?.status !== 'running'}
            onClick={() => learnClient.pauseInit(true)}
            data-testid="metainit-pause"
          >
            Pause
          </button>
        )}
        <button
          disabled={run?.status !== 'running' && run?.status !== 'paused'}
          onClick={() => learnClient.stopInit()}
          data-testid="metainit-stop"
        >
          Stop
        </button>
      </div>
      {run && (
        <div className="progress-line" role="status" data-testid="metainit-status">
          {run.status === 'curves'
            ? `measuring the fit from both inits on ${s.curveImages} held-out images…`
            : `${run.status}: outer step ${run.outer} of ${run.total}`}
        </div>
      )}
      <Plot
        traces={metaTraces}
        layout={{
          height: 220,
          xaxis: axis({ title: { text: 'outer step' } }),
          yaxis: axis({ title: { text: 'PSNR (dB)' } }),
        }}
        testId="metainit-meta-plot"
        empty={run && run.curve.length > 0 ? null : 'The meta-batch PSNR appears as meta-training runs.'}
      />
      {outcome && (
        <>
          <Plot
            traces={curveTraces}
            layout={{
              height: 260,
              xaxis: axis({ title: { text: 'steps of the usual fit (k)' }, type: 'log' }),
              yaxis: axis({ title: { text: 'mean held-out PSNR (dB)' } }),
            }}
            testId="metainit-curve-plot"
          />
          <div className="metainit-summary">
            <ImageCanvas image={outcome.render} side={MNIST_SIDE} testId="metainit-render" label="the learned init" />
            <table className="runs" data-testid="metainit-table">
              <thead>
                <tr>
                  <th>init</th>
                  <th>steps to 35 dB</th>
                  <th>steps to 40 dB</th>
                  <th>after 50 / 100 steps</th>
                </tr>
              </thead>
              <tbody>
                {(
                  [
                    ['standard', outcome.standard],
                    ['learned', outcome.learned],
                  ] as const
                ).map(([name, c]) => (
                  <tr key={name}>
                    <td>{name}</td>
                    <td>{steps(c.stepsTo35, maxSteps)}</td>
                    <td>{steps(c.stepsTo40, maxSteps)}</td>
                    <td>
                      {psnrAt50And100(c)
                        .map((p) => (Number.isFinite(p) ? `${p.toFixed(1)} dB` : '–'))
                        .join(' / ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="hint">
            Median steps over the held-out images. Meta-training took {outcome.seconds.toFixed(0)} s, the curves{' '}
            {outcome.curveSeconds.toFixed(0)} s.
          </p>
          <pre
            className="ablation-json"
            data-testid="metainit-result"
            aria-label="mean held-out PSNR after 50 and 100 steps (JSON)"
          >
            {resultJson(outcome.standard, outcome.learned)}
          </pre>
        </>
      )}
    </div>
  );
}
