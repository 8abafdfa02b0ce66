/**
 * The UI side of the fit Worker: starts it, turns its events into store updates, and offers the actions
 * (setup, play, pause, step, live learning rate). One instance for the page.
 */
import { sirenDims } from '../../weightspace/layout';
import type { FitAnswer, FitEvent, FitRequest } from '../../train/fitProtocol';
import { useFitStore, type Experiment, type Runtime } from '../../state/fitStore';
import { GPU_FAILURE_MESSAGES } from '../../gpu/device';
import { NET_STATUS } from '../../gpu/kernels/sirenKernels';
import { WorkerClient } from './workerClient';

type FitQuery = Extract<FitRequest, { id: number }>;
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

export class FitClient {
  private readonly worker = new WorkerClient<FitRequest, FitEvent, FitAnswer>(
    () => new Worker(new URL('../../train/fitWorker.ts', import.meta.url), { type: 'module', name: 'fit' }),
    'fitting worker',
  );
  /** said once the restarted fit is set up */
  private afterRestart: string | null = null;

  /** A render, the live fit's weights, or fitted networks, from the Worker that owns the GPU. */
  request(query: DistributiveOmit<FitQuery, 'id'>): Promise<FitAnswer> {
    return this.worker.ask((id) => ({ ...query, id }) as FitQuery);
  }

  start(): void {
    if (this.worker.running) return;
    const fail = (reason: string, message: string): void =>
      useFitStore.getState().setRuntime({ gpu: { kind: 'failed', reason, message } });
    if (typeof Worker === 'undefined')
      return fail('no-worker', 'This browser cannot run Web Workers, which the training loop needs.');
    // without WebGPU here there is none in the worker either: say so at once, and fit on the CPU
    const hasGpu = Boolean(navigator.gpu);
    if (!hasGpu) fail('no-webgpu', GPU_FAILURE_MESSAGES['no-webgpu']);
    this.worker.start(
      (event) => this.onEvent(event),
      (message) => this.notice('error', message),
    );
    this.send({ type: 'init', gpu: hasGpu });
  }

  /** Throws away the worker and its GPU device and starts afresh (after a lost device). */
  restart(): void {
    this.worker.terminate('the GPU was restarted');
    useFitStore.getState().setRuntime({ gpu: { kind: 'pending' }, engine: null, running: false, notice: null });
    this.start();
  }

  /**
   * A lost device: a fresh worker and device at once, the fit rebuilt from the experiment in the store (same seed, same
   * settings), and the user told. RESTARTS_PER_MINUTE losses within a minute stop the automatic restarts (the header's restart stays).
   */
  private recover(message: string): void {
    if (!this.worker.takeRestart()) return;
    this.restart();
    this.afterRestart = `${message} A new GPU device was acquired and the fit restarted from its seed with your settings.`;
  }

  /** Fault injection for tests (the page's ?faults hooks). */
  loseDevice(): void {
    this.send({ type: 'lose-device' });
  }

  private send(request: FitRequest): void {
    this.worker.post(request);
  }

  private notice(level: 'info' | 'error', text: string): void {
    useFitStore.getState().setRuntime({ notice: { level, text } });
  }

  private onEvent(event: FitEvent): void {
    const store = useFitStore.getState();
    switch (event.type) {
      case 'gpu':
        store.setRuntime({ gpu: { kind: 'ready', adapterName: event.adapterName, software: event.software } });
        break;
      case 'gpu-failed': {
        const lost = event.failure.reason === 'device-lost';
        store.setRuntime({
          gpu: { kind: 'failed', reason: event.failure.reason, message: event.failure.message },
          ...(lost ? { engine: null, running: false } : {}),
        });
        if (lost) this.recover(event.failure.message);
        break;
      }
      case 'engine':
        store.setRuntime({ engine: event.name });
        this.setup();
        if (this.afterRestart) this.notice('info', this.afterRestart);
        this.afterRestart = null;
        break;
      case 'metrics':
        store.pushMetrics(event.metrics);
        break;
      case 'running':
        store.setRuntime({ running: event.running });
        if (event.reason) this.notice('info', `Stopped: ${event.reason}.`);
        break;
      case 'answer':
        this.worker.settle(event.id, { answer: event.result });
        break;
      case 'answer-failed':
        this.worker.settle(event.id, { error: event.message });
        break;
      case 'notice':
        this.notice('info', event.text);
        break;
      case 'error':
        this.notice('error', event.message);
        break;
    }
  }

  /** Re-initialises the weights from the seed and fits the current target with the current architecture. */
  setup(): void {
    const { experiment, runtime, clearHistory, setRuntime } = useFitStore.getState();
    if (!runtime.engine || !runtime.target) return;
    clearHistory();
    setRuntime({ notice: null });
    this.send({ type: 'setup', setup: setupOf(experiment, runtime.target, runtime.init) });
    this.send({ type: 'stepsPerFrame', count: experiment.stepsPerFrame });
  }

  play(): void {
    const { runtime, setRuntime } = useFitStore.getState();
    if (runtime.metrics && runtime.metrics.status !== NET_STATUS.training) {
      // finished or diverged: playing again means a fresh fit
      this.setup();
    }
    setRuntime({ notice: null });
    this.send({ type: 'play' });
  }

  /** The page shows "paused" at once; the Worker stops within one chunk and reports the final step. */
  pause(): void {
    useFitStore.getState().setRuntime({ running: false });
    this.send({ type: 'pause' });
  }

  step(count = 1): void {
    this.send({ type: 'step', count });
  }

  setLearningRate(lr: number): void {
    this.send({ type: 'lr', lr });
  }

  setStepsPerFrame(count: number): void {
    this.send({ type: 'stepsPerFrame', count });
  }

  /** The stop rule, live: the weights are kept, and a fit that stopped at the old target trains on. */
  setStopPsnr(stopPsnr: number | null): void {
    this.send({ type: 'stopPsnr', stopPsnr });
  }
}

function setupOf(e: Experiment, target: Float32Array, init: Runtime['init']) {
  const spec = { dims: sirenDims(2, e.width, e.depth, 1), omega0: e.omega0 };
  // a learned init applies while the architecture is its own
  const fits = init !== null && init.dims.join() === spec.dims.join() && init.omega0 === spec.omega0;
  return {
    spec,
    seed: e.seed,
    ...(fits ? { init: init.params } : {}),
    target: target.slice(),
    side: Math.round(Math.sqrt(target.length)),
    lr: e.lr,
    stopPsnr: e.stopAtTarget ? e.targetPsnr : null,
  };
}

export const fitClient = new FitClient();
