/// <reference lib="webworker" />
/** The fit Worker: owns the GPU device and one FitSession; speaks fitProtocol.ts. */
import { acquireGpu, GpuUnavailableError } from '../gpu/device';
import { GpuRuntime } from '../gpu/runtime';
import type { FitEvent, FitRequest } from './fitProtocol';
import { FitSession } from './fitSession';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const emit = (event: FitEvent): void => {
  if (event.type === 'metrics') scope.postMessage(event, [event.metrics.recon.buffer]);
  else scope.postMessage(event);
};

let session: FitSession | null = null;

async function init(): Promise<void> {
  try {
    const context = await acquireGpu((failure) => {
      session?.destroy();
      session = null;
      emit({ type: 'gpu-failed', failure });
    });
    context.device.addEventListener('uncapturederror', (event) => {
      emit({ type: 'error', message: `GPU error: ${(event as GPUUncapturedErrorEvent).error.message}` });
    });
    session = new FitSession(new GpuRuntime(context), emit);
    emit({ type: 'gpu', adapterName: context.adapterName });
  } catch (err) {
    if (err instanceof GpuUnavailableError) emit({ type: 'gpu-failed', failure: err.failure });
    else emit({ type: 'gpu-failed', failure: { reason: 'device-failed', message: String(err) } });
  }
}

scope.onmessage = (event: MessageEvent<FitRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'init') {
      void init();
      return;
    }
    if (!session) return;
    switch (request.type) {
      case 'setup':
        session.setup(request.setup);
        break;
      case 'play':
        session.play();
        break;
      case 'pause':
        session.pause();
        break;
      case 'step':
        session.step(request.count);
        break;
      case 'lr':
        session.setLearningRate(request.lr);
        break;
      case 'stepsPerFrame':
        session.setStepsPerFrame(request.count);
        break;
    }
  } catch (err) {
    emit({ type: 'error', message: String(err instanceof Error ? err.message : err) });
  }
};
