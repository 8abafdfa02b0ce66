// What gather_linear.wgsl and gather_sum.wgsl share: the term and op records, the bindings and the store of a
// row's accumulators. The host (src/gpu/kernels/gatherShader.ts) prepends it with the types TW, T0, T1, TV.

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
@group(0) @binding(5) var<storage, read> row_start: array<u32>;
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
