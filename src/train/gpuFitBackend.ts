/** A fit on the GPU: a batch of one SIREN on the WGSL kernels, metrics read back through a ring of buffers. */
import { decodeNetStates, NET_STATE_BYTES, SirenBatchKernels } from '../gpu/kernels/sirenKernels';
import { ReadbackRing } from '../gpu/readback';
import type { GpuRuntime } from '../gpu/runtime';
import { imageGrid, stopLossFor } from '../models/siren';
import { DEFAULT_ADAM } from '../reference/adam';
import type { FitBackend, FitSnapshot } from './fitBackend';
import { startParams, type FitSetup } from './fitProtocol';

export class GpuFitBackend implements FitBackend {
  /** The backend once its kernels are compiled (without blocking the GPU process meanwhile). */
  static async create(gpu: GpuRuntime, setup: FitSetup): Promise<GpuFitBackend> {
    await SirenBatchKernels.prepare(gpu, setup.spec);
    return new GpuFitBackend(gpu, setup);
  }

  private readonly kernels: SirenBatchKernels;
  private readonly ring: ReadbackRing;
  private readonly pixels: number;

  constructor(
    private readonly gpu: GpuRuntime,
    setup: FitSetup,
  ) {
    this.pixels = setup.target.length;
    this.kernels = new SirenBatchKernels(gpu, {
      spec: setup.spec,
      params: startParams(setup),
      coords: imageGrid(setup.side),
      targets: setup.target,
      adam: { ...DEFAULT_ADAM, lr: setup.lr },
      stopLoss: stopLossFor(setup.stopPsnr),
    });
    this.ring = new ReadbackRing(gpu.device, NET_STATE_BYTES + setup.target.byteLength, 3, 'fit.metrics');
  }

  run(steps: number): void {
    const encoder = this.gpu.device.createCommandEncoder({ label: 'fit.run' });
    this.kernels.encodeSteps(encoder, steps);
    this.gpu.device.queue.submit([encoder.finish()]);
  }

  frame(steps: number): Promise<FitSnapshot> | null {
    const encoder = this.gpu.device.createCommandEncoder({ label: 'fit.frame' });
    if (steps > 0) this.kernels.encodeSteps(encoder, steps);
    this.kernels.encodeForward(encoder, 0, 1);
    const readback = this.ring.tryCopy(encoder, [
      { buffer: this.kernels.state, size: NET_STATE_BYTES },
      { buffer: this.kernels.outputs, size: this.pixels * 4 },
    ]);
    this.gpu.device.queue.submit([encoder.finish()]);
    return (
      readback?.read().then((data) => {
        const [state] = decodeNetStates(data, 1);
        return { step: state.step, status: state.status, recon: new Float32Array(data, NET_STATE_BYTES, this.pixels) };
      }) ?? null
    );
  }

  idle(): Promise<void> {
    return this.gpu.device.queue.onSubmittedWorkDone();
  }

  setLearningRate(lr: number): void {
    this.kernels.setAdam({ ...DEFAULT_ADAM, lr });
  }

  setStopPsnr(stopPsnr: number | null): void {
    this.kernels.setStopLoss(stopLossFor(stopPsnr));
  }

  resume(): void {
    this.kernels.resumeNetwork(0);
  }

  readParams(): Promise<Float32Array> {
    return this.kernels.readParams();
  }

  destroy(): void {
    this.kernels.destroy();
    this.ring.destroy();
  }
}
