/** What every kernel wrapper needs: the device, its pipeline cache and its buffer pool. */
import { BufferPool } from './bufferPool';
import type { GpuContext } from './device';
import { PipelineCache } from './pipelineCache';

export class GpuRuntime {
  readonly device: GPUDevice;
  readonly pipelines: PipelineCache;
  readonly pool: BufferPool;

  constructor(readonly context: GpuContext) {
    this.device = context.device;
    this.pipelines = new PipelineCache(this.device);
    this.pool = new BufferPool(this.device);
  }
}
