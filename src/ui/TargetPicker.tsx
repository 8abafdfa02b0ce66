import { useEffect, useState } from 'react';
import { digitImage, indicesOfClass } from '../data/mnistFile';
import { targetFromFile } from '../data/imageResize';
import { useStore, type TargetSource } from '../state/store';
import { DrawPad } from './DrawPad';
import { fitController } from './fitController';
import { useMnist } from './useMnist';

function useFitTarget(): (target: Float32Array) => void {
  const setRuntime = useStore((s) => s.setRuntime);
  return (target) => {
    setRuntime({ target });
    fitController.setup();
  };
}

/** What to fit: an MNIST digit, a drawing, or an uploaded picture (kept in this page, never sent anywhere). */
export function TargetPicker() {
  const { set, error } = useMnist();
  const { source, digit, sample } = useStore((s) => s.experiment);
  const setExperiment = useStore((s) => s.setExperiment);
  const fitImage = useFitTarget();
  const [uploadError, setUploadError] = useState<string | null>(null);
  const samples = set ? indicesOfClass(set, digit).length : 0;

  useEffect(() => {
    if (source !== 'mnist' || !set) return;
    const indices = indicesOfClass(set, digit);
    fitImage(digitImage(set, indices[Math.min(sample, indices.length - 1)]));
  }, [set, source, digit, sample]);

  const tab = (value: TargetSource, label: string) => (
    <button role="tab" aria-selected={source === value} className={source === value ? 'tab active' : 'tab'} onClick={() => setExperiment({ source: value })}>
      {label}
    </button>
  );

  return (
    <div className="target-picker">
      <div className="tabs" role="tablist">
        {tab('mnist', 'MNIST')}
        {tab('drawn', 'Draw')}
        {tab('upload', 'Upload')}
      </div>
      {source === 'mnist' && (
        <div className="mnist-picker">
          {error && <p className="error">{error}</p>}
          <div className="digit-grid">
            {Array.from({ length: 10 }, (_, d) => (
              <button key={d} className={d === digit ? 'digit active' : 'digit'} data-testid={`digit-${d}`} onClick={() => setExperiment({ digit: d, sample: 0 })}>
                {d}
              </button>
            ))}
          </div>
          <div className="sample-stepper">
            <button className="secondary" aria-label="previous sample" disabled={sample <= 0} onClick={() => setExperiment({ sample: sample - 1 })}>
              ◀
            </button>
            <span>
              sample {sample + 1} / {samples || '…'}
            </span>
            <button className="secondary" aria-label="next sample" disabled={sample + 1 >= samples} onClick={() => setExperiment({ sample: sample + 1 })}>
              ▶
            </button>
          </div>
        </div>
      )}
      {source === 'drawn' && <DrawPad onDrawn={fitImage} />}
      {source === 'upload' && (
        <div className="upload">
          <label className="file-button">
            Choose an image…
            <input
              type="file"
              accept="image/*"
              data-testid="upload"
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (!file) return;
                setUploadError(null);
                targetFromFile(file).then(fitImage, (err: unknown) => setUploadError(err instanceof Error ? err.message : String(err)));
              }}
            />
          </label>
          <p className="hint">Downsampled to 28×28 grayscale in this page; light backgrounds are inverted.</p>
          {uploadError && <p className="error">{uploadError}</p>}
        </div>
      )}
    </div>
  );
}
