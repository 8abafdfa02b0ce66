/**
 * A fit on the CPU with the plain-TS twins (float64), for browsers without WebGPU: the same recipe, the same
 * per-network stop and divergence rules as shaders/siren.wgsl, slower.
 */
import { NET_STATUS, type NetStatus } from '../gpu/kernels/sirenKernels';
import { imageGrid, stopLossFor } from '../models/siren';
import { adamStep, DEFAULT_ADAM, type AdamHyper } from '../reference/adam';
import { sirenForward, sirenLossAndGrad } from '../reference/siren';
import type { FitBackend, FitSnapshot } from './fitBackend';
import { startParams, type FitSetup } from './fitProtocol';

export class CpuFitBackend implements FitBackend {
  private readonly params: Float64Array;
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private readonly coords: Float32Array;
  private stopLoss: number;
  private adam: AdamHyper;
  private step = 0;
  private status: NetStatus = NET_STATUS.training;

  constructor(private readonly setup: FitSetup) {
    this.params = Float64Array.from(startParams(setup));
    this.m = new Float64Array(this.params.length);
    this.v = new Float64Array(this.params.length);
    this.coords = imageGrid(setup.side);
    this.stopLoss = stopLossFor(setup.stopPsnr);
    this.adam = { ...DEFAULT_ADAM, lr: setup.lr };
  }

  run(steps: number): void {
    for (let s = 0; s < steps && this.status === NET_STATUS.training; s++) {
      const { loss, grad } = sirenLossAndGrad(this.setup.spec, this.params, this.coords, this.setup.target);
      if (!Number.isFinite(loss[0])) this.status = NET_STATUS.diverged;
      else if (loss[0] <= this.stopLoss) this.status = NET_STATUS.converged;
      else adamStep(this.params, this.m, this.v, grad, ++this.step, this.adam);
    }
  }

  frame(steps: number): Promise<FitSnapshot> {
    this.run(steps);
    const recon = Float32Array.from(sirenForward(this.setup.spec, this.params, this.coords));
    return Promise.resolve({ step: this.step, status: this.status, recon });
  }

  idle(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
  }

  setLearningRate(lr: number): void {
    this.adam = { ...this.adam, lr };
  }

  setStopPsnr(stopPsnr: number | null): void {
    this.stopLoss = stopLossFor(stopPsnr);
  }

  resume(): void {
    if (this.status === NET_STATUS.converged) this.status = NET_STATUS.training;
  }

  readParams(): Promise<Float32Array> {
    return Promise.resolve(Float32Array.from(this.params));
  }

  destroy(): void {}
}
