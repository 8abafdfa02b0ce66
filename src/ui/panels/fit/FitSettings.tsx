import { useFitStore, type Experiment } from '../../../state/fitStore';
import { mlpLayout, sirenDims } from '../../../weightspace/layout';
import { MAX_TRAIN_PARAMS } from '../../../gpu/kernels/sirenShader';
import { fitClient } from '../../workers/fitClient';
import { ruleOf, valuesOf } from '../../../state/linkSchema';
import { NumberField } from '../../widgets/NumberField';
import { useMetaInitStore } from '../../../state/metaInitStore';
import { startFromInit } from './fitActions';

const WIDTHS = valuesOf('width').map(Number);
const DEPTHS = ((r) => Array.from({ length: r.max - r.min + 1 }, (_, i) => r.min + i))(ruleOf('depth'));
const STEPS_PER_FRAME = valuesOf('spf').map(Number);
const LR = ruleOf('lr');

/**
 * Architecture, optimizer and run settings. Changing the architecture, ω0 or the seed re-initialises the weights;
 * the learning rate and steps/frame change live.
 */
export function FitSettings() {
  const e = useFitStore((s) => s.experiment);
  const setExperiment = useFitStore((s) => s.setExperiment);
  const init = useFitStore((s) => s.runtime.init);
  const inits = useMetaInitStore((s) => s.inits);
  // a learned init applies while the architecture is its own
  const initApplies =
    init !== null && init.dims.join() === sirenDims(2, e.width, e.depth, 1).join() && init.omega0 === e.omega0;
  const rebuild = (patch: Partial<Experiment>): void => {
    setExperiment(patch);
    fitClient.setup();
  };
  const lrExponent = Math.log10(e.lr);

  return (
    <div className="fit-settings">
      <h3>Architecture</h3>
      <div className="field-row">
        <label>
          width
          <select
            value={e.width}
            data-testid="width"
            data-link-key="width"
            onChange={(ev) => rebuild({ width: Number(ev.target.value) })}
          >
            {WIDTHS.map((w) => (
              <option key={w} disabled={paramCount({ ...e, width: w }) > MAX_TRAIN_PARAMS}>
                {w}
              </option>
            ))}
          </select>
        </label>
        <label>
          hidden layers
          <select
            value={e.depth}
            data-testid="depth"
            data-link-key="depth"
            onChange={(ev) => rebuild({ depth: Number(ev.target.value) })}
          >
            {DEPTHS.map((d) => (
              <option key={d} disabled={paramCount({ ...e, depth: d }) > MAX_TRAIN_PARAMS}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <NumberField
          label="ω0 (frequency)"
          value={e.omega0}
          linkKey="w0"
          onCommit={(omega0) => rebuild({ omega0 })}
          testId="omega0"
          title="sin(ω0·(Wx + b)): higher ω0 fits finer detail, 1–100 (re-initialises)"
        />
      </div>
      <p className="hint">
        [2, {Array(e.depth).fill(e.width).join(', ')}, 1] · {paramCount(e)} parameters (at most {MAX_TRAIN_PARAMS}) ·
        sin(ω0·(Wx+b))
      </p>

      <h3>Optimizer</h3>
      <label className="slider">
        learning rate <output>{e.lr.toExponential(1)}</output>
        <input
          type="range"
          min={Math.log10(LR.min)}
          max={Math.log10(LR.max)}
          step={0.1}
          value={lrExponent}
          data-testid="lr"
          data-link-key="lr"
          onChange={(ev) => {
            const lr = Number(Math.pow(10, Number(ev.target.value)).toPrecision(2));
            setExperiment({ lr });
            fitClient.setLearningRate(lr);
          }}
        />
      </label>
      <div className="field-row">
        <label>
          steps / frame
          <select
            value={e.stepsPerFrame}
            data-testid="steps-per-frame"
            data-link-key="spf"
            onChange={(ev) => {
              const count = Number(ev.target.value);
              setExperiment({ stepsPerFrame: count });
              fitClient.setStepsPerFrame(count);
            }}
          >
            {STEPS_PER_FRAME.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        {inits.length > 0 && (
          <label title="a learned init (Learn panel, step 0) instead of the seed's standard init; its architecture is adopted">
            start from
            <select
              value={initApplies ? init.id : ''}
              onChange={(ev) => void startFromInit(ev.target.value)}
              data-testid="fit-init"
            >
              <option value="">the standard init (seed)</option>
              {inits.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <NumberField
          label="init seed"
          value={e.seed}
          linkKey="seed"
          onCommit={(seed) => rebuild({ seed })}
          testId="seed"
          title="seeds the weight initialisation (re-initialises)"
        />
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={e.stopAtTarget}
          data-testid="stop-at-target"
          data-link-key="stop"
          onChange={(ev) => {
            setExperiment({ stopAtTarget: ev.target.checked });
            fitClient.setStopPsnr(ev.target.checked ? e.targetPsnr : null);
          }}
        />{' '}
        stop at {e.targetPsnr} dB (live: the weights are kept)
      </label>
    </div>
  );
}

function paramCount(e: Experiment): number {
  return mlpLayout(sirenDims(2, e.width, e.depth, 1)).paramCount;
}
