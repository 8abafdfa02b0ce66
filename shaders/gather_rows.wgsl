// A gathered linear op of src/models/gatherTable.ts (its forward or adjoint) over the rows of a table, for NB networks
// per invocation: dst[n, r, :] = Σ_terms of row r. A term is (row, blk, coef): row < 0 a bias (coef · Θ[blk ..]),
// blk < 0 an identity (coef · src[n, row, :]), else a block (forward Σ_c Θ[blk + c·LANES + o] · src[n, row, c], or
// adjoint Σ_o Θ[blk + c·CO + o] · src[n, row, o]); rows ≥ rows0 read source 1. The host (src/gpu/kernels/gatherShader.ts)
// prepends the channel counts and types (LANES, NB, V/LV/TV for rows, CH/VS/T for the sources, TW for Θ), groups
// each row's terms by kind and writes the entry's loops: one loop per kind the table has, over that kind's terms of the
// row, with that kind's body (shaders/gather_terms.wgsl). A kind the table lacks has no loop; and no term runs
// another kind's body, which SwiftShader would run too (it runs both sides of a branch whose lanes disagree).
// Sums run kind by kind in that order, each in table order. One invocation sums a whole row in private
// accumulators with literal indices (loops marked `// @unroll` are unrolled by the host): on a CPU adapter that is
// what runs fast.

struct Term {
  row: i32,
  blk: i32,
  coef: f32,
};

struct GatherOp {
  dst_rows: u32,    // rows of the destination node
  rows0: u32,
  rows1: u32,
  batch: u32,
  table_rows: u32,  // rows of the table: every destination row, or (when adding) only those with terms
};

// the op adds its result to dst (else writes it): a pipeline constant, so no store carries a branch it never takes
override ACCUMULATE: bool;

@group(0) @binding(0) var<uniform> op: GatherOp;
@group(0) @binding(1) var<storage, read> theta: array<TW>;
@group(0) @binding(2) var<storage, read> src0: array<T0>;
@group(0) @binding(3) var<storage, read> src1: array<T1>;
@group(0) @binding(4) var<storage, read_write> dst: array<TV>;
// the terms of kind k of table row i are terms[kind_start[i·KINDS + k] .. kind_start[i·KINDS + k + 1])
@group(0) @binding(5) var<storage, read> kind_start: array<u32>;
@group(0) @binding(6) var<storage, read> terms: array<Term>;
@group(0) @binding(7) var<storage, read> dst_row: array<u32>;  // the destination row of each table row

// NB networks per invocation (gid.y · NB ..): every Θ vector loaded once serves NB networks. Node buffers hold a
// multiple of NB networks, so reads past the batch stay in bounds; writes stop at the batch.
fn store_rows(n0: u32, r: u32, acc: ptr<function, array<TV, LV * NB>>) {
  // @unroll
  for (var m = 0u; m < NB; m++) {
    if (n0 + m < op.batch) {
      let out = ((n0 + m) * op.dst_rows + r) * LV;
      // @unroll
      for (var q = 0u; q < LV; q++) {
        if (ACCUMULATE) { dst[out + q] = dst[out + q] + (*acc)[m * LV + q]; } else { dst[out + q] = (*acc)[m * LV + q]; }
      }
    }
  }
}

@compute @workgroup_size(64)
fn gather_rows(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  let n0 = gid.y * NB;
  if (i >= op.table_rows) { return; }
  var acc: array<TV, LV * NB>;
  {{KIND_LOOPS}}
  store_rows(n0, dst_row[i], &acc);
}
