/**
 * GPU buffers, reused by (size, usage). Counts bytes in use and bytes allocated, so leaks show in the status bar.
 * A released buffer goes back to the pool only after the queue has finished the work submitted before the
 * release (a reused buffer must not be overwritten while a recorded command still reads it).
 */
export class BufferPool {
  private readonly free = new Map<string, GPUBuffer[]>();
  private inUse = 0;
  private allocated = 0;

  constructor(private readonly device: GPUDevice) {}

  acquire(label: string, size: number, usage: GPUBufferUsageFlags): GPUBuffer {
    const bytes = Math.max(16, Math.ceil(size / 16) * 16);
    const list = this.free.get(`${bytes}:${usage}`);
    let buffer = list?.pop();
    if (buffer) {
      buffer.label = label;
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
      const list = this.free.get(key) ?? [];
      list.push(buffer);
      this.free.set(key, list);
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
  }

  get stats(): { bytesInUse: number; bytesAllocated: number } {
    return { bytesInUse: this.inUse, bytesAllocated: this.allocated };
  }
}
