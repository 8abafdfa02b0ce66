// Block passes on a CPU adapter: the passes of one block shape and source whose destination rows are all distinct,
// in one dispatch. One workgroup (one SIMD group) per item, a run of one pass's pairs with its block, for every
// network: rows j = n·pairs + p. Each invocation copies the block from Θ into a private array once, then takes every
// WG-th row of the item:
//   forward  dst[n, d, o] += coef · Σ_c Θ_b[c·CO + o] · src[n, s, c]
//   adjoint  dst[n, d, c] += coef · Σ_o Θ_b[c·CO + o] · src[n, s, o]
// SwiftShader reads a private array at a literal index with one vector load, where every read through an index it
// cannot see at compile time (the block's offset, a table's row) is a per-lane gather: the copy's gathers are paid
// once per invocation, the product's reads are plain. The host (src/gpu/kernels/blockGemmShader.ts) writes the copy
// and the product with literal indices. The destination was written by the op's other terms before.

struct Pair {
  dst: u32,
  src: u32,
  coef: f32,
};

struct LoopOp {
  batch: u32,
  dst_rows: u32,
  src_rows: u32,
};

@group(0) @binding(0) var<uniform> gop: LoopOp;
@group(0) @binding(1) var<storage, read> theta: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> src: array<TS>;
@group(0) @binding(3) var<storage, read_write> dst: array<TD>;
@group(0) @binding(4) var<storage, read> pairs: array<Pair>;
// (the block's offset in Θ in vec4s, the item's first pair, its pairs, 0)
@group(0) @binding(5) var<storage, read> items: array<vec4<u32>>;

@compute @workgroup_size(WG)
fn block_loop(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let item = items[wid.x];
  var tp: array<vec4<f32>, NTH>;
  {{COPY}}
  let rows = item.z * gop.batch;
  for (var j = lid; j < rows; j += WG) {
    {{PRODUCT}}
  }
}
