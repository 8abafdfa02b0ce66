/**
 * The WebGPU device in Node: Dawn through the `webgpu` package, on whatever Vulkan driver the machine has (a GPU
 * vendor's; without a GPU, SwiftShader's from Debian's chromium, which scripts/ws.mjs puts on the loader's path).
 */
import { create } from 'webgpu';
import { acquireGpu, type GpuContext } from '../gpu/device';
import { GpuRuntime } from '../gpu/runtime';

/**
 * Held for the life of the process: Dawn's instance is freed when this object is collected, while its adapter and
 * device still call into it (a crash inside InstanceBase::ProcessEvents).
 */
let instance: GPU | null = null;

export async function nodeGpu(): Promise<GpuRuntime> {
  instance ??= create([]);
  const context: GpuContext = await acquireGpu(undefined, instance);
  return new GpuRuntime(context);
}
