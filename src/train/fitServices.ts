/**
 * What the fit Worker answers besides the live fit, for the symmetry and alignment views: renders of a batch of
 * networks, and several SIRENs fitted at once (each target with its own init seed). On the GPU when there is one,
 * else on the CPU twins.
 */
import type { GpuRuntime } from '../gpu/runtime';
import { imageGrid, initSirenBatch, meanSquaredError, psnrFromMse, sirenLayout, type SirenSpec } from '../models/siren';
import { DEFAULT_ADAM } from '../reference/adam';
import { CpuFitBackend } from './cpuFitBackend';
import { fitBatch } from './fitBatch';
import { renderSirensCpu, renderSirensGpu } from './renderSirens';

export function renderMany(
  gpu: GpuRuntime | null,
  spec: SirenSpec,
  params: Float32Array,
  coords: Float32Array,
): Promise<Float32Array> {
  return gpu ? renderSirensGpu(gpu, spec, params, coords) : Promise.resolve(renderSirensCpu(spec, params, coords));
}

export interface FitManyRequest {
  spec: SirenSpec;
  /** `[B, side²]` one target per network */
  targets: Float32Array;
  /** the init seed of each network */
  seeds: number[];
  side: number;
  maxSteps: number;
  stopPsnr: number | null;
}

/** B SIRENs fitted by the fit recipe of docs/design.md §3 (Adam 5e-4), each from initSirenBatch(spec, 1, seed). */
export async function fitMany(
  gpu: GpuRuntime | null,
  r: FitManyRequest,
): Promise<{ params: Float32Array; psnr: Float32Array }> {
  const P = sirenLayout(r.spec).paramCount;
  const pixels = r.side * r.side;
  const init = new Float32Array(r.seeds.length * P);
  r.seeds.forEach((seed, b) => init.set(initSirenBatch(r.spec, 1, seed), b * P));
  if (gpu) {
    const fit = await fitBatch(gpu, {
      spec: r.spec,
      coords: imageGrid(r.side),
      targets: r.targets,
      params: init,
      adam: DEFAULT_ADAM,
      stopPsnr: r.stopPsnr,
      maxSteps: r.maxSteps,
      batchSize: r.seeds.length,
    });
    return { params: fit.params, psnr: fit.psnr };
  }
  const params = new Float32Array(r.seeds.length * P);
  const psnr = new Float32Array(r.seeds.length);
  for (let b = 0; b < r.seeds.length; b++) {
    const target = r.targets.subarray(b * pixels, (b + 1) * pixels);
    const backend = new CpuFitBackend({
      spec: r.spec,
      seed: r.seeds[b],
      target,
      side: r.side,
      lr: DEFAULT_ADAM.lr,
      stopPsnr: r.stopPsnr,
    });
    const { recon } = await backend.frame(r.maxSteps);
    params.set(await backend.readParams(), b * P);
    psnr[b] = psnrFromMse(meanSquaredError(recon, target));
  }
  return { params, psnr };
}
