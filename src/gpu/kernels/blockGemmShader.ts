/**
 * Specialises the block products for one block shape (cIn → cOut) and direction: the whole product written out with
 * literal offsets into the block. Forward: dst channel o = Σ_c Θ[c·cOut + o]·src_c; adjoint: dst channel
 * c = Σ_o Θ[c·cOut + o]·src_o (the block read transposed).
 * - shaders/block_gemm.wgsl (a GPU): one block, bound alone as a uniform window and read at literal indices.
 * - shaders/block_loop.wgsl (a CPU adapter): the passes of one shape and source with distinct destination rows in one
 *   dispatch, each invocation copying its item's block from Θ into private memory, then looping over rows.
 * - shaders/block_wave.wgsl: a different block per pair, read from Θ in storage at the pair's offset.
 */
import blockGemmWgsl from '../../../shaders/block_gemm.wgsl?raw';
import blockLoopWgsl from '../../../shaders/block_loop.wgsl?raw';
import blockWaveWgsl from '../../../shaders/block_wave.wgsl?raw';

/** Largest block (floats) a uniform window holds: 64 KiB, WebGPU's default maxUniformBufferBindingSize. */
export const MAX_GEMM_BLOCK = 16384;

/**
 * Rows (network, pair) per invocation of block_gemm: each weight read serves them all. 2 for blocks over 128 weights
 * (4 gains no more), 8 for smaller ones, whose few products per weight read leave the reads dominant (figures:
 * docs/measurements/kernel-tuning.md).
 */
export const gemmRows = (cIn: number, cOut: number): number => (cIn * cOut <= 128 ? 8 : 2);

/** Invocations per workgroup of block_gemm (its WG). */
const GEMM_WORKGROUP = 64;

/** Workgroups of block_gemm for `total` (network, pair) rows of a cIn → cOut block: one invocation per R rows. */
export const gemmGroups = (total: number, cIn: number, cOut: number): number =>
  Math.ceil(Math.ceil(total / gemmRows(cIn, cOut)) / GEMM_WORKGROUP);

/** Networks per invocation of block_wave (its pairs are the workgroups' y). */
export const WAVE_ROWS = 2;

/** Invocations per workgroup of block_wave: a wave's pair is the workgroup's y, so small batches still spread over cores. */
export const WAVE_WORKGROUP = 16;

/** Where row k of an invocation reads and writes (WGSL statements defining s_k, d_k), its coefficient and when it exists. */
interface RowAccess {
  locate: (k: number) => string[];
  coef: (k: number) => string;
  guard: (k: number) => string;
  /** the WGSL expression of Θ's vec4 at this literal offset (in vec4s) within the block */
  quad: (i: number) => string;
}

/** One term of an output's sum: the source operand of row k, the weight (a literal read of the block), how they multiply. */
interface Term {
  x: (k: number) => string;
  w: string;
  dot: boolean;
}

const termOf = (t: Term, k: number): string => (t.dot ? `dot(${t.x(k)}, ${t.w})` : `${t.x(k)} * ${t.w}`);

/** The outputs of a row and the terms of each: forward dst channel (quad) o = Σ_c src_c·Θ[c·cOut + o]; adjoint dst c = Σ_o Θ[c·cOut + o]·src_o. */
function outputTerms(kind: 'forward' | 'adjoint', cIn: number, cOut: number, at: RowAccess): Term[][] {
  const [cs, cd] = kind === 'forward' ? [cIn, cOut] : [cOut, cIn];
  const th = (i: number): string => `${at.quad(i >> 2)}[${i & 3}u]`;
  // the source row: vectors when its channels allow, else scalars
  const x =
    (c: number) =>
    (k: number): string =>
      cs % 4 === 0 ? `x${c >> 2}_${k}[${c & 3}u]` : `x${c}_${k}`;
  const w = (c: number, o: number): number => c * cOut + o;
  // a contiguous quad of Θ per (c, output quad)
  if (kind === 'forward' && cOut % 4 === 0)
    return Array.from({ length: cOut / 4 }, (_, q) =>
      Array.from({ length: cIn }, (_, c) => ({ x: x(c), w: at.quad(w(c, 4 * q) >> 2), dot: false })),
    );
  // dst channel c: dot products of the source quads with contiguous quads of Θ's row c
  if (kind === 'adjoint' && cOut % 4 === 0)
    return Array.from({ length: cIn }, (_, c) =>
      Array.from({ length: cOut / 4 }, (_, q) => ({
        x: (k: number) => `x${q}_${k}`,
        w: at.quad(w(c, 4 * q) >> 2),
        dot: true,
      })),
    );
  return Array.from({ length: cd }, (_, o) =>
    Array.from({ length: cs }, (_, c) => ({ x: x(c), w: kind === 'forward' ? th(w(c, o)) : th(w(o, c)), dot: false })),
  );
}

/** Where row k reads its source (its vectors as x{v}_k) and what it writes (y{i}_k into its destination, when it exists). */
function rowAccess(
  kind: 'forward' | 'adjoint',
  cIn: number,
  cOut: number,
  k: number,
  at: RowAccess,
  outputs: number,
): { loads: string[]; writes: string } {
  const [cs, cd] = kind === 'forward' ? [cIn, cOut] : [cOut, cIn];
  const loads = at.locate(k);
  for (let v = 0; v < (cs % 4 === 0 ? cs / 4 : cs); v++) loads.push(`let x${v}_${k} = src[s_${k} + ${v}u];`);
  // forward quads are vectors already; scalar results are packed into quads when the destination has vectors
  const writes: string[] = [];
  const add = (i: number, value: string): string =>
    `dst[d_${k} + ${i}u] = dst[d_${k} + ${i}u] + ${at.coef(k)} * ${value};`;
  if ((kind === 'forward' && cOut % 4 === 0) || cd % 4 !== 0)
    for (let i = 0; i < outputs; i++) writes.push(add(i, `y${i}_${k}`));
  else
    for (let q = 0; q < cd / 4; q++)
      writes.push(add(q, `vec4<f32>(${[0, 1, 2, 3].map((i) => `y${4 * q + i}_${k}`).join(', ')})`));
  return { loads, writes: k === 0 ? writes.join('\n  ') : `if (${at.guard(k)}) {\n    ${writes.join('\n    ')}\n  }` };
}

/** The products of an invocation's rows (names suffixed _k), each output as one sum, and their writes. */
function products(kind: 'forward' | 'adjoint', cIn: number, cOut: number, rows: number, at: RowAccess): string {
  const outs = outputTerms(kind, cIn, cOut, at);
  return Array.from({ length: rows }, (_, k) => {
    const { loads, writes } = rowAccess(kind, cIn, cOut, k, at, outs.length);
    return [
      ...loads,
      ...outs.map((terms, i) => `let y${i}_${k} = ${terms.map((t) => termOf(t, k)).join(' + ')};`),
      writes,
    ].join('\n  ');
  }).join('\n  ');
}

/** The constants both block shaders declare for a shape and direction, with R rows per invocation. */
function header(kind: 'forward' | 'adjoint', cIn: number, cOut: number, rows: number): string {
  const [cs, cd] = kind === 'forward' ? [cIn, cOut] : [cOut, cIn];
  return [
    `const R: u32 = ${rows}u;`,
    `const NTH: u32 = ${Math.ceil((cIn * cOut) / 4)}u;`,
    `const SV: u32 = ${cs % 4 === 0 ? cs / 4 : cs}u;`,
    `const DV: u32 = ${cd % 4 === 0 ? cd / 4 : cd}u;`,
    `alias TS = ${cs % 4 === 0 ? 'vec4<f32>' : 'f32'};`,
    `alias TD = ${cd % 4 === 0 ? 'vec4<f32>' : 'f32'};`,
    '',
  ].join('\n');
}

function checkFits(cIn: number, cOut: number): void {
  if (cIn * cOut > MAX_GEMM_BLOCK) throw new Error(`block_gemm: a ${cIn}×${cOut} block does not fit a uniform window`);
}

/**
 * `block_gemm` for a cIn → cOut block applied forward or transposed (a GPU's block passes): rows are (network, pair),
 * R rows per invocation, `stride` apart, Θ read from the uniform window (each weight read serves R rows).
 */
export function blockGemmShader(kind: 'forward' | 'adjoint', cIn: number, cOut: number): { key: string; code: string } {
  checkFits(cIn, cOut);
  const at: RowAccess = {
    locate: (k) => [
      `let j_${k} = gid.x + ${k}u * stride;`,
      `let jc_${k} = min(j_${k}, total - 1u);`,
      `let p_${k} = pairs[jc_${k} % gop.pairs];`,
      `let s_${k} = ((jc_${k} / gop.pairs) * gop.src_rows + p_${k}.src) * SV;`,
      `let d_${k} = ((jc_${k} / gop.pairs) * gop.dst_rows + p_${k}.dst) * DV;`,
    ],
    coef: (k) => `p_${k}.coef`,
    guard: (k) => `j_${k} < total`,
    quad: (i) => `th[${i}u]`,
  };
  const rows = gemmRows(cIn, cOut);
  const body = [
    'let stride = (total + R - 1u) / R;',
    'if (gid.x >= stride) { return; }',
    products(kind, cIn, cOut, rows, at),
  ].join('\n  ');
  return {
    key: `gemm|${kind}|${cIn}|${cOut}|${rows}`,
    code: `const WG: u32 = ${GEMM_WORKGROUP}u;\n${header(kind, cIn, cOut, rows)}${blockGemmWgsl.replace('{{BODY}}', body)}`,
  };
}

/** Invocations per workgroup of block_loop: one SIMD group of a CPU core (16 and 64 were slower). */
export const LOOP_WORKGROUP = 4;

/**
 * `block_loop` for cIn → cOut blocks applied forward or transposed (a CPU adapter's block passes): each invocation
 * copies its item's block from Θ into a private array, then takes one row at a time.
 */
export function blockLoopShader(kind: 'forward' | 'adjoint', cIn: number, cOut: number): { key: string; code: string } {
  const nth = Math.ceil((cIn * cOut) / 4);
  const at: RowAccess = {
    locate: (k) => [
      `let p_${k} = pairs[item.y + j % item.z];`,
      `let s_${k} = ((j / item.z) * gop.src_rows + p_${k}.src) * SV;`,
      `let d_${k} = ((j / item.z) * gop.dst_rows + p_${k}.dst) * DV;`,
    ],
    coef: (k) => `p_${k}.coef`,
    // one row an iteration: never guarded (guard is asked only of rows after the first)
    guard: () => 'true',
    quad: (i) => `tp[${i}u]`,
  };
  const copy = Array.from({ length: nth }, (_, i) => `tp[${i}u] = theta[item.x + ${i}u];`).join('\n  ');
  const code = blockLoopWgsl
    .replace('{{COPY}}', copy)
    .replace('{{PRODUCT}}', products(kind, cIn, cOut, 1, at).replace(/\n/g, '\n  '));
  return {
    key: `loop|${kind}|${cIn}|${cOut}`,
    code: `const WG: u32 = ${LOOP_WORKGROUP}u;\n${header(kind, cIn, cOut, 1)}${code}`,
  };
}

/** `block_wave` for cIn → cOut blocks applied forward or transposed: the workgroup's y is the pair, rows are networks. */
export function blockWaveShader(kind: 'forward' | 'adjoint', cIn: number, cOut: number): { key: string; code: string } {
  checkFits(cIn, cOut);
  const at: RowAccess = {
    locate: (k) => [
      `let n_${k} = gid.x + ${k}u * stride;`,
      `let nc_${k} = min(n_${k}, gop.batch - 1u);`,
      `let s_${k} = (nc_${k} * gop.src_rows + p.src) * SV;`,
      `let d_${k} = (nc_${k} * gop.dst_rows + p.dst) * DV;`,
    ],
    coef: () => 'p.coef',
    guard: (k) => `n_${k} < gop.batch`,
    quad: (i) => `th[p.th + ${i}u]`,
  };
  const code = `const WG: u32 = ${WAVE_WORKGROUP}u;\n${header(kind, cIn, cOut, WAVE_ROWS)}${blockWaveWgsl.replace('{{PRODUCT}}', products(kind, cIn, cOut, WAVE_ROWS, at))}`;
  return { key: `wave|${kind}|${cIn}|${cOut}|${WAVE_ROWS}|${WAVE_WORKGROUP}`, code };
}
