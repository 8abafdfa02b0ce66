/// <reference lib="webworker" />
/** The fit Worker: owns the GPU device (or falls back to the CPU twins) and one FitSession; speaks fitProtocol.ts. */
import { errorText } from '../data/errorText';
import { acquireGpu, GpuUnavailableError, type GpuFailure } from '../gpu/device';
import { GpuRuntime } from '../gpu/runtime';
import { CpuFitBackend } from './cpuFitBackend';
import { CPU_ENGINE, type FitAnswer, type FitEvent, type FitRequest } from './fitProtocol';
import { fitMany, renderMany } from './fitServices';
import { FitSession } from './fitSession';
import { GpuFitBackend } from './gpuFitBackend';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const emit = (event: FitEvent): void => {
  if (event.type === 'metrics') scope.postMessage(event, [event.metrics.recon.buffer]);
  else scope.postMessage(event);
};

let session: FitSession | null = null;
/** the GPU of the session (null on the CPU engine) */
let gpuRuntime: GpuRuntime | null = null;

async function answer(request: Extract<FitRequest, { id: number }>): Promise<FitAnswer> {
  switch (request.type) {
    case 'render':
      return { kind: 'render', images: await renderMany(gpuRuntime, request.spec, request.params, request.coords) };
    case 'read-fit': {
      const fit = await session?.current();
      if (!fit) throw new Error('there is no fit yet');
      return { kind: 'fit', ...fit };
    }
    case 'fit-many':
      return { kind: 'fit-many', ...(await fitMany(gpuRuntime, request)) };
  }
}

/** A lost device ends this worker's session; the page starts a fresh worker and device. */
function onLost(failure: GpuFailure): void {
  session?.destroy();
  session = null;
  gpuRuntime = null;
  emit({ type: 'gpu-failed', failure });
}

async function startGpu(): Promise<boolean> {
  try {
    const context = await acquireGpu(onLost);
    context.device.addEventListener('uncapturederror', (event) => {
      emit({ type: 'error', message: `GPU error: ${(event as GPUUncapturedErrorEvent).error.message}` });
    });
    const gpu = new GpuRuntime(context);
    gpuRuntime = gpu;
    session = new FitSession((setup) => GpuFitBackend.create(gpu, setup), emit);
    emit({ type: 'gpu', adapterName: context.adapterName, software: context.isFallback });
    emit({ type: 'engine', name: context.adapterName });
    return true;
  } catch (err) {
    const failure: GpuFailure =
      err instanceof GpuUnavailableError ? err.failure : { reason: 'device-failed', message: String(err) };
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
    if (request.type === 'lose-device') {
      // as a driver reset would: the device goes, and its lost promise (acquireGpu) tells the page
      gpuRuntime?.device.destroy();
      return;
    }
    if ('id' in request) {
      const { id } = request;
      answer(request).then(
        (result) => emit({ type: 'answer', id, result }),
        (err: unknown) => emit({ type: 'answer-failed', id, message: errorText(err) }),
      );
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
    emit({ type: 'error', message: errorText(err) });
  }
};
