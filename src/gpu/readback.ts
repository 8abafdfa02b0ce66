/**
 * Reading GPU results without stalling: a ring of MAP_READ staging buffers. `tryCopy` records a copy into a free
 * slot (or returns null when all slots are still mapping — the caller simply skips this readback); the promise
 * resolves after the submit that carries the copy has finished.
 */
export class ReadbackRing {
  private readonly slots: { buffer: GPUBuffer; busy: boolean }[];

  constructor(
    device: GPUDevice,
    readonly byteSize: number,
    count = 3,
    label = 'readback',
  ) {
    this.slots = Array.from({ length: count }, (_, i) => ({
      buffer: device.createBuffer({
        label: `${label}[${i}]`,
        size: byteSize,
        usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
      }),
      busy: false,
    }));
  }

  /**
   * Records copies of `sources` (packed back to back) into a free slot. Call `submit` after the encoder that holds
   * the copies has been submitted. Returns null when no slot is free.
   */
  tryCopy(
    encoder: GPUCommandEncoder,
    sources: { buffer: GPUBuffer; offset?: number; size: number }[],
  ): { read: () => Promise<ArrayBuffer> } | null {
    const slot = this.slots.find((s) => !s.busy);
    if (!slot) return null;
    slot.busy = true;
    let at = 0;
    for (const s of sources) {
      encoder.copyBufferToBuffer(s.buffer, s.offset ?? 0, slot.buffer, at, s.size);
      at += s.size;
    }
    if (at > this.byteSize) throw new Error(`readback of ${at} bytes exceeds the ring's ${this.byteSize}`);
    return {
      read: async () => {
        try {
          await slot.buffer.mapAsync(GPUMapMode.READ, 0, at);
          return slot.buffer.getMappedRange(0, at).slice(0);
        } finally {
          if (slot.buffer.mapState === 'mapped') slot.buffer.unmap();
          slot.busy = false;
        }
      },
    };
  }

  destroy(): void {
    for (const s of this.slots) s.buffer.destroy();
  }
}

/** One-off read of a whole buffer (tests, exports); never in a frame loop. */
export async function readBuffer(device: GPUDevice, source: GPUBuffer, size = source.size): Promise<ArrayBuffer> {
  const staging = device.createBuffer({
    label: `read:${source.label}`,
    size,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  const encoder = device.createCommandEncoder({ label: 'readBuffer' });
  encoder.copyBufferToBuffer(source, 0, staging, 0, size);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const copy = staging.getMappedRange().slice(0);
  staging.destroy();
  return copy;
}
