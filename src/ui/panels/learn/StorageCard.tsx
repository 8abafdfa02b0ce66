import { useEffect, useState, type ReactNode } from 'react';
import { useLearnStore } from '../../../state/learnStore';
import { FileButton } from '../../widgets/FileButton';
import * as storage from './storageActions';
import { removeInit, removeZoo } from '../../io/learnLibrary';
import { useMetaInitStore } from '../../../state/metaInitStore';
import { useFields } from '../../hooks/useFields';

function size(bytes: number | undefined): string {
  if (bytes === undefined) return '—';
  if (bytes < 2 ** 20) return `${(bytes / 1024).toFixed(0)} kB`;
  return bytes < 2 ** 30 ? `${(bytes / 2 ** 20).toFixed(1)} MB` : `${(bytes / 2 ** 30).toFixed(1)} GB`;
}
const percent = (x: number | null | undefined): string =>
  x === null || x === undefined || Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)}%`;

/** A captioned table of stored items, or a line saying there are none. */
function Listing<T>({
  caption,
  testId,
  empty,
  items,
  row,
}: {
  caption: string;
  testId: string;
  empty: string;
  items: T[];
  row: (item: T) => ReactNode;
}) {
  return (
    <table className="runs" data-testid={testId}>
      <caption>{caption}</caption>
      <tbody>
        {items.length === 0 ? (
          <tr>
            <td className="hint">{empty}</td>
          </tr>
        ) : (
          items.map(row)
        )}
      </tbody>
    </table>
  );
}

/** Files and browser storage: open zoo / model / INR files, and list, export and delete what this browser keeps. */
export function StorageCard() {
  const { zoos, models, runs, evaluation, selectedZooId } = useFields(
    useLearnStore,
    'zoos',
    'models',
    'runs',
    'evaluation',
    'selectedZooId',
  );
  const inits = useMetaInitStore((s) => s.inits);
  const [estimate, setEstimate] = useState<{ usage: number; quota: number } | null>(null);
  useEffect(() => {
    void storage.storageEstimate().then(setEstimate, () => setEstimate(null));
  }, [zoos, models, runs.length]);
  const kept = runs.filter((r) => r.status !== 'starting' && r.status !== 'training' && r.status !== 'paused');
  const selectedZoo = zoos.find((z) => z.id === selectedZooId);
  return (
    <div className="card storage-card" data-testid="storage">
      <h3>Files &amp; storage</h3>
      <p className="hint">
        Zoos, learned inits, trained models and run histories stay in this browser (IndexedDB) across reloads
        {estimate ? ` — ${size(estimate.usage)} used of about ${size(estimate.quota)}` : ''}. Files are safetensors:
        they load in PyTorch and in the command line (README, "Files, PyTorch and the command line").
      </p>
      <FileButton
        label="Open a zoo, model or INR file…"
        accept=".safetensors,.wsz"
        testId="storage-open"
        title="a zoo (.safetensors or .wsz), a trained model or one INR (.safetensors)"
        onFile={(file) => void storage.openFile(file)}
      />
      <Listing
        caption="Zoos"
        testId="storage-zoos"
        empty="none"
        items={zoos}
        row={(z) => (
          <tr key={z.id}>
            <td>{z.name}</td>
            <td>{z.count} INRs</td>
            <td>{size(z.bytes)}</td>
            <td>
              <button className="link" onClick={() => void storage.exportZoo(z)} data-testid="storage-export-zoo">
                export
              </button>{' '}
              <button className="link" onClick={() => void removeZoo(z.id)}>
                delete
              </button>
            </td>
          </tr>
        )}
      />
      <Listing
        caption="Learned inits"
        testId="storage-inits"
        empty="none yet: step 0 learns one"
        items={inits}
        row={(i) => (
          <tr key={i.id}>
            <td>{i.name}</td>
            <td>
              {i.heldOut
                ? `after 50 steps ${i.heldOut.learned[0].toFixed(1)} dB (standard ${i.heldOut.standard[0].toFixed(1)})`
                : 'from a file'}
            </td>
            <td>{size(i.bytes)}</td>
            <td>
              <button className="link" onClick={() => void storage.exportInit(i)} data-testid="storage-export-init">
                export
              </button>{' '}
              <button className="link" onClick={() => void removeInit(i.id)}>
                delete
              </button>
            </td>
          </tr>
        )}
      />
      <Listing
        caption="Trained models"
        testId="storage-models"
        empty="none yet: every finished training run keeps its best checkpoint here"
        items={models}
        row={(m) => (
          <tr key={m.id}>
            <td>{m.name}</td>
            <td>{m.testAccuracy !== null ? `test ${percent(m.testAccuracy)}` : 'from a file'}</td>
            <td>{size(m.bytes)}</td>
            <td>
              <button
                className="link"
                disabled={!selectedZoo}
                title={selectedZoo ? `on the test split of "${selectedZoo.name}"` : 'pick a zoo first'}
                onClick={() => void storage.evaluateSavedModel(m)}
                data-testid="storage-evaluate"
              >
                evaluate
              </button>{' '}
              <button className="link" onClick={() => void storage.exportModel(m)} data-testid="storage-export-model">
                export
              </button>{' '}
              <button className="link" onClick={() => void storage.removeModel(m.id)}>
                delete
              </button>
            </td>
          </tr>
        )}
      />
      {evaluation && (
        <p className="readout-line" data-testid="storage-evaluation">
          “{evaluation.modelName}” on {evaluation.count} INRs of “{evaluation.zooName}”: accuracy{' '}
          {percent(evaluation.accuracy)}, on permuted copies {percent(evaluation.accuracyPermuted)} (same answer for{' '}
          {percent(evaluation.agreement)} of them).
        </p>
      )}
      <Listing
        caption="Run histories"
        testId="storage-runs"
        empty="none yet"
        items={kept}
        row={(r) => (
          <tr key={r.id}>
            <td>
              #{r.id} {r.config.kind} on {r.zooName}
            </td>
            <td>
              {r.history.length} epochs · {r.status}
            </td>
            <td>
              <button className="link" onClick={() => void storage.removeRun(r.id)}>
                delete
              </button>
            </td>
          </tr>
        )}
      />
    </div>
  );
}
