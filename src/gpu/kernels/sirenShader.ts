/** WGSL source of shaders/siren.wgsl for one architecture: the constants it needs, then the kernels. */
import sirenWgsl from '../../../shaders/siren.wgsl?raw';
import sinCosWgsl from '../../../shaders/sincos.wgsl?raw';
import { OUTPUT_OFFSET, sirenLayout, type SirenSpec } from '../../models/siren';
import { keepLoops, unrollLoops } from '../wgslUnroll';

/**
 * Invocations per network in train_step. On a CPU adapter (SwiftShader) 4, one SIMD register: per-network work
 * runs best in a single SIMD group with no cross-group barriers (measured). On a GPU 64 (two warps / one
 * wavefront), so a batch fills the device; not yet measured on one.
 */
export function trainLanes(isFallbackAdapter: boolean): number {
  return isFallbackAdapter ? 4 : 64;
}

/** Gradient entries summed per round through workgroup memory when there are more than 4 lanes. */
const REDUCE_CHUNK = 32;

/**
 * Largest Σ nIn·nOut whose per-point loops are unrolled. Unrolled code runs ~3× faster on SwiftShader but its
 * size (and compile time: ~5 s for [2,32,32,1] = 1120 there, ~22 s for [2,64,64,1]) grows with it; larger
 * architectures keep their loops.
 */
export const UNROLL_BUDGET = 1600;

/**
 * Largest network train_step takes: each invocation keeps the parameters and its share of the gradient in private
 * memory. Measured on SwiftShader: P = 7249 runs, P = 8577 loses the device; kept well below.
 */
export const MAX_TRAIN_PARAMS = 5000;

export function unrollsLoops(spec: SirenSpec): boolean {
  return sirenLayout(spec).weightCount <= UNROLL_BUDGET;
}

const u32List = (xs: readonly number[]): string => xs.map((x) => `${x}u`).join(', ');
const f32 = (x: number): string => (Number.isInteger(x) ? `${x}.0` : `${x}`);

/** Everything that changes the generated WGSL: the pipeline cache key. */
export function sirenShaderKey(spec: SirenSpec, lanes: number): string {
  return `${spec.dims.join('x')}|w${spec.omega0}|lanes${lanes}|${unrollsLoops(spec) ? 'unrolled' : 'loops'}`;
}

export function sirenShaderSource(spec: SirenSpec, lanes: number): string {
  const layout = sirenLayout(spec);
  const nLayers = layout.layers.length;
  if (nLayers < 2) throw new Error('a SIREN needs at least one hidden layer');
  const header = [
    `const IN_DIM: u32 = ${spec.dims[0]}u;`,
    `const OUT_DIM: u32 = ${spec.dims[nLayers]}u;`,
    `const N_LAYERS: u32 = ${nLayers}u;`,
    `const MAX_D: u32 = ${layout.maxWidth}u;`,
    `const LANES: u32 = ${lanes}u;`,
    `const CHUNK: u32 = ${Math.min(lanes, REDUCE_CHUNK)}u;`,
    `const PARAM_COUNT: u32 = ${layout.paramCount}u;`,
    `const DIMS = array<u32, ${nLayers + 1}>(${u32List(spec.dims)});`,
    `const W_OFF = array<u32, ${nLayers}>(${u32List(layout.layers.map((l) => l.weightOffset))});`,
    `const B_OFF = array<u32, ${nLayers}>(${u32List(layout.layers.map((l) => l.biasOffset))});`,
    `const OMEGA0: f32 = ${f32(spec.omega0)};`,
    `const OUTPUT_OFFSET: f32 = ${f32(OUTPUT_OFFSET)};`,
  ].join('\n');
  const constants = { IN_DIM: spec.dims[0], OUT_DIM: spec.dims[nLayers], N_LAYERS: nLayers, DIMS: spec.dims };
  const body = unrollsLoops(spec) ? unrollLoops(sirenWgsl, constants) : keepLoops(sirenWgsl);
  return `${header}\n${sinCosWgsl}\n${body}`;
}
