import { useLearnStore } from '../../../state/learnStore';
import { InrThumb } from '../../widgets/InrThumb';
import { ruleOf } from '../../../state/linkSchema';
import { NumberField } from '../../widgets/NumberField';
import { removeZoo, selectZoo } from '../../io/learnLibrary';
import { learnClient } from '../../workers/learnClient';
import { generateZoo } from './learnActions';
import { useFields } from '../../hooks/useFields';
import { useMetaInitStore } from '../../../state/metaInitStore';
import { DATASET_INFO, isImageDataset, PAGE_DATASETS } from '../../../data/imageDatasets';

function eta(done: number, total: number, startedAt: number): string {
  if (done <= 0 || performance.now() - startedAt < 1000) return 'estimating time left…';
  const seconds = ((performance.now() - startedAt) / 1000 / done) * (total - done);
  return seconds < 90 ? `~${Math.ceil(seconds)} s left` : `~${Math.ceil(seconds / 60)} min left`;
}

/** Zoo generation (recipe, progress with ETA, cancel), the saved zoos, and a few decoded INRs. */
export function ZooCard() {
  const {
    zooSettings: s,
    set,
    ready,
    generating,
    zoos,
    selectedZooId,
    thumbnails,
  } = useFields(useLearnStore, 'zooSettings', 'set', 'ready', 'generating', 'zoos', 'selectedZooId', 'thumbnails');
  const inits = useMetaInitStore((st) => st.inits);
  const patch = (p: Partial<typeof s>): void => set({ zooSettings: { ...s, ...p } });
  const image = isImageDataset(s.task);
  return (
    <div className="card zoo-card">
      <h3>1 · Make a zoo of INRs</h3>
      <div className="field-row">
        <label>
          task
          <select
            value={s.task}
            onChange={(e) => patch({ task: e.target.value as typeof s.task })}
            data-testid="zoo-task"
            data-link-key="ztask"
          >
            {PAGE_DATASETS.map((d) => (
              <option key={d} value={d}>
                {DATASET_INFO[d].label} {d === 'mnist' ? 'digits' : 'images'} (classify)
              </option>
            ))}
            <option value="sine">a·sin(πbx) (regress a, b)</option>
          </select>
        </label>
      </div>
      <div className="field-row">
        <NumberField
          label="INRs"
          value={s.count}
          linkKey="zn"
          rule={{ ...ruleOf('zn'), multipleOf: image ? 10 : 1 }}
          onCommit={(count) => patch({ count })}
          testId="zoo-count"
          title={
            image
              ? 'the same number of INRs for each class: a multiple of 10, 10–5000'
              : 'INRs of random sines, 10–5000'
          }
        />
        <NumberField
          label="max steps"
          value={s.maxSteps}
          linkKey="zsteps"
          onCommit={(maxSteps) => patch({ maxSteps })}
          testId="zoo-steps"
          title={`Adam steps per INR at most (an INR stops early at ${s.targetPsnr} dB)`}
        />
        {image && (
          <NumberField
            label="stop at (dB)"
            value={s.targetPsnr}
            linkKey="ztarget"
            onCommit={(targetPsnr) => patch({ targetPsnr })}
            testId="zoo-target"
            title="a fit stops early at this PSNR: over-fitted INRs are reported to be harder to read"
          />
        )}
        <NumberField
          label="seed"
          value={s.seed}
          linkKey="zseed"
          onCommit={(seed) => patch({ seed })}
          testId="zoo-seed"
          title="seeds the choice of images and every initialisation"
        />
      </div>
      {image && (
        <NumberField
          label="fits per training image"
          value={s.viewsPerImage}
          linkKey="zviews"
          onCommit={(viewsPerImage) => patch({ viewsPerImage })}
          testId="zoo-views"
          title="independent fits of every training image from different inits (val and test keep one), 1–16: more views for training"
        />
      )}
      {image && (
        <NumberField
          label="reject fits below (dB, 0 = keep all)"
          value={s.minPsnr}
          linkKey="zmin"
          onCommit={(minPsnr) => patch({ minPsnr })}
          testId="zoo-min-psnr"
          title="fits below this PSNR are refitted once with twice the steps, then dropped; 0 keeps every fit"
        />
      )}
      {image && inits.length > 0 && (
        <label>
          start every INR from
          <select
            value={s.learnedInitId}
            onChange={(e) => patch({ learnedInitId: e.target.value })}
            data-testid="zoo-learned-init"
          >
            <option value="">its own random init (or one shared, below)</option>
            {inits.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={s.sharedInit}
          disabled={image && s.learnedInitId !== ''}
          onChange={(e) => patch({ sharedInit: e.target.checked })}
          data-testid="zoo-shared-init"
          data-link-key="zshared"
        />
        every INR starts from one shared init
      </label>
      <div className="transport">
        {generating ? (
          <button onClick={() => learnClient.cancelGenerate()} data-testid="zoo-cancel">
            Cancel
          </button>
        ) : (
          <button className="primary" disabled={!ready} onClick={() => void generateZoo()} data-testid="zoo-generate">
            Generate
          </button>
        )}
      </div>
      {generating && (
        <div className="progress" data-testid="zoo-progress">
          <progress value={generating.done} max={generating.total} aria-label="zoo generation progress" />
          <span>
            {generating.phase === 'refit' ? 'refitting weak fits: ' : ''}
            {Math.floor((100 * generating.done) / generating.total)}% · {generating.finished}/{generating.total} INRs
            done · {eta(generating.done, generating.total, generating.startedAt)}
          </span>
        </div>
      )}
      <h3>Saved zoos</h3>
      {zoos.length === 0 ? (
        <p className="hint">None yet. Zoos are kept in this browser (IndexedDB) across reloads.</p>
      ) : (
        <ul className="zoo-list" data-testid="zoo-list">
          {zoos.map((z) => (
            <li key={z.id} className={z.id === selectedZooId ? 'active' : ''}>
              <button className="zoo-pick" onClick={() => void selectZoo(z.id)}>
                <strong>{z.name}</strong>
                <span>
                  {z.count} INRs · mean {z.meanPsnr.toFixed(1)} dB{z.rejected ? ` · ${z.rejected} rejected` : ''} · lr{' '}
                  {z.recipe.lr} · ≤{z.recipe.maxSteps} steps
                  {z.recipe.stopPsnr ? ` · stop ${z.recipe.stopPsnr} dB` : ''} · {(z.wallMs / 1000).toFixed(0)} s
                </span>
              </button>
              <button className="link" title="Delete this zoo" onClick={() => void removeZoo(z.id)}>
                delete
              </button>
            </li>
          ))}
        </ul>
      )}
      {thumbnails.length > 0 && (
        <div className="thumbs" data-testid="zoo-thumbnails">
          {thumbnails.slice(0, 6).map((t) => (
            <InrThumb key={t.row} image={t.image} caption={t.label >= 0 ? String(t.label) : undefined} />
          ))}
        </div>
      )}
    </div>
  );
}
