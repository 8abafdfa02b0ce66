import { errorText } from '../../../data/errorText';
import { useEffect, useState } from 'react';
import { digitImage, indicesOfClass } from '../../../data/mnistFile';
import { targetFromFile } from '../../../data/imageResize';
import { useFitStore, type TargetSource } from '../../../state/fitStore';
import { DrawPad } from './DrawPad';
import { FileButton } from '../../widgets/FileButton';
import { fitClient } from '../../workers/fitClient';
import { useMnist } from '../../hooks/useMnist';

function useFitTarget(): (target: Float32Array) => void {
  const setRuntime = useFitStore((s) => s.setRuntime);
  return (target) => {
    setRuntime({ target });
    fitClient.setup();
  };
}

const SOURCE_NAMES: Record<TargetSource, string> = {
  mnist: 'the MNIST digit',
  drawn: 'your drawing',
  upload: 'the uploaded picture',
};

/** What to fit: an MNIST digit, a drawing, or an uploaded picture (kept in this page, never sent anywhere). */
export function TargetPicker() {
  const { set, error } = useMnist();
  const { source, digit, sample } = useFitStore((s) => s.experiment);
  const setExperiment = useFitStore((s) => s.setExperiment);
  const fitImage = useFitTarget();
  const [uploadError, setUploadError] = useState<string | null>(null);
  const samples = set ? indicesOfClass(set, digit).length : 0;

  /** Fits MNIST image `sample` of class `digit` (a click on a digit or a sample arrow). */
  const pickDigit = (d: number, i: number): void => {
    setExperiment({ source: 'mnist', digit: d, sample: i });
    if (!set) return;
    const indices = indicesOfClass(set, d);
    fitImage(digitImage(set, indices[Math.min(i, indices.length - 1)]));
  };
  // the first target, once the digits are loaded; later a target changes only when one is picked, not on a tab switch
  useEffect(() => {
    if (set && source === 'mnist' && !useFitStore.getState().runtime.target) pickDigit(digit, sample);
  }, [set]);

  // a tab only shows its picker: the fit in progress goes on until a new target is picked there
  const [tabShown, setTabShown] = useState<TargetSource>(source);
  const tab = (value: TargetSource, label: string) => (
    <button
      role="tab"
      aria-selected={tabShown === value}
      className={tabShown === value ? 'tab active' : 'tab'}
      onClick={() => setTabShown(value)}
    >
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
      {tabShown !== source && (
        <p className="hint" data-testid="target-kept">
          Still fitting {SOURCE_NAMES[source]};{' '}
          {tabShown === 'mnist' ? 'click a digit' : tabShown === 'drawn' ? 'draw' : 'choose a picture'} to fit that
          instead.
        </p>
      )}
      {tabShown === 'mnist' && (
        <div className="mnist-picker">
          {error && <p className="error">{error}</p>}
          <div className="digit-grid">
            {Array.from({ length: 10 }, (_, d) => (
              <button
                key={d}
                className={source === 'mnist' && d === digit ? 'digit active' : 'digit'}
                data-testid={`digit-${d}`}
                onClick={() => pickDigit(d, 0)}
              >
                {d}
              </button>
            ))}
          </div>
          <div className="sample-stepper">
            <button
              className="secondary"
              aria-label="previous sample"
              disabled={sample <= 0}
              onClick={() => pickDigit(digit, sample - 1)}
            >
              ◀
            </button>
            <span>
              sample {sample + 1} / {samples || '…'}
            </span>
            <button
              className="secondary"
              aria-label="next sample"
              disabled={sample + 1 >= samples}
              onClick={() => pickDigit(digit, sample + 1)}
            >
              ▶
            </button>
          </div>
        </div>
      )}
      {tabShown === 'drawn' && (
        <DrawPad
          onDrawn={(image) => {
            setExperiment({ source: 'drawn' });
            fitImage(image);
          }}
        />
      )}
      {tabShown === 'upload' && (
        <div className="upload">
          <FileButton
            label="Choose an image…"
            accept="image/*"
            testId="upload"
            onFile={(file) => {
              setUploadError(null);
              targetFromFile(file).then(
                (image) => {
                  setExperiment({ source: 'upload' });
                  fitImage(image);
                },
                (err: unknown) => setUploadError(errorText(err)),
              );
            }}
          />
          <p className="hint">Downsampled to 28×28 grayscale in this page; light backgrounds are inverted.</p>
          {uploadError && <p className="error">{uploadError}</p>}
        </div>
      )}
    </div>
  );
}
