// One block Θ_b of a gathered linear op applied to a list of (dst row, src row, coef) pairs, for every network:
//   forward  dst[n, d, o] += coef · Σ_c Θ_b[c·CO + o] · src[n, s, c]
//   adjoint  dst[n, d, c] += coef · Σ_o Θ_b[c·CO + o] · src[n, s, o]
// Θ_b alone is bound as a uniform window and read at literal indices: the host writes the product out in full
// (src/gpu/kernels/blockGemmShader.ts), which a CPU adapter turns into one broadcast load per
// weight instead of a gather per lane (measured 4x faster than the same product reading Θ from storage).
// Rows are (network, pair); the pairs of one dispatch have distinct destination rows (no write races),
// and the destination was written by the op's other terms before (the gather kernel, gather_rows.wgsl).
// R rows per invocation, each weight read from the window serving all of them (a GPU's shape; a CPU adapter runs
// block_loop.wgsl instead).

struct Pair {
  dst: u32,
  src: u32,
  coef: f32,
};

struct GemmOp {
  batch: u32,
  pairs: u32,
  dst_rows: u32,
  src_rows: u32,
};

@group(0) @binding(0) var<uniform> gop: GemmOp;
@group(0) @binding(1) var<uniform> th: array<vec4<f32>, NTH>;
@group(0) @binding(2) var<storage, read> src: array<TS>;
@group(0) @binding(3) var<storage, read_write> dst: array<TD>;
@group(0) @binding(4) var<storage, read> pairs: array<Pair>;

@compute @workgroup_size(WG)
fn block_gemm(@builtin(global_invocation_id) gid: vec3<u32>) {
  let total = gop.batch * gop.pairs;
  {{BODY}}
}
