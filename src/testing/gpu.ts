/** One GPU runtime per test file (browser tests only); any uncaptured WebGPU error fails loudly. */
import { acquireGpu } from '../gpu/device';
import { GpuRuntime } from '../gpu/runtime';

let runtime: Promise<GpuRuntime> | null = null;
export const uncapturedErrors: string[] = [];

export function testGpu(): Promise<GpuRuntime> {
  runtime ??= acquireGpu().then((ctx) => {
    ctx.device.addEventListener('uncapturederror', (event) => {
      const message = (event as GPUUncapturedErrorEvent).error.message;
      uncapturedErrors.push(message);
      console.error(message);
    });
    return new GpuRuntime(ctx);
  });
  return runtime;
}
