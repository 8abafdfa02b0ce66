/**
 * Specialises the templates shaders/gather_rows.wgsl (with the term bodies of shaders/gather_terms.wgsl) and
 * shaders/block_grad.wgsl for one op shape: channel counts, the vector types they allow (vec4 when a count is a
 * multiple of 4), the kinds of term a table has, and unrolled channel loops.
 */
import blockGradWgsl from '../../../shaders/block_grad.wgsl?raw';
import blockGradReduceWgsl from '../../../shaders/block_grad_reduce.wgsl?raw';
import gatherRowsWgsl from '../../../shaders/gather_rows.wgsl?raw';
import gatherTermsWgsl from '../../../shaders/gather_terms.wgsl?raw';
import { unrollLoops } from '../wgslUnroll';
import type { TermKind } from './gatherTerms';

export interface GatherShape {
  /** channels of each destination row */
  lanes: number;
  /** channels of source 0 and source 1 (0: none) */
  ch0: number;
  ch1: number;
}

/** Floats per element of a row of `channels` in the kernels' buffers: vec4 when the count allows, else f32. */
export const vectorWidth = (channels: number): number => (channels % 4 === 0 ? 4 : 1);
const type = (channels: number): string => (vectorWidth(channels) === 4 ? 'vec4<f32>' : 'f32');

function header(lanes: number, ch0: number, ch1: number, thetaType: string): string {
  const v = vectorWidth(lanes);
  const at = (name: string, ch: number): string =>
    vectorWidth(ch) === 4
      ? `fn ${name}(v: vec4<f32>, i: u32) -> f32 { return v[i]; }`
      : `fn ${name}(v: f32, i: u32) -> f32 { return v; }`;
  return [
    `const LANES: u32 = ${lanes}u;`,
    `const NB: u32 = ${NETWORKS_PER_INVOCATION}u;`,
    `const CO: u32 = ${lanes}u;`,
    `const V: u32 = ${v}u;`,
    `const LV: u32 = ${lanes / v}u;`,
    `const CH0: u32 = ${ch0}u;`,
    `const CH1: u32 = ${Math.max(ch1, 1)}u;`,
    `const VS0: u32 = ${vectorWidth(ch0)}u;`,
    `const VS1: u32 = ${vectorWidth(Math.max(ch1, 1))}u;`,
    `alias TV = ${type(lanes)};`,
    `alias T0 = ${type(ch0)};`,
    `alias T1 = ${type(Math.max(ch1, 1))};`,
    `alias TW = ${thetaType};`,
    at('at0', ch0),
    at('at1', Math.max(ch1, 1)),
    vectorWidth(ch0) === 4
      ? 'fn dot0(a: vec4<f32>, b: vec4<f32>) -> f32 { return dot(a, b); }'
      : 'fn dot0(a: f32, b: f32) -> f32 { return a * b; }',
    v === 4
      ? 'fn add_at(p: ptr<function, vec4<f32>>, i: u32, x: f32) { (*p)[i] += x; }'
      : 'fn add_at(p: ptr<function, f32>, i: u32, x: f32) { *p += x; }',
    '',
  ].join('\n');
}

/** networks per invocation of the gather kernels (node buffers are sized in multiples of it) */
export const NETWORKS_PER_INVOCATION = 4;

function constants(lanes: number, ch0: number, ch1: number): Record<string, number> {
  const v = vectorWidth(lanes);
  return {
    NB: NETWORKS_PER_INVOCATION,
    LANES: lanes,
    CO: lanes,
    V: v,
    LV: lanes / v,
    CH0: ch0,
    CH1: Math.max(ch1, 1),
    VS0: vectorWidth(ch0),
    VS1: vectorWidth(Math.max(ch1, 1)),
  };
}

/** The `//#body` sections of gather_terms.wgsl by name. */
const TERM_BODIES = new Map(
  gatherTermsWgsl
    .split('//#body ')
    .slice(1)
    .map((section) => [section.slice(0, section.indexOf('\n')).trim(), section.slice(section.indexOf('\n') + 1)]),
);

/** A body of gather_terms.wgsl with its placeholders written for one source ($CH, $VS, $T, $at only where it has them). */
function termBody(name: string, at: Record<string, string>): string {
  const body = TERM_BODIES.get(name);
  if (!body) throw new Error(`gather_terms.wgsl has no body ${name}`);
  return body.replace(/\$(SRC|ROWS|ROW|CH|VS|T|at)\b/g, (_, key: string) => at[key]);
}

const SOURCE = [0, 1].map((k) => ({
  SRC: `src${k}`,
  ROWS: `rows${k}`,
  ROW: k === 0 ? 'u32(term.row)' : 'u32(term.row) - op.rows0',
  CH: `CH${k}`,
  VS: `VS${k}`,
  T: `T${k}`,
  at: `at${k}`,
}));

/** What one term of a kind adds, forward or adjoint (adjoint tables read one source and have no biases). */
function kindBody(direction: 'forward' | 'adjoint', kind: TermKind): string {
  if (kind === 'bias') return termBody('bias', {});
  const source = SOURCE[Number(kind.endsWith('1'))];
  if (kind.startsWith('identity')) return termBody('identity', source);
  if (direction === 'adjoint' && kind === 'block1') throw new Error('an adjoint table reads one source');
  return termBody(direction === 'forward' ? 'block_forward' : 'block_adjoint', source);
}

/** gather_rows.wgsl with one loop per kind of term (each with its body), for rows of s.lanes channels. */
function gatherCode(s: GatherShape, thetaType: string, bodies: string[]): string {
  const K = bodies.length;
  const loops = bodies.map(
    (body, j) =>
      `for (var t = kind_start[i * ${K}u + ${j}u]; t < kind_start[i * ${K}u + ${j + 1}u]; t++) {\n    let term = terms[t];\n    ${body.trim().replace(/\n/g, '\n    ')}\n  }`,
  );
  return unrollLoops(
    header(s.lanes, s.ch0, s.ch1, thetaType) + gatherRowsWgsl.replace('{{KIND_LOOPS}}', loops.join('\n  ')),
    constants(s.lanes, s.ch0, s.ch1),
  );
}

/**
 * The gather kernel (entry `gather_rows`) for a table with these kinds of term: forward (Θ rows of `lanes`) or
 * adjoint (one source of ch0 = the forward op's output channels; Θ read as its type).
 */
export function gatherShader(
  direction: 'forward' | 'adjoint',
  s: GatherShape,
  kinds: readonly TermKind[],
): { key: string; code: string } {
  const code = gatherCode(
    s,
    direction === 'forward' ? type(s.lanes) : type(s.ch0),
    kinds.map((k) => kindBody(direction, k)),
  );
  return { key: `gather|${direction}|${s.lanes}|${s.ch0}|${s.ch1}|${kinds.join(',')}`, code };
}

/**
 * The gather kernel over the destination's own rows (a table of identity terms whose rows index the destination:
 * the rewritten rows of rowReassociation.ts, one kind); it reads no source.
 */
export function gatherOwnRowsShader(lanes: number): { key: string; code: string } {
  const body = termBody('identity', { SRC: 'dst', ROWS: 'dst_rows', ROW: 'u32(term.row)' });
  return { key: `gather|own|${lanes}`, code: gatherCode({ lanes, ch0: lanes, ch1: 0 }, type(lanes), [body]) };
}

/** What block_grad's tiling depends on in an op's blocks: the most terms and the most input channels of one block. */
export interface GradExtent {
  maxTerms: number;
  maxCIn: number;
}

/** How block_grad runs: `split`, it writes each slice's tile for block_grad_reduce.wgsl instead of dΘ; `wide`, see PassPolicy.gradWideWorkgroups. */
export interface GradShape {
  split: boolean;
  wide: boolean;
}

/**
 * block_grad's tiling for rows of `lanes` output channels: CQ quads of input channels per workgroup, each
 * invocation's tile of accumulators in 16 KiB of workgroup memory. CQ is 2, or every quad of the op's widest block
 * when that is at most 3: a block of 9 input channels is then one item of 3 quads instead of two of 2, whose 4th quad
 * is all padding. Invocations: wide, up to 64; else up to 8 (8 × 2 beat 16 × 1, 4 × 4 and 4 × 8), and 4 for an op
 * whose blocks have at most 64 terms each (the partial ops: ≤ 32), one SIMD group on a CPU adapter: its few
 * (network, term) pairs did not pay for a second group and the larger reduction (figures:
 * docs/measurements/kernel-tuning.md).
 */
export function blockGradTiling(
  lanes: number,
  { maxTerms, maxCIn }: GradExtent,
  wide: boolean,
): { wg: number; cq: number; tile: number } {
  const quads = Math.ceil(maxCIn / 4);
  const cq = quads <= 3 ? quads : 2;
  const tileBytes = 4 * cq * lanes * 4;
  const most = wide ? 64 : maxTerms <= 64 ? 4 : 8;
  // tile: accumulators per invocation, 4·cq input channels × the row's vectors
  return {
    wg: Math.max(1, Math.min(most, Math.floor(16384 / tileBytes))),
    cq,
    tile: 4 * cq * (lanes / vectorWidth(lanes)),
  };
}

/** How block_grad reads channels 4·c4 .. 4·c4 + 3 of row `row` of a source (name, rows field, channels). */
function sourceQuad(name: string, rows: string, row: string, ch: number): string {
  const base = `(n * gop.${rows} + ${row})`;
  if (ch % 4 === 0) return `return ${name}[${base} * ${ch / 4}u + c4];`;
  const lanes = [0, 1, 2, 3].map(
    (k) => `select(0.0, ${name}[${base} * ${ch}u + min(c4 * 4u + ${k}u, ${ch - 1}u)], c4 * 4u + ${k}u < ${ch}u)`,
  );
  return `return vec4<f32>(${lanes.join(', ')});`;
}

/**
 * `block_grad` for an op with `lanes` output channels and sources of ch0 / ch1 channels; ch1 = 0 when no block
 * reads source 1 (its binding is then absent); its tiling from the op's blocks (`extent`) and the shape asked for.
 */
export function blockGradShader(
  s: GatherShape,
  extent: GradExtent,
  { split, wide }: GradShape,
): { key: string; code: string } {
  const { wg, cq, tile } = blockGradTiling(s.lanes, extent, wide);
  const tiling = `const WG: u32 = ${wg}u;\nconst CQ: u32 = ${cq}u;\nconst TILE: u32 = ${tile}u;\n`;
  const store = split
    ? 'out[(wid.x * gop.slices + wid.y) * TILE + e] = sum;'
    : 'let c = q0 * 4u + e / LV;\n    if (c < b.c_in) { out[(b.offset + c * CO) / V + e % LV] = sum; }';
  const quad =
    s.ch1 === 0
      ? sourceQuad('src0', 'rows0', 'row', s.ch0)
      : `if (row < gop.rows0) { ${sourceQuad('src0', 'rows0', 'row', s.ch0)} }\n  ${sourceQuad('src1', 'rows1', 'row - gop.rows0', s.ch1)}`;
  const code = unrollLoops(
    header(s.lanes, s.ch0, s.ch1, type(s.lanes)) +
      tiling +
      blockGradWgsl.replace('{{SOURCE_QUAD}}', quad).replace('{{STORE}}', store),
    {
      ...constants(s.lanes, s.ch0, s.ch1),
      WG: wg,
      CQ: cq,
      TILE: tile,
    },
  );
  return { key: `grad|${s.lanes}|${s.ch0}|${s.ch1}|${wg}|${cq}|${split ? 'split' : 'whole'}`, code };
}

/** `block_grad_reduce` for the split block gradients of an op with `lanes` output channels, tiles of `tile` vectors. */
export function blockGradReduceShader(lanes: number, tile: number): { key: string; code: string } {
  return {
    key: `gradReduce|${lanes}|${tile}`,
    code: `alias TV = ${type(lanes)};\nconst TILE: u32 = ${tile}u;\n${blockGradReduceWgsl}`,
  };
}
