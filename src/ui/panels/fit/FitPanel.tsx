import { MNIST_SIDE } from '../../../data/mnistFile';
import { useEffect } from 'react';
import { NET_STATUS } from '../../../gpu/kernels/sirenKernels';
import { useFitStore } from '../../../state/fitStore';
import { FitSettings } from './FitSettings';
import { ImageCanvas } from '../../widgets/ImageCanvas';
import { MetricsPlot } from './MetricsPlot';
import { TargetPicker } from './TargetPicker';
import { fitClient } from '../../workers/fitClient';

/** Space plays / pauses, → takes one step (except while typing in a field). */
function useTransportKeys(running: boolean, enabled: boolean): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const target = event.target as HTMLElement | null;
      if (!enabled || target?.closest('input, select, textarea')) return;
      if (event.code === 'Space') {
        event.preventDefault();
        if (running) fitClient.pause();
        else fitClient.play();
      } else if (event.code === 'ArrowRight') {
        event.preventDefault();
        fitClient.step(1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [running, enabled]);
}

export function FitPanel() {
  const { running, metrics, target, notice, engine } = useFitStore((s) => s.runtime);
  const { targetPsnr } = useFitStore((s) => s.experiment);
  const ready = engine !== null && target !== null;
  useTransportKeys(running, ready);

  const psnr = metrics ? metrics.psnr : null;
  const status = !metrics
    ? 'preparing'
    : metrics.status === NET_STATUS.converged
      ? `reached ${targetPsnr} dB`
      : metrics.status === NET_STATUS.diverged
        ? 'diverged'
        : running
          ? 'training'
          : 'paused';

  return (
    <section className="panel fit-panel" aria-labelledby="fit-title">
      <div className="panel-head">
        <h2 id="fit-title">Fit an implicit neural representation</h2>
        <p>A SIREN learns the image as a function (x, y) ↦ intensity. Its weights are what the next panels read.</p>
      </div>
      <div className="fit-grid">
        <div className="card">
          <h3>Target</h3>
          <TargetPicker />
        </div>

        <div className="card view-card">
          <div className="images">
            <ImageCanvas image={target} side={MNIST_SIDE} testId="target-canvas" label="target" />
            <ImageCanvas
              image={metrics?.recon ?? null}
              side={MNIST_SIDE}
              testId="recon-canvas"
              label="SIREN reconstruction"
            />
          </div>
          <div className="readouts">
            <div className="readout big">
              <span className="value" data-testid="psnr">
                {psnr === null ? '—' : psnr.toFixed(2)}
              </span>
              <span className="unit">dB PSNR</span>
            </div>
            <div className="readout">
              <span className="value" data-testid="step-count">
                {metrics?.step ?? 0}
              </span>
              <span className="unit">steps</span>
            </div>
            <div className="readout">
              <span className="value" data-testid="ms-per-step">
                {metrics && metrics.msPerStep > 0 ? metrics.msPerStep.toFixed(2) : '—'}
              </span>
              <span className="unit">ms / step</span>
            </div>
            <div className={`status-chip ${status.split(' ')[0]}`} data-testid="fit-status">
              {status}
            </div>
          </div>
          <div className="transport">
            {running ? (
              <button
                className="primary"
                data-testid="pause"
                disabled={!ready}
                onClick={() => fitClient.pause()}
                title="Pause (space)"
              >
                ❚❚ Pause
              </button>
            ) : (
              <button
                className="primary"
                data-testid="play"
                disabled={!ready}
                onClick={() => fitClient.play()}
                title="Play (space)"
              >
                ▶ Play
              </button>
            )}
            <button
              className="secondary"
              data-testid="step"
              disabled={!ready}
              onClick={() => fitClient.step(1)}
              title="One step (→)"
            >
              Step
            </button>
            <button
              className="secondary"
              data-testid="reset"
              disabled={!ready}
              onClick={() => fitClient.setup()}
              title="Re-initialize the weights from the seed"
            >
              Reset
            </button>
          </div>
          {notice && (
            <p
              className={notice.level === 'error' ? 'notice error' : 'notice'}
              role={notice.level === 'error' ? 'alert' : 'status'}
              data-testid="notice"
            >
              {notice.text}
            </p>
          )}
        </div>

        <div className="card">
          <FitSettings />
        </div>
      </div>
      <div className="card plot-card">
        <h3>Training curve</h3>
        <MetricsPlot />
      </div>
    </section>
  );
}
