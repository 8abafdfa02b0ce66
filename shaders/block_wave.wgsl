// Several blocks of a gathered linear op in one dispatch, a different block per pair: for every network n,
//   forward  dst[n, d, o] += coef · Σ_c Θ[b + c·CO + o] · src[n, s, c]
//   adjoint  dst[n, d, c] += coef · Σ_o Θ[b + c·CO + o] · src[n, s, o]
// with (d, s, coef, b) the pair of the workgroup's y. For the small passes of an op (e.g. a group's global row: one
// pair per block): each would cost a dispatch of its own in block_gemm.wgsl, whose literal uniform reads are faster
// but bind one block. Θ is read from storage at the pair's offset plus literals (src/gpu/kernels/blockGemmShader.ts).
// The pairs of one dispatch have distinct destination rows, and the destination was written by the op's other terms before.

struct WavePair {
  dst: u32,
  src: u32,
  coef: f32,
  // the block's offset in Θ, in vec4s
  th: u32,
};

struct WaveOp {
  batch: u32,
  dst_rows: u32,
  src_rows: u32,
};

@group(0) @binding(0) var<uniform> gop: WaveOp;
@group(0) @binding(1) var<storage, read> th: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> src: array<TS>;
@group(0) @binding(3) var<storage, read_write> dst: array<TD>;
@group(0) @binding(4) var<storage, read> pairs: array<WavePair>;

// R networks per invocation, `stride` apart: the weights read once serve R networks
@compute @workgroup_size(WG)
fn block_wave(@builtin(global_invocation_id) gid: vec3<u32>) {
  let stride = (gop.batch + R - 1u) / R;
  if (gid.x >= stride) { return; }
  let p = pairs[gid.y];
  {{PRODUCT}}
}
