/**
 * GPU buffers, reused by (size, usage). Counts bytes in use and bytes allocated, so leaks show in the status bar.
 * A released buffer goes back to the pool only after the queue has finished the work submitted before the
 * release (a reused buffer must not be overwritten while a recorded command still reads it).
 * Bounded: released buffers beyond `maxFreeBytes` are destroyed instead of kept, and `trim` destroys every kept one
 * (the Workers trim when a run ends).
 */
export const POOL_MAX_FREE_BYTES = 256 * 2 ** 20;

export class BufferPool {
  private readonly free = new Map<string, GPUBuffer[]>();
  private inUse = 0;
  private allocated = 0;
  private freeBytes = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly maxFreeBytes = POOL_MAX_FREE_BYTES,
  ) {}

  acquire(label: string, size: number, usage: GPUBufferUsageFlags): GPUBuffer {
    const bytes = Math.max(16, Math.ceil(size / 16) * 16);
    const list = this.free.get(`${bytes}:${usage}`);
    let buffer = list?.pop();
    if (buffer) {
      buffer.label = label;
      this.freeBytes -= bytes;
    } else {
      buffer = this.device.createBuffer({ label, size: bytes, usage });
      this.allocated += bytes;
    }
    this.inUse += bytes;
    return buffer;
  }

  /** Uploads `data` into a fresh storage buffer. */
  upload(label: string, data: Float32Array | Uint32Array, extraUsage: GPUBufferUsageFlags = 0): GPUBuffer {
    const buffer = this.acquire(
      label,
      data.byteLength,
      GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC | extraUsage,
    );
    this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    return buffer;
  }

  release(buffer: GPUBuffer): void {
    const key = `${buffer.size}:${buffer.usage}`;
    this.inUse -= buffer.size;
    void this.device.queue.onSubmittedWorkDone().then(() => {
      if (this.freeBytes + buffer.size > this.maxFreeBytes) {
        this.allocated -= buffer.size;
        buffer.destroy();
        return;
      }
      const list = this.free.get(key) ?? [];
      list.push(buffer);
      this.free.set(key, list);
      this.freeBytes += buffer.size;
    });
  }

  /** Destroys every pooled (released) buffer. */
  trim(): void {
    for (const list of this.free.values()) {
      for (const b of list) {
        this.allocated -= b.size;
        b.destroy();
      }
    }
    this.free.clear();
    this.freeBytes = 0;
  }

  /** bytes in buffers handed out, in all buffers alive (handed out or kept), and in kept ones */
  get stats(): { bytesInUse: number; bytesAllocated: number; bytesFree: number } {
    return { bytesInUse: this.inUse, bytesAllocated: this.allocated, bytesFree: this.freeBytes };
  }
}
