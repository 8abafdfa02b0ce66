import { MNIST_SIDE } from '../../../data/mnistFile';
import { useAugmentStore, type AugmentSettings, type RenderedInr } from '../../../state/augmentStore';
import { useLearnStore } from '../../../state/learnStore';
import { AUGMENTATION_IDS, AUGMENTATIONS, type AugmentationId } from '../../../weightspace/augmentations';
import { isMixup, type MixupId } from '../../../weightspace/mixup';
import { applyAugmentation, SAMPLES } from './augmentActions';
import { ErrorNotice } from '../../widgets/ErrorNotice';
import { ImageCanvas } from '../../widgets/ImageCanvas';
import { NumberField } from '../../widgets/NumberField';
import { PairPicker, type PairLinkKeys } from '../../widgets/PairPicker';

const AUG_PAIR_KEYS: PairLinkKeys = {
  kind: 'gpair',
  digitA: 'gdigit',
  digitB: 'gdigitb',
  seedA: 'gseeda',
  seedB: 'gseedb',
  rowA: 'grow',
  rowB: 'growb',
};
import { useMnist } from '../../hooks/useMnist';
import { useFields } from '../../hooks/useFields';

const GROUPS = ['input space', 'data-agnostic', 'exact symmetry', 'mixup'] as const;

const MIXUP_WHY: Record<MixupId, string> = {
  mixup: 'neuron k of A averaged with neuron k of B: unrelated units, so the middle of the blend is no image at all',
  mixupPermuted: 'B’s neurons shuffled first: just as unrelated, a control for the aligned variants',
  mixupAligned: 'B’s neurons matched to A’s first (weight matching), so matching units are averaged',
  mixupAlignedSigned: 'matched modulo sign flips too (sin is odd), the closest pairing of the four',
};

function Tile({ r, testId }: { r: RenderedInr; testId: string }) {
  return (
    <ImageCanvas
      image={r.image}
      side={MNIST_SIDE}
      testId={testId}
      label={`${r.label} · ${r.psnr.map((p) => `${p.toFixed(1)} dB`).join(' / ')}`}
    />
  );
}

function Results() {
  const outcome = useAugmentStore((s) => s.outcome);
  if (!outcome) return null;
  if (outcome.kind === 'single') {
    const info = AUGMENTATIONS[outcome.id];
    return (
      <div className="card">
        <h3>
          {info.label}: {SAMPLES} draws · PSNR to A’s image
        </h3>
        <div className="images aug-grid" data-testid="aug-grid">
          <Tile r={outcome.original} testId="aug-original" />
          {outcome.samples.map((r, i) => (
            <Tile key={i} r={r} testId={`aug-sample-${i}`} />
          ))}
        </div>
        <p className="hint">
          {info.group === 'exact symmetry'
            ? 'An exact symmetry: the weights move, every render equals the original up to float rounding.'
            : info.group === 'input space'
              ? 'Input-space: the first layer absorbs a transform of the coordinates, so each render is the original image moved; PSNR to the unmoved image drops.'
              : 'Data-agnostic: the weights are perturbed without regard to what they compute; the renders degrade by how much the function moved.'}
        </p>
      </div>
    );
  }
  return (
    <div className="card">
      <h3>
        Mixup θ = α·A + (1 − α)·T(B) · PSNR to{' '}
        {outcome.rows[0].blends[0].psnr.length > 1 ? 'A’s / B’s image' : 'the image'}
      </h3>
      <div className="aug-grid mixup-grid" data-testid="aug-grid">
        {outcome.rows.map((row) => (
          <div className="mixup-row" key={row.variant}>
            <div className="mixup-name">
              <strong>{AUGMENTATIONS[row.variant].label}</strong>
              <span className="hint">{MIXUP_WHY[row.variant]}</span>
            </div>
            {row.blends.map((r, i) => (
              <Tile key={i} r={r} testId={`aug-${row.variant}-${i}`} />
            ))}
          </div>
        ))}
      </div>
      <p className="hint">
        Two fits order their hidden neurons arbitrarily; averaging weights position by position mixes unrelated neurons,
        so vanilla and randomly permuted mixup lose the image in the middle. Aligned mixup averages neurons that compute
        alike, so its blends stay closer to images (for SIRENs with ω0 = 30 the gap narrows; it does not close).
      </p>
    </div>
  );
}

/** Pick INRs and an augmentation, draw it, and see what the augmented weights render. */
export function AugmentPanel() {
  const { settings: s, busy, error, set } = useFields(useAugmentStore, 'settings', 'busy', 'error', 'set');
  const selectedZooId = useLearnStore((st) => st.selectedZooId);
  const { set: mnist } = useMnist();
  const patch = (p: Partial<AugmentSettings>): void => set({ settings: { ...s, ...p } });
  const info = AUGMENTATIONS[s.id];
  return (
    <section className="panel augment-panel" aria-labelledby="augment-title">
      <div className="panel-head">
        <h2 id="augment-title">Augment weights</h2>
        <p>
          Weight-space datasets are small; augmentations make more of them. Pick two INRs (B is mixup’s partner), an
          augmentation, and draw: every result is rendered on the GPU next to the original. The same augmentations are
          offered to training in the Learn panel.
        </p>
      </div>
      <div className="card align-setup">
        <PairPicker
          settings={s.pair}
          onChange={(p) => patch({ pair: { ...s.pair, ...p } })}
          prefix="aug"
          linkKeys={AUG_PAIR_KEYS}
        />
        <div className="button-row aug-controls">
          <label className="wide">
            augmentation
            <select
              value={s.id}
              onChange={(e) => patch({ id: e.target.value as AugmentationId, setting: null })}
              data-testid="aug-select"
              data-link-key="gaug"
            >
              {GROUPS.map((g) => (
                <optgroup key={g} label={g}>
                  {AUGMENTATION_IDS.filter((id) => AUGMENTATIONS[id].group === g).map((id) => (
                    <option key={id} value={id}>
                      {AUGMENTATIONS[id].label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
          {info.setting && (
            <NumberField
              label={info.setting.name}
              value={s.setting ?? info.setting.default}
              linkKey="gset"
              rule={{ min: info.setting.min, max: info.setting.max, multipleOf: info.setting.integer ? 1 : undefined }}
              onCommit={(setting) => patch({ setting })}
              testId="aug-setting"
            />
          )}
          <NumberField
            label="seed"
            value={s.seed}
            linkKey="gseed"
            onCommit={(seed) => patch({ seed })}
            testId="aug-seed"
            title="seeds the draws (and mixup’s alignment order)"
          />
        </div>
        <div className="transport">
          <button
            className="primary"
            disabled={Boolean(busy)}
            onClick={() => void applyAugmentation(mnist, selectedZooId)}
            data-testid="aug-apply"
          >
            {isMixup(s.id) ? 'Blend' : 'Draw'}
          </button>
          <span className="hint" role="status">
            {busy ??
              (isMixup(s.id) ? 'All four mixup variants at α = 1, .75, .5, .25, 0.' : `${SAMPLES} draws of A, seeded.`)}
          </span>
        </div>
        <ErrorNotice text={error} />
      </div>
      <Results />
    </section>
  );
}
