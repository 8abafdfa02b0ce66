/** WGSL source of shaders/siren.wgsl for one architecture: the constants it needs, then the kernels. */
import sirenWgsl from '../../../shaders/siren.wgsl?raw';
import sinCosWgsl from '../../../shaders/sincos.wgsl?raw';
import { OUTPUT_OFFSET, sirenLayout, type SirenSpec } from '../../models/siren';
import { unrollLoops } from '../wgslUnroll';

/**
 * Invocations per network in train_step. 4 = one SIMD register of a CPU adapter (SwiftShader), where per-network
 * work runs best in a single SIMD group with no cross-group barriers.
 */
export const TRAIN_LANES = 4;

const u32List = (xs: readonly number[]): string => xs.map((x) => `${x}u`).join(', ');
const f32 = (x: number): string => (Number.isInteger(x) ? `${x}.0` : `${x}`);

/** Everything that changes the generated WGSL: the pipeline cache key. */
export function sirenShaderKey(spec: SirenSpec): string {
  return `${spec.dims.join('x')}|w${spec.omega0}|lanes${TRAIN_LANES}`;
}

export function sirenShaderSource(spec: SirenSpec): string {
  const layout = sirenLayout(spec);
  const nLayers = layout.layers.length;
  if (nLayers < 2) throw new Error('a SIREN needs at least one hidden layer');
  const header = [
    `const IN_DIM: u32 = ${spec.dims[0]}u;`,
    `const OUT_DIM: u32 = ${spec.dims[nLayers]}u;`,
    `const N_LAYERS: u32 = ${nLayers}u;`,
    `const MAX_D: u32 = ${layout.maxWidth}u;`,
    `const LANES: u32 = ${TRAIN_LANES}u;`,
    `const PARAM_COUNT: u32 = ${layout.paramCount}u;`,
    `const DIMS = array<u32, ${nLayers + 1}>(${u32List(spec.dims)});`,
    `const W_OFF = array<u32, ${nLayers}>(${u32List(layout.layers.map((l) => l.weightOffset))});`,
    `const B_OFF = array<u32, ${nLayers}>(${u32List(layout.layers.map((l) => l.biasOffset))});`,
    `const OMEGA0: f32 = ${f32(spec.omega0)};`,
    `const OUTPUT_OFFSET: f32 = ${f32(OUTPUT_OFFSET)};`,
  ].join('\n');
  const constants = { IN_DIM: spec.dims[0], OUT_DIM: spec.dims[nLayers], N_LAYERS: nLayers, DIMS: spec.dims };
  return `${header}\n${sinCosWgsl}\n${unrollLoops(sirenWgsl, constants)}`;
}
