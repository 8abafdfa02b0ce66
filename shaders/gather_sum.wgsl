// The gathered linear map of src/models/gatherTable.ts for tables without block terms (means, the adjoints of
// means and of row copies, and what is left of a table once its blocks run as block_gemm.wgsl): identity terms
// dst[n, r, :] += coef · src[n, row, :] and bias terms dst[n, r, :] += coef · Θ[blk ..]. The host
// (src/gpu/kernels/gatherShader.ts) prepends LANES (channels), NB, TV/V/LV as for gather_linear.wgsl, writes
// the loop body over terms (the kinds of term the table has: rows of source 0, of source 1, biases; no branch for a kind it lacks)
// and unrolls the `// @unroll` loops. One invocation sums a whole row for NB networks in private accumulators with
// literal indices; sums run in table order, as reference/wsGraphTwin.ts computes them.

struct Term {
  row: i32,
  blk: i32,
  coef: f32,
};

struct GatherOp {
  dst_rows: u32,
  rows0: u32,
  rows1: u32,
  accumulate: u32,  // 1: dst += result
  batch: u32,
};

@group(0) @binding(0) var<uniform> op: GatherOp;
@group(0) @binding(1) var<storage, read> theta: array<TV>;
@group(0) @binding(2) var<storage, read> src0: array<TV>;
@group(0) @binding(3) var<storage, read> src1: array<TV>;
@group(0) @binding(4) var<storage, read_write> dst: array<TV>;
@group(0) @binding(5) var<storage, read> row_start: array<u32>;
@group(0) @binding(6) var<storage, read> terms: array<Term>;

@compute @workgroup_size(64)
fn gather_sum(@builtin(global_invocation_id) gid: vec3<u32>) {
  let r = gid.x;
  let n0 = gid.y * NB;
  if (r >= op.dst_rows) { return; }
  var acc: array<TV, LV * NB>;
  let t_end = row_start[r + 1u];
  for (var t = row_start[r]; t < t_end; t++) {
    let term = terms[t];
    {{TERM_BODY}}
  }
  // node buffers hold whole groups of NB networks: reads past the batch stay in bounds, writes stop at it
  // @unroll
  for (var m = 0u; m < NB; m++) {
    if (n0 + m < op.batch) {
      let out = ((n0 + m) * op.dst_rows + r) * LV;
      // @unroll
      for (var q = 0u; q < LV; q++) {
        if (op.accumulate != 0u) { dst[out + q] = dst[out + q] + acc[m * LV + q]; } else { dst[out + q] = acc[m * LV + q]; }
      }
    }
  }
}
