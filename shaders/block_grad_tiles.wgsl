// Block gradients in register tiles, a CPU adapter's shape of block_grad.wgsl:
//   dΘ_block[c, o] = Σ_n Σ_terms coef · src[n, src_row, c] · ddst[n, dst_row, o]   (src = 1 for a bias block)
// One workgroup per item: a run of consecutive terms of one block for every network, pairs j = t·batch + n, and the
// block's input channels from c0 (all of them, or a run of a wide block's). Each of the WG invocations takes every WG-th pair, P pairs at a time: it
// loads their source channels and ddst rows, then adds their products into its private (channels × LV) tile of
// accumulators one sub-tile at a time (SUBC channels × one output vector, kept in registers over the P pairs), so
// each accumulator is loaded and stored once per P products instead of once per product. Each invocation writes its
// OWN = channels·LV vectors into its tile of the op's list (TILE apart, the op's largest), and block_grad_reduce.wgsl adds
// a block's tiles in a fixed order (no atomics: the same inputs give bit-identical gradients). The host
// (src/gpu/kernels/blockGradTiles.ts) prepends TV/TS (output and source element types), OWN, TILE, WG and P, and
// writes the loop body with literal indices; a bias block's shader has no source binding.

struct TileOp {
  batch: u32,
  ddst_rows: u32,
  src_rows: u32,
  // the stacked row index of the source's first row (0, or source 0's rows for source 1)
  src_first: u32,
  // where this dispatch's tiles start in the op's list of tiles (its first item's first invocation)
  tile_base: u32,
};

struct GradTerm {
  dst_row: u32,
  src_row: i32,
  coef: f32,
};

@group(0) @binding(0) var<uniform> top: TileOp;
@group(0) @binding(1) var<storage, read_write> tiles: array<TV>;
@group(0) @binding(2) var<storage, read> ddst: array<TV>;
@group(0) @binding(3) var<storage, read> src: array<TS>;
// (first term, terms, first input channel c0, unused)
@group(0) @binding(4) var<storage, read> items: array<vec4<u32>>;
@group(0) @binding(5) var<storage, read> gterms: array<GradTerm>;

@compute @workgroup_size(WG)
fn block_grad_tiles(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let item = items[wid.x];
  let pairs = item.y * top.batch;
  var acc: array<TV, OWN>;
  for (var j0 = lid; j0 < pairs; j0 += P * WG) {
    {{BODY}}
  }
  let base = (top.tile_base + wid.x * WG + lid) * TILE;
  // @unroll
  for (var e = 0u; e < OWN; e++) { tiles[base + e] = acc[e]; }
}
