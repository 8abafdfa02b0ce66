/**
 * Specialises the block products for one block shape (cIn → cOut) and direction: the whole product written out with
 * literal offsets into the block. Forward: dst channel o = Σ_c Θ[c·cOut + o]·src_c; adjoint: dst channel
 * c = Σ_o Θ[c·cOut + o]·src_o (the block read transposed).
 * - shaders/block_gemm.wgsl: one block, bound alone as a uniform window and read at literal indices; on a CPU
 *   adapter (`loop`) copied once per invocation into private memory, the invocation then looping over rows.
 * - shaders/block_wave.wgsl: a different block per pair, read from Θ in storage at the pair's offset.
 */
import blockGemmWgsl from '../../../shaders/block_gemm.wgsl?raw';
import blockWaveWgsl from '../../../shaders/block_wave.wgsl?raw';

/** Largest block (floats) a uniform window holds: 64 KiB, WebGPU's default maxUniformBufferBindingSize. */
export const MAX_GEMM_BLOCK = 16384;

/**
 * Rows (network, pair) per invocation of block_gemm: each weight read serves them all. 2 for blocks over 128 weights
 * (W2's 32 × 32: 36 → 22 ms for W1's block against 1; 4 gains no more), 8 for smaller ones, whose few products per
 * weight read leave the reads dominant (the default model's 9 × 8 and 8 × 8 blocks: its three ops' passes 10.0–12.5
 * → 7.8–9.4 ms a step, three alternating profiles; 4 rows fell between).
 */
export const gemmRows = (cIn: number, cOut: number): number => (cIn * cOut <= 128 ? 8 : 2);

/** Invocations per workgroup of block_gemm (its WG). */
const GEMM_WORKGROUP = 64;

/**
 * Workgroups of block_gemm for `total` (network, pair) rows of a cIn → cOut block. GPU shape: one invocation per R
 * rows. Loop shape (a CPU adapter): enough for both cores and SwiftShader's 16 tasks a dispatch, few enough that each
 * invocation's copy of the block into private memory serves many rows (~16 or more once the pass has over 32 768).
 */
export function gemmGroups(total: number, cIn: number, cOut: number, loop: boolean): number {
  if (!loop) return Math.ceil(Math.ceil(total / gemmRows(cIn, cOut)) / GEMM_WORKGROUP);
  return Math.min(Math.ceil(total / GEMM_WORKGROUP), Math.max(2, Math.min(16, Math.ceil(total / 1024))));
}

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

/** The products of row k of an invocation (names suffixed _k), and its writes when the row exists. */
function product(kind: 'forward' | 'adjoint', cIn: number, cOut: number, k: number, at: RowAccess): string {
  const [cs, cd] = kind === 'forward' ? [cIn, cOut] : [cOut, cIn];
  const lines = at.locate(k);
  const th = (i: number): string => `${at.quad(i >> 2)}[${i & 3}u]`;
  // the source row: vectors when its channels allow, else scalars
  const x = (c: number): string => (cs % 4 === 0 ? `x${c >> 2}_${k}[${c & 3}u]` : `x${c}_${k}`);
  for (let v = 0; v < (cs % 4 === 0 ? cs / 4 : cs); v++) lines.push(`let x${v}_${k} = src[s_${k} + ${v}u];`);
  const w = (c: number, o: number): number => c * cOut + o;
  const outs: string[] = [];
  if (kind === 'forward' && cOut % 4 === 0) {
    // a contiguous quad of Θ per (c, output quad)
    for (let q = 0; q < cOut / 4; q++) outs.push(Array.from({ length: cIn }, (_, c) => `${x(c)} * ${at.quad(w(c, 4 * q) >> 2)}`).join(' + '));
  } else if (kind === 'adjoint' && cOut % 4 === 0) {
    // dst channel c: dot products of the source quads with contiguous quads of Θ's row c
    for (let c = 0; c < cIn; c++) outs.push(Array.from({ length: cOut / 4 }, (_, q) => `dot(x${q}_${k}, ${at.quad(w(c, 4 * q) >> 2)})`).join(' + '));
  } else {
    for (let o = 0; o < cd; o++) outs.push(Array.from({ length: cs }, (_, c) => `${x(c)} * ${kind === 'forward' ? th(w(c, o)) : th(w(o, c))}`).join(' + '));
  }
  outs.forEach((e, i) => lines.push(`let y${i}_${k} = ${e};`));
  // forward quads are vectors already; scalar results are packed into quads when the destination has vectors
  const writes: string[] = [];
  const add = (i: number, value: string): string => `dst[d_${k} + ${i}u] = dst[d_${k} + ${i}u] + ${at.coef(k)} * ${value};`;
  if ((kind === 'forward' && cOut % 4 === 0) || cd % 4 !== 0) outs.forEach((_, i) => writes.push(add(i, `y${i}_${k}`)));
  else for (let q = 0; q < cd / 4; q++) writes.push(add(q, `vec4<f32>(${[0, 1, 2, 3].map((i) => `y${4 * q + i}_${k}`).join(', ')})`));
  lines.push(k === 0 ? writes.join('\n  ') : `if (${at.guard(k)}) {\n    ${writes.join('\n    ')}\n  }`);
  return lines.join('\n  ');
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

const products = (kind: 'forward' | 'adjoint', cIn: number, cOut: number, rows: number, at: RowAccess): string =>
  Array.from({ length: rows }, (_, k) => product(kind, cIn, cOut, k, at)).join('\n  ');

function checkFits(cIn: number, cOut: number): void {
  if (cIn * cOut > MAX_GEMM_BLOCK) throw new Error(`block_gemm: a ${cIn}×${cOut} block does not fit a uniform window`);
}

/**
 * `block_gemm` for a cIn → cOut block applied forward or transposed: rows are (network, pair). GPU shape: R rows per
 * invocation, `stride` apart, Θ read from the uniform window (each weight read serves R rows). `loop` (a CPU
 * adapter): each invocation copies the block into a private array, then takes one row at a time, `groups.x · WG`
 * apart. SwiftShader reads a private array at a literal index as one vector load, where each literal uniform read
 * is a bounds-checked broadcast: W2's 32 × 32 main pass 23 → 10 ms forward and 23 → 8 ms transposed, the default
 * model's 8 × 8 pass 1.4 → 0.9 ms (one sitting, 2026-12-03; the copy costs as much as a row, so it needs ~16 rows).
 */
export function blockGemmShader(kind: 'forward' | 'adjoint', cIn: number, cOut: number, loop: boolean): { key: string; code: string } {
  checkFits(cIn, cOut);
  const row = (j: string, k: number): string[] => [
    `let p_${k} = pairs[${j} % gop.pairs];`,
    `let s_${k} = ((${j} / gop.pairs) * gop.src_rows + p_${k}.src) * SV;`,
    `let d_${k} = ((${j} / gop.pairs) * gop.dst_rows + p_${k}.dst) * DV;`,
  ];
  if (loop) {
    // one row an iteration: never guarded (guard is asked only of rows after the first)
    const at: RowAccess = { locate: (k) => row('j', k), coef: (k) => `p_${k}.coef`, guard: () => 'true', quad: (i) => `tp[${i}u]` };
    const nth = Math.ceil((cIn * cOut) / 4);
    const body = [
      'if (gid.x >= total) { return; }',
      'var tp: array<vec4<f32>, NTH>;',
      ...Array.from({ length: nth }, (_, i) => `tp[${i}u] = th[${i}u];`),
      'for (var j = gid.x; j < total; j += groups.x * WG) {',
      `  ${products(kind, cIn, cOut, 1, at)}`,
      '}',
    ].join('\n  ');
    return { key: `gemm-loop|${kind}|${cIn}|${cOut}`, code: `const WG: u32 = ${GEMM_WORKGROUP}u;\n${header(kind, cIn, cOut, 1)}${blockGemmWgsl.replace('{{BODY}}', body)}` };
  }
  const at: RowAccess = {
    locate: (k) => [`let j_${k} = gid.x + ${k}u * stride;`, `let jc_${k} = min(j_${k}, total - 1u);`, ...row(`jc_${k}`, k)],
    coef: (k) => `p_${k}.coef`,
    guard: (k) => `j_${k} < total`,
    quad: (i) => `th[${i}u]`,
  };
  const rows = gemmRows(cIn, cOut);
  const body = ['let stride = (total + R - 1u) / R;', 'if (gid.x >= stride) { return; }', products(kind, cIn, cOut, rows, at)].join('\n  ');
  return { key: `gemm|${kind}|${cIn}|${cOut}|${rows}`, code: `const WG: u32 = ${GEMM_WORKGROUP}u;\n${header(kind, cIn, cOut, rows)}${blockGemmWgsl.replace('{{BODY}}', body)}` };
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
