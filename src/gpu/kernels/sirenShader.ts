/** WGSL source of shaders/siren.wgsl for one architecture: the constants it needs, then the kernels. */
import sirenWgsl from '../../../shaders/siren.wgsl?raw';
import sinCosWgsl from '../../../shaders/sincos.wgsl?raw';
import { OUTPUT_OFFSET, sirenLayout, type SirenSpec } from '../../models/siren';

const MAX_TILE = 64;

/**
 * Points per tile of train_step (= its workgroup size): the largest power of two ≤ 64 whose workgroup arrays
 * (TILE·(2·maxWidth + 1) floats) fit the device's workgroup storage.
 */
export function trainTileSize(spec: SirenSpec, workgroupStorageBytes: number): number {
  const maxD = sirenLayout(spec).maxWidth;
  let tile = MAX_TILE;
  while (tile > 1 && tile * (2 * maxD + 1) * 4 > workgroupStorageBytes) tile /= 2;
  if (tile * (2 * maxD + 1) * 4 > workgroupStorageBytes) throw new Error(`layers of width ${maxD} do not fit in ${workgroupStorageBytes} bytes of workgroup storage`);
  return tile;
}

const u32List = (xs: readonly number[]): string => xs.map((x) => `${x}u`).join(', ');
const f32 = (x: number): string => (Number.isInteger(x) ? `${x}.0` : `${x}`);

/** Everything that changes the generated WGSL: the pipeline cache key. */
export function sirenShaderKey(spec: SirenSpec, tile: number): string {
  return `${spec.dims.join('x')}|w${spec.omega0}|t${tile}`;
}

export function sirenShaderSource(spec: SirenSpec, tile: number): string {
  const layout = sirenLayout(spec);
  const nLayers = layout.layers.length;
  if (nLayers < 2) throw new Error('a SIREN needs at least one hidden layer');
  const header = [
    `const IN_DIM: u32 = ${spec.dims[0]}u;`,
    `const OUT_DIM: u32 = ${spec.dims[nLayers]}u;`,
    `const N_LAYERS: u32 = ${nLayers}u;`,
    `const N_HIDDEN: u32 = ${nLayers - 1}u;`,
    `const MAX_D: u32 = ${layout.maxWidth}u;`,
    `const PARAM_COUNT: u32 = ${layout.paramCount}u;`,
    `const DIMS = array<u32, ${nLayers + 1}>(${u32List(spec.dims)});`,
    `const W_OFF = array<u32, ${nLayers}>(${u32List(layout.layers.map((l) => l.weightOffset))});`,
    `const B_OFF = array<u32, ${nLayers}>(${u32List(layout.layers.map((l) => l.biasOffset))});`,
    `const OMEGA0: f32 = ${f32(spec.omega0)};`,
    `const OUTPUT_OFFSET: f32 = ${f32(OUTPUT_OFFSET)};`,
    `const TILE: u32 = ${tile}u;`,
  ].join('\n');
  return `${header}\n${sinCosWgsl}\n${sirenWgsl}`;
}
