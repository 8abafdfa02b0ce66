import { useWsStore } from '../state/wsStore';
import { InrThumb } from './InrThumb';
import { wsController } from './wsController';

function eta(done: number, total: number, startedAt: number): string {
  if (done <= 0) return 'estimating…';
  const seconds = ((performance.now() - startedAt) / 1000 / done) * (total - done);
  return seconds < 90 ? `~${Math.ceil(seconds)} s left` : `~${Math.ceil(seconds / 60)} min left`;
}

/** Zoo generation (recipe, progress with ETA, cancel), the saved zoos, and a few decoded INRs. */
export function ZooCard() {
  const { zooSettings: s, set, ready, generating, zoos, selectedZooId, thumbnails } = useWsStore();
  const patch = (p: Partial<typeof s>): void => set({ zooSettings: { ...s, ...p } });
  return (
    <div className="card zoo-card">
      <h3>1 · Make a zoo of INRs</h3>
      <div className="field-row">
        <label>
          task
          <select value={s.task} onChange={(e) => patch({ task: e.target.value as typeof s.task })} data-testid="zoo-task">
            <option value="mnist">MNIST digits (classify)</option>
            <option value="sine">a·sin(πbx) (regress a, b)</option>
          </select>
        </label>
      </div>
      <div className="field-row">
        <label>
          INRs
          <input type="number" min={10} max={5000} step={10} value={s.count} onChange={(e) => patch({ count: Math.max(10, Math.round(Number(e.target.value) / 10) * 10) })} data-testid="zoo-count" />
        </label>
        <label>
          max steps
          <input type="number" min={1} max={5000} value={s.maxSteps} onChange={(e) => patch({ maxSteps: Math.max(1, Number(e.target.value)) })} data-testid="zoo-steps" />
        </label>
        <label>
          seed
          <input type="number" value={s.seed} onChange={(e) => patch({ seed: Number(e.target.value) | 0 })} data-testid="zoo-seed" />
        </label>
      </div>
      {s.task === 'mnist' && (
        <label title="fits below this PSNR are refitted once with twice the steps, then dropped; 0 keeps every fit">
          reject fits below (dB, 0 = keep all)
          <input type="number" min={0} max={60} value={s.minPsnr} onChange={(e) => patch({ minPsnr: Math.max(0, Number(e.target.value)) })} data-testid="zoo-min-psnr" />
        </label>
      )}
      <label className="check">
        <input type="checkbox" checked={s.sharedInit} onChange={(e) => patch({ sharedInit: e.target.checked })} data-testid="zoo-shared-init" />
        every INR starts from one shared init
      </label>
      <div className="transport">
        {generating ? (
          <button onClick={() => wsController.cancelGenerate()} data-testid="zoo-cancel">
            Cancel
          </button>
        ) : (
          <button className="primary" disabled={!ready} onClick={() => wsController.generate()} data-testid="zoo-generate">
            Generate
          </button>
        )}
      </div>
      {generating && (
        <div className="progress" data-testid="zoo-progress">
          <progress value={generating.done} max={generating.total} />
          <span>
            {generating.phase === 'refit' ? 'refitting weak fits ' : ''}
            {generating.done}/{generating.total} · {eta(generating.done, generating.total, generating.startedAt)}
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
              <button className="zoo-pick" onClick={() => void wsController.selectZoo(z.id)}>
                <strong>{z.name}</strong>
                <span>
                  {z.count} INRs · mean {z.meanPsnr.toFixed(1)} dB{z.rejected ? ` · ${z.rejected} rejected` : ''} · lr {z.recipe.lr} · ≤{z.recipe.maxSteps} steps
                  {z.recipe.stopPsnr ? ` · stop ${z.recipe.stopPsnr} dB` : ''} · {(z.wallMs / 1000).toFixed(0)} s
                </span>
              </button>
              <button className="link" title="Delete this zoo" onClick={() => void wsController.removeZoo(z.id)}>
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
