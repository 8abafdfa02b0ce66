/**
 * WebGPU device acquisition. Three different failures get three different messages (no `navigator.gpu`,
 * no adapter, device lost), so a user knows whether to change browser, enable a flag, or reload.
 */
export type GpuFailureReason = 'no-webgpu' | 'no-adapter' | 'device-failed' | 'device-lost';

export interface GpuFailure {
  reason: GpuFailureReason;
  message: string;
}

export interface GpuContext {
  device: GPUDevice;
  adapterName: string;
  /** true on software adapters (SwiftShader): sizes and speed expectations differ */
  isFallback: boolean;
  hasTimestamps: boolean;
  /** destroys the device on purpose: its loss is then not reported (any other destroy() or loss is) */
  release(): void;
}

export const GPU_FAILURE_MESSAGES: Record<GpuFailureReason, string> = {
  'no-webgpu':
    'This browser has no WebGPU (navigator.gpu is missing). Use a recent Chrome or Edge; on Linux, start Chrome with --enable-unsafe-webgpu --enable-features=Vulkan.',
  'no-adapter':
    'WebGPU is present but no GPU adapter is available (blocklisted driver, or hardware acceleration is off). Check chrome://gpu.',
  'device-failed': 'The GPU adapter refused to create a device.',
  // the page starts a fresh device by itself; only when that fails too does it ask for a reload
  'device-lost': 'The GPU device was lost (driver reset, out of memory, or destroyed).',
};

export class GpuUnavailableError extends Error {
  constructor(readonly failure: GpuFailure) {
    super(failure.message);
    this.name = 'GpuUnavailableError';
  }
}

function fail(reason: GpuFailureReason, detail?: string): never {
  const message = detail ? `${GPU_FAILURE_MESSAGES[reason]} (${detail})` : GPU_FAILURE_MESSAGES[reason];
  throw new GpuUnavailableError({ reason, message });
}

/**
 * Requests an adapter and a device with the largest buffer limits the adapter offers (batches of networks are big).
 * `onLost` is called once if the device is later lost for any reason — a driver reset, the GPU process gone, a
 * destroy() from outside — but the context's own release(). `gpu`: the browser's
 * navigator.gpu, or the entry point of Node's `webgpu` package (cli/nodeGpu.ts).
 */
export async function acquireGpu(
  onLost?: (failure: GpuFailure) => void,
  gpu: GPU | undefined = (globalThis.navigator as Navigator | undefined)?.gpu,
): Promise<GpuContext> {
  if (!gpu) fail('no-webgpu');
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) fail('no-adapter');
  const hasTimestamps = adapter.features.has('timestamp-query');
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({
      label: 'weightscape',
      requiredFeatures: hasTimestamps ? ['timestamp-query'] : [],
      requiredLimits: {
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
      },
    });
  } catch (err) {
    fail('device-failed', String(err));
  }
  let released = false;
  void device.lost.then((info) => {
    if (released) return;
    const detail = (info.message || String(info.reason)).replace(/\.$/, '');
    onLost?.({ reason: 'device-lost', message: `${GPU_FAILURE_MESSAGES['device-lost']} The browser said: ${detail}.` });
  });
  const info = adapter.info;
  const adapterName =
    [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'unknown adapter';
  // a software rasterizer also counts when the browser does not flag it (SwiftShader chosen by command-line flags)
  const isFallback = Boolean(info.isFallbackAdapter) || /swiftshader|llvmpipe|lavapipe|software/i.test(adapterName);
  const release = (): void => {
    released = true;
    device.destroy();
  };
  return { device, adapterName, isFallback, hasTimestamps, release };
}
