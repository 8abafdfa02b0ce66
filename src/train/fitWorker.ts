/// <reference lib="webworker" />
/** The fit Worker: owns the GPU device (or falls back to the CPU twins) and one FitSession; speaks fitProtocol.ts. */
import { acquireGpu, GpuUnavailableError, type GpuFailure } from '../gpu/device';
import { GpuRuntime } from '../gpu/runtime';
import { CpuFitBackend } from './cpuFitBackend';
import { CPU_ENGINE, type FitEvent, type FitRequest } from './fitProtocol';
import { FitSession } from './fitSession';
import { GpuFitBackend } from './gpuFitBackend';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const emit = (event: FitEvent): void => {
  if (event.type === 'metrics') scope.postMessage(event, [event.metrics.recon.buffer]);
  else scope.postMessage(event);
};

let session: FitSession | null = null;

async function startGpu(): Promise<boolean> {
  try {
    const context = await acquireGpu((failure) => {
      // a lost device ends this session; the page offers a restart
      session?.destroy();
      session = null;
      emit({ type: 'gpu-failed', failure });
    });
    context.device.addEventListener('uncapturederror', (event) => {
      emit({ type: 'error', message: `GPU error: ${(event as GPUUncapturedErrorEvent).error.message}` });
    });
    const gpu = new GpuRuntime(context);
    session = new FitSession((setup) => GpuFitBackend.create(gpu, setup), emit);
    emit({ type: 'gpu', adapterName: context.adapterName, software: context.isFallback });
    emit({ type: 'engine', name: context.adapterName });
    return true;
  } catch (err) {
    const failure: GpuFailure = err instanceof GpuUnavailableError ? err.failure : { reason: 'device-failed', message: String(err) };
    emit({ type: 'gpu-failed', failure });
    return false;
  }
}

function startCpu(): void {
  session = new FitSession((setup) => new CpuFitBackend(setup), emit);
  emit({ type: 'engine', name: CPU_ENGINE });
}

scope.onmessage = (event: MessageEvent<FitRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'init') {
      void (request.gpu ? startGpu() : Promise.resolve(false)).then((onGpu) => onGpu || startCpu());
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
      case 'stopPsnr':
        session.setStopPsnr(request.stopPsnr);
        break;
    }
  } catch (err) {
    emit({ type: 'error', message: String(err instanceof Error ? err.message : err) });
  }
};
