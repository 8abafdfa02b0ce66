import { useMemo } from 'react';
import { IMAGE_EDITS, type ImageEdit } from '../../../data/imageEdits';
import { editRunning, useEditStore, type EditRun } from '../../../state/editStore';
import { useLearnStore } from '../../../state/learnStore';
import { ruleOf } from '../../../state/linkSchema';
import { useSlotBusyReason } from '../../../state/runSlot';
import { EDIT_MODEL_KINDS, type EditModelKind, type EditTrainConfig } from '../../../train/editTrainConfig';
import { useFields } from '../../hooks/useFields';
import { axis, Plot } from '../../widgets/charts/Plot';
import { InrThumb } from '../../widgets/InrThumb';
import { NumberField } from '../../widgets/NumberField';
import { pauseEdit, runEdit, stopEdit } from './editActions';

const MODEL_NAMES: Record<EditModelKind, string> = { dws: 'DWS', nfn: 'NFN-NP', mlp: 'MLP (flattened)' };
const EDIT_NAMES: Record<ImageEdit, string> = {
  dilate: 'dilate (3×3)',
  erode: 'erode (3×3)',
  invert: 'invert intensity',
};

/** Train / val / test render MSE along the epochs, and the no-edit line. */
function EditCurves({ run }: { run: EditRun }) {
  const traces = useMemo(() => {
    const x = run.history.map((h) => h.epoch);
    const line = (name: string, y: number[], dash?: string) => ({
      x,
      y,
      name,
      type: 'scatter',
      mode: 'lines',
      ...(dash ? { line: { dash } } : {}),
    });
    const lines = [
      line(
        'train',
        run.history.map((h) => h.train),
      ),
      line(
        'val',
        run.history.map((h) => h.val),
      ),
      line(
        'test',
        run.history.map((h) => h.test),
      ),
    ];
    if (run.noEdit)
      lines.push(
        line(
          'test, no edit',
          x.map(() => run.noEdit!.test),
          'dot',
        ),
      );
    return lines;
  }, [run]);
  const layout = useMemo(
    () => ({
      xaxis: axis({ title: { text: 'epoch' }, dtick: 1 }),
      yaxis: axis({ title: { text: 'render MSE' } }),
    }),
    [],
  );
  return (
    <Plot
      traces={traces}
      layout={layout}
      testId="edit-plot"
      empty={run.history.length === 0 ? 'The curves appear after the first epoch.' : null}
    />
  );
}

/** What the best checkpoint does to test INRs: as they are, edited and the target, and a permuted copy. */
function EditOutcomeView({ run }: { run: EditRun }) {
  const o = run.outcome!;
  const pixels = 28 * 28;
  const img = (a: Float32Array, i: number) => a.subarray(i * pixels, (i + 1) * pixels);
  return (
    <>
      <pre className="ablation-json" data-testid="edit-result" aria-label="test render MSE (JSON)">
        {JSON.stringify({ mse: o.mse, mseNoEdit: o.mseNoEdit })}
      </pre>
      <p className="hint">
        Test render MSE {o.mse.toExponential(2)} edited against {o.mseNoEdit.toExponential(2)} with no edit (
        {(o.mse / o.mseNoEdit).toFixed(2)}×).
      </p>
      <div className="edit-gallery" data-testid="edit-gallery">
        {o.gallery.rows.map((row, i) => (
          <div key={row} className="edit-row">
            <InrThumb image={img(o.gallery.input, i)} caption={`INR ${row}`} />
            <InrThumb image={img(o.gallery.edited, i)} caption="edited" />
            <InrThumb image={img(o.gallery.target, i)} caption="target" />
          </div>
        ))}
      </div>
      <div className="edit-row" data-testid="edit-permuted">
        <InrThumb image={o.permuted.edited} caption={`INR ${o.permuted.row} edited`} />
        <InrThumb image={o.permuted.editedPermuted} caption="its permuted copy edited" />
        <span className="hint">
          max |Δ| between the two edited renders:{' '}
          <span data-testid="edit-perm-maxdiff">{o.permuted.maxDiff.toExponential(2)}</span>
          {run.config.kind === 'mlp' ? ' (the MLP is not built for permutations)' : ' (equivariant: float32 rounding)'}
        </span>
      </div>
    </>
  );
}

/** Editing INRs: a model that takes an INR's weights and returns the weights of its edited image. */
export function EditCard() {
  const { settings: s, set, run } = useFields(useEditStore, 'settings', 'set', 'run');
  const { ready, selectedZooId } = useFields(useLearnStore, 'ready', 'selectedZooId');
  const busy = useSlotBusyReason();
  const running = editRunning(run);
  const patch = (p: Partial<EditTrainConfig>): void => set({ settings: { ...s, ...p } });
  const last = run?.history.at(-1);
  return (
    <div className="card edit-card">
      <h3>6 · Edit INRs</h3>
      <p className="hint">
        Weights in, weights out: the model reads an INR and returns Δ, one number per weight; the edited INR is θ +
        γ·σ⊙Δ (γ learned, σ each tensor's spread). It learns from the MSE between the edited INR's render and the edit
        applied to the INR's own render. DWS and NFN edit a permuted INR into the permuted edit, so the edited image
        does not depend on neuron order.
      </p>
      <div className="field-row">
        <label>
          model
          <select
            value={s.kind}
            onChange={(e) => patch({ kind: e.target.value as EditModelKind })}
            data-testid="edit-model"
            data-link-key="ekind"
          >
            {EDIT_MODEL_KINDS.map((k) => (
              <option key={k} value={k}>
                {MODEL_NAMES[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          edit
          <select
            value={s.edit}
            onChange={(e) => patch({ edit: e.target.value as ImageEdit })}
            data-testid="edit-kind"
            data-link-key="eedit"
          >
            {IMAGE_EDITS.map((k) => (
              <option key={k} value={k}>
                {EDIT_NAMES[k]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="field-row">
        <NumberField
          label="layers"
          value={s.depth}
          linkKey="elayers"
          onCommit={(depth) => patch({ depth })}
          testId="edit-layers"
        />
        <NumberField
          label="channels"
          value={s.channels}
          linkKey="ech"
          onCommit={(channels) => patch({ channels })}
          testId="edit-channels"
        />
        <NumberField
          label="epochs"
          value={s.epochs}
          linkKey="eepochs"
          onCommit={(epochs) => patch({ epochs })}
          testId="edit-epochs"
        />
      </div>
      <div className="field-row">
        <NumberField
          label="learning rate"
          value={s.lr}
          linkKey="elr"
          rule={ruleOf('elr')}
          onCommit={(lr) => patch({ lr })}
          testId="edit-lr"
        />
        <NumberField
          label="seed"
          value={s.seed}
          linkKey="eseed"
          onCommit={(seed) => patch({ seed })}
          testId="edit-seed"
        />
      </div>
      <div className="transport">
        <button
          className="primary"
          disabled={!ready || !selectedZooId || busy !== null}
          onClick={() => void runEdit()}
          data-testid="edit-run"
          title={busy ?? undefined}
        >
          Train
        </button>
        {run?.status === 'paused' ? (
          <button onClick={() => pauseEdit(false)} data-testid="edit-resume">
            Resume
          </button>
        ) : (
          <button disabled={run?.status !== 'training'} onClick={() => pauseEdit(true)} data-testid="edit-pause">
            Pause
          </button>
        )}
        <button disabled={!running} onClick={stopEdit} data-testid="edit-stop">
          Stop
        </button>
        {busy && !running && (
          <span className="hint" data-testid="edit-blocked">
            Not now: {busy}.
          </span>
        )}
      </div>
      {run && (
        <div className="progress-line" role="status" data-testid="edit-status">
          <span className="hint">
            {run.status === 'starting'
              ? 'rendering the targets and compiling…'
              : `${run.status} · ${MODEL_NAMES[run.config.kind]} ${EDIT_NAMES[run.config.edit]} on ${run.zooName} · epoch ${last?.epoch ?? 0}/${run.config.epochs}${last ? ` · test MSE ${last.test.toExponential(2)}` : ''}`}
          </span>
        </div>
      )}
      {run && <EditCurves run={run} />}
      {run?.outcome && <EditOutcomeView run={run} />}
    </div>
  );
}
