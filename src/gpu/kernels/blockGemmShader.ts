/**
 * Specialises shaders/block_gemm.wgsl for one block shape (cIn → cOut) and direction: the whole product written
 * out with literal indices into the block's uniform window. Forward: dst channel o = Σ_c Θ[c·cOut + o]·src_c;
 * adjoint: dst channel c = Σ_o Θ[c·cOut + o]·src_o (the block read transposed).
 */
import blockGemmWgsl from '../../../shaders/block_gemm.wgsl?raw';

/** Largest block (floats) a uniform window holds: 64 KiB, WebGPU's default maxUniformBufferBindingSize. */
export const MAX_GEMM_BLOCK = 16384;

const th = (i: number): string => `th[${i >> 2}u][${i & 3}u]`;

function product(kind: 'forward' | 'adjoint', cIn: number, cOut: number): string {
  const [cs, cd] = kind === 'forward' ? [cIn, cOut] : [cOut, cIn];
  const lines: string[] = [];
  // the source row: vectors when its channels allow, else scalars
  const x = (k: number): string => (cs % 4 === 0 ? `x${k >> 2}[${k & 3}u]` : `x${k}`);
  for (let v = 0; v < (cs % 4 === 0 ? cs / 4 : cs); v++) lines.push(`let x${v} = src[s + ${v}u];`);
  const w = (c: number, o: number): number => c * cOut + o;
  const outs: string[] = [];
  if (kind === 'forward' && cOut % 4 === 0) {
    // a contiguous quad of Θ per (c, output quad)
    for (let q = 0; q < cOut / 4; q++) {
      const terms = Array.from({ length: cIn }, (_, c) => `${x(c)} * th[${w(c, 4 * q) >> 2}u]`);
      outs.push(terms.join(' + '));
    }
  } else if (kind === 'adjoint' && cOut % 4 === 0 && cs % 4 === 0) {
    // dst channel c: dot products of the source quads with contiguous quads of Θ's row c
    for (let c = 0; c < cIn; c++) outs.push(Array.from({ length: cOut / 4 }, (_, q) => `dot(x${q}, th[${w(c, 4 * q) >> 2}u])`).join(' + '));
  } else {
    for (let o = 0; o < cd; o++) {
      const terms = Array.from({ length: cs }, (_, k) => `${x(k)} * ${kind === 'forward' ? th(w(k, o)) : th(w(o, k))}`);
      outs.push(terms.join(' + '));
    }
  }
  // forward quads are vectors already; scalar results are packed into quads when the destination has vectors
  const vectorOuts = kind === 'forward' && cOut % 4 === 0;
  outs.forEach((e, i) => lines.push(`let y${i} = ${e};`));
  if (vectorOuts || cd % 4 !== 0) {
    outs.forEach((_, i) => lines.push(`dst[d + ${i}u] = dst[d + ${i}u] + p.coef * y${i};`));
  } else {
    for (let q = 0; q < cd / 4; q++) lines.push(`dst[d + ${q}u] = dst[d + ${q}u] + p.coef * vec4<f32>(y${4 * q}, y${4 * q + 1}, y${4 * q + 2}, y${4 * q + 3});`);
  }
  return lines.join('\n  ');
}

/** `block_gemm` for a cIn → cOut block applied forward or transposed. */
export function blockGemmShader(kind: 'forward' | 'adjoint', cIn: number, cOut: number): { key: string; code: string } {
  if (cIn * cOut > MAX_GEMM_BLOCK) throw new Error(`block_gemm: a ${cIn}×${cOut} block does not fit a uniform window`);
  const [cs, cd] = kind === 'forward' ? [cIn, cOut] : [cOut, cIn];
  const header = [
    `const NTH: u32 = ${Math.ceil((cIn * cOut) / 4)}u;`,
    `const SV: u32 = ${cs % 4 === 0 ? cs / 4 : cs}u;`,
    `const DV: u32 = ${cd % 4 === 0 ? cd / 4 : cd}u;`,
    `alias TS = ${cs % 4 === 0 ? 'vec4<f32>' : 'f32'};`,
    `alias TD = ${cd % 4 === 0 ? 'vec4<f32>' : 'f32'};`,
    '',
  ].join('\n');
  return { key: `gemm|${kind}|${cIn}|${cOut}`, code: header + blockGemmWgsl.replace('{{PRODUCT}}', product(kind, cIn, cOut)) };
}
